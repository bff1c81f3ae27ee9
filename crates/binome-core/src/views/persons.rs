//! Probable duplicate persons, as the participants screen offers them.

use super::RecordView;
use crate::app::Binome;
use crate::duplicates::DuplicateReason;
use crate::error::Result;
use binome_domain::Kind;
use serde::Serialize;

#[cfg(feature = "ts")]
use ts_rs::TS;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct DuplicateView {
    pub first: RecordView,
    pub second: RecordView,
    /// name, phone: why they look like one person.
    pub reasons: Vec<String>,
}

impl Binome {
    pub fn duplicate_views(&self) -> Result<Vec<DuplicateView>> {
        let mut out = Vec::new();
        for pair in self.find_duplicates()? {
            out.push(DuplicateView {
                first: self.record(Kind::Person, &pair.first.id)?,
                second: self.record(Kind::Person, &pair.second.id)?,
                reasons: pair
                    .reasons
                    .iter()
                    .map(|r| match r {
                        DuplicateReason::Name => "name".to_owned(),
                        DuplicateReason::Phone => "phone".to_owned(),
                    })
                    .collect(),
            });
        }
        Ok(out)
    }
}
