//! Opening a store file: pragmas, then migrations keyed on `user_version`.

use crate::device::LocalDevice;
use crate::error::{Doing, StoreError};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// Migrations in order; the schema version is their count. Never edit a
/// released one: add the next.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_create_records.sql"),
    include_str!("../migrations/0002_add_sync.sql"),
    include_str!("../migrations/0003_checks_without_lists.sql"),
    include_str!("../migrations/0004_origin_segments.sql"),
    include_str!("../migrations/0005_import_value_choices.sql"),
    include_str!("../migrations/0006_programme_professions.sql"),
    include_str!("../migrations/0007_value_choices.sql"),
    include_str!("../migrations/0008_numbered_segments.sql"),
];

pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;
/// The schema of the synced tables, which bundles state: a migration that
/// only adds a table local to the laptop leaves it, so that laptops one
/// release apart still read each other's bundles.
pub const SYNCED_SCHEMA_VERSION: i64 = 6;

pub const DEFAULT_CACHE_MIB: i64 = 64;

const PAGE_SIZE: i64 = 16384;

/// A journal file SQLite keeps beside the store (`-wal`, `-shm`).
fn journal(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) path: PathBuf,
    pub(crate) device: Option<LocalDevice>,
    /// An all-or-nothing transaction begun, and whether its token is still
    /// held: writes are then savepoints inside it
    /// ([`Store::begin_all_or_nothing`]).
    pub(crate) all_or_nothing: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
}

impl Store {
    /// Opens (creating if absent) and upgrades the store at `path`.
    pub fn open(path: &Path) -> crate::Result<Store> {
        let refused = |at: &Path, e: std::io::Error| StoreError::Open {
            path: path.display().to_string(),
            source: rusqlite::Error::InvalidPath(format!("{}: {e}", at.display()).into()),
        };
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            crate::private::create_private_dir(parent).map_err(|e| refused(parent, e))?;
        }
        // The store and its journal files are the owner's alone: SQLite
        // gives the WAL and shared-memory files the store file's mode, so
        // a new store is created 0600 before SQLite opens it, and one an
        // earlier version left 0644 is narrowed with its journals.
        if !path.exists() {
            crate::private::create_private_file(path).map_err(|e| refused(path, e))?;
        }
        for file in [path.to_path_buf(), journal(path, "-wal"), journal(path, "-shm")] {
            crate::private::restrict(&file).map_err(|e| refused(&file, e))?;
        }
        let conn =
            Connection::open(path).map_err(|source| StoreError::Open { path: path.display().to_string(), source })?;
        Self::from_connection(conn, path)
    }

    pub fn open_in_memory() -> crate::Result<Store> {
        let conn = Connection::open_in_memory().doing("opening an in-memory store")?;
        Self::from_connection(conn, Path::new(":memory:"))
    }

    fn from_connection(mut conn: Connection, path: &Path) -> crate::Result<Store> {
        // Checked before any pragma that could write to the file.
        let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).doing("reading the schema version")?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema { path: path.display().to_string(), found, supported: SCHEMA_VERSION });
        }
        conn.busy_timeout(std::time::Duration::from_secs(10)).doing("setting the busy timeout")?;
        if found == 0 {
            // Only takes effect on a new file, before its first page exists:
            // larger pages keep UUID-keyed B-trees shallow at country scale.
            conn.pragma_update(None, "page_size", PAGE_SIZE).doing("setting the page size")?;
        }
        // WAL survives a power cut with at most the last commit lost, and
        // FULL makes that commit durable before we report it done.
        conn.pragma_update(None, "journal_mode", "WAL").doing("enabling WAL")?;
        conn.pragma_update(None, "synchronous", "FULL").doing("setting synchronous=FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON").doing("enabling foreign keys")?;
        // Country-scale reads and writes touch many index pages.
        conn.pragma_update(None, "cache_size", -DEFAULT_CACHE_MIB * 1024).doing("sizing the page cache")?;
        migrate(&mut conn, found)?;
        let device = crate::device::load(&conn)?;
        Ok(Store { conn, path: path.to_path_buf(), device, all_or_nothing: None })
    }

    /// Sets the page cache, in MiB. A bulk load of country-scale data
    /// inserts into indexes keyed by random UUIDs: with the working set in
    /// memory it runs several times faster.
    pub fn set_cache_mib(&self, mib: i64) -> crate::Result<()> {
        self.conn.pragma_update(None, "cache_size", -mib * 1024).doing("sizing the page cache")
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn schema_version(&self) -> crate::Result<i64> {
        self.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).doing("reading the schema version")
    }
}

pub(crate) fn migrate(conn: &mut Connection, from: i64) -> crate::Result<()> {
    if from == SCHEMA_VERSION {
        return Ok(());
    }
    // Migrations copy tables and build indexes: SQLite sorts in a buffer
    // as large as the page cache, on top of it (158 MB migrating a country's
    // store with the usual cache). A small cache keeps it in budget.
    let cache: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0)).doing("reading the cache size")?;
    conn.pragma_update(None, "cache_size", -MIGRATION_CACHE_KIB).doing("sizing the cache for a migration")?;
    let tx = conn.transaction().doing("starting the migration")?;
    for sql in &MIGRATIONS[from as usize..] {
        tx.execute_batch(sql).doing("applying a migration")?;
    }
    tx.pragma_update(None, "user_version", SCHEMA_VERSION).doing("recording the schema version")?;
    tx.commit().doing("committing the migration")?;
    conn.pragma_update(None, "cache_size", cache).doing("sizing the page cache")
}

