//! A spreadsheet import's preview: the rows as read, each with its
//! problems, and what importing would create, before anything is written.

use crate::app::Binome;
use crate::error::{CoreError, Result};
use crate::i18n::Messages;
use crate::import::{
    ColumnReport, CreatedFacility, CreatedProfession, ImportChoices, ImportError, ImportKind, ImportOptions,
    ImportReport, ProgrammeProfession, ValueGroup, header_score,
};
use crate::sheet::{Source, find_header, read_rows};
use serde::Serialize;
use std::path::Path;

#[cfg(feature = "ts")]
use ts_rs::TS;

/// What the import wizard sends with a file: the mission, the sheet, and
/// the person's column and value choices.
#[derive(Debug, Clone, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct ImportRequest {
    pub kind: crate::import::ImportKind,
    pub path: String,
    pub mission_id: Option<String>,
    pub sheet: Option<String>,
    /// Whether the rows the sheet hides are read too.
    #[serde(default)]
    pub hidden_rows: crate::sheet::HiddenRows,
    #[serde(default)]
    pub choices: ImportChoices,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct PreviewRow {
    /// The line as Excel shows it.
    pub line: u32,
    /// The workbook hides it; shown because the person asked it read.
    pub hidden: bool,
    pub cells: Vec<String>,
    /// This row's problems as sentences; empty when the row is good.
    pub problems: Vec<String>,
    /// Columns (headings) that hold a problem, to mark the cells.
    pub bad_columns: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct ImportPreview {
    pub file: String,
    /// The sheet and encoding read, and the other sheets to choose from.
    pub source: Source,
    /// The header's line; the lines above it (titles) are not imported.
    pub header_line: u32,
    pub skipped_lines: Vec<u32>,
    /// The lines of the sheet that are not rows of the list, not imported.
    pub left_out_lines: Vec<crate::sheet::SheetLine>,
    /// What became of every column: none is dropped without being shown.
    pub columns: Vec<ColumnReport>,
    /// The fields this kind of sheet can feed, to choose a column's.
    pub fields: Vec<String>,
    /// Values the import does not know, grouped, for the person to map.
    pub unknown_values: Vec<ValueGroup>,
    /// Facilities importing would create.
    pub new_facilities: Vec<CreatedFacility>,
    /// Professions importing would add to the programme.
    pub new_professions: Vec<CreatedProfession>,
    /// The programme's professions, to map a title to.
    pub professions: Vec<ProgrammeProfession>,
    pub headers: Vec<String>,
    /// The first rows, and every row with a problem kept: a list of a
    /// million rows is not sent whole to the window.
    pub rows: Vec<PreviewRow>,
    /// Every row of the sheet, shown or not.
    pub rows_total: u32,
    /// What importing would do, when no row is in error.
    pub created: u32,
    pub updated: u32,
    /// Lines in error: importing is refused while there are any.
    pub lines_in_error: u32,
    /// New participants that look like persons already in the store.
    pub possible_duplicates: u32,
    pub written: bool,
}

/// Rows the preview shows whatever their state; past them, only rows in error.
pub const PREVIEW_FIRST_ROWS: usize = 200;

impl Binome {
    /// Rehearses the import (`options.dry_run`: every row and every
    /// problem, nothing written) or imports for real (all or nothing, after
    /// a backup), and shows the rows; `written` says which.
    pub fn import_with_rows(
        &mut self,
        kind: ImportKind,
        path: &Path,
        options: &ImportOptions,
        messages: &Messages,
    ) -> Result<ImportPreview> {
        let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let report: ImportReport = match self.import_file(kind, path, options) {
            Ok(report) => report,
            Err(CoreError::Import(ImportError::Rows { report })) if options.dry_run => *report,
            Err(other) => return Err(other),
        };
        // The file read once more, keeping only the rows shown.
        let refused = |source| ImportError::Read { path: path.display().to_string(), source };
        let (source, rows) = read_rows(path, options.sheet.as_deref(), options.hidden_rows).map_err(refused)?;
        let (head, rows) = find_header(source, rows, |cells| header_score(kind, cells)).map_err(refused)?;
        let columns = crate::import::columns_of(kind, &head, options)?;
        let mut by_line: std::collections::BTreeMap<usize, Vec<&crate::import::RowProblem>> = Default::default();
        for problem in &report.problems {
            by_line.entry(problem.line).or_default().push(problem);
        }
        let left_out: std::collections::BTreeSet<u32> = report.left_out_lines.iter().map(|f| f.line).collect();
        let hidden: std::collections::BTreeSet<u32> = report.source.hidden_lines.iter().map(|h| h.line).collect();
        let mut shown = Vec::new();
        let mut read = 0usize;
        for row in rows {
            let (line, cells) = row.map_err(refused)?;
            if columns.is_blank_numbered_line(&cells) {
                continue;
            }
            read += 1;
            if (read > PREVIEW_FIRST_ROWS && !by_line.contains_key(&line)) || left_out.contains(&(line as u32)) {
                continue;
            }
            let mine = by_line.get(&line).map(Vec::as_slice).unwrap_or_default();
            shown.push(PreviewRow {
                line: line as u32,
                hidden: hidden.contains(&(line as u32)),
                cells,
                problems: mine.iter().map(|p| messages.problem(&p.problem)).collect(),
                bad_columns: mine.iter().map(|p| p.column.clone()).collect(),
            });
        }
        let lines_in_error = report.lines_in_error as u32;
        Ok(ImportPreview {
            file,
            source: report.source.clone(),
            header_line: report.header_line as u32,
            skipped_lines: report.skipped_lines.iter().map(|l| *l as u32).collect(),
            left_out_lines: report.left_out_lines.clone(),
            columns: report.columns.clone(),
            fields: kind.columns().iter().map(|(c, _)| c.to_string()).collect(),
            unknown_values: report.unknown_values.clone(),
            new_facilities: report.new_facilities.clone(),
            new_professions: report.new_professions.clone(),
            professions: report.professions.clone(),
            headers: head.headers,
            rows: shown,
            rows_total: report.rows as u32,
            created: report.created as u32,
            updated: report.updated as u32,
            lines_in_error,
            possible_duplicates: report.duplicates.len() as u32,
            written: report.written,
        })
    }
}
