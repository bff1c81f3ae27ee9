//! Workbooks: `.xlsx` / `.xlsm` read cell by cell, so a sheet's size is
//! known before anything is laid out (calamine's `worksheet_range` builds
//! the whole bounding grid: one cell at XFD1048576 is 17 billion cells);
//! `.ods` through calamine once its XML has bounded the grid
//! ([`super::ods_bounds`]); `.xls` through calamine, whose format caps a
//! sheet at 65,536 × 256 cells, once its records have bounded the grid
//! ([`super::xls_bounds`]).
//!
//! A number formatted as a percentage reads as its cell shows it ("75 %"),
//! from its number format in `.xlsx` ([`super::number_format`]) and `.xls`
//! ([`super::xls_layout`]) and its value type in `.ods`
//! ([`super::ods_layout`]). A value merged down over rows stands on each of
//! them, as shown ([`super::merged`]). Unless asked for by name, a sheet
//! the workbook hides (the lists its drop-downs draw from) is read only
//! when no sheet it shows holds a cell. The rows a sheet hides are listed,
//! and read only when asked ([`HiddenRows`]).

use super::merged::MergedRegions;
use super::number_format::{percentage_text, shows_percentage};
use super::ods_layout::{OdsLayout, layout_of};
use super::text::is_forbidden_control;
use super::xls_layout::{XlsLayout, xls_layout};
use super::{
    Grid, HiddenRows, MAX_CELL_CHARS, MAX_CELLS, MAX_COLUMNS, MAX_UNZIPPED_BYTES, ReadError, SheetLine, Source,
};
use calamine::{Data, DataRef, Reader, Sheet, SheetVisible, Sheets, Xlsx, open_workbook, open_workbook_auto};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// "XFD" for the 16384th column (index 16383).
pub fn column_letters(column: u32) -> String {
    let mut letters = Vec::new();
    let mut n = column + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

/// "XFD1048576" for (1048575, 16383).
pub fn cell_name(row: u32, column: u32) -> String {
    format!("{}{}", column_letters(column), row + 1)
}

/// Refuses a zip whose entries claim more than the limit once inflated:
/// calamine inflates shared strings and styles whole when it opens a file.
fn check_inflated_size(path: &Path) -> Result<(), ReadError> {
    let file =
        std::fs::File::open(path).map_err(|source| ReadError::Io { path: path.display().to_string(), source })?;
    let mut archive = zip::ZipArchive::new(file).map_err(|e| ReadError::Workbook { detail: e.to_string() })?;
    let mut total = 0u64;
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index).map_err(|e| ReadError::Workbook { detail: e.to_string() })?;
        total = total.saturating_add(entry.size());
    }
    if total > MAX_UNZIPPED_BYTES {
        return Err(ReadError::InflatesTooMuch { bytes: total, max: MAX_UNZIPPED_BYTES });
    }
    Ok(())
}

/// Non-empty cells of one sheet, checked one by one as they are read.
#[derive(Default)]
struct Cells {
    by_row: BTreeMap<u32, Vec<(u32, String)>>,
    count: usize,
}

impl Cells {
    fn push(&mut self, row: u32, column: u32, text: String) -> Result<(), ReadError> {
        if text.is_empty() {
            return Ok(());
        }
        if column >= MAX_COLUMNS {
            return Err(ReadError::RangeTooLarge { cell: cell_name(row, column), max_columns: MAX_COLUMNS });
        }
        if let Some(c) = text.chars().find(|c| is_forbidden_control(*c)) {
            return Err(ReadError::ControlCharacter {
                line: row as usize + 1,
                column: column as usize + 1,
                code: c as u32,
            });
        }
        if text.len() > MAX_CELL_CHARS && text.chars().count() > MAX_CELL_CHARS {
            return Err(ReadError::CellTooLong {
                line: row as usize + 1,
                column: column as usize + 1,
                max: MAX_CELL_CHARS,
            });
        }
        self.count += 1;
        if self.count > MAX_CELLS {
            return Err(ReadError::TooManyCells { max: MAX_CELLS });
        }
        self.by_row.entry(row).or_default().push((column, text));
        Ok(())
    }

