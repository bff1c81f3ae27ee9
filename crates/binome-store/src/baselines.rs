//! What the benchmarks compare Binôme against, measured in the same run:
//! plain SQLite doing the least that the same work needs.

use crate::error::Doing;
use crate::open::Store;
use rusqlite::Connection;
use std::path::Path;

/// Inserts `rows` (id, JSON) into a fresh file with the store's own
/// settings, one prepared statement in one transaction, no merge logic.
pub fn raw_insert(path: &Path, rows: &[(String, String)]) -> crate::Result<()> {
    let mut conn = Connection::open(path).doing("opening the baseline file")?;
    conn.execute_batch(
        "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
         CREATE TABLE rows (id TEXT PRIMARY KEY, data TEXT NOT NULL) WITHOUT ROWID;",
    )
    .doing("creating the baseline table")?;
    let tx = conn.transaction().doing("opening the baseline transaction")?;
    {
        let mut insert =
            tx.prepare("INSERT INTO rows (id, data) VALUES (?1, ?2)").doing("preparing the baseline insert")?;
        for (id, data) in rows {
            insert.execute([id, data]).doing("inserting a baseline row")?;
        }
    }
    tx.commit().doing("committing the baseline")
}

impl Store {
    /// One full scan of the attendance table.
    pub fn count_attendance(&self) -> crate::Result<i64> {
        self.conn.query_row("SELECT count(*) FROM attendance", [], |r| r.get(0)).doing("counting attendance")
    }
}
