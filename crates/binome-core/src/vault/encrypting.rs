//! A store from before encryption at rest, encrypted on its first unlock:
//! first an encrypted backup of it as it was, then its older backups one
//! by one, then the store itself, each through a work file renamed in
//! place. The key file is written before any of it, so an interrupted run
//! is taken up again at the next unlock, where it stopped.

use crate::backups::{BackupFolder, BackupReason, sync_dir};
use crate::error::{CoreError, Result};
use binome_store::{StoreError, StoreFile, StoreKey, encrypt_in_place, encrypted_copy, inspect};
use std::path::{Path, PathBuf};

pub const BEFORE_ENCRYPTION: &str = "avant-chiffrement";

fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Encrypts the plain store at `store` and its backups with `key`.
pub fn encrypt_plain_store(store: &Path, key: &StoreKey, now_millis: i64) -> Result<()> {
    let folder = BackupFolder::of(store);
    let dir = &folder.dir;
    let (backup, work) = folder.new_backup(BackupReason::BeforeEncryption, now_millis)?;
    encrypted_copy(store, key, &work)?;
    std::fs::rename(&work, &backup).map_err(|e| CoreError::io(&backup, e))?;
    sync_dir(dir)?;
    for older in folder.list()? {
        if inspect(&older.path).map_err(|e| CoreError::io(&older.path, e))? != StoreFile::Plain {
            continue;
        }
        match encrypt_in_place(&older.path, key) {
            Ok(()) => {}
            // What SQLite cannot read whole (a copy cut short by a power
            // cut) was never restorable: it goes rather than stay in clear.
            Err(StoreError::Sql { .. }) => {
                std::fs::remove_file(&older.path).map_err(|e| CoreError::io(&older.path, e))?;
            }
            Err(other) => return Err(other.into()),
        }
    }
    sync_dir(dir)?;
    let work = beside(store, ".chiffrement");
    encrypted_copy(store, key, &work)?;
    // The plain store's journals would be read as the encrypted one's.
    for journal in [beside(store, "-wal"), beside(store, "-shm")] {
        match std::fs::remove_file(&journal) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(CoreError::io(&journal, e)),
        }
    }
    std::fs::rename(&work, store).map_err(|e| CoreError::io(store, e))?;
    sync_dir(store.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")))
}