    /// Puts each value merged down on the rows below it that hold other
    /// cells: a merge running past the list's last row adds no row, and a
    /// cell the file holds under a merge is kept as it is.
    fn fill_merged_down(&mut self, merged: &MergedRegions) -> Result<(), ReadError> {
        for cells in self.by_row.values_mut() {
            cells.sort_by_key(|(c, _)| *c);
        }
        let text_at = |by_row: &BTreeMap<u32, Vec<(u32, String)>>, row: u32, column: u32| {
            let cells = by_row.get(&row)?;
            cells.binary_search_by_key(&column, |(c, _)| *c).ok().map(|at| cells[at].1.clone())
        };
        // Every row a merge covers is looked at once; hostile merges over
        // each other cannot make that more than the cells a sheet may hold.
        let mut looked_at = 0usize;
        let mut fills = Vec::new();
        for region in merged.iter() {
            let Some(text) = text_at(&self.by_row, region.first_row, region.column) else { continue };
            for (row, cells) in self.by_row.range(region.first_row + 1..=region.last_row) {
                looked_at += 1;
                if looked_at > MAX_CELLS {
                    return Err(ReadError::TooManyCells { max: MAX_CELLS });
                }
                if cells.binary_search_by_key(&region.column, |(c, _)| *c).is_err() {
                    fills.push((*row, region.column, text.clone()));
                }
            }
        }
        for (row, column, text) in fills {
            self.push(row, column, text)?;
        }
        Ok(())
    }

    /// The sheet's rows as a grid: those it hides (`hidden`, from 0)
    /// listed in its source, and left out unless `hidden_rows` reads them.
    fn into_grid(self, hidden: &BTreeSet<u32>, hidden_rows: HiddenRows, source: Source) -> Grid {
        let is_hidden = |(line, _): &(usize, Vec<String>)| hidden.contains(&(*line as u32 - 1));
        let rows = self.into_rows();
        let hidden_lines = rows.iter().filter(|row| is_hidden(row)).map(SheetLine::of).collect();
        let rows = match hidden_rows {
            HiddenRows::Read => rows,
            HiddenRows::LeftOut => rows.into_iter().filter(|row| !is_hidden(row)).collect(),
        };
        Grid::new(rows, Source { hidden_lines, hidden_rows, ..source })
    }

    fn into_rows(self) -> Vec<(usize, Vec<String>)> {
        self.by_row
            .into_iter()
            .map(|(row, mut cells)| {
                cells.sort_by_key(|(c, _)| *c);
                let width = cells.last().map_or(0, |(c, _)| *c as usize + 1);
                let mut line = vec![String::new(); width];
                for (column, text) in cells {
                    line[column as usize] = text;
                }
                (row as usize + 1, line)
            })
            .collect()
    }
}

pub fn read_workbook(path: &Path, wanted: Option<&str>, hidden_rows: HiddenRows) -> Result<Grid, ReadError> {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_lowercase();
    if matches!(extension.as_str(), "xlsx" | "xlsm" | "ods") {
        check_inflated_size(path)?;
    }
    if matches!(extension.as_str(), "xlsx" | "xlsm") {
        super::xlsx_bounds::check_xlsx(path)?;
    }
    if extension == "ods" {
        super::ods_bounds::check_ods(path)?;
    }
    if extension == "xls" {
        super::xls_bounds::check_xls(path)?;
    }
    let read = || {
        if matches!(extension.as_str(), "xlsx" | "xlsm") {
            read_xlsx(path, wanted, hidden_rows)
        } else {
            read_other(path, wanted, &extension, hidden_rows)
        }
    };
    // calamine parses hostile bytes: where it panics on a damaged record
    // (an .xls cell run ending before it starts trips its arithmetic), the
    // file is refused, and the app goes on.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read))
        .unwrap_or_else(|_| Err(ReadError::Workbook { detail: "a damaged record stopped the reader".into() }))
}

/// The names of the sheets a workbook hides from the person.
fn hidden(sheets: &[Sheet]) -> Vec<String> {
    sheets.iter().filter(|s| s.visible != SheetVisible::Visible).map(|s| s.name.clone()).collect()
}

