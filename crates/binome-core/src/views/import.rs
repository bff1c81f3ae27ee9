//! A spreadsheet import's preview: the rows as read, each with its
//! problems, and what importing would create, before anything is written.

use crate::app::Binome;
use crate::error::{CoreError, Result};
use crate::i18n::Messages;
use crate::import::{
    ColumnReport, CreatedFacility, CreatedProfession, ImportChoices, ImportError, ImportKind, ImportOptions,
    ImportReport, ProgrammeProfession, ValueGroup, read_for_import,
};
use crate::sheet::Source;
use serde::Serialize;
use std::path::Path;

#[cfg(feature = "ts")]
use ts_rs::TS;

/// What the import wizard sends with a file: the mission, the sheet, and
/// the person's column and value choices.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct ImportRequest {
    pub kind: String,
    pub path: String,
    pub mission_id: Option<String>,
    pub sheet: Option<String>,
    #[serde(default)]
    pub choices: ImportChoices,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct PreviewRow {
    /// The line as Excel shows it.
    pub line: u32,
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
    pub rows: Vec<PreviewRow>,
    /// What importing would do, when no row is in error.
    pub created: u32,
    pub updated: u32,
    /// Lines in error: importing is refused while there are any.
    pub lines_in_error: u32,
    /// New participants that look like persons already in the store.
    pub possible_duplicates: u32,
    pub written: bool,
}

impl Binome {
    /// Reads the file and rehearses the import (`options.dry_run` is
    /// forced on): the rows and every problem, nothing written.
    pub fn preview_import(
        &mut self,
        kind: ImportKind,
        path: &Path,
        options: &ImportOptions,
        messages: &Messages,
    ) -> Result<ImportPreview> {
        self.import_with_rows(kind, path, &ImportOptions { dry_run: true, ..options.clone() }, messages)
    }

    /// Imports for real (all or nothing, after a backup) and returns the
    /// same view, `written` set.
    pub fn import_with_rows(
        &mut self,
        kind: ImportKind,
        path: &Path,
        options: &ImportOptions,
        messages: &Messages,
    ) -> Result<ImportPreview> {
        let table = read_for_import(kind, path, options)?;
        let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let report: ImportReport = match self.import_table(kind, &table, &path.display().to_string(), options) {
            Ok(report) => report,
            Err(CoreError::Import(ImportError::Rows { report })) if options.dry_run => *report,
            Err(other) => return Err(other),
        };
        let rows = table
            .rows
            .iter()
            .map(|(line, cells)| {
                let mine: Vec<_> = report.problems.iter().filter(|p| p.line == *line).collect();
                PreviewRow {
                    line: *line as u32,
                    cells: cells.clone(),
                    problems: mine.iter().map(|p| messages.problem(&p.problem)).collect(),
                    bad_columns: mine.iter().map(|p| p.column.clone()).collect(),
                }
            })
            .collect();
        let lines_in_error = report.lines_in_error as u32;
        Ok(ImportPreview {
            file,
            source: report.source.clone(),
            header_line: report.header_line as u32,
            skipped_lines: report.skipped_lines.iter().map(|l| *l as u32).collect(),
            columns: report.columns.clone(),
            fields: kind.columns().iter().map(|(c, _)| c.to_string()).collect(),
            unknown_values: report.unknown_values.clone(),
            new_facilities: report.new_facilities.clone(),
            new_professions: report.new_professions.clone(),
            professions: report.professions.clone(),
            headers: table.head.headers.clone(),
            rows,
            created: report.created as u32,
            updated: report.updated as u32,
            lines_in_error,
            possible_duplicates: report.duplicates.len() as u32,
            written: report.written,
        })
    }
}
