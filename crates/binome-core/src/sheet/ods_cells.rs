//! An `.ods` workbook's cells as its XML places them, repeats counted and
//! nothing laid out: what [`super::ods_bounds`] bounds before calamine
//! reads the file, and where its percentages and merged cells stand, which
//! calamine does not say ([`super::ods_layout`]).

use super::ReadError;
use quick_xml::events::{BytesStart, Event};
use std::io::BufReader;
use std::path::Path;

/// One cell element: `columns` cells side by side, on `rows` rows alike.
#[derive(Debug)]
pub struct CellRun<'a> {
    /// The sheet's place in the workbook, and its name.
    pub sheet_index: usize,
    pub sheet: &'a str,
    pub row: u64,
    pub rows: u64,
    pub column: u64,
    pub columns: u64,
    /// Holds a value or content; an empty cell only moves the next one on.
    pub filled: bool,
    /// Its value is a percentage (`office:value-type="percentage"`).
    pub percentage: bool,
    /// The rows it is merged over, its own first (1 for a cell not merged).
    pub rows_spanned: u64,
    /// Its row is hidden, by hand or by a filter.
    pub row_hidden: bool,
}

fn repeats(element: &BytesStart, attribute: &str) -> u64 {
    element
        .try_get_attribute(attribute)
        .ok()
        .flatten()
        .and_then(|a| a.value.trim().parse::<u64>().ok())
        .unwrap_or(1)
        .max(1)
}

/// The value type an element declares; `None` for none, or for one that
/// does not decode (the cell is then taken as empty here, and read, or
/// refused, by the sheet reader itself).
fn value_type(element: &BytesStart) -> Option<String> {
    element.try_get_attribute("office:value-type").ok().flatten().map(|a| a.value.into_owned())
}

/// Calls `visit` with each cell element of `content.xml`, in order.
pub fn walk_cells(path: &Path, mut visit: impl FnMut(&CellRun) -> Result<(), ReadError>) -> Result<(), ReadError> {
    let unreadable = |detail: String| ReadError::Workbook { detail };
    let file =
        std::fs::File::open(path).map_err(|source| ReadError::Io { path: path.display().to_string(), source })?;
    let mut archive = zip::ZipArchive::new(file).map_err(|e| unreadable(e.to_string()))?;
    let content = archive.by_name("content.xml").map_err(|e| unreadable(e.to_string()))?;
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(content));
    let mut buf = Vec::new();
    let (mut sheet_index, mut sheet) = (0usize, String::new());
    // The next row's index in the sheet; its repeat count and next column.
    let (mut row, mut row_repeats, mut column) = (0u64, 1u64, 0u64);
    let mut row_hidden = false;
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| unreadable(e.to_string()))?;
        let (element, is_start) = match &event {
            Event::Start(e) => (e, true),
            Event::Empty(e) => (e, false),
            Event::End(e) if e.local_name().as_ref() == "table-row" => {
                row = row.saturating_add(row_repeats);
                buf.clear();
                continue;
            }
            Event::Eof => return Ok(()),
            _ => {
                buf.clear();
                continue;
            }
        };
        match element.local_name().as_ref() {
            "table" => {
                (sheet_index, row) = (sheet_index + 1, 0);
                // A name that does not decode names no sheet calamine lists.
                sheet = element
                    .try_get_attribute("table:name")
                    .ok()
                    .flatten()
                    .and_then(|a| quick_xml::escape::unescape(&a.value).ok().map(|name| name.into_owned()))
                    .unwrap_or_default();
            }
            "table-row" => {
                (row_repeats, column) = (repeats(element, "table:number-rows-repeated"), 0);
                // "collapse" by hand or in a closed group, "filter" under a filter.
                row_hidden = element
                    .try_get_attribute("table:visibility")
                    .ok()
                    .flatten()
                    .is_some_and(|a| matches!(a.value.as_ref(), "collapse" | "filter"));
                if !is_start {
                    row = row.saturating_add(row_repeats);
                }
            }
            "table-cell" | "covered-table-cell" => {
                let columns = repeats(element, "table:number-columns-repeated");
                let kind = value_type(element);
                let run = CellRun {
                    sheet_index,
                    sheet: &sheet,
                    row,
                    rows: row_repeats,
                    column,
                    columns,
                    filled: is_start || kind.is_some(),
                    percentage: kind.as_deref() == Some("percentage"),
                    rows_spanned: repeats(element, "table:number-rows-spanned"),
                    row_hidden,
                };
                visit(&run)?;
                column = column.saturating_add(columns);
            }
            _ => {}
        }
        buf.clear();
    }
}