/// The sheet asked for, or else the first one shown that holds a cell, or
/// else the first hidden one that does.
fn choose<T>(
    names: Vec<String>,
    hidden: &[String],
    wanted: Option<&str>,
    mut read: impl FnMut(&str) -> Result<Option<T>, ReadError>,
) -> Result<(String, Vec<String>, T), ReadError> {
    if let Some(wanted) = wanted {
        let name = names
            .iter()
            .find(|n| n.as_str() == wanted || n.trim().eq_ignore_ascii_case(wanted.trim()))
            .cloned()
            .ok_or_else(|| ReadError::SheetNotFound { sheet: wanted.to_owned(), sheets: names.clone() })?;
        let cells = read(&name)?.ok_or(ReadError::Empty)?;
        return Ok((name, names, cells));
    }
    let (shown, hidden): (Vec<&String>, Vec<&String>) = names.iter().partition(|n| !hidden.contains(n));
    for name in shown.into_iter().chain(hidden) {
        if let Some(cells) = read(name)? {
            return Ok((name.clone(), names.clone(), cells));
        }
    }
    Err(ReadError::Empty)
}

fn read_xlsx(path: &Path, wanted: Option<&str>, hidden_rows: HiddenRows) -> Result<Grid, ReadError> {
    let mut workbook: Xlsx<_> =
        open_workbook(path).map_err(|e: calamine::XlsxError| ReadError::Workbook { detail: e.to_string() })?;
    let names = workbook.sheet_names();
    let hidden = hidden(workbook.sheets_metadata());
    let (sheet, sheets, cells) = choose(names, &hidden, wanted, |name| {
        let mut reader =
            workbook.worksheet_cells_reader(name).map_err(|e| ReadError::Workbook { detail: e.to_string() })?;
        let percentage_styles: Vec<bool> = reader
            .styles()
            .iter()
            .map(|style| style.number_format.as_ref().is_some_and(|f| shows_percentage(&f.format_code)))
            .collect();
        let mut cells = Cells::default();
        while let Some((cell, style)) =
            reader.next_cell_with_style_id().map_err(|e| ReadError::Workbook { detail: e.to_string() })?
        {
            let (row, column) = cell.get_position();
            let percentage = percentage_styles.get(style).copied().unwrap_or(false);
            let text = match cell.get_value() {
                DataRef::SharedString(s) => s.trim().to_owned(),
                DataRef::Empty => continue,
                DataRef::Float(f) if percentage => percentage_text(*f),
                DataRef::Int(i) if percentage => percentage_text(*i as f64),
                other => cell_text(&Data::from(other.clone())),
            };
            cells.push(row, column, text)?;
        }
        drop(reader);
        if cells.count == 0 {
            return Ok(None);
        }
        let regions =
            workbook.merge_cells_by_sheet_name(name).map_err(|e| ReadError::Workbook { detail: e.to_string() })?;
        cells.fill_merged_down(&MergedRegions::of_calamine(regions)?)?;
        Ok(Some(cells))
    })?;
    let hidden = super::xlsx_hidden_rows::hidden_rows(path, &sheet)?;
    let source = Source { sheet: Some(sheet), sheets, ..Source::default() };
    Ok(cells.into_grid(&hidden, hidden_rows, source))
}

/// What calamine's grid does not say of a sheet, read beside it: its
/// percentage cells (calamine reads them as bare fractions), the rows it
/// hides and, for an `.ods`, its cells merged down (an `.xls`'s come from
/// calamine).
enum SheetLayout {
    Ods(OdsLayout),
    Xls(XlsLayout),
    /// Any other format, or a sheet not found in the list: none read apart.
    Unread,
}

impl SheetLayout {
    fn read(path: &Path, extension: &str, names: &[String], sheet: &str) -> Result<SheetLayout, ReadError> {
        Ok(match extension {
            "ods" => SheetLayout::Ods(layout_of(path, sheet)?),
            "xls" => match names.iter().position(|name| name == sheet) {
                Some(index) => SheetLayout::Xls(xls_layout(path, index)?),
                None => SheetLayout::Unread,
            },
            _ => SheetLayout::Unread,
        })
    }

    fn holds(&self, row: u32, column: u32) -> bool {
        match self {
            SheetLayout::Ods(layout) => layout.holds_percentage(row, column),
            SheetLayout::Xls(layout) => layout.holds_percentage(row, column),
            SheetLayout::Unread => false,
        }
    }

    fn into_hidden_rows(self) -> BTreeSet<u32> {
        match self {
            SheetLayout::Ods(layout) => layout.hidden_rows,
            SheetLayout::Xls(layout) => layout.hidden_rows,
            SheetLayout::Unread => BTreeSet::new(),
        }
    }
}

