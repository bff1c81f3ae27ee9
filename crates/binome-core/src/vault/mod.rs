//! The lock on a store: the store key, sealed under the person's
//! passphrase in a key file beside the store ([`key_file`]), and what
//! opening a store asks for ([`StoreState`]). A store from before
//! encryption at rest is encrypted on its first unlock ([`encrypting`]).

mod encrypting;
pub(crate) mod error;
pub mod key_file;
#[cfg(feature = "keychain")]
pub mod keychain;
mod passphrase;
pub mod recovery;
mod rekeying;

pub use encrypting::BEFORE_ENCRYPTION;
pub use error::VaultError;
pub use key_file::{KEY_FILE_SUFFIX, key_file_path};
pub use passphrase::{MIN_PASSPHRASE_CHARS, Passphrase, STRETCHING, Stretching};
pub use recovery::{KIT_FILE_NAME, RecoveryKit, kit_path, open_kit, parse_kit, reset_passphrase_from_kit};

use crate::app::Binome;
use crate::error::Result;
use binome_store::{StoreFile, StoreKey, inspect};
use key_file::KeyFile;
use serde::Serialize;
use std::path::Path;

/// What opening the store at a path asks of the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum StoreState {
    /// No store yet: the first start chooses a passphrase.
    New,
    /// A store from before encryption at rest: a passphrase is chosen and
    /// the store encrypted with it.
    Unprotected,
    /// A passphrase opens it.
    Locked,
}

pub fn store_state(store: &Path) -> Result<StoreState, VaultError> {
    let key_path = key_file_path(store);
    let key_file = key_file::read(&key_path)?;
    let file = inspect(store).map_err(|source| VaultError::Io { path: store.display().to_string(), source })?;
    let names = || (store.display().to_string(), key_path.display().to_string());
    match (key_file, file) {
        (None, StoreFile::Absent) => Ok(StoreState::New),
        (None, StoreFile::Plain) => Ok(StoreState::Unprotected),
        (None, StoreFile::Encrypted) => {
            let (store, key_file) = names();
            Err(VaultError::KeyFileMissing { store, key_file })
        }
        (Some(_), StoreFile::Absent) => {
            let (store, key_file) = names();
            Err(VaultError::StoreMissing { store, key_file })
        }
        // A plain store beside its key file was being encrypted when the
        // laptop stopped: the unlock finishes it.
        (Some(_), StoreFile::Plain | StoreFile::Encrypted) => Ok(StoreState::Locked),
    }
}

/// The key file of a locked store; what is wrong otherwise (the key file
/// lost beside an encrypted store, no passphrase chosen yet).
fn read_key_file(store: &Path) -> Result<KeyFile, VaultError> {
    match store_state(store)? {
        StoreState::Locked => {}
        StoreState::New | StoreState::Unprotected => {
            return Err(VaultError::NotProtected { store: store.display().to_string() });
        }
    }
    key_file::read(&key_file_path(store))?
        .ok_or_else(|| VaultError::NotProtected { store: store.display().to_string() })
}

/// The store key, unsealed with the passphrase.
pub fn unseal_key(store: &Path, passphrase: &Passphrase) -> Result<StoreKey, VaultError> {
    let key_file = read_key_file(store)?;
    passphrase::unseal(&key_file.passphrase, passphrase, &key_file.binding())
}

impl Binome {
    /// The first start of a laptop, or the first of this release on a
    /// store from before encryption: a new key sealed under `passphrase`,
    /// and the store (if any) and its backups encrypted with it.
    pub fn set_up(store: &Path, passphrase: &Passphrase) -> Result<Binome> {
        let state = store_state(store)?;
        if state == StoreState::Locked {
            return Err(VaultError::AlreadyProtected { store: store.display().to_string() }.into());
        }
        passphrase.checked_new()?;
        let key = StoreKey::generate();
        let id = binome_domain::new_id().simple().to_string();
        let sealed = passphrase::seal(&key, passphrase, &key_file::binding_for(&id))?;
        let key_file = KeyFile::new(id, sealed);
        if let Some(dir) = store.parent().filter(|p| !p.as_os_str().is_empty()) {
            binome_store::private::create_private_dir(dir).map_err(|e| crate::CoreError::io(dir, e))?;
        }
        key_file::write(&key_file_path(store), &key_file)?;
        Binome::open_with_key(store, &key)
    }

