//! An `.xls` sheet's size, read from its BIFF records before calamine lays
//! out the grid. calamine builds the dense box from a sheet's first cell to
//! its last, so a tiny file with cells at A1 and IV65536 takes a gigabyte
//! (benches/README.md); and it reserves room for every cell a sheet's
//! DIMENSIONS record declares before reading one, so a 7 KB file that
//! declares four billion rows aborts the process (found by the fuzz target
//! `spreadsheet_reader`). Here every cell record's position is read (rows
//! and columns are the first two fields of each), each declared box too,
//! and the box each sheet would need is bounded first.

use super::xls_records::{BOF, EOF, Record, u16_at, u32_at, walk_records_from, workbook_stream};
use super::{MAX_DENSE_CELLS, ReadError, cell_name};
use std::ops::ControlFlow;
use std::path::Path;

const DIMENSIONS: u16 = 0x0200;
/// A sheet's name, state and where its records start.
const BOUNDSHEET: u16 = 0x0085;
/// Records that place one cell: FORMULA, RSTRING, LABELSST, BLANK, NUMBER,
/// LABEL, BOOLERR, RK.
const ONE_CELL: [u16; 8] = [0x0006, 0x00D6, 0x00FD, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E];
/// Records that place a run of cells on one row: MULRK, MULBLANK.
const CELL_RUN: [u16; 2] = [0x00BD, 0x00BE];

/// The box of cells one sheet places.
#[derive(Default)]
struct SheetBox {
    rows: Option<(u32, u32)>,
    columns: Option<(u32, u32)>,
}

impl SheetBox {
    fn place(&mut self, row: u32, first_column: u32, last_column: u32) {
        let widen = |span: Option<(u32, u32)>, low: u32, high: u32| match span {
            Some((a, b)) => Some((a.min(low), b.max(high))),
            None => Some((low, high)),
        };
        self.rows = widen(self.rows, row, row);
        self.columns = widen(self.columns, first_column, last_column.max(first_column));
    }

    fn check(&self) -> Result<(), ReadError> {
        if let (Some((top, bottom)), Some((left, right))) = (self.rows, self.columns) {
            // A declared box may end before it starts: calamine's unsigned
            // subtraction then wraps to billions, so it is refused as such.
            let span = |first: u32, last: u32| match i64::from(last) - i64::from(first) + 1 {
                n if n < 0 => u64::MAX,
                n => n as u64,
            };
            let cells = span(top, bottom).saturating_mul(span(left, right));
            if cells > MAX_DENSE_CELLS as u64 {
                return Err(ReadError::SheetTooLarge {
                    first: cell_name(top, left),
                    last: cell_name(bottom, right),
                    max: MAX_DENSE_CELLS,
                });
            }
        }
        Ok(())
    }
}

/// The box a DIMENSIONS record declares, read as calamine reads it (first
/// row, last row + 1, first column, last column + 1; a first column past
/// IV or after the last counts as A); `None` where calamine declares one
/// cell or refuses the record itself.
fn declared_box(data: &[u8]) -> Option<SheetBox> {
    let (first_row, row_end, first_column, column_end) = match data.len() {
        10 => (u16_at(data, 0)?, u16_at(data, 2)?, u16_at(data, 4)?, u16_at(data, 6)?),
        14 | 16 => (u32_at(data, 0)?, u32_at(data, 4)?, u16_at(data, 8)?, u16_at(data, 10)?),
        _ => return None,
    };
    let first_column = if first_column > 0xFF || column_end < first_column { 0 } else { first_column };
    if row_end == 0 || column_end == 0 {
        return None;
    }
    Some(SheetBox { rows: Some((first_row, row_end - 1)), columns: Some((first_column, column_end - 1)) })
}

/// Widens the box of the sheet being read by what one record places or
/// declares, and refuses a box too large.
fn bound(sheet: &mut SheetBox, record: &Record) -> Result<(), ReadError> {
    let data = record.data;
    match record.kind {
        BOF => *sheet = SheetBox::default(),
        EOF => sheet.check()?,
        DIMENSIONS => {
            if let Some(declared) = declared_box(data) {
                declared.check()?;
            }
        }
        k if ONE_CELL.contains(&k) => {
            if let (Some(row), Some(column)) = (u16_at(data, 0), u16_at(data, 2)) {
                sheet.place(row, column, column);
            }
        }
        k if CELL_RUN.contains(&k) => {
            if let (Some(row), Some(first), Some(last)) =
                (u16_at(data, 0), u16_at(data, 2), data.len().checked_sub(2).and_then(|at| u16_at(data, at)))
            {
                sheet.place(row, first, last);
            }
        }
        _ => {}
    }
    sheet.check()
}