fn read_other(path: &Path, wanted: Option<&str>, extension: &str, hidden_rows: HiddenRows) -> Result<Grid, ReadError> {
    let mut workbook = open_workbook_auto(path).map_err(|e| ReadError::Workbook { detail: e.to_string() })?;
    let names = workbook.sheet_names();
    let all_names = names.clone();
    let hidden = hidden(workbook.sheets_metadata());
    let (sheet, sheets, cells) = choose(names, &hidden, wanted, |name| {
        let range = workbook.worksheet_range(name).map_err(|e| ReadError::Workbook { detail: e.to_string() })?;
        let layout = SheetLayout::read(path, extension, &all_names, name)?;
        let (first_row, first_column) = range.start().unwrap_or((0, 0));
        let mut cells = Cells::default();
        for (r, row) in range.rows().enumerate() {
            for (c, value) in row.iter().enumerate() {
                let (row, column) = (first_row + r as u32, first_column + c as u32);
                let text = match value {
                    Data::Float(f) if layout.holds(row, column) => percentage_text(*f),
                    Data::Int(i) if layout.holds(row, column) => percentage_text(*i as f64),
                    value => cell_text(value),
                };
                cells.push(row, column, text)?;
            }
        }
        if cells.count == 0 {
            return Ok(None);
        }
        let merged = match &workbook {
            Sheets::Xls(xls) => MergedRegions::of_calamine(
                xls.merge_cells_by_sheet_name(name).map_err(|e| ReadError::Workbook { detail: e.to_string() })?,
            )?,
            _ => MergedRegions::default(),
        };
        cells.fill_merged_down(match &layout {
            SheetLayout::Ods(layout) => &layout.merged,
            _ => &merged,
        })?;
        Ok(Some((cells, layout.into_hidden_rows())))
    })?;
    let (cells, hidden) = cells;
    let source = Source { sheet: Some(sheet), sheets, ..Source::default() };
    Ok(cells.into_grid(&hidden, hidden_rows, source))
}

/// A cell as the person typed it: dates as dd/mm/yyyy, whole numbers
/// without ".0", decimals with a comma.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_owned(),
        Data::Float(f) => number_text(*f),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(d) if dt.is_duration() => format!("{}h{:02}", d.time().format("%H"), d.time().format("%M")),
            // No whole day: a time of day, whether the workbook counts its
            // days from 1900 or, as an old Excel for Mac, from 1904.
            Some(d) if (0.0..1.0).contains(&dt.as_f64()) => d.format("%H:%M").to_string(),
            Some(d) => d.format("%d/%m/%Y").to_string(),
            None => dt.as_f64().to_string(),
        },
        // OpenDocument's dates ("2019-03-05", or with a time: the date, as
        // above) and times of day or durations ("PT08H30M00S").
        Data::DateTimeIso(s) => s.split_once('T').map_or(s.as_str(), |(day, _)| day).to_owned(),
        Data::DurationIso(s) => iso_duration_text(s).unwrap_or_else(|| s.clone()),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// A number as a French sheet shows it: whole without ".0", a decimal
/// comma.
pub(super) fn number_text(number: f64) -> String {
    if number.fract() == 0.0 && number.abs() < 1e15 {
        format!("{}", number as i64)
    } else {
        number.to_string().replace('.', ",")
    }
}

/// `PT08H30M00S` (LibreOffice's time of day), `PT2H30M`, `P1DT2H` → "08:30",
/// "02:30", "26:00": hours and minutes, as a time or a duration is typed.
/// Seconds are dropped; `None` for anything else.
fn iso_duration_text(text: &str) -> Option<String> {
    let rest = text.strip_prefix('P')?;
    let (days, time) = rest.split_once('T').unwrap_or((rest, ""));
    let days: u64 = match days {
        "" => 0,
        days => days.strip_suffix('D')?.parse().ok()?,
    };
    let (mut hours, mut minutes) = (days.checked_mul(24)?, 0u64);
    let mut number = String::new();
    for c in time.chars() {
        match c {
            '0'..='9' | '.' => number.push(c),
            'H' => hours = hours.checked_add(std::mem::take(&mut number).parse().ok()?)?,
            'M' => minutes = std::mem::take(&mut number).parse().ok()?,
            'S' => number.clear(),
            _ => return None,
        }
    }
    (number.is_empty() && minutes < 60).then(|| format!("{hours:02}:{minutes:02}"))
}

