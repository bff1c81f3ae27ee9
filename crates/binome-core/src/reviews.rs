//! The review round trip's writes: a referent's decision on a session, and
//! the expert handing a session over (again) for review. The rule that a
//! returned session needs a comment is the domain's (every path honours
//! it), not this module's.

use crate::app::Binome;
use crate::error::Result;
use crate::views::SessionReview;
use binome_domain::codes::{ReviewDecision, SessionStatus};
use binome_domain::{Kind, input_of};

/// A referent's decision on a session, with what the expert should know.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SessionDecision {
    pub session_id: String,
    pub decision: ReviewDecision,
    pub comment: String,
}

impl Binome {
    /// A referent's decision. Returning a session needs a comment: the
    /// expert has to know what to fix.
    pub fn review_session(&mut self, decision: &SessionDecision) -> Result<SessionReview> {
        let session = self.get(Kind::Session, &decision.session_id)?;
        let comment = decision.comment.trim();
        let mut input = input_of(&[("session_id", &session.id), ("decision", decision.decision.code())]);
        if !comment.is_empty() {
            input.insert("comment".to_owned(), comment.to_owned());
        }
        self.add(Kind::Review, &input)?;
        self.session_review(&session.id)
    }

    /// The expert hands a session over for review, or hands it back once
    /// fixed: a new version of the session, later than any review.
    pub fn submit_session(&mut self, session_id: &str) -> Result<SessionReview> {
        let session = self.get(Kind::Session, session_id)?;
        let input = input_of(&[("status", SessionStatus::Submitted.code())]);
        self.edit(Kind::Session, &session.id, &input)?;
        self.session_review(&session.id)
    }
}
