//! Origin segments as stored: what devices signed of the versions they
//! sent (`binome-sync` checks and makes them; here they are kept and found
//! by the id each version's `proof` column names).

use crate::error::Doing;
use crate::open::Store;
use crate::rows::Writer;
use rusqlite::{Connection, OptionalExtension, params};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentRecord {
    /// SHA-256 of what the signature covers.
    pub id: Vec<u8>,
    pub origin: String,
    /// (counter, hash) pairs, 40 bytes each.
    pub leaves: Vec<u8>,
    pub signature: Vec<u8>,
}

fn by_id(conn: &Connection, id: &[u8]) -> crate::Result<Option<SegmentRecord>> {
    conn.prepare_cached("SELECT id, origin, leaves, signature FROM segments WHERE id = ?1")
        .doing("preparing a segment look-up")?
        .query_row([id], |r| {
            Ok(SegmentRecord { id: r.get(0)?, origin: r.get(1)?, leaves: r.get(2)?, signature: r.get(3)? })
        })
        .optional()
        .doing("looking up a segment")
}

impl Store {
    pub fn segment(&self, id: &[u8]) -> crate::Result<Option<SegmentRecord>> {
        by_id(&self.conn, id)
    }
}

impl Writer<'_> {
    pub fn segment(&self, id: &[u8]) -> crate::Result<Option<SegmentRecord>> {
        by_id(&self.tx, id)
    }

    /// Keeps a segment (verified by the caller); known ones are left as they are.
    pub fn keep_segment(&self, segment: &SegmentRecord) -> crate::Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO segments (id, origin, leaves, signature) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (id) DO NOTHING",
            )
            .doing("preparing to keep a segment")?
            .execute(params![segment.id, segment.origin, segment.leaves, segment.signature])
            .doing("keeping a segment")
            .map(|_| ())
    }
}
