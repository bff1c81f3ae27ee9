//! Copies of the whole store, taken before anything that writes many rows
//! from outside (a spreadsheet or bundle import), and put back on request.

use crate::error::{Doing, StoreError};
use crate::open::{MIGRATIONS, SCHEMA_VERSION, Store};
use std::collections::BTreeMap;
use std::path::Path;

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
    pub fn restore_from(&mut self, source: &Path) -> crate::Result<()> {
        let read_only = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY;
        let from = match &self.key {
            Some(key) => crate::open::open_keyed(source, key, read_only).map_err(|e| match e {
                // Another store's backup, under another key, or a copy cut
                // short before its first pages.
                StoreError::WrongKey { path } => StoreError::NotABackup { path },
                StoreError::Open { .. } => StoreError::NotABackup { path: source.display().to_string() },
                other => other,
            })?,
            None => rusqlite::Connection::open_with_flags(source, read_only).doing("opening a backup")?,
        };
        let schema = backup_schema(&from, source)?;
        if schema > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                path: source.display().to_string(),
                found: schema,
                supported: SCHEMA_VERSION,
            });
        }
        check_schema(&from, schema, source)?;
        let theirs = crate::local_device::load(&from)
            .map_err(|_| StoreError::NotABackup { path: source.display().to_string() })?
            .ok_or_else(|| StoreError::NotABackup { path: source.display().to_string() })?;
        let before = self.device.clone();
        let refusals = crate::devices::HeldRefusals::read(&self.conn)?;
        if let Some(ours) = &before {
            if ours.device_id != theirs.device_id {
                return Err(StoreError::BackupOfAnotherDevice {
                    path: source.display().to_string(),
                    device_id: theirs.device_id,
                });
            }
        }
        {
            let backup = rusqlite::backup::Backup::new(&from, &mut self.conn).doing("starting a restore")?;
            backup.run_to_completion(1024, std::time::Duration::ZERO, None).doing("restoring a backup")?;
        }
        crate::open::migrate(&mut self.conn, schema)?;
        let kept = self.conn.transaction().doing("keeping what a restore never undoes")?;
        if let Some(before) = before {
            kept.execute(
                "UPDATE local_device SET counter = max(counter, ?1), hlc = max(hlc, ?2) WHERE singleton = 1",
                rusqlite::params![before.counter, before.hlc],
            )
            .doing("keeping the device counters")?;
        }
        refusals.put_back(&kept)?;
        kept.commit().doing("keeping what a restore never undoes")?;
        self.device = crate::local_device::load(&self.conn)?;
        Ok(())
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
