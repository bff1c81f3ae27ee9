//! Cells merged down a column, read as the sheet shows them. A host
//! hospital's list types a facility, a service or a session's date once
//! and merges it over the rows of everyone it concerns; the file holds the
//! value in the first cell only, but every one of those rows shows it, and
//! the person checking the preview expects it on each.

use super::{MAX_COLUMNS, ReadError};

/// A sheet's merges a real list holds are a few per group of rows; a
/// hostile file's are refused past this many.
pub const MAX_MERGED_REGIONS: usize = 1_000_000;

/// A value merged over the rows below its own, in its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MergedDown {
    pub column: u32,
    pub first_row: u32,
    pub last_row: u32,
}

/// The merged-down parts of a sheet's merged regions, as they are read.
#[derive(Debug, Default)]
pub struct MergedRegions(Vec<MergedDown>);

impl MergedRegions {
    /// A region from its first to its last cell, both inclusive. Only its
    /// first column repeats its value down: a title merged across columns
    /// stays one cell, and a heading merged over two columns is not
    /// doubled into a second column of the same name.
    pub fn add(&mut self, first: (u32, u32), last: (u32, u32)) -> Result<(), ReadError> {
        let ((first_row, column), (last_row, _)) = (first, last);
        if last_row <= first_row || column >= MAX_COLUMNS {
            return Ok(());
        }
        if self.0.len() >= MAX_MERGED_REGIONS {
            return Err(ReadError::TooManyMergedRegions { max: MAX_MERGED_REGIONS });
        }
        self.0.push(MergedDown { column, first_row, last_row });
        Ok(())
    }

    /// The regions calamine reads from an `.xlsx` or `.xls` sheet.
    pub fn of_calamine(regions: Vec<calamine::Dimensions>) -> Result<MergedRegions, ReadError> {
        let mut merged = MergedRegions::default();
        for region in regions {
            merged.add(region.start, region.end)?;
        }
        Ok(merged)
    }

    pub fn iter(&self) -> impl Iterator<Item = &MergedDown> {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regions_over_several_rows_repeat_and_only_in_their_first_column() {
        let mut regions = MergedRegions::default();
        regions.add((0, 0), (0, 7)).unwrap(); // a title across the columns
        regions.add((4, 5), (6, 5)).unwrap(); // a facility over three rows
        regions.add((8, 2), (9, 3)).unwrap(); // two columns over two rows
        regions.add((3, MAX_COLUMNS), (9, MAX_COLUMNS)).unwrap(); // past the grid
        let kept: Vec<MergedDown> = regions.iter().copied().collect();
        assert_eq!(
            kept,
            [MergedDown { column: 5, first_row: 4, last_row: 6 }, MergedDown { column: 2, first_row: 8, last_row: 9 }]
        );
    }
}
