//! What can be wrong with a record. Rust returns codes and data, never
//! sentences: each front end writes the sentence from the shared message
//! catalogue (`assets/i18n/*/binome.ftl`, key `problem-<code>`), so a form
//! can mark every bad field at once and the CLI can say the same in French
//! or English.

use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

/// Stored nowhere, but sent to the app and named in the catalogues by its
/// snake_case name; `strum` gives the name and the list from the variants.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, strum::IntoStaticStr, strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ProblemCode {
    Required,
    InvalidDate,
    InvalidTime,
    InvalidNumber,
    InvalidDuration,
    InvalidId,
    UnknownValue,
    NotPositive,
    OutOfRange,
    TooLong,
    EndBeforeStart,
    NotFound,
    Ambiguous,
    AlreadyExists,
    SessionOutsideMission,
    ScoreAboveMaximum,
    NotAParticipant,
    WrongKind,
    SessionNotSubmitted,
    SelfMerge,
    AlreadyMerged,
    UnknownCriterion,
    UnknownField,
    Deleted,
    /// Not a phone number of the programme's country (nor international).
    InvalidPhone,
    /// A line break in a one-line field.
    LineBreak,
    /// NUL, escape and the other characters no one types.
    ControlCharacter,
    /// A personal field of a person a coordinator erased.
    Erased,
    /// Shorter than the `min` characters it needs (a new passphrase).
    TooShort,
    /// A value typed twice to confirm it, differently the second time.
    Mismatch,
}

impl ProblemCode {
    /// Every code, in declaration order (each one has its sentence in
    /// every catalogue: a test checks).
    pub const ALL: &'static [ProblemCode] = <ProblemCode as strum::VariantArray>::VARIANTS;

    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// One thing wrong with one field of one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The record field, as named in [`crate::Kind::fields`].
    pub field: String,
    pub code: ProblemCode,
    /// The value as the user typed it.
    pub value: String,
    /// Whatever else the sentence needs: allowed values, the mission's dates…
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, String>,
}

impl Problem {
    pub fn new(field: &str, code: ProblemCode, value: impl Into<String>) -> Self {
        Self { field: field.to_owned(), code, value: value.into(), params: BTreeMap::new() }
    }

    pub fn with(mut self, key: &str, value: impl Into<String>) -> Self {
        self.params.insert(key.to_owned(), value.into());
        self
    }
}

/// Every problem of a record, reported together.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    pub fn push(&mut self, problem: Problem) {
        self.0.push(problem);
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn into_result<T>(self, value: T) -> Result<T, Problems> {
        if self.0.is_empty() { Ok(value) } else { Err(self) }
    }
}

impl fmt::Display for Problems {
    /// A language-neutral form for logs; users see the catalogue's sentences.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{}: {} ({:?})", p.field, p.code.as_str(), p.value)?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}
