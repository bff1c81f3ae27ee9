//! Origin segments as stored: what devices signed of the versions they
//! sent (`binome-sync` checks and makes them; here they are kept, numbered
//! on this laptop, and found by the number each version's `proof` column
//! holds).

use crate::error::Doing;
use crate::open::Store;
use crate::rows::Writer;
use rusqlite::{Connection, OptionalExtension, params};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentRecord {
    /// SHA-256 of what the signature covers.
    pub id: Vec<u8>,
    pub origin: String,
    /// (counter, hash) pairs, 24 bytes each.
    pub leaves: Vec<u8>,
    pub signature: Vec<u8>,
}

fn numbered(conn: &Connection, seq: i64) -> crate::Result<Option<SegmentRecord>> {
    conn.prepare_cached("SELECT id, origin, leaves, signature FROM segments WHERE seq = ?1")
        .doing("preparing a segment look-up")?
        .query_row([seq], |r| {
            Ok(SegmentRecord { id: r.get(0)?, origin: r.get(1)?, leaves: r.get(2)?, signature: r.get(3)? })
        })
        .optional()
        .doing("looking up a segment")
}

impl Store {
    /// The segment numbered `seq` here, as a version's `proof` names it.
    pub fn segment(&self, seq: i64) -> crate::Result<Option<SegmentRecord>> {
        numbered(&self.conn, seq)
    }
}

impl Writer<'_> {
    pub fn segment(&self, seq: i64) -> crate::Result<Option<SegmentRecord>> {
        numbered(&self.tx, seq)
    }

    /// Keeps a segment (verified by the caller) and gives its number here;
    /// a segment already kept keeps the number it has.
    pub fn keep_segment(&self, segment: &SegmentRecord) -> crate::Result<i64> {
        let inserted = self
            .tx
            .prepare_cached(
                "INSERT INTO segments (id, origin, leaves, signature) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (id) DO NOTHING",
            )
            .doing("preparing to keep a segment")?
            .execute(params![segment.id, segment.origin, segment.leaves, segment.signature])
            .doing("keeping a segment")?;
        if inserted == 1 {
            return Ok(self.tx.last_insert_rowid());
        }
        self.tx
            .prepare_cached("SELECT seq FROM segments WHERE id = ?1")
            .doing("preparing a segment look-up")?
            .query_row([&segment.id], |r| r.get(0))
            .doing("numbering a kept segment")
    }
}