const MIGRATION_CACHE_KIB: i64 = 8 * 1024;

#[cfg(test)]
mod tests {
    use super::*;
    use binome_domain::{FieldType, Kind};

    #[test]
    fn every_field_of_every_kind_has_its_column() {
        let store = Store::open_in_memory().unwrap();
        for kind in Kind::ALL {
            let mut stmt =
                store.conn.prepare(&format!("SELECT name, type FROM pragma_table_info('{}')", kind.table())).unwrap();
            let columns: Vec<(String, String)> =
                stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<Result<_, _>>().unwrap();
            for field in kind.fields() {
                let expected = match field.ty {
                    FieldType::Number => "REAL",
                    FieldType::Duration => "INTEGER",
                    _ => "TEXT",
                };
                assert!(
                    columns.iter().any(|(n, t)| n == field.name && t == expected),
                    "{}.{} should be a {expected} column",
                    kind.table(),
                    field.name
                );
            }
            for meta in ["id", "deleted", "vv", "hlc", "origin", "change_seq", "extra"] {
                assert!(columns.iter().any(|(n, _)| n == meta), "{}.{meta} missing", kind.table());
            }
        }
    }

    #[test]
    fn a_store_from_a_newer_binome_is_refused_and_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("newer.sqlite3");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch("CREATE TABLE future (x INTEGER); PRAGMA user_version = 99;").unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        match Store::open(&path) {
            Err(StoreError::NewerSchema { found: 99, .. }) => {}
            other => panic!("expected NewerSchema, got {:?}", other.map(|_| ())),
        }
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    /// A CHECK (x IN (…)) of more than two values builds a temporary index
    /// on every statement run (schema 3 removed them from these tables):
    /// a fifth of an import's time. Adding one back fails here.
    #[test]
    fn writing_a_row_or_its_change_log_builds_no_temporary_index() {
        use crate::rows::IfTaken;
        let store = Store::open_in_memory().unwrap();
        let statements = Kind::ALL
            .iter()
            .flat_map(|&kind| [IfTaken::Replace, IfTaken::Skip].map(|if_taken| crate::rows::write_sql(kind, if_taken)))
            .chain([crate::rows::CHANGE_LOG_INSERT.to_owned()]);
        for sql in statements {
            let mut explain = store.conn.prepare(&format!("EXPLAIN {sql}")).unwrap();
            let unbound = vec![rusqlite::types::Null; explain.parameter_count()];
            let opcodes: Vec<String> = explain
                .query_map(rusqlite::params_from_iter(unbound), |r| r.get(1))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            assert!(!opcodes.iter().any(|op| op == "OpenEphemeral"), "{sql} builds a temporary index");
        }
    }

    #[cfg(unix)]
    #[test]
    fn the_store_and_its_journals_are_created_for_their_owner_alone() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("binome").join("s.sqlite3");
        let store = Store::open(&path).unwrap();
        store.conn.execute_batch("CREATE TABLE probe (x); INSERT INTO probe VALUES (1);").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(path.parent().unwrap()), 0o700, "the folder Binôme made");
        for file in [path.clone(), journal(&path, "-wal"), journal(&path, "-shm")] {
            assert_eq!(mode(&file), 0o600, "{}", file.display());
        }
    }

    /// Run as a child process by the test below: another program (the
    /// CLI beside the app) tries to reset the store's WAL; prints whether
    /// a reader stopped it.
    #[test]
    fn lock_probe_child() {
        let Some(path) = std::env::var_os("BINOME_LOCK_PROBE") else { return };
        let conn = Connection::open(path).unwrap();
        let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0)).unwrap();
        println!("BUSY={busy}");
    }

    /// The app opens a second connection to its store for reports. Opening
    /// it must not release the first one's locks (closing any descriptor
    /// of a file drops the process's POSIX locks on it): another program
    /// could then reset the WAL under a reader and writes would be lost.
    #[test]
    fn opening_a_second_connection_keeps_the_first_one_s_locks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite3");
        let first = Store::open(&path).unwrap();
        first.conn.execute_batch("CREATE TABLE probe (x); INSERT INTO probe VALUES (1);").unwrap();
        first.conn.execute_batch("BEGIN").unwrap();
        let _: i64 = first.conn.query_row("SELECT count(*) FROM probe", [], |r| r.get(0)).unwrap();
        let _second = Store::open(&path).unwrap();
        let probe = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "open::tests::lock_probe_child", "--nocapture", "--test-threads=1"])
            .env("BINOME_LOCK_PROBE", &path)
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&probe.stdout);
        assert!(said.contains("BUSY=1"), "the first connection's read lock held the WAL: {said}");
        first.conn.execute_batch("COMMIT").unwrap();
    }

    #[test]
    fn store_is_durable_by_configuration() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s.sqlite3")).unwrap();
        let mode: String = store.conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        let sync: i64 = store.conn.query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
        assert_eq!((mode.as_str(), sync), ("wal", 2));
    }
}
