//! What calamine does not say of an `.xls` sheet: where its percentages
//! stand, and which rows it hides. calamine reads a cell Excel shows as
//! "75 %" as its bare value, 0.75, and gives no number formats; they are
//! read here from the workbook's records: its FORMAT records (a custom
//! format's code), its XF records (the format of each cell style) and, in
//! the sheet, the style each number cell names. A hidden row (by hand, or
//! by a filter) is a ROW record so flagged.

use super::ReadError;
use super::number_format::shows_percentage;
use super::xls_records::{BOF, EOF, u16_at, u32_at, walk_records};
use std::collections::{BTreeSet, HashSet};
use std::ops::ControlFlow;
use std::path::Path;

const FORMAT: u16 = 0x041E;
const XF: u16 = 0x00E0;
const BOUNDSHEET: u16 = 0x0085;
/// Records holding one number, its XF index at byte 4: FORMULA, NUMBER, RK.
const ONE_NUMBER: [u16; 3] = [0x0006, 0x0203, 0x027E];
/// A run of numbers on one row, each with its XF index.
const MULRK: u16 = 0x00BD;
/// A row's height and options, among them whether it is hidden.
const ROW: u16 = 0x0208;
/// The ROW record's "height zero" option: the row is hidden.
const ROW_HIDDEN: u32 = 0x0020;
/// Excel's own `0%` and `0.00%`: no FORMAT record names them.
const BUILT_IN_PERCENTAGES: [u32; 2] = [9, 10];
const BIFF8: u32 = 0x0600;

#[derive(Debug, Default)]
pub struct XlsLayout {
    /// The percentage cells, by (row, column).
    percentages: HashSet<(u32, u32)>,
    pub hidden_rows: BTreeSet<u32>,
}

impl XlsLayout {
    pub fn holds_percentage(&self, row: u32, column: u32) -> bool {
        self.percentages.contains(&(row, column))
    }
}

/// Where the walk stands: in the workbook's globals, between sheets, or in
/// the sheet asked for (`depth` counts the charts nested in it).
enum Part {
    Globals,
    Elsewhere,
    Sheet { depth: usize },
}

/// A FORMAT record's number and code. Only ASCII characters decide whether
/// a code scales, so the code's other characters need no codepage.
fn format_record(data: &[u8], biff8: bool) -> Option<(u32, String)> {
    let id = u16_at(data, 0)?;
    let code = if biff8 {
        let (count, wide) = (u16_at(data, 2)? as usize, data.get(4)? & 1 == 1);
        let chars = data.get(5..)?;
        if wide {
            chars
                .chunks_exact(2)
                .take(count)
                .map(|c| char::from_u32(u32::from(u16::from_le_bytes([c[0], c[1]]))))
                .collect::<Option<String>>()?
        } else {
            chars.iter().take(count).map(|b| char::from(*b)).collect()
        }
    } else {
        let count = usize::from(*data.get(2)?);
        data.get(3..)?.iter().take(count).map(|b| char::from(*b)).collect()
    };
    Some((id, code))
}

/// The layout of the sheet at `sheet_index` in the workbook's list of
/// sheets (as calamine lists them: one per BOUNDSHEET record).
pub fn xls_layout(path: &Path, sheet_index: usize) -> Result<XlsLayout, ReadError> {
    let mut biff8 = true;
    let mut percentage_formats: HashSet<u32> = BUILT_IN_PERCENTAGES.into();
    let (mut style_formats, mut percentage_styles) = (Vec::new(), Vec::new());
    let mut sheet_offsets = Vec::new();
    let mut part = Part::Globals;
    let mut found = XlsLayout::default();
    let is_percentage = |styles: &[bool], index: Option<u32>| index.and_then(|i| styles.get(i as usize)) == Some(&true);
    walk_records(path, |record| {
        let data = record.data;
        match &mut part {
            Part::Globals => match record.kind {
                BOF if record.offset == 0 => biff8 = u16_at(data, 0) == Some(BIFF8),
                FORMAT => {
                    if let Some((id, code)) = format_record(data, biff8) {
                        if shows_percentage(&code) {
                            percentage_formats.insert(id);
                        }
                    }
                }
                // A cell names its style in 16 bits: styles past those are
                // never named, and not kept.
                XF if style_formats.len() <= usize::from(u16::MAX) => style_formats.push(u16_at(data, 2)),
                BOUNDSHEET if sheet_offsets.len() <= sheet_index => sheet_offsets.push(u32_at(data, 0).map(u64::from)),
                EOF => {
                    percentage_styles = style_formats
                        .iter()
                        .map(|format| format.is_some_and(|f| percentage_formats.contains(&f)))
                        .collect();
                    part = Part::Elsewhere;
                }
                _ => {}
            },
            Part::Elsewhere => {
                if record.kind == BOF && sheet_offsets.get(sheet_index) == Some(&Some(record.offset)) {
                    part = Part::Sheet { depth: 0 };
                }
            }
            Part::Sheet { depth } => match record.kind {
                BOF => *depth += 1,
                EOF if *depth == 0 => return Ok(ControlFlow::Break(())),
                EOF => *depth -= 1,
                kind if *depth == 0 && ONE_NUMBER.contains(&kind) => {
                    if let (Some(row), Some(column)) = (u16_at(data, 0), u16_at(data, 2)) {
                        if is_percentage(&percentage_styles, u16_at(data, 4)) {
                            found.percentages.insert((row, column));
                        }
                    }
                }
                ROW if *depth == 0 => {
                    if let (Some(row), Some(options)) = (u16_at(data, 0), u16_at(data, 12)) {
                        if options & ROW_HIDDEN != 0 {
                            found.hidden_rows.insert(row);
                        }
                    }
                }
                MULRK if *depth == 0 => {
                    // Row, first column, then (XF index, number) six bytes
                    // each, then the last column.
                    if let (Some(row), Some(first)) = (u16_at(data, 0), u16_at(data, 2)) {
                        let numbers = data.len().saturating_sub(6) / 6;
                        for n in 0..numbers {
                            if is_percentage(&percentage_styles, u16_at(data, 4 + 6 * n)) {
                                found.percentages.insert((row, first + n as u32));
                            }
                        }
                    }
                }
                _ => {}
            },
        }
        Ok(ControlFlow::Continue(()))
    })?;
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::format_record;

    #[test]
    fn a_format_record_is_read_in_each_of_its_spellings() {
        // BIFF8, one byte a character: number 164, "0.0%".
        let narrow = [164, 0, 4, 0, 0, b'0', b'.', b'0', b'%'];
        assert_eq!(format_record(&narrow, true), Some((164, "0.0%".to_owned())));
        // BIFF8, two bytes a character: number 165, "0 %".
        let wide = [165, 0, 3, 0, 1, b'0', 0, b' ', 0, b'%', 0];
        assert_eq!(format_record(&wide, true), Some((165, "0 %".to_owned())));
        // BIFF5: a one-byte count, bytes in the workbook's codepage.
        let biff5 = [166, 0, 2, b'0', b'%'];
        assert_eq!(format_record(&biff5, false), Some((166, "0%".to_owned())));
        // Cut short: what is there is read, a missing header is none.
        assert_eq!(format_record(&[167, 0, 9, 0, 0, b'0'], true), Some((167, "0".to_owned())));
        assert_eq!(format_record(&[168, 0], true), None);
    }
}
