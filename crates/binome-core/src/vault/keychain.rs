//! "Se souvenir sur cet ordinateur": the store key kept in the operating
//! system's keychain (Secret Service on Linux, the Keychain on macOS, the
//! Credential Manager on Windows), under the user's session, so that the
//! app opens the store at start without the passphrase. The passphrase
//! itself is never kept; the key file still opens the store with it.
//!
//! The entry is named after the store's random id (its key file's), so two
//! stores on one laptop never take each other's key. The key file notes
//! that the key was remembered: a store never remembered never asks the
//! keychain (which may prompt, or not answer). A remembered key that no
//! longer opens the store (a store replaced by another) is forgotten.

use super::key_file::{self, key_file_path};
use super::{VaultError, read_key_file};
use crate::app::Binome;
use crate::error::Result;
use binome_store::{STORE_KEY_BYTES, StoreError, StoreKey};
use std::path::Path;

const SERVICE: &str = "org.binome.desktop";

fn entry(store: &Path) -> std::result::Result<keyring::Entry, VaultError> {
    entry_of(&read_key_file(store)?.store)
}

fn entry_of(store_id: &str) -> std::result::Result<keyring::Entry, VaultError> {
    keyring::Entry::new(SERVICE, store_id).map_err(unavailable)
}

fn unavailable(error: keyring::Error) -> VaultError {
    VaultError::KeychainUnavailable { detail: error.to_string() }
}

fn note_remembered(store: &Path, remembered: bool) -> std::result::Result<(), VaultError> {
    let mut key_file = read_key_file(store)?;
    if key_file.remembered != remembered {
        key_file.remembered = remembered;
        key_file::write(&key_file_path(store), &key_file)?;
    }
    Ok(())
}

/// Keeps the store key in this session's keychain.
pub fn remember(store: &Path, key: &StoreKey) -> std::result::Result<(), VaultError> {
    entry(store)?.set_secret(key.as_bytes()).map_err(unavailable)?;
    note_remembered(store, true)
}

/// Forgets it; nothing to forget is no error.
pub fn forget(store: &Path) -> std::result::Result<(), VaultError> {
    match entry(store)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => {}
        Err(other) => return Err(unavailable(other)),
    }
    note_remembered(store, false)
}

/// The key remembered for this store, if one is.
pub fn remembered(store: &Path) -> std::result::Result<Option<StoreKey>, VaultError> {
    let store_id = match key_file::read(&key_file_path(store))? {
        Some(key_file) if key_file.remembered => key_file.store,
        _ => return Ok(None),
    };
    match entry_of(&store_id)?.get_secret() {
        Ok(secret) => {
            let bytes: [u8; STORE_KEY_BYTES] = secret.as_slice().try_into().map_err(|_| {
                VaultError::KeychainUnavailable { detail: "a remembered key of the wrong size".to_owned() }
            })?;
            Ok(Some(StoreKey::from_bytes(bytes)))
        }
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(other) => Err(unavailable(other)),
    }
}

impl Binome {
    /// The store opened with the key remembered on this computer; `None`
    /// when none is (or it no longer opens this store: then forgotten), or
    /// when its key is to be replaced (a coordinator its kit was sealed to
    /// revoked): that needs the passphrase, which is asked instead.
    pub fn open_remembered(store: &Path) -> Result<Option<Binome>> {
        let Some(key) = remembered(store)? else { return Ok(None) };
        match Binome::open_with_key(store, &key) {
            Ok(binome) => {
                let key_file = key_file::read(&key_file_path(store))?;
                let replacing = match &key_file {
                    Some(key_file) => key_file.previous.is_some() || binome.a_kit_holder_is_revoked(key_file)?,
                    None => false,
                };
                Ok((!replacing).then_some(binome))
            }
            Err(crate::CoreError::Store(StoreError::WrongKey { .. })) => {
                forget(store)?;
                Ok(None)
            }
            Err(other) => Err(other),
        }
    }

    /// Remembers this store's key on this computer, or forgets it.
    pub fn remember_on_this_computer(&self, remember_it: bool) -> Result<()> {
        let store = self.store.path();
        match (remember_it, self.store.key()) {
            (true, Some(key)) => remember(store, key)?,
            (true, None) => return Err(VaultError::NotProtected { store: store.display().to_string() }.into()),
            (false, _) => forget(store)?,
        }
        Ok(())
    }

    /// Whether this store's key is remembered on this computer.
    pub fn is_remembered(&self) -> Result<bool> {
        Ok(remembered(self.store.path())?.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::Passphrase;
    use binome_store::DeviceRole;

    /// Needs a Secret Service in the session: `scripts/test.sh` runs it
    /// under `dbus-run-session` with an unlocked gnome-keyring.
    #[test]
    #[ignore = "needs the session's keychain: run by scripts/test.sh under dbus-run-session"]
    fn a_key_remembered_on_this_computer_opens_its_store_and_no_other() {
        let dir = tempfile::tempdir().unwrap();
        let (store, other) = (dir.path().join("a").join("binome.sqlite3"), dir.path().join("b").join("binome.sqlite3"));
        for path in [&store, &other] {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            let mut binome = Binome::set_up(path, &Passphrase::new("la case de Mme Acta")).unwrap();
            binome.init("portable", "Claire", DeviceRole::Expert).unwrap();
        }
        let binome = Binome::unlock(&store, &Passphrase::new("la case de Mme Acta")).unwrap();
        assert!(!binome.is_remembered().unwrap());
        binome.remember_on_this_computer(true).unwrap();
        assert!(binome.is_remembered().unwrap());
        drop(binome);

        let reopened = Binome::open_remembered(&store).unwrap().expect("opened from the keychain");
        assert_eq!(reopened.device().unwrap().author, "Claire");
        assert!(Binome::open_remembered(&other).unwrap().is_none(), "another store's key was used");

        reopened.remember_on_this_computer(false).unwrap();
        drop(reopened);
        assert!(Binome::open_remembered(&store).unwrap().is_none(), "forgotten, yet opened");
    }
}
