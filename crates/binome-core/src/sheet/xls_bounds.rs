//! An `.xls` sheet's size, read from its BIFF records before calamine lays
//! out the grid. calamine builds the dense box from a sheet's first cell to
//! its last, so a tiny file with cells at A1 and IV65536 takes a gigabyte
//! (benches/README.md); and it reserves room for every cell a sheet's
//! DIMENSIONS record declares before reading one, so a 7 KB file that
//! declares four billion rows aborts the process (found by the fuzz target
//! `spreadsheet_reader`). Here every cell record's position is read (rows
//! and columns are the first two fields of each), each declared box too,
//! and the box each sheet would need is bounded first.

use super::xls_records::{BOF, EOF, u16_at, u32_at, walk_records};
use super::{MAX_DENSE_CELLS, ReadError, cell_name};
use std::ops::ControlFlow;
use std::path::Path;

const DIMENSIONS: u16 = 0x0200;
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

pub fn check_xls(path: &Path) -> Result<(), ReadError> {
    let mut sheet = SheetBox::default();
    walk_records(path, |record| {
        let data = record.data;
        match record.kind {
            BOF => sheet = SheetBox::default(),
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
        sheet.check()?;
        Ok(ControlFlow::Continue(()))
    })
}
