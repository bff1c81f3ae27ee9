//! Reading the tables people actually send: `.xlsx` saved by Excel or
//! LibreOffice, `.ods`, `.xls`, and delimited text in whatever encoding
//! Excel, LibreOffice or Google Sheets wrote. Everything read is bounded
//! and checked before it is used; line numbers are the ones a person sees
//! in Excel or a text editor. Finding the header row among title rows is
//! [`Grid::into_table`]'s job; what the columns mean is the import's.

mod csv;
mod line;
mod merged;
mod number_format;
mod ods_bounds;
mod ods_cells;
mod ods_layout;
mod text;
mod workbook;
mod xls_bounds;
mod xls_layout;
mod xls_records;
mod xlsx_bounds;
mod xlsx_hidden_rows;

pub use line::SheetLine;
pub(crate) use line::{filled, first_text, is_number};
pub use text::TextEncoding;
pub use workbook::{cell_name, column_letters};

use serde::Serialize;
use std::path::Path;

/// Excel's own limit for one cell.
pub const MAX_CELL_CHARS: usize = 32_767;
/// A participant list has tens of columns; a cell beyond this one is a
/// stray mark or a hostile file, and the grid is never laid out to it.
pub const MAX_COLUMNS: u32 = 256;
/// Excel's last row: a row numbered past it is no row of a sheet.
pub const MAX_SHEET_ROWS: u32 = 1_048_576;
/// Cells of the grid calamine lays out for an `.ods` sheet (empty ones
/// included): 30 columns of 100,000 participants, with room to spare.
pub const MAX_DENSE_CELLS: usize = 4_000_000;
/// Non-empty cells in one sheet or file: a country's register, ten times.
pub const MAX_CELLS: usize = 20_000_000;
pub const MAX_TEXT_FILE_BYTES: u64 = 512 * 1024 * 1024;
/// What a workbook's parts may claim once inflated.
pub const MAX_UNZIPPED_BYTES: u64 = 512 * 1024 * 1024;
/// The header row is looked for among the first rows only.
const HEADER_SEARCH_ROWS: usize = 30;

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read {path}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("not a readable workbook: {detail}")]
    Workbook { detail: String },
    #[error("line {line}: {source}")]
    Delimited {
        line: usize,
        #[source]
        source: ::csv::Error,
    },
    #[error("no cell holds anything")]
    Empty,
    #[error("no sheet named {sheet:?} (sheets: {sheets:?})")]
    SheetNotFound { sheet: String, sheets: Vec<String> },
    #[error("a cell at {cell} is beyond column {max_columns}")]
    RangeTooLarge { cell: String, max_columns: u32 },
    #[error("more than {max} cells")]
    TooManyCells { max: usize },
    #[error("more than {max} merged regions in a sheet")]
    TooManyMergedRegions { max: usize },
    /// The box from the first filled cell to the last would hold more than
    /// `max` cells (one stray cell far down and right).
    #[error("cells from {first} to {last}, more than {max}")]
    SheetTooLarge { first: String, last: String, max: usize },
    #[error("line {line}, column {column}: more than {max} characters in a cell")]
    CellTooLong { line: usize, column: usize, max: usize },
    #[error("{bytes} bytes, more than {max}")]
    FileTooLarge { bytes: u64, max: u64 },
    #[error("parts that inflate to {bytes} bytes, more than {max}")]
    InflatesTooMuch { bytes: u64, max: u64 },
    /// The workbook says it holds more shared texts than its part of
    /// `bytes` bytes can: damaged, or made to exhaust memory.
    #[error("{declared} shared texts declared in {bytes} bytes")]
    SharedTextsMiscounted { declared: u64, bytes: u64 },
    #[error("line {line} is not UTF-8 while line {utf8_line:?} is")]
    MixedEncoding { line: usize, utf8_line: Option<usize> },
    #[error("the quote opened on line {line} does not close at the end of a cell")]
    UnclosedQuote { line: usize },
    #[error("line {line}, column {column}: control character U+{code:04X}")]
    ControlCharacter { line: usize, column: usize, code: u32 },
}

