//! What an import reports: the preview before anything is written, the
//! outcome after, and the refused rows its error carries. Data only, so
//! that the core's error type holds a report without depending on the
//! import's logic.

use crate::duplicates::pair::DuplicatePair;
use crate::sheet::Source;
use binome_domain::{Kind, Problem};
use serde::{Deserialize, Serialize};

#[cfg(feature = "ts")]
use ts_rs::TS;

/// What a sheet holds. Its snake_case name is the CLI's argument, the
/// mapping file's and the backups' label; `strum` maps names both ways.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::EnumString, strum::IntoStaticStr, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ImportKind {
    Participants,
    Sessions,
    Attendance,
    Scores,
    /// A competency framework, one criterion per row.
    Frameworks,
}

impl ImportKind {
    pub const ALL: &'static [ImportKind] = <ImportKind as strum::VariantArray>::VARIANTS;

    pub fn code(self) -> &'static str {
        self.into()
    }

    /// The record each row of the sheet makes.
    pub fn record_kind(self) -> Kind {
        match self {
            ImportKind::Participants => Kind::Person,
            ImportKind::Sessions => Kind::Session,
            ImportKind::Attendance => Kind::Attendance,
            ImportKind::Scores => Kind::TestScore,
            ImportKind::Frameworks => Kind::Framework,
        }
    }

    pub fn parse(text: &str) -> Option<ImportKind> {
        text.parse().ok()
    }

    /// The template's columns: (column id, required). Column ids are field
    /// names, plus `pre_score` / `post_score` for the scores sheet.
    pub fn columns(self) -> &'static [(&'static str, bool)] {
        match self {
            ImportKind::Participants => &[
                ("family_name", true),
                ("given_names", false),
                ("sex", false),
                ("cadre", false),
                ("organisation_id", false),
                ("service", false),
                ("phone", false),
                ("email", false),
            ],
            ImportKind::Sessions => &[
                ("mission_id", false),
                ("title", true),
                ("theme", false),
                ("modality", true),
                ("date", true),
                ("start_time", false),
                ("duration", true),
                ("notes", false),
            ],
            ImportKind::Attendance => &[
                ("session_id", false),
                ("family_name", true),
                ("given_names", false),
                ("status", true),
                ("note", false),
            ],
            ImportKind::Scores => &[
                ("session_id", false),
                ("family_name", true),
                ("given_names", false),
                ("pre_score", false),
                ("post_score", false),
                ("max_score", true),
            ],
            ImportKind::Frameworks => &[
                ("code", true),
                ("name", true),
                ("domain", true),
                ("competency_code", true),
                ("competency", true),
                ("criterion", true),
                ("critical", false),
                ("levels", false),
                ("pass_level", false),
            ],
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct RowProblem {
    /// The line as Excel or a text editor shows it.
    pub line: usize,
    /// The column heading as written in the file (or the template's).
    pub column: String,
    pub problem: Problem,
}

#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    pub kind: ImportKind,
    /// The sheet and encoding read, the header's line, the lines above it.
    pub source: Source,
    pub header_line: usize,
    pub skipped_lines: Vec<usize>,
    /// The lines of the sheet that are not rows of the list (totals, the
    /// place and date, who signs), not imported.
    pub left_out_lines: Vec<crate::sheet::SheetLine>,
    /// What became of every column.
    pub columns: Vec<ColumnReport>,
    /// Values no field knows, grouped, for the person to map once.
    pub unknown_values: Vec<ValueGroup>,
    /// Facilities this import creates.
    pub new_facilities: Vec<CreatedFacility>,
    /// Professions this import adds to the programme.
    pub new_professions: Vec<CreatedProfession>,
    /// The programme's professions, for the person to map a title to.
    pub professions: Vec<ProgrammeProfession>,
    pub rows: usize,
    pub created: usize,
    pub updated: usize,
    /// The first problems, up to [`problems::PROBLEMS_KEPT`].
    pub problems: Vec<RowProblem>,
    /// Every problem, shown or not.
    pub problems_total: usize,
    pub lines_in_error: usize,
    /// New participants that look like persons already in the store.
    pub duplicates: Vec<DuplicatePair>,
    /// How many new participants the duplicate search looked at: all of
    /// them, up to 20,000.
    pub duplicates_searched: usize,
    pub dry_run: bool,
    pub written: bool,
}

/// A facility an import creates, as the preview shows it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CreatedFacility {
    pub name: String,
    pub level: String,
    pub city: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "snake_case")]
pub enum ColumnUse {
    /// Its heading names the field.
    Matched,
    /// The person chose the field (or chose to leave it out).
    Chosen,
    /// "NOM Prénom" in one cell, split into family and given names.
    FullName,
    /// Line numbers typed in by the list's author.
    Numbering,
    /// A day of a week's attendance register ("16/11", "16/11/2026"): its
    /// cells are the statuses at that day's session.
    SessionDay,
    /// No field for it: shown, not imported.
    Ignored,
}

/// One column as the preview and the CLI report show it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct ColumnReport {
    /// "A", "B", … as the spreadsheet names it.
    pub letter: String,
    pub heading: String,
    pub field: Option<String>,
    #[serde(rename = "use")]
    pub used_as: ColumnUse,
}

/// One value the import could not read, with every row that holds it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct ValueGroup {
    pub field: String,
    /// The column's heading as written.
    pub column: String,
    pub value: String,
    pub count: u32,
    /// The rows' lines, as the spreadsheet shows them.
    pub lines: Vec<u32>,
    /// A close known value (a code, a facility's or a programme
    /// profession's id), to propose.
    pub suggestion: Option<String>,
    /// For a facility to create: the level its name says.
    pub new_level: Option<String>,
    /// For a profession to create: the category its title leaves no
    /// doubt about ("SFDE" → 2222).
    pub new_category: Option<String>,
}

/// A profession an import adds to the programme, as the preview shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct CreatedProfession {
    pub title: String,
    pub category: String,
}

/// One of the programme's professions, for the person to map a title to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct ProgrammeProfession {
    pub id: String,
    pub title: String,
    pub category: String,
}
