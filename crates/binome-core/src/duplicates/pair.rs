//! A pair of persons who are probably one: what the persons screen lists
//! and an import's preview warns of. Data only.

use binome_store::PersonSummary;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateReason {
    Name,
    Phone,
}

#[derive(Debug, Clone, Serialize)]
pub struct DuplicatePair {
    pub first: PersonSummary,
    pub second: PersonSummary,
    pub reasons: Vec<DuplicateReason>,
}
