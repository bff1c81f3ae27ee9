//! A line of a sheet as the person sees it in Excel: its number and what
//! it opens with, to name a line the import did not read as a row (a
//! total, a signature, a row the workbook hides).

use serde::Serialize;

#[cfg(feature = "ts")]
use ts_rs::TS;

/// The most characters of a line's text shown: enough to know it again.
const SHOWN_CHARS: usize = 80;

/// A line of the sheet named by its number and its first text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct SheetLine {
    pub line: u32,
    /// Its first text (a number in the numbering column aside).
    pub text: String,
}

impl SheetLine {
    pub fn of((line, cells): &(usize, Vec<String>)) -> SheetLine {
        SheetLine { line: *line as u32, text: first_text(cells).chars().take(SHOWN_CHARS).collect() }
    }
}

/// The row's filled cells, trimmed.
pub(crate) fn filled(cells: &[String]) -> impl Iterator<Item = &str> + Clone {
    cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty())
}

/// A cell of the numbering column.
pub(crate) fn is_number(cell: &str) -> bool {
    cell.chars().all(|c| c.is_ascii_digit())
}

/// The row's first text, a number in the numbering column aside.
pub(crate) fn first_text(cells: &[String]) -> &str {
    filled(cells).find(|c| !is_number(c)).or_else(|| filled(cells).next()).unwrap_or_default()
}
