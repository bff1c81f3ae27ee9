//! Opening a store file: pragmas, then migrations keyed on `user_version`.

use crate::error::{Doing, StoreError};
use crate::key::StoreKey;
use crate::local_device::LocalDevice;
use crate::page_mac::PageMac;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// Migrations in order; the schema version is their count. Never edit a
/// released one: add the next.
pub(crate) const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_create_records.sql"),
    include_str!("../migrations/0002_add_sync.sql"),
    include_str!("../migrations/0003_checks_without_lists.sql"),
    include_str!("../migrations/0004_origin_segments.sql"),
    include_str!("../migrations/0005_import_value_choices.sql"),
    include_str!("../migrations/0006_programme_professions.sql"),
    include_str!("../migrations/0007_value_choices.sql"),
    include_str!("../migrations/0008_numbered_segments.sql"),
    include_str!("../migrations/0009_erasures_and_pseudonym_keys.sql"),
    include_str!("../migrations/0010_indicator_facts.sql"),
];

pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;
/// The schema of the synced tables, which bundles state: a migration that
/// only adds a table local to the laptop leaves it, so that laptops one
/// release apart still read each other's bundles.
pub const SYNCED_SCHEMA_VERSION: i64 = 7;

pub const DEFAULT_CACHE_MIB: i64 = 64;

pub(crate) const PAGE_SIZE: i64 = 16384;

/// A file beside the store named after it: SQLite's journals (`-wal`,
/// `-shm`), a restore's staging copy.
pub(crate) fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) path: PathBuf,
    pub(crate) device: Option<LocalDevice>,
    /// `None` for a store in memory, the only kind left unencrypted.
    pub(crate) key: Option<StoreKey>,
    /// An all-or-nothing transaction begun, and whether its token is still
    /// held: writes are then savepoints inside it
    /// ([`Store::begin_all_or_nothing`]).
    pub(crate) all_or_nothing: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
}

/// What lies at a store's path before it is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreFile {
    /// No file, or an empty one: a store is yet to be created there.
    Absent,
    /// A store from a Binôme before encryption at rest, readable by anyone
    /// who copies it: it is encrypted on its first unlock.
    Plain,
    /// Anything else: an encrypted store, or a file that is no store (only
    /// its key tells them apart).
    Encrypted,
}

/// The first 16 bytes of every unencrypted SQLite file. An encrypted one
/// starts with its random salt instead.
const PLAIN_HEADER: &[u8; 16] = b"SQLite format 3\0";

pub fn inspect(path: &Path) -> std::io::Result<StoreFile> {
    use std::io::Read;
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(StoreFile::Absent),
        Err(e) => return Err(e),
    };
    let mut header = [0u8; 16];
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..])? {
            0 => break,
            n => read += n,
        }
    }
    Ok(match read {
        0 => StoreFile::Absent,
        16 if &header == PLAIN_HEADER => StoreFile::Plain,
        _ => StoreFile::Encrypted,
    })
}

/// Gives a new connection its key, before anything reads a page, and
/// checks the key opens the file: SQLCipher only finds out on the first
/// read. The page HMAC this processor prefers is tried first, then the
/// other ([`PageMac`]); a new file gets the preferred one.
pub(crate) fn apply_key(conn: &Connection, key: &StoreKey, path: &Path) -> crate::Result<()> {
    let preferred = PageMac::for_this_processor();
    let pragmas = zeroize::Zeroizing::new(format!(
        // SQLCipher would log a wrong key to stderr; the caller reports it.
        "PRAGMA cipher_log_level = NONE; PRAGMA key = \"{}\"; PRAGMA cipher_page_size = {PAGE_SIZE}; \
         PRAGMA cipher_hmac_algorithm = {};",
        key.literal().as_str(),
        preferred.pragma_value()
    ));
    conn.execute_batch(&pragmas).doing("giving the store its key")?;
    let first_page_opens = || match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)) {
        Ok(_) => Ok(true),
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => Ok(false),
        Err(source) => Err(StoreError::Open { path: path.display().to_string(), source }),
    };
    if first_page_opens()? {
        return Ok(());
    }
    // SQLCipher reads the first page again with the new setting.
    conn.pragma_update(None, "cipher_hmac_algorithm", preferred.other().pragma_value())
        .doing("giving the store its key")?;
    match first_page_opens()? {
        true => Ok(()),
        false => Err(StoreError::WrongKey { path: path.display().to_string() }),
    }
}