impl ReadError {
    pub fn code(&self) -> &'static str {
        match self {
            ReadError::Io { .. } => "io",
            ReadError::Workbook { .. } | ReadError::Delimited { .. } => "unreadable",
            ReadError::Empty => "empty",
            ReadError::SheetNotFound { .. } => "sheet-not-found",
            ReadError::RangeTooLarge { .. } => "range-too-large",
            ReadError::TooManyCells { .. } => "too-many-cells",
            ReadError::TooManyMergedRegions { .. } => "too-many-merged-regions",
            ReadError::SheetTooLarge { .. } => "sheet-too-large",
            ReadError::CellTooLong { .. } => "cell-too-long",
            ReadError::FileTooLarge { .. } => "file-too-large",
            ReadError::InflatesTooMuch { .. } => "inflates-too-much",
            ReadError::SharedTextsMiscounted { .. } => "shared-texts-miscounted",
            ReadError::MixedEncoding { .. } => "mixed-encoding",
            ReadError::UnclosedQuote { .. } => "unclosed-quote",
            ReadError::ControlCharacter { .. } => "control-character",
        }
    }
}

/// Where the rows came from, to show the person what was decided for them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Source {
    /// The sheet read, for a workbook.
    pub sheet: Option<String>,
    /// Every sheet of the workbook, to let the person pick another.
    pub sheets: Vec<String>,
    /// How a text file was decoded.
    pub encoding: Option<TextEncoding>,
    /// The lines of the sheet the workbook hides (by hand, or by a filter)
    /// that hold something, read or not as [`HiddenRows`] says.
    pub hidden_lines: Vec<SheetLine>,
    /// Whether those lines were read as rows.
    pub hidden_rows: HiddenRows,
}

/// What becomes of the rows a workbook hides. What the person sees in
/// Excel is the list: a filter on one service, or the rows of those who
/// did not come hidden by hand, leave the others out of it. They are
/// listed, and read when the person asks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum HiddenRows {
    #[default]
    LeftOut,
    Read,
}

/// One row as read: (line as the person sees it, cells as text).
pub type Row = (usize, Vec<String>);
pub type RowRead = Result<Row, ReadError>;
/// Non-empty rows, read one at a time: a file is never held whole.
pub type Rows<'a> = Box<dyn Iterator<Item = RowRead> + 'a>;
/// Opens a file's bytes from its start, once per pass over it.
pub type Opener<'a> = dyn Fn() -> std::io::Result<Box<dyn std::io::Read + 'a>> + 'a;

/// Non-empty rows as read, before the header is known.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub rows: Vec<Row>,
    pub source: Source,
}

/// What is known of a table once its header is found.
#[derive(Debug, Clone, PartialEq)]
pub struct TableHead {
    pub headers: Vec<String>,
    pub header_line: usize,
    /// Lines above the header that hold something (titles, dates).
    pub skipped_lines: Vec<usize>,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub head: TableHead,
    pub rows: Vec<Row>,
}

impl Table {
    /// The rows again, as a pass over a file would give them.
    pub fn rows(&self) -> Rows<'_> {
        Box::new(self.rows.iter().cloned().map(Ok))
    }
}

impl Grid {
    fn new(rows: Vec<Row>, source: Source) -> Grid {
        let rows = rows.into_iter().filter(|(_, cells)| cells.iter().any(|c| !c.is_empty())).collect();
        Grid { rows, source }
    }

    pub fn into_table(self, score: impl Fn(&[String]) -> usize) -> Result<Table, ReadError> {
        let (head, rows) = find_header(self.source, Box::new(self.rows.into_iter().map(Ok)), score)?;
        Ok(Table { head, rows: rows.collect::<Result<_, _>>()? })
    }
}

