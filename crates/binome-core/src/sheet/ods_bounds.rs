//! An `.ods` sheet's size, read from its XML before calamine lays out the
//! grid. calamine's ODS reader expands repeated rows and cells into a
//! dense grid and stops only at 100 million cells, so a file of a few
//! hundred bytes repeating one cell over thousands of rows takes gigabytes
//! to refuse (benches/README.md).
//! Here each cell that holds something is placed (repeats counted) and the
//! grid it would need is bounded first.

use super::ods_cells::walk_cells;
use super::{MAX_COLUMNS, MAX_DENSE_CELLS, ReadError, cell_name};
use std::path::Path;

pub fn check_ods(path: &Path) -> Result<(), ReadError> {
    // Per sheet: the rightmost column holding something so far.
    let (mut sheet, mut last_column) = (0usize, 0u64);
    walk_cells(path, |run| {
        if run.sheet_index != sheet {
            (sheet, last_column) = (run.sheet_index, 0);
        }
        if !run.filled {
            return Ok(());
        }
        let through = run.column.saturating_add(run.columns - 1);
        if through >= MAX_COLUMNS as u64 {
            let shown = cell_name(run.row.min(u32::MAX as u64) as u32, through.min(u32::MAX as u64) as u32);
            return Err(ReadError::RangeTooLarge { cell: shown, max_columns: MAX_COLUMNS });
        }
        last_column = last_column.max(through);
        let rows = run.row.saturating_add(run.rows);
        if rows.saturating_mul(last_column.saturating_add(1)) > MAX_DENSE_CELLS as u64 {
            return Err(ReadError::TooManyCells { max: MAX_DENSE_CELLS });
        }
        Ok(())
    })
}
