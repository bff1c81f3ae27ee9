//! A new store key once a coordinator its recovery kit was sealed to is
//! revoked. A kit is a file that travels (sent by email, kept on the
//! coordinator's laptop) and stays where it went: whoever holds the
//! revoked laptop's keys opens it and, with a copy of this store or of a
//! backup, reads everything. So at the next unlock with the passphrase
//! (the new key is sealed under it) the store and every backup are copied
//! under a new key, the kit is sealed again to the coordinators still
//! trusted, and the kits sent before open nothing.
//!
//! The key file holds the new key and, as `previous`, the old one, before
//! any file changes, and drops the old one once every file is under the
//! new: a replacement cut short is taken up at the next unlock.

use super::key_file::{self, KeyFile, key_file_path};
use super::passphrase::{self, Passphrase};
use crate::app::Binome;
use crate::backups::{BackupFolder, sync_dir};
use crate::error::Result;
use binome_store::{DeviceTrust, StoreError, StoreKey, rekey_in_place};
use std::path::Path;

impl Binome {
    /// Whether a coordinator the store key was ever sealed to is revoked
    /// here.
    pub(super) fn a_kit_holder_is_revoked(&self, key_file: &KeyFile) -> Result<bool> {
        let holders = key_file.kit_holders();
        Ok(self
            .store
            .devices()?
            .iter()
            .any(|d| d.trust == DeviceTrust::Revoked && holders.contains(d.device_id.as_str())))
    }
}

/// Puts the store at `store` and its backups under a new key sealed with
/// `passphrase`; `current` is the key they are under. Returns the new key.
pub(super) fn replace_key(
    store: &Path,
    key_file: &mut KeyFile,
    current: &StoreKey,
    passphrase: &Passphrase,
) -> Result<StoreKey> {
    let new = StoreKey::generate();
    let sealed_new = passphrase::seal(&new, passphrase, &key_file.binding())?;
    key_file.previous = Some(std::mem::replace(&mut key_file.passphrase, sealed_new));
    // The seal to coordinators opens the old key only: sealed again, to
    // those still trusted, once the store is open under the new one.
    key_file.recovery = None;
    key_file.sealed_to.clear();
    key_file::write(&key_file_path(store), key_file)?;
    finish_replacement(store, key_file, current, &new)?;
    Ok(new)
}

/// Takes up a replacement cut short: the files still under the key
/// sealed as `previous` go under the current one.
pub(super) fn resume_replacement(store: &Path, key_file: &mut KeyFile, passphrase: &Passphrase) -> Result<StoreKey> {
    let current = passphrase::unseal(&key_file.passphrase, passphrase, &key_file.binding())?;
    if let Some(previous) = &key_file.previous {
        let old = passphrase::unseal(previous, passphrase, &key_file.binding())?;
        finish_replacement(store, key_file, &old, &current)?;
    }
    Ok(current)
}

fn finish_replacement(store: &Path, key_file: &mut KeyFile, old: &StoreKey, new: &StoreKey) -> Result<()> {
    // The store first: it is what a thief copies.
    put_under(store, old, new)?;
    sync_dir(store.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")))?;
    let folder = BackupFolder::of(store);
    let backups = folder.list()?;
    for backup in &backups {
        match put_under(&backup.path, old, new) {
            Ok(()) => {}
            // Neither key opens it: it was no backup of this store before
            // either, and stays as it is (the list of backups says so).
            Err(StoreError::WrongKey { .. }) => {}
            Err(other) => return Err(other.into()),
        }
    }
    if !backups.is_empty() {
        sync_dir(&folder.dir)?;
    }
    #[cfg(feature = "keychain")]
    if key_file.remembered && super::keychain::remember(store, new).is_err() {
        // The keychain cannot be written now and holds a key that opens
        // nothing any more: the passphrase is asked at the next start.
        key_file.remembered = false;
    }
    key_file.previous = None;
    key_file::write(&key_file_path(store), key_file)?;
    Ok(())
}

/// The file at `path` under `new`, whether it was under `old` or already
/// under `new` (a run cut short after it); `WrongKey` if neither opens it.
fn put_under(path: &Path, old: &StoreKey, new: &StoreKey) -> Result<(), StoreError> {
    match rekey_in_place(path, old, new) {
        Err(StoreError::WrongKey { .. }) => binome_store::opens_with(path, new),
        done => done,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backups::BackupReason;
    use crate::vault::unseal_key;
    use binome_store::DeviceRole;

    #[test]
    fn a_replacement_cut_short_is_finished_at_the_next_unlock() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("binome.sqlite3");
        let passphrase = Passphrase::new("une phrase assez longue");
        let mut binome = Binome::set_up(&store, &passphrase).unwrap();
        binome.init("portable", "Claire Durand", DeviceRole::Expert).unwrap();
        let backup = binome.backup(BackupReason::ByHand).unwrap().expect("a store on disk is backed up");
        drop(binome);
        let old = unseal_key(&store, &passphrase).unwrap();
        // What a power cut leaves: the key file names both keys, the store
        // is under the new one, its backup still under the old.
        let mut key_file = key_file::read(&key_file_path(&store)).unwrap().unwrap();
        let new = StoreKey::generate();
        let sealed_new = passphrase::seal(&new, &passphrase, &key_file.binding()).unwrap();
        key_file.previous = Some(std::mem::replace(&mut key_file.passphrase, sealed_new));
        key_file::write(&key_file_path(&store), &key_file).unwrap();
        put_under(&store, &old, &new).unwrap();

        let binome = Binome::unlock(&store, &passphrase).unwrap();
        assert_eq!(binome.device().unwrap().author, "Claire Durand");
        for file in [&store, &backup] {
            assert!(matches!(binome_store::opens_with(file, &old), Err(StoreError::WrongKey { .. })));
            binome_store::opens_with(file, &new).unwrap();
        }
        assert!(key_file::read(&key_file_path(&store)).unwrap().unwrap().previous.is_none());
    }
}
