//! Encrypting a store written before encryption at rest. SQLite's online
//! backup cannot copy a plain file's pages into an encrypted one (the
//! encrypted page keeps room for its nonce and MAC), so the copy goes
//! through SQLCipher's `sqlcipher_export`, table by table.

use crate::error::{Doing, StoreError};
use crate::key::StoreKey;
use crate::open::{PAGE_SIZE, StoreFile, inspect, open_keyed};
use crate::page_mac::PageMac;
use rusqlite::{Connection, OpenFlags};
use std::path::Path;

/// Writes to `target` (a new file, synced) an encrypted copy of the plain
/// store at `plain`, which is left as it is. Its schema version goes with
/// it; nothing is migrated. The copy is opened once with `key` and
/// checked before this returns.
pub fn encrypted_copy(plain: &Path, key: &StoreKey, target: &Path) -> crate::Result<()> {
    let io = |e: std::io::Error| StoreError::Backup { path: plain.display().to_string(), reason: e.to_string() };
    if inspect(plain).map_err(io)? != StoreFile::Plain {
        return Err(StoreError::NotABackup { path: plain.display().to_string() });
    }
    // Read-write so that SQLite may fold the store's WAL into what it
    // reads; nothing of the store itself changes.
    let from = Connection::open_with_flags(plain, OpenFlags::SQLITE_OPEN_READ_WRITE)
        .map_err(|source| StoreError::Open { path: plain.display().to_string(), source })?;
    export_copy(from, plain, key, target)
}

/// Writes to `target` (a new file, synced) a copy of the encrypted store
/// or backup at `source` under the key `new`; `source` stays under `old`.
fn rekeyed_copy(source: &Path, old: &StoreKey, new: &StoreKey, target: &Path) -> crate::Result<()> {
    let from = open_keyed(source, old, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    export_copy(from, source, new, target)
}

/// Puts the encrypted store or backup at `path` under the key `new`: a
/// copy under a work name, renamed over it once whole. A file that `old`
/// does not open is refused (`WrongKey`) and left as it is.
pub fn rekey_in_place(path: &Path, old: &StoreKey, new: &StoreKey) -> crate::Result<()> {
    through_work_file(path, |work| rekeyed_copy(path, old, new, work))
}

/// Whether `key` opens the store or backup at `path` (`WrongKey` if not);
/// nothing is written.
pub fn opens_with(path: &Path, key: &StoreKey) -> crate::Result<()> {
    open_keyed(path, key, OpenFlags::SQLITE_OPEN_READ_ONLY).map(drop)
}

/// SQLCipher's `sqlcipher_export` from the open `from` (read from
/// `source`) into a new file at `target` under `key`, checked.
fn export_copy(from: Connection, source: &Path, key: &StoreKey, target: &Path) -> crate::Result<()> {
    let io =
        |at: &Path, e: std::io::Error| StoreError::Backup { path: at.display().to_string(), reason: e.to_string() };
    let not_a_store = || StoreError::NotABackup { path: source.display().to_string() };
    let schema: i64 = from.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|_| not_a_store())?;
    crate::private::create_private_file(target).map_err(|e| io(target, e))?;
    // Folds the WAL into the file, so that the source may lose its
    // journals once the copy replaces it, and lose nothing with them.
    from.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).doing("folding the journal in")?;
    let target_name = target.to_str().ok_or_else(|| StoreError::Backup {
        path: target.display().to_string(),
        reason: "the path is not valid Unicode".to_owned(),
    })?;
    from.execute("ATTACH DATABASE ?1 AS encrypted KEY ?2", rusqlite::params![target_name, key.literal().as_str()])
        .doing("attaching the encrypted copy")?;
    from.execute_batch(&format!(
        "PRAGMA encrypted.cipher_page_size = {PAGE_SIZE}; PRAGMA encrypted.cipher_hmac_algorithm = {}; \
         PRAGMA encrypted.journal_mode = OFF;",
        PageMac::for_this_processor().pragma_value()
    ))
    .doing("preparing the encrypted copy")?;
    from.query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(())).doing("encrypting the store")?;
    from.execute_batch(&format!("PRAGMA encrypted.user_version = {schema}; DETACH DATABASE encrypted;"))
        .doing("finishing the encrypted copy")?;
    drop(from);
    let synced = std::fs::File::open(target).and_then(|f| f.sync_all());
    synced.map_err(|e| io(target, e))?;
    let copy = open_keyed(target, key, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let check: String = copy.query_row("PRAGMA quick_check", [], |r| r.get(0)).doing("checking the encrypted copy")?;
    if check != "ok" {
        return Err(StoreError::Backup { path: target.display().to_string(), reason: check });
    }
    Ok(())
}

