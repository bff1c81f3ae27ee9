//! Copies of the whole store, taken before anything that writes many rows
//! from outside (a spreadsheet or bundle import), and put back on request.

use crate::error::{Doing, StoreError};
use crate::open::{MIGRATIONS, SCHEMA_VERSION, Store};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

impl Store {
    /// Writes a consistent copy of the store to `target` (a new file),
    /// page by page through SQLite's online backup. `VACUUM INTO` would
    /// compact the copy but peaks at about five times the page cache: the
    /// copy is taken before every import, on laptops with little memory.
    ///
    /// The copy is a new file nobody reads until it is finished, so it is
    /// written without a journal and synced once at the end, which makes
    /// it as quick as a plain copy of the file (benches/README.md).
    pub fn backup_to(&self, target: &Path) -> crate::Result<()> {
        {
            let created = crate::private::create_private_file(target);
            created.map_err(|e| StoreError::Backup { path: target.display().to_string(), reason: e.to_string() })?;
            // Encrypted with the store's own key: one key file opens the
            // store and every backup of it.
            let mut copy = match &self.key {
                Some(key) => crate::open::open_keyed(target, key, rusqlite::OpenFlags::default())?,
                None => rusqlite::Connection::open(target).doing("creating a backup")?,
            };
            copy.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
                .doing("preparing a backup file")?;
            let backup = rusqlite::backup::Backup::new(&self.conn, &mut copy).doing("starting a backup")?;
            backup.run_to_completion(4096, std::time::Duration::ZERO, None).doing("writing a backup")?;
        }
        let synced = std::fs::File::open(target).and_then(|f| f.sync_all());
        synced.map_err(|e| StoreError::Backup { path: target.display().to_string(), reason: e.to_string() })
    }

    /// Replaces the store's contents with those of `source`, in place and
    /// in one step, through SQLite's online backup. A copy from an older
    /// Binôme is migrated; one from a newer Binôme, one that is not a
    /// store, or one of another device is refused before anything changes.
    ///
    /// The device's counter and clock are never taken back: a restored
    /// laptop that reused a counter it had already given a version would
    /// send two different versions under one name, which its peers refuse
    /// as a forgery (or, worse, take one for the other). Nor are the
    /// revocations and refusals held here (`HeldRefusals`).
    ///
    /// All of that is written into a staging copy of the backup first, and
    /// the store takes the staging copy's pages in one write transaction
    /// (the online backup holds one on its destination): a power cut or an
    /// error anywhere leaves the store as it was or wholly restored, never
    /// restored with its counters taken back or its refusals lost.
    pub fn restore_from(&mut self, source: &Path) -> crate::Result<()> {
        let staging = Staging::beside(&self.path);
        let restored = self.prepare_staging(source, &staging).and_then(|prepared| {
            let backup = rusqlite::backup::Backup::new(&prepared, &mut self.conn).doing("starting a restore")?;
            backup.run_to_completion(1024, std::time::Duration::ZERO, None).doing("restoring a backup")
        });
        staging.remove();
        restored?;
        self.device = crate::local_device::load(&self.conn)?;
        Ok(())
    }

    /// `source` copied beside the store and checked there, so that what is
    /// checked is what is restored (a journal put beside a backup by hand
    /// is neither); then migrated, with this store's counters and refusals
    /// written in.
    fn prepare_staging(&self, source: &Path, staging: &Staging) -> crate::Result<rusqlite::Connection> {
        let not_a_backup = || StoreError::NotABackup { path: source.display().to_string() };
        staging.copy_of(source, not_a_backup)?;
        let mut prepared = match &self.key {
            Some(key) => crate::open::open_keyed(&staging.path, key, rusqlite::OpenFlags::default()).map_err(|e| {
                match e {
                    // Another store's backup, under another key, or a copy cut
                    // short before its first pages.
                    StoreError::WrongKey { .. } | StoreError::Open { .. } => not_a_backup(),
                    other => other,
                }
            })?,
            None => rusqlite::Connection::open(&staging.path).doing("opening a restore's staging copy")?,
        };
        let schema = backup_schema(&prepared, source)?;
        if schema > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                path: source.display().to_string(),
                found: schema,
                supported: SCHEMA_VERSION,
            });
        }
        check_schema(&prepared, schema, source)?;
        let theirs = crate::local_device::load(&prepared).map_err(|_| not_a_backup())?.ok_or_else(not_a_backup)?;
        if let Some(ours) = &self.device {
            if ours.device_id != theirs.device_id {
                return Err(StoreError::BackupOfAnotherDevice {
                    path: source.display().to_string(),
                    device_id: theirs.device_id,
                });
            }
        }
        let refusals = crate::devices::HeldRefusals::read(&self.conn)?;
        // A scratch file: one that a power cut leaves half written is
        // replaced by the next restore, never read.
        prepared.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;").doing("preparing a restore")?;
        crate::open::migrate(&mut prepared, schema)?;
        #[cfg(feature = "test-support")]
        crate::failpoints::restore_before_keeping(&staging.path)?;
        let kept = prepared.transaction().doing("keeping what a restore never undoes")?;
        if let Some(before) = &self.device {
            kept.execute(
                "UPDATE local_device SET counter = max(counter, ?1), hlc = max(hlc, ?2) WHERE singleton = 1",
                rusqlite::params![before.counter, before.hlc],
            )
            .doing("keeping the device counters")?;
        }
        refusals.put_back(&kept)?;
        kept.commit().doing("keeping what a restore never undoes")?;
        Ok(prepared)
    }
}