/// Opens the file at `path` with `key`, creating it if absent, without
/// applying migrations: what a backup, a restore or an encryption opens.
pub(crate) fn open_keyed(path: &Path, key: &StoreKey, flags: rusqlite::OpenFlags) -> crate::Result<Connection> {
    let conn = Connection::open_with_flags(path, flags)
        .map_err(|source| StoreError::Open { path: path.display().to_string(), source })?;
    apply_key(&conn, key, path)?;
    Ok(conn)
}

impl Store {
    /// Opens (creating if absent) and upgrades the encrypted store at
    /// `path`. A plain store is refused ([`StoreError::NotEncrypted`]):
    /// it is encrypted first, with [`encrypted_copy`].
    pub fn open(path: &Path, key: &StoreKey) -> crate::Result<Store> {
        let refused = |at: &Path, e: std::io::Error| StoreError::Open {
            path: path.display().to_string(),
            source: rusqlite::Error::InvalidPath(format!("{}: {e}", at.display()).into()),
        };
        if inspect(path).map_err(|e| refused(path, e))? == StoreFile::Plain {
            return Err(StoreError::NotEncrypted { path: path.display().to_string() });
        }
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
        for file in [path.to_path_buf(), beside(path, "-wal"), beside(path, "-shm")] {
            crate::private::restrict(&file).map_err(|e| refused(&file, e))?;
        }
        let conn = open_keyed(path, key, rusqlite::OpenFlags::default())?;
        Self::from_connection(conn, path, Some(key.clone()))
    }

    /// Another connection to the same store, with the key it was opened
    /// with (the app reads long reports on one while the other writes).
    ///
    /// It opens no file of the store outside SQLite, as [`Store::open`]
    /// does to tell a plain store: closing any descriptor of a file drops
    /// every POSIX lock the process holds on it, the first connection's
    /// too, and another program would then take itself for the store's
    /// last reader and delete the WAL under it, with its commits.
    pub fn reopen(&self) -> crate::Result<Store> {
        match &self.key {
            Some(key) => {
                let conn = open_keyed(&self.path, key, rusqlite::OpenFlags::default())?;
                Self::from_connection(conn, &self.path, Some(key.clone()))
            }
            // The benchmarks' unencrypted twin reads as a laptop's store does.
            #[cfg(feature = "baselines")]
            None if self.path != Path::new(":memory:") => Store::open_unencrypted(&self.path),
            None => Err(StoreError::Open {
                path: self.path.display().to_string(),
                source: rusqlite::Error::InvalidPath("a store in memory has no second connection".into()),
            }),
        }
    }

    pub fn open_in_memory() -> crate::Result<Store> {
        let conn = Connection::open_in_memory().doing("opening an in-memory store")?;
        Self::from_connection(conn, Path::new(":memory:"), None)
    }