/// The row among the first ones whose cells `score` best as headings
/// becomes the header (the first row when none scores); the rows after it
/// follow, still unread.
pub fn find_header<'a>(
    source: Source,
    mut rows: Rows<'a>,
    score: impl Fn(&[String]) -> usize,
) -> Result<(TableHead, Rows<'a>), ReadError> {
    let mut first: Vec<Row> = Vec::with_capacity(HEADER_SEARCH_ROWS);
    for row in rows.by_ref().take(HEADER_SEARCH_ROWS) {
        first.push(row?);
    }
    let best = first
        .iter()
        .enumerate()
        .map(|(index, (_, cells))| (score(cells), index))
        .filter(|(score, _)| *score > 0)
        // The highest score; the earliest row among equals.
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
        .map_or(0, |(_, index)| index);
    let mut first = first.into_iter();
    let skipped_lines: Vec<usize> = first.by_ref().take(best).map(|(line, _)| line).collect();
    let (header_line, headers) = first.next().ok_or(ReadError::Empty)?;
    let head = TableHead {
        headers: headers.into_iter().map(|h| h.trim().to_owned()).collect(),
        header_line,
        skipped_lines,
        source,
    };
    Ok((head, Box::new(first.map(Ok).chain(rows))))
}

fn is_workbook(path: &Path) -> bool {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_lowercase();
    matches!(extension.as_str(), "xlsx" | "xlsm" | "xls" | "ods")
}

/// The rows of the file (of `sheet`, or the first sheet that holds
/// something, for a workbook), one at a time: delimited text is read in
/// chunks from the disk; a workbook's sheet is laid out whole (bounded) first.
pub fn read_rows<'a>(
    path: &'a Path,
    sheet: Option<&str>,
    hidden_rows: HiddenRows,
) -> Result<(Source, Rows<'a>), ReadError> {
    if is_workbook(path) {
        let grid = workbook::read_workbook(path, sheet, hidden_rows)?;
        return Ok((grid.source, Box::new(grid.rows.into_iter().map(Ok))));
    }
    let io = |source| ReadError::Io { path: path.display().to_string(), source };
    let bytes = std::fs::metadata(path).map_err(io)?.len();
    if bytes > MAX_TEXT_FILE_BYTES {
        return Err(ReadError::FileTooLarge { bytes, max: MAX_TEXT_FILE_BYTES });
    }
    let open: Box<Opener<'a>> = Box::new(move || {
        let file = std::fs::File::open(path)?;
        Ok(Box::new(std::io::BufReader::with_capacity(1 << 16, file)) as Box<dyn std::io::Read>)
    });
    let (source, rows) = csv::delimited_rows(&*open, &path.display().to_string())?;
    Ok((source, rows))
}

/// Delimited text whose first non-empty row is the header: for templates
/// and tests, where the layout is ours.
pub fn read_csv(bytes: &[u8]) -> Result<Table, ReadError> {
    csv::read_delimited(bytes)?.into_table(|_| 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[(usize, &[&str])]) -> Grid {
        Grid::new(
            rows.iter().map(|(l, cells)| (*l, cells.iter().map(|c| c.to_string()).collect())).collect(),
            Source::default(),
        )
    }

    #[test]
    fn the_header_is_the_row_that_looks_most_like_one() {
        let table = grid(&[
            (1, &["LISTE DES PARTICIPANTS – FORMATION SONU MOUNDOU", "", ""]),
            (3, &["N°", "Nom", "Prénom(s)"]),
            (4, &["1", "MAHAMAT", "Zénaba"]),
        ])
        .into_table(|cells| cells.iter().filter(|c| c.starts_with("Nom") || c.starts_with("Pr")).count())
        .unwrap();
        assert_eq!((table.head.header_line, table.head.skipped_lines.clone()), (3, vec![1]));
        assert_eq!(table.head.headers, ["N°", "Nom", "Prénom(s)"]);
        assert_eq!(table.rows, vec![(4, vec!["1".to_string(), "MAHAMAT".into(), "Zénaba".into()])]);
    }

    #[test]
    fn without_any_heading_known_the_first_row_is_the_header() {
        let table = grid(&[(2, &["a", "b"]), (3, &["c", "d"])]).into_table(|_| 0).unwrap();
        assert_eq!((table.head.header_line, table.rows.len()), (2, 1));
    }
}
