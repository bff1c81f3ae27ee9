//! The audit trail: who changed a record, when, from which laptop.

use crate::error::Doing;
use crate::open::Store;
use binome_domain::codes::ReviewStatus;
use serde::Serialize;

/// What a change-log entry did to its row: the schema's `CHECK` list.
/// `strum` maps the stored names both ways.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, strum::EnumString, strum::IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ChangeOp {
    /// A local edit made the row.
    Create,
    /// A local edit changed it.
    Update,
    /// A local edit deleted it (the row stays, marked deleted).
    Delete,
    /// A version from another laptop's bundle.
    Import,
}

impl ChangeOp {
    pub fn code(self) -> &'static str {
        self.into()
    }
}

crate::stored_text::stored_as_text!(ChangeOp, "change");

#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub seq: i64,
    pub table: String,
    pub op: ChangeOp,
    pub device: String,
    pub author: String,
    pub hlc: i64,
    /// The laptop's wall clock when recorded (may be wrong in the field).
    pub recorded_at: i64,
}

impl Store {
    pub fn history(&self, row_id: &str) -> crate::Result<Vec<Change>> {
        let sql = "SELECT c.seq, c.table_name, c.op, a.device, a.author, c.hlc, c.recorded_at
                   FROM change_log c JOIN actors a ON a.id = c.actor
                   WHERE c.row_id = ?1 ORDER BY c.seq";
        self.all(sql, [row_id], "reading the history", |r| {
            let (seq, table, op, device, author, hlc, recorded_at) = r.try_into()?;
            Ok(Change { seq, table, op, device, author, hlc, recorded_at })
        })
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
        let sql = format!("SELECT s.id, st.status {FILTER} ORDER BY s.date, s.title, s.id LIMIT ?3 OFFSET ?4");
        let params = rusqlite::params![mission_id, status, limit as i64, offset as i64];
        let page = self.all(&sql, params, "listing sessions by status", |r| Ok((r.get(0)?, review_status(r, 1)?)))?;
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
