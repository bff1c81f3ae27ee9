//! The audit trail: who changed a record, when, from which laptop.

use crate::error::Doing;
use crate::open::Store;
use binome_domain::codes::ReviewStatus;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub seq: i64,
    pub table: String,
    pub op: String,
    pub device: String,
    pub author: String,
    pub hlc: i64,
    /// The laptop's wall clock when recorded (may be wrong in the field).
    pub recorded_at: i64,
}

impl Store {
    pub fn history(&self, row_id: &str) -> crate::Result<Vec<Change>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT c.seq, c.table_name, c.op, a.device, a.author, c.hlc, c.recorded_at
                 FROM change_log c JOIN actors a ON a.id = c.actor
                 WHERE c.row_id = ?1 ORDER BY c.seq",
            )
            .doing("preparing the history")?;
        let rows = stmt
            .query_map([row_id], |r| {
                Ok(Change {
                    seq: r.get(0)?,
                    table: r.get(1)?,
                    op: r.get(2)?,
                    device: r.get(3)?,
                    author: r.get(4)?,
                    hlc: r.get(5)?,
                    recorded_at: r.get(6)?,
                })
            })
            .doing("reading the history")?;
        rows.collect::<Result<_, _>>().doing("reading the history")
    }

    /// The highest change sequence so far (what a later export starts after).
    pub fn last_change_seq(&self) -> crate::Result<i64> {
        self.conn
            .query_row("SELECT COALESCE(MAX(seq), 0) FROM change_log", [], |r| r.get(0))
            .doing("reading the change log")
    }
}

impl Store {
    /// The status a session shows: its own, or the latest later review's.
    pub fn session_status(&self, session_id: &str) -> crate::Result<Option<ReviewStatus>> {
        use rusqlite::OptionalExtension;
        self.conn
            .query_row("SELECT status FROM session_status WHERE session_id = ?1", [session_id], |r| review_status(r, 0))
            .optional()
            .doing("reading a session's status")
    }

    /// One page of live sessions with the status they show, of one mission
    /// or all, optionally only those showing `status`; by date then title.
    /// Returns (session id, status) pairs and how many matched in all.
    pub fn sessions_by_status(
        &self,
        mission_id: Option<&str>,
        status: Option<ReviewStatus>,
        offset: usize,
        limit: usize,
    ) -> crate::Result<(Vec<(String, ReviewStatus)>, usize)> {
        let status = status.map(ReviewStatus::code);
        const FILTER: &str = "FROM sessions s JOIN session_status st ON st.session_id = s.id \
             WHERE s.deleted = 0 AND (?1 IS NULL OR s.mission_id = ?1) AND (?2 IS NULL OR st.status = ?2)";
        let total: i64 = self
            .conn
            .query_row(&format!("SELECT count(*) {FILTER}"), rusqlite::params![mission_id, status], |r| r.get(0))
            .doing("counting sessions by status")?;
        let mut statement = self
            .conn
            .prepare(&format!("SELECT s.id, st.status {FILTER} ORDER BY s.date, s.title, s.id LIMIT ?3 OFFSET ?4"))
            .doing("listing sessions by status")?;
        let rows = statement
            .query_map(rusqlite::params![mission_id, status, limit as i64, offset as i64], |r| {
                Ok((r.get(0)?, review_status(r, 1)?))
            })
            .doing("listing sessions by status")?;
        let page = rows.collect::<Result<Vec<_>, _>>().doing("listing sessions by status")?;
        Ok((page, total as usize))
    }
}

/// A status this Binôme cannot read is a damaged store, not a draft.
fn review_status(r: &rusqlite::Row<'_>, column: usize) -> rusqlite::Result<ReviewStatus> {
    let text: String = r.get(column)?;
    ReviewStatus::from_code(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            column,
            rusqlite::types::Type::Text,
            format!("unknown session status {text:?}").into(),
        )
    })
}