/// The file a restore is prepared in, beside the store.
struct Staging {
    path: PathBuf,
}

impl Staging {
    const SUFFIX: &str = ".restauration";

    fn beside(store: &Path) -> Staging {
        Staging { path: crate::open::beside(store, Self::SUFFIX) }
    }

    /// A copy of the file at `source`, private like the store; `unreadable`
    /// is the refusal when the source cannot be read at all.
    fn copy_of(&self, source: &Path, unreadable: impl Fn() -> StoreError) -> crate::Result<()> {
        self.remove();
        let mut from = std::fs::File::open(source).map_err(|_| unreadable())?;
        let failed =
            |e: std::io::Error| StoreError::Backup { path: self.path.display().to_string(), reason: e.to_string() };
        let mut copy = crate::private::create_private_file(&self.path).map_err(failed)?;
        std::io::copy(&mut from, &mut copy).map_err(failed)?;
        Ok(())
    }

    /// Gone, with any journal SQLite left beside it. A file that cannot be
    /// removed is a scratch copy left for the next restore to replace:
    /// that is no reason to fail the one under way.
    fn remove(&self) {
        for suffix in ["", "-journal", "-wal", "-shm"] {
            let _ = std::fs::remove_file(crate::open::beside(&self.path, suffix));
        }
    }
}

/// The schema version of a backup file, once it is known to be a whole
/// SQLite database (an interrupted copy is not).
fn backup_schema(from: &rusqlite::Connection, source: &Path) -> crate::Result<i64> {
    let not_a_backup = || StoreError::NotABackup { path: source.display().to_string() };
    let check: String = from.query_row("PRAGMA quick_check", [], |r| r.get(0)).map_err(|_| not_a_backup())?;
    if check != "ok" {
        return Err(not_a_backup());
    }
    let schema: i64 = from.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|_| not_a_backup())?;
    if schema == 0 {
        return Err(not_a_backup());
    }
    Ok(schema)
}

/// A schema object: its type (table, index, view, trigger) and the
/// statement that made it.
type SchemaObjects = BTreeMap<String, (String, Option<String>)>;

/// A backup's tables, indexes, views and triggers are the ones Binôme's
/// migrations make at its schema version, to the letter. A file put in the
/// backups folder by hand could hold a trigger of its own (one that
/// rewrites or deletes rows at every tick, once restored) or a view in a
/// table's place; it is refused, naming the first object that differs.
/// The text SQLite keeps for a renamed or widened table comes from SQLite
/// itself: the stores made by earlier Binômes (`tests/fixtures`, restored
/// in `binome-core/tests/vault.rs`) say whether a newer SQLite still
/// writes it alike.
fn check_schema(backup: &rusqlite::Connection, version: i64, source: &Path) -> crate::Result<()> {
    let reference = rusqlite::Connection::open_in_memory().doing("building the schema a backup should have")?;
    let version = usize::try_from(version).unwrap_or(usize::MAX).min(MIGRATIONS.len());
    for sql in &MIGRATIONS[..version] {
        reference.execute_batch(sql).doing("building the schema a backup should have")?;
    }
    let expected = schema_objects(&reference)?;
    let found = schema_objects(backup).map_err(|_| StoreError::NotABackup { path: source.display().to_string() })?;
    let differing = found
        .iter()
        .find(|(name, object)| expected.get(*name) != Some(*object))
        .or_else(|| expected.iter().find(|(name, _)| !found.contains_key(*name)));
    match differing {
        None => Ok(()),
        Some((name, (kind, _))) => {
            Err(StoreError::BackupAltered { path: source.display().to_string(), object: format!("{kind} {name}") })
        }
    }
}

fn schema_objects(conn: &rusqlite::Connection) -> crate::Result<SchemaObjects> {
    // SQLite's own (sqlite_stat1 after ANALYZE, sqlite_sequence) come and go.
    let mut statement = conn
        .prepare("SELECT name, type, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
        .doing("reading a schema")?;
    let objects = statement
        .query_map([], |r| Ok((r.get::<_, String>(0)?, (r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?))))
        .doing("reading a schema")?
        .collect::<Result<SchemaObjects, _>>()
        .doing("reading a schema")?;
    Ok(objects)
}