/// Writes a copy of `path` with `copy` under a work name beside it and
/// renames it over `path` once whole.
fn through_work_file(path: &Path, copy: impl FnOnce(&Path) -> crate::Result<()>) -> crate::Result<()> {
    let mut work = path.as_os_str().to_owned();
    work.push(".chiffrement");
    let work = std::path::PathBuf::from(work);
    // A work file left by a run cut short is only ever a partial copy.
    match std::fs::remove_file(&work) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(StoreError::Backup { path: work.display().to_string(), reason: e.to_string() }),
    }
    if let Err(e) = copy(&work) {
        // The copy's failure is what to report; a half copy that cannot be
        // removed is replaced by the next attempt.
        let _ = std::fs::remove_file(&work);
        return Err(e);
    }
    std::fs::rename(&work, path)
        .map_err(|e| StoreError::Backup { path: path.display().to_string(), reason: e.to_string() })
}

/// Encrypts the plain store or backup at `plain` in place: an encrypted
/// copy under a work name, renamed over it once whole.
pub fn encrypt_in_place(plain: &Path, key: &StoreKey) -> crate::Result<()> {
    through_work_file(plain, |work| encrypted_copy(plain, key, work))
}

impl crate::Store {
    /// Encrypts, in place and under this store's key, a backup of it from
    /// before encryption at rest (one put back in its folder by hand).
    pub fn encrypt_backup(&self, plain: &Path) -> crate::Result<()> {
        match &self.key {
            Some(key) => encrypt_in_place(plain, key),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;
    use crate::key::test_key;

    const NAME: &str = "Achta Mahamat Saleh";

    fn bytes_of(files: &[&Path]) -> Vec<u8> {
        files.iter().filter(|f| f.exists()).flat_map(|f| std::fs::read(f).unwrap()).collect()
    }

    fn holds(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    fn journals(path: &Path) -> [std::path::PathBuf; 3] {
        let with = |suffix: &str| {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            std::path::PathBuf::from(name)
        };
        [path.to_path_buf(), with("-wal"), with("-shm")]
    }

    #[test]
    fn a_copied_store_file_and_its_journal_reveal_no_name_and_no_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite3");
        let store = Store::open(&path, &test_key()).unwrap();
        store.conn.execute("CREATE TABLE probe (name TEXT)", []).unwrap();
        store.conn.execute("INSERT INTO probe VALUES (?1)", [NAME]).unwrap();
        // What a thief copies while the app runs: the store and its WAL.
        let [file, wal, shm] = journals(&path);
        let raw = bytes_of(&[&file, &wal, &shm]);
        assert!(raw.len() > 16_384, "the store and its WAL were written");
        assert!(!holds(&raw, NAME.as_bytes()), "a name in clear");
        assert!(!holds(&raw, test_key().as_bytes()), "the key in clear");
        assert!(!holds(&raw, b"SQLite format 3"), "a plain SQLite header");
        drop(store);
        let reopened = Store::open(&path, &test_key()).unwrap();
        let name: String = reopened.conn.query_row("SELECT name FROM probe", [], |r| r.get(0)).unwrap();
        assert_eq!(name, NAME);
    }

    #[test]
    fn another_key_is_refused_and_leaves_the_file_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite3");
        drop(Store::open(&path, &test_key()).unwrap());
        let before = std::fs::read(&path).unwrap();
        match Store::open(&path, &StoreKey::from_bytes([8; 32])) {
            Err(StoreError::WrongKey { path: named }) => assert_eq!(named, path.display().to_string()),
            other => panic!("expected WrongKey, got {:?}", other.map(|_| ())),
        }
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    fn plain_store(path: &Path) {
        let conn = Connection::open(path).unwrap();
        conn.execute_batch("PRAGMA journal_mode = WAL; CREATE TABLE probe (name TEXT); PRAGMA user_version = 3;")
            .unwrap();
        conn.execute("INSERT INTO probe VALUES (?1)", [NAME]).unwrap();
    }

    #[test]
    fn a_plain_store_is_refused_until_encrypted_and_its_copy_keeps_rows_and_schema() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain.sqlite3");
        plain_store(&plain);
        assert_eq!(inspect(&plain).unwrap(), StoreFile::Plain);
        match Store::open(&plain, &test_key()) {
            Err(StoreError::NotEncrypted { .. }) => {}
            other => panic!("expected NotEncrypted, got {:?}", other.map(|_| ())),
        }
        let copy = dir.path().join("copy.sqlite3");
        encrypted_copy(&plain, &test_key(), &copy).unwrap();
        assert_eq!(inspect(&copy).unwrap(), StoreFile::Encrypted);
        assert!(!holds(&std::fs::read(&copy).unwrap(), NAME.as_bytes()));
        let conn = open_keyed(&copy, &test_key(), OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        let (name, schema): (String, i64) = conn
            .query_row("SELECT (SELECT name FROM probe), (SELECT user_version FROM pragma_user_version)", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((name.as_str(), schema), (NAME, 3));
        let page_size: String = conn.query_row("PRAGMA cipher_page_size", [], |r| r.get(0)).unwrap();
        assert_eq!(page_size, PAGE_SIZE.to_string());
        assert!(matches!(
            encrypted_copy(&copy, &test_key(), &dir.path().join("again")),
            Err(StoreError::NotABackup { .. })
        ));
    }

    #[test]
    fn a_backup_is_encrypted_with_the_store_s_key_and_restores() {
        use crate::DeviceRole;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite3");
        let mut store = Store::open(&path, &test_key()).unwrap();
        store.init_device("device-a", "portable", NAME, DeviceRole::Expert, 1).unwrap();
        let backup = dir.path().join("backup.sqlite3");
        store.backup_to(&backup).unwrap();
        assert!(!holds(&std::fs::read(&backup).unwrap(), NAME.as_bytes()));
        store.restore_from(&backup).unwrap();
        assert_eq!(store.device().unwrap().author, NAME);
        // Another store's backup is under another key.
        let other = dir.path().join("other.sqlite3");
        let mut stranger = Store::open(&other, &StoreKey::from_bytes([9; 32])).unwrap();
        stranger.init_device("device-b", "autre", "B", DeviceRole::Expert, 1).unwrap();
        let theirs = dir.path().join("theirs.sqlite3");
        stranger.backup_to(&theirs).unwrap();
        assert!(matches!(store.restore_from(&theirs), Err(StoreError::NotABackup { .. })));
    }

    #[test]
    fn a_rekeyed_store_opens_with_the_new_key_only_and_keeps_its_rows_and_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite3");
        let (old, new) = (test_key(), StoreKey::from_bytes([8; 32]));
        let store = Store::open(&path, &old).unwrap();
        store.conn.execute("CREATE TABLE probe (name TEXT)", []).unwrap();
        store.conn.execute("INSERT INTO probe VALUES (?1)", [NAME]).unwrap();
        let schema: i64 = store.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        drop(store);

        rekey_in_place(&path, &old, &new).unwrap();
        assert!(matches!(Store::open(&path, &old), Err(StoreError::WrongKey { .. })));
        let reopened = Store::open(&path, &new).unwrap();
        let (name, again): (String, i64) = reopened
            .conn
            .query_row("SELECT (SELECT name FROM probe), (SELECT user_version FROM pragma_user_version)", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((name.as_str(), again), (NAME, schema));
        let [file, wal, shm] = journals(&path);
        assert!(!holds(&bytes_of(&[&file, &wal, &shm]), NAME.as_bytes()));
        drop(reopened);

        // Done twice (a run cut short, taken up again): the old key no
        // longer opens it, and it is left as it is.
        let before = std::fs::read(&path).unwrap();
        assert!(matches!(rekey_in_place(&path, &old, &new), Err(StoreError::WrongKey { .. })));
        assert_eq!(std::fs::read(&path).unwrap(), before);
        let mut work = path.as_os_str().to_owned();
        work.push(".chiffrement");
        assert!(!Path::new(&work).exists(), "no work file is left behind");
    }
}
