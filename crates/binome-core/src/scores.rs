//! Entering a pre- or post-test score from the score grid.

use crate::app::Binome;
use crate::error::Result;
use binome_domain::codes::Phase;
use binome_domain::{Kind, input_of};

/// One score as typed in the grid: the score and what it is out of stay
/// text ("14", "14,5") until the domain reads them, so that a mistyped one
/// is refused with what was typed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScoreEntry {
    pub session_id: String,
    pub person_id: String,
    pub phase: Phase,
    pub score: String,
    pub max_score: String,
}

impl Binome {
    /// Records one score.
    pub fn enter_score(&mut self, entry: &ScoreEntry) -> Result<()> {
        let input = input_of(&[
            ("session_id", &entry.session_id),
            ("person_id", &entry.person_id),
            ("phase", entry.phase.code()),
            ("score", &entry.score),
            ("max_score", &entry.max_score),
        ]);
        self.add(Kind::TestScore, &input)?;
        Ok(())
    }
}
