//! What calamine does not say of an `.ods` sheet: where its percentages
//! stand (calamine reads a cell LibreOffice shows as "75 %" as its bare
//! value, 0.75) and which cells are merged down over the rows below them
//! (calamine reads the rows the merge covers as empty), and which rows it
//! hides.

use super::ReadError;
use super::merged::MergedRegions;
use super::ods_cells::walk_cells;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

#[derive(Debug, Default)]
pub struct OdsLayout {
    /// For each row holding one, the column spans of its percentage cells.
    percentages: HashMap<u64, Vec<(u64, u64)>>,
    pub merged: MergedRegions,
    /// The rows hidden that hold a cell.
    pub hidden_rows: BTreeSet<u32>,
}

impl OdsLayout {
    pub fn holds_percentage(&self, row: u32, column: u32) -> bool {
        let column = u64::from(column);
        self.percentages
            .get(&u64::from(row))
            .is_some_and(|spans| spans.iter().any(|(from, to)| (*from..=*to).contains(&column)))
    }
}

/// The layout of the sheet named `sheet` (of the last so named, as
/// calamine keeps it). Called once [`super::ods_bounds::check_ods`] has
/// bounded the grid, so the rows kept here are as few as the cells calamine
/// lays out.
pub fn layout_of(path: &Path, sheet: &str) -> Result<OdsLayout, ReadError> {
    let mut found = OdsLayout::default();
    let mut sheet_index = None;
    walk_cells(path, |run| {
        if run.sheet != sheet {
            return Ok(());
        }
        if sheet_index != Some(run.sheet_index) {
            (sheet_index, found) = (Some(run.sheet_index), OdsLayout::default());
        }
        if run.rows_spanned > 1 {
            // A spanning cell repeated across columns spans each of them;
            // rows past a sheet's last are beyond what any grid lays out.
            let row = u32::try_from(run.row).unwrap_or(u32::MAX);
            let last_row = u32::try_from(run.row.saturating_add(run.rows_spanned - 1)).unwrap_or(u32::MAX);
            for column in run.column..run.column.saturating_add(run.columns).min(u64::from(super::MAX_COLUMNS)) {
                let column = column as u32;
                found.merged.add((row, column), (last_row, column))?;
            }
        }
        if run.row_hidden && run.filled {
            // Rows past a sheet's last are beyond what any grid lays out.
            let rows = run.row..run.row.saturating_add(run.rows).min(u64::from(super::MAX_SHEET_ROWS));
            found.hidden_rows.extend(rows.map(|row| row as u32));
        }
        if !run.percentage {
            return Ok(());
        }
        let span = (run.column, run.column.saturating_add(run.columns - 1));
        for row in run.row..run.row.saturating_add(run.rows) {
            found.percentages.entry(row).or_default().push(span);
        }
        Ok(())
    })?;
    Ok(found)
}
