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

/// A decrypted copy of the encrypted store at `encrypted`, at `target`: the
/// unencrypted twin encryption's cost is measured against.
pub fn decrypted_copy(encrypted: &Path, key: &crate::StoreKey, target: &Path) -> crate::Result<()> {
    let conn = crate::open::open_keyed(encrypted, key, rusqlite::OpenFlags::default())?;
    let schema: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).doing("reading the schema")?;
    let target = target.to_str().expect("benchmark paths are UTF-8");
    conn.execute("ATTACH DATABASE ?1 AS plain KEY ''", [target]).doing("attaching the plain copy")?;
    conn.execute_batch(&format!("PRAGMA plain.page_size = {};", crate::open::PAGE_SIZE)).doing("sizing pages")?;
    conn.query_row("SELECT sqlcipher_export('plain')", [], |_| Ok(())).doing("decrypting the store")?;
    conn.execute_batch(&format!("PRAGMA plain.user_version = {schema}; DETACH DATABASE plain;"))
        .doing("finishing the plain copy")
}

impl Store {
    /// Opens a plain store with the settings of an encrypted one, but no
    /// key: the benchmarks' unencrypted twin.
    pub fn open_unencrypted(path: &Path) -> crate::Result<Store> {
        let conn = Connection::open(path).doing("opening an unencrypted store")?;
        Store::from_connection(conn, path, None)
    }

    /// One full scan of the attendance table.
    pub fn count_attendance(&self) -> crate::Result<i64> {
        self.conn.query_row("SELECT count(*) FROM attendance", [], |r| r.get(0)).doing("counting attendance")
    }
}
