//! An `.ods` sheet's size, read from its XML before calamine lays out the
//! grid. calamine's ODS reader expands repeated rows and cells into a
//! dense grid and stops only at 100 million cells, so a file of a few
//! hundred bytes repeating one cell over thousands of rows takes gigabytes
//! to refuse (benches/README.md).
//! Here each cell that holds something is placed (repeats counted) and the
//! grid it would need is bounded first.

use super::{MAX_COLUMNS, MAX_DENSE_CELLS, ReadError, cell_name};
use quick_xml::events::{BytesStart, Event};
use std::io::BufReader;
use std::path::Path;

fn repeats(element: &BytesStart, attribute: &str) -> u64 {
    element
        .try_get_attribute(attribute)
        .ok()
        .flatten()
        .and_then(|a| a.value.trim().parse::<u64>().ok())
        .unwrap_or(1)
        .max(1)
}

pub fn check_ods(path: &Path) -> Result<(), ReadError> {
    let unreadable = |detail: String| ReadError::Workbook { detail };
    let file =
        std::fs::File::open(path).map_err(|source| ReadError::Io { path: path.display().to_string(), source })?;
    let mut archive = zip::ZipArchive::new(file).map_err(|e| unreadable(e.to_string()))?;
    let content = archive.by_name("content.xml").map_err(|e| unreadable(e.to_string()))?;
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(content));
    let mut buf = Vec::new();
    // Per sheet: the next row's index and the box of cells holding something.
    let (mut row, mut last_column) = (0u64, 0u64);
    // Per row: its repeat count, the next cell's column, whether it holds something.
    let (mut row_repeats, mut column, mut row_filled) = (1u64, 0u64, false);
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| unreadable(e.to_string()))?;
        let (element, is_start) = match &event {
            Event::Start(e) => (Some(e.clone()), true),
            Event::Empty(e) => (Some(e.clone()), false),
            Event::End(e) if e.local_name().as_ref() == "table-row" => {
                if row_filled {
                    let through = row.saturating_add(row_repeats - 1);
                    let cells = through.saturating_add(1).saturating_mul(last_column.saturating_add(1));
                    if cells > MAX_DENSE_CELLS as u64 {
                        return Err(ReadError::TooManyCells { max: MAX_DENSE_CELLS });
                    }
                }
                row = row.saturating_add(row_repeats);
                (None, false)
            }
            Event::Eof => return Ok(()),
            _ => (None, false),
        };
        let Some(element) = element else {
            buf.clear();
            continue;
        };
        match element.local_name().as_ref() {
            "table" => (row, last_column) = (0, 0),
            "table-row" => {
                (row_repeats, column, row_filled) = (repeats(&element, "table:number-rows-repeated"), 0, false);
                if !is_start {
                    row = row.saturating_add(row_repeats);
                }
            }
            "table-cell" | "covered-table-cell" => {
                let count = repeats(&element, "table:number-columns-repeated");
                // An attribute that does not decode is no value type: the
                // cell is then bounded as empty, and read (and refused if
                // need be) by the sheet reader itself.
                let has_value = element.try_get_attribute("office:value-type").ok().flatten().is_some();
                if is_start || has_value {
                    let through = column.saturating_add(count - 1);
                    if through >= MAX_COLUMNS as u64 {
                        let shown = cell_name(row.min(u32::MAX as u64) as u32, through.min(u32::MAX as u64) as u32);
                        return Err(ReadError::RangeTooLarge { cell: shown, max_columns: MAX_COLUMNS });
                    }
                    last_column = last_column.max(through);
                    row_filled = true;
                }
                column = column.saturating_add(count);
            }
            _ => {}
        }
        buf.clear();
    }
}