pub fn check_xls(path: &Path) -> Result<(), ReadError> {
    let Some(stream) = workbook_stream(path)? else { return Ok(()) };
    let mut sheet = SheetBox::default();
    let mut sheet_starts = Vec::new();
    walk_records_from(&stream, 0, |record| {
        if record.kind == BOUNDSHEET {
            sheet_starts.extend(u32_at(record.data, 0));
        }
        bound(&mut sheet, record)?;
        Ok(ControlFlow::Continue(()))
    })?;
    // calamine reads each sheet from where its BOUNDSHEET record says, to
    // its EOF record, whatever stands before: a position inside another
    // record makes other records of the same bytes (found by the fuzz
    // target `spreadsheet_reader`: a DIMENSIONS record of four billion rows
    // that the walk from the start never met). Each is bounded as read so.
    for start in sheet_starts {
        // As calamine: a BOF after the sheet's own opens an embedded chart,
        // whose records up to its EOF are skipped; the sheet's EOF ends it.
        let (mut sheet, mut seen_bof, mut depth) = (SheetBox::default(), false, 0usize);
        walk_records_from(&stream, start as usize, |record| {
            match (record.kind, depth) {
                (BOF, _) if seen_bof => depth += 1,
                (EOF, 1..) => depth -= 1,
                (_, 1..) => {}
                (EOF, 0) => {
                    sheet.check()?;
                    return Ok(ControlFlow::Break(()));
                }
                (BOF, 0) => seen_bof = true,
                _ => bound(&mut sheet, record)?,
            }
            Ok(ControlFlow::Continue(()))
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn record(kind: u16, data: &[u8]) -> Vec<u8> {
        let mut bytes = kind.to_le_bytes().to_vec();
        bytes.extend((data.len() as u16).to_le_bytes());
        bytes.extend(data);
        bytes
    }

    /// A workbook whose only sheet starts, by its BOUNDSHEET record, inside
    /// another record, whose bytes read from there are a DIMENSIONS record
    /// of four billion rows, then an EOF.
    fn sheet_inside_a_record(path: &Path) {
        let mut declared = 0u32.to_le_bytes().to_vec(); // first row
        declared.extend(u32::MAX.to_le_bytes()); // last row + 1
        declared.extend([0, 0, 8, 0, 0, 0]); // columns A to H, and 2 bytes more
        let inside = [record(DIMENSIONS, &declared), record(EOF, &[])].concat();
        let bof = record(BOF, &[0x00, 0x06, 0x05, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        // BOF, BOUNDSHEET, then a record of another type whose data, after
        // four bytes, holds the sheet's records.
        let boundsheet_length = 4 + 4 + 2 + 2 + 4;
        let start = (bof.len() + boundsheet_length + 4 + 4) as u32;
        let mut sheet = start.to_le_bytes().to_vec();
        sheet.extend([0, 0, 4, 0]);
        sheet.extend(b"Feui");
        let boundsheet = record(BOUNDSHEET, &sheet);
        assert_eq!(boundsheet.len(), boundsheet_length);
        let hiding = record(0x00FC, &[&[0xAA; 4][..], &inside].concat());
        let stream = [bof, boundsheet, hiding, record(EOF, &[])].concat();
        assert_eq!(&stream[start as usize..start as usize + 2], &DIMENSIONS.to_le_bytes());
        let mut file = cfb::create(path).unwrap();
        file.create_stream("/Workbook").unwrap().write_all(&stream).unwrap();
        file.flush().unwrap();
    }

    #[test]
    fn a_sheet_read_from_where_its_boundsheet_says_is_bounded_as_calamine_reads_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("inside.xls");
        sheet_inside_a_record(&path);
        assert!(matches!(check_xls(&path), Err(ReadError::SheetTooLarge { .. })), "{:?}", check_xls(&path));
    }
}
