//! Entering a pre- or post-test score from the score grid.

use crate::app::Binome;
use crate::error::Result;
use binome_domain::codes::Phase;
use binome_domain::{Input, Kind};

impl Binome {
    /// Records one score (typed as text: "14", "14,5") out of `max`.
    pub fn enter_score(
        &mut self,
        session_id: &str,
        person_id: &str,
        phase: Phase,
        score: &str,
        max: &str,
    ) -> Result<()> {
        let input: Input = [
            ("session_id", session_id),
            ("person_id", person_id),
            ("phase", phase.code()),
            ("score", score),
            ("max_score", max),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        self.add(Kind::TestScore, &input)?;
        Ok(())
    }
}
