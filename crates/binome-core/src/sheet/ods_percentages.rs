//! Where an `.ods` sheet's percentages stand. calamine reads a cell
//! LibreOffice shows as "75 %" as its bare value, 0.75; the sheet reader
//! shows it as typed once it knows the cell is a percentage.

use super::ReadError;
use super::ods_cells::walk_cells;
use std::collections::HashMap;
use std::path::Path;

/// For each row holding one, the column spans of its percentage cells.
#[derive(Debug, Default)]
pub struct OdsPercentages(HashMap<u64, Vec<(u64, u64)>>);

impl OdsPercentages {
    pub fn holds(&self, row: u32, column: u32) -> bool {
        let column = u64::from(column);
        self.0.get(&u64::from(row)).is_some_and(|spans| spans.iter().any(|(from, to)| (*from..=*to).contains(&column)))
    }
}

/// The percentage cells of the sheet named `sheet` (of the last so named,
/// as calamine keeps it). Called once [`super::ods_bounds::check_ods`] has
/// bounded the grid, so the rows kept here are as few as the cells calamine
/// lays out.
pub fn percentages_in(path: &Path, sheet: &str) -> Result<OdsPercentages, ReadError> {
    let mut found = OdsPercentages::default();
    let mut sheet_index = None;
    walk_cells(path, |run| {
        if run.sheet != sheet {
            return Ok(());
        }
        if sheet_index != Some(run.sheet_index) {
            (sheet_index, found) = (Some(run.sheet_index), OdsPercentages::default());
        }
        if !run.percentage {
            return Ok(());
        }
        let span = (run.column, run.column.saturating_add(run.columns - 1));
        for row in run.row..run.row.saturating_add(run.rows) {
            found.0.entry(row).or_default().push(span);
        }
        Ok(())
    })?;
    Ok(found)
}
