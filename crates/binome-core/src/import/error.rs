//! Why an import is refused: data for the front ends to tell (the core's
//! error type holds it); the refused rows travel in their report.

use super::report::{ImportKind, ImportReport};
use crate::sheet::ReadError;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// A value choice names a field that takes no mapping, or a target that
    /// is not a value of the field (or no facility).
    #[error("{field}: {value:?} cannot become {target:?}")]
    Choice { field: String, value: String, target: String },
    #[error("cannot read {path}")]
    Read {
        path: String,
        #[source]
        source: ReadError,
    },
    #[error(transparent)]
    Column(#[from] ColumnChoiceError),
    #[error("{path}: no data rows")]
    Empty { path: String },
    #[error("{path}: required column {column:?} missing")]
    /// `column` is the field's name; each front end says it in its language.
    MissingColumn { path: String, column: &'static str, kind: ImportKind },
    #[error("{} rows in error, nothing written", .report.lines_in_error)]
    Rows { report: Box<ImportReport> },
}

impl ImportError {
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::Read { source, .. } => match source {
                ReadError::Io { .. } | ReadError::Workbook { .. } | ReadError::Delimited { .. } => "import-format",
                ReadError::Empty => "import-empty",
                _ => "import-refused-file",
            },
            ImportError::Column(_) => "import-column-choice",
            ImportError::Choice { .. } => "import-value-choice",
            ImportError::Empty { .. } => "import-empty",
            ImportError::MissingColumn { .. } => "import-header",
            ImportError::Rows { .. } => "import-rows",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ColumnChoiceError {
    #[error("no column headed {0:?}")]
    NoSuchHeading(String),
    #[error("{field:?} is not a column of this sheet")]
    NoSuchField { heading: String, field: String },
}