    /// Opens a locked store with its passphrase.
    ///
    /// The recovery kit follows the coordinators trusted meanwhile (one
    /// revoked by a bundle since): it is sealed anew if they changed, and
    /// once a coordinator it was ever sealed to is revoked, the store and
    /// its backups are put under a new key first ([`rekeying`]).
    pub fn unlock(store: &Path, passphrase: &Passphrase) -> Result<Binome> {
        Binome::unlock_telling(store, passphrase, || {})
    }

    /// As [`Binome::unlock`]; `replacing_key` is called before the store
    /// and its backups are copied under a new key, which takes as long as
    /// copying them (minutes for a country's store and its backups).
    pub fn unlock_telling(store: &Path, passphrase: &Passphrase, replacing_key: impl FnOnce()) -> Result<Binome> {
        let mut key_file = read_key_file(store)?;
        let mut replacing_key = Some(replacing_key);
        let mut tell = || {
            if let Some(tell) = replacing_key.take() {
                tell();
            }
        };
        if key_file.previous.is_some() {
            tell();
        }
        let key = rekeying::resume_replacement(store, &mut key_file, passphrase)?;
        let mut binome = Binome::open_with_key(store, &key)?;
        if !binome.is_initialised() {
            return Ok(binome);
        }
        if binome.a_kit_holder_is_revoked(&key_file)? {
            // Every connection closed: the store file is replaced.
            drop(binome);
            tell();
            let new = rekeying::replace_key(store, &mut key_file, &key, passphrase)?;
            binome = Binome::open_with_key(store, &new)?;
        }
        binome.refresh_recovery()?;
        Ok(binome)
    }

    /// Opens the store with its key (unsealed, or from the keychain),
    /// finishing its encryption if it was under way.
    pub fn open_with_key(store: &Path, key: &StoreKey) -> Result<Binome> {
        if inspect(store).map_err(|e| crate::CoreError::io(store, e))? == StoreFile::Plain {
            encrypting::encrypt_plain_store(store, key, crate::app::system_millis())?;
        }
        Binome::open(store, key)
    }

    /// Seals the store key under a new passphrase; not a page of the store
    /// is rewritten, and its backups open with the new one too.
    ///
    /// The key file is read as it is, never through [`store_state`]: that
    /// opens the store file outside SQLite, and closing it would drop this
    /// connection's locks (see binome-store's `Store::reopen`).
    pub fn change_passphrase(&self, current: &Passphrase, new: &Passphrase) -> Result<()> {
        let store = self.store.path();
        let mut key_file = key_file::read(&key_file_path(store))?
            .ok_or_else(|| VaultError::NotProtected { store: store.display().to_string() })?;
        let key = passphrase::unseal(&key_file.passphrase, current, &key_file.binding())?;
        key_file.passphrase = passphrase::seal(&key, new, &key_file.binding())?;
        // A key replacement cut short goes on under the new passphrase.
        if let Some(previous) = &key_file.previous {
            let old = passphrase::unseal(previous, current, &key_file.binding())?;
            key_file.previous = Some(passphrase::seal(&old, new, &key_file.binding())?);
        }
        key_file::write(&key_file_path(store), &key_file)?;
        Ok(())
    }
}

/// Bytes as base64 in the key file.
mod base64_bytes {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(deserializer)?;
        STANDARD.decode(text.as_bytes()).map_err(serde::de::Error::custom)
    }
}