#[cfg(test)]
mod tests {
    use super::{Cells, MergedRegions};

    fn cells(filled: &[(u32, u32, &str)]) -> Cells {
        let mut cells = Cells::default();
        for (row, column, text) in filled {
            cells.push(*row, *column, (*text).to_owned()).unwrap();
        }
        cells
    }

    #[test]
    fn a_value_merged_down_stands_on_each_row_of_the_list_it_covers() {
        let mut sheet = cells(&[
            (0, 0, "Nom"),
            (0, 1, "Service"),
            (1, 0, "MAHAMAT"),
            (1, 1, "Maternité"),
            (2, 0, "NGARMBAYE"),
            // A cell under a merge the file still holds is kept as it is.
            (3, 0, "ABAKAR"),
            (3, 1, "Pédiatrie"),
            (4, 0, "DJIMADOUM"),
        ]);
        let mut merged = MergedRegions::default();
        merged.add((1, 1), (9, 1)).unwrap(); // past the last row
        merged.add((0, 0), (0, 1)).unwrap(); // across: not repeated
        sheet.fill_merged_down(&merged).unwrap();
        let rows: Vec<(usize, Vec<String>)> = sheet.into_rows();
        let expected = [
            (1, ["Nom", "Service"]),
            (2, ["MAHAMAT", "Maternité"]),
            (3, ["NGARMBAYE", "Maternité"]),
            (4, ["ABAKAR", "Pédiatrie"]),
            (5, ["DJIMADOUM", "Maternité"]),
        ]
        .map(|(line, cells)| (line, cells.map(str::to_owned).to_vec()));
        assert_eq!(rows, expected, "no row added past the list, none doubled");
    }

    #[test]
    fn merges_laid_over_each_other_look_at_no_more_rows_than_a_sheet_may_hold() {
        use super::super::{MAX_CELLS, ReadError, merged::MAX_MERGED_REGIONS};
        // The same region over 30 rows, as many times as a sheet may hold
        // regions: 29 million rows looked at, past what a sheet may hold.
        let rows: Vec<(u32, u32, &str)> = (0..30).map(|row| (row, 0, "x")).collect();
        let mut sheet = cells(&rows);
        let mut merged = MergedRegions::default();
        for _ in 0..MAX_MERGED_REGIONS {
            merged.add((0, 0), (u32::MAX, 0)).unwrap();
        }
        assert!(
            matches!(merged.add((0, 0), (1, 0)), Err(ReadError::TooManyMergedRegions { .. })),
            "one region more is refused"
        );
        assert!(matches!(sheet.fill_merged_down(&merged), Err(ReadError::TooManyCells { max: MAX_CELLS })));
    }

    #[test]
    fn opendocument_times_and_durations_read_as_they_were_typed() {
        use super::iso_duration_text as text;
        assert_eq!(text("PT08H30M00S").as_deref(), Some("08:30"));
        assert_eq!(text("PT14H00M00S").as_deref(), Some("14:00"));
        assert_eq!(text("PT2H30M").as_deref(), Some("02:30"));
        assert_eq!(text("PT0H45M30.5S").as_deref(), Some("00:45"));
        assert_eq!(text("P1DT2H").as_deref(), Some("26:00"));
        assert_eq!(text("PT8H75M"), None);
        assert_eq!(text("8:30"), None);
        assert_eq!(text("PT8X"), None);
        assert_eq!(text("P99999999999999999999DT1H"), None);
        let cell = |data| super::cell_text(&data);
        assert_eq!(cell(calamine::Data::DurationIso("PT08H30M00S".into())), "08:30");
        assert_eq!(cell(calamine::Data::DateTimeIso("2019-03-05".into())), "2019-03-05");
        assert_eq!(cell(calamine::Data::DateTimeIso("2019-03-05T08:30:00".into())), "2019-03-05");
    }

    #[test]
    fn cells_are_named_as_spreadsheets_name_them() {
        assert_eq!(super::cell_name(0, 0), "A1");
        assert_eq!(super::cell_name(9, 27), "AB10");
        assert_eq!(super::cell_name(1_048_575, 16_383), "XFD1048576");
    }
}