    pub(crate) fn from_connection(mut conn: Connection, path: &Path, key: Option<StoreKey>) -> crate::Result<Store> {
        // Checked before any pragma that could write to the file.
        let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).doing("reading the schema version")?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema { path: path.display().to_string(), found, supported: SCHEMA_VERSION });
        }
        conn.busy_timeout(std::time::Duration::from_secs(10)).doing("setting the busy timeout")?;
        if found == 0 && key.is_none() {
            // An encrypted store has its page size from its key's pragmas.
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
        // Temporary storage stays in memory: SQLCipher does not encrypt it,
        // and a sort may hold names. Said here, outside any transaction, it
        // also closes the temporary database a migration's ALTER TABLE
        // opened, so that a load's index builds may sort on disk (bulk.rs).
        conn.pragma_update(None, "temp_store", "MEMORY").doing("keeping temporary storage in memory")?;
        let device = crate::local_device::load(&conn)?;
        Ok(Store { conn, path: path.to_path_buf(), device, key, all_or_nothing: None })
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

    /// The key the store was opened with, to seal it anew (the recovery
    /// kit); `None` for a store in memory.
    pub fn key(&self) -> Option<&StoreKey> {
        self.key.as_ref()
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
    // as large as the page cache, on top of it. A small cache keeps a
    // country's migration within its memory budget (benches/README.md,
    // "Figures behind the code's comments").
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
    use crate::key::test_key;
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
            let conn = open_keyed(&path, &test_key(), Default::default()).unwrap();
            conn.execute_batch("CREATE TABLE future (x INTEGER); PRAGMA user_version = 99;").unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        match Store::open(&path, &test_key()) {
            Err(StoreError::NewerSchema { found: 99, .. }) => {}
            other => panic!("expected NewerSchema, got {:?}", other.map(|_| ())),
        }
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    /// A CHECK (x IN (…)) of more than two values builds a temporary index
    /// on every statement run, a large share of an import's time; these
    /// tables have none, and adding one back fails here.
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
        let store = Store::open(&path, &test_key()).unwrap();
        store.conn.execute_batch("CREATE TABLE probe (x); INSERT INTO probe VALUES (1);").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(path.parent().unwrap()), 0o700, "the folder Binôme made");
        for file in [path.clone(), beside(&path, "-wal"), beside(&path, "-shm")] {
            assert_eq!(mode(&file), 0o600, "{}", file.display());
        }
    }

    /// Run as a child process by the test below: another program (the
    /// CLI beside the app) tries to reset the store's WAL; prints whether
    /// a reader stopped it.
    #[test]
    fn lock_probe_child() {
        let Some(path) = std::env::var_os("BINOME_LOCK_PROBE") else { return };
        let conn = open_keyed(Path::new(&path), &test_key(), Default::default()).unwrap();
        let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0)).unwrap();
        println!("BUSY={busy}");
    }

    /// Run as a child process by the test below: another program reads
    /// the store and closes it; prints how many rows it saw.
    #[test]
    fn count_probe_child() {
        let Some(path) = std::env::var_os("BINOME_COUNT_PROBE") else { return };
        let conn = open_keyed(Path::new(&path), &test_key(), Default::default()).unwrap();
        let count: i64 = conn.query_row("SELECT count(*) FROM probe", [], |r| r.get(0)).unwrap();
        println!("COUNT={count}");
    }

    fn rows_another_program_sees(path: &Path) -> String {
        let probe = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "open::tests::count_probe_child", "--nocapture", "--test-threads=1"])
            .env("BINOME_COUNT_PROBE", path)
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&probe.stdout).into_owned();
        let count = said.split_once("COUNT=").map(|(_, rest)| rest.chars().take_while(char::is_ascii_digit).collect());
        count.map_or_else(
            || format!("none: {said} {}", String::from_utf8_lossy(&probe.stderr)),
            |n: String| format!("COUNT={n}"),
        )
    }

    /// The app's report connection is opened while the first one writes.
    /// If opening it dropped the first one's lock on the store file, the
    /// CLI closing beside the app would delete the WAL and the app's next
    /// commits would go to a file nobody else reads.
    #[test]
    fn a_program_closing_the_store_beside_two_connections_loses_none_of_their_commits() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite3");
        let first = Store::open(&path, &test_key()).unwrap();
        first.conn.execute_batch("CREATE TABLE probe (x); INSERT INTO probe VALUES (1);").unwrap();
        let _reports = first.reopen().unwrap();
        assert_eq!(rows_another_program_sees(&path), "COUNT=1");
        first.conn.execute_batch("INSERT INTO probe VALUES (2);").unwrap();
        assert_eq!(rows_another_program_sees(&path), "COUNT=2", "the second commit is in the WAL others read");
    }

    /// The app opens a second connection to its store for reports. Opening
    /// it must not release the first one's locks (closing any descriptor
    /// of a file drops the process's POSIX locks on it): another program
    /// could then reset the WAL under a reader and writes would be lost.
    #[test]
    fn opening_a_second_connection_keeps_the_first_one_s_locks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite3");
        let first = Store::open(&path, &test_key()).unwrap();
        first.conn.execute_batch("CREATE TABLE probe (x); INSERT INTO probe VALUES (1);").unwrap();
        first.conn.execute_batch("BEGIN").unwrap();
        let _: i64 = first.conn.query_row("SELECT count(*) FROM probe", [], |r| r.get(0)).unwrap();
        let _second = Store::open(&path, &test_key()).unwrap();
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
        let store = Store::open(&dir.path().join("s.sqlite3"), &test_key()).unwrap();
        let mode: String = store.conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        let sync: i64 = store.conn.query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
        assert_eq!((mode.as_str(), sync), ("wal", 2));
    }
}
