//! The key file beside a store (`binome.sqlite3.cle`): the store key,
//! sealed. Without it the store and its backups are unreadable, whatever
//! the passphrase; with it, only the passphrase opens them. It is written
//! whole under a work name and renamed, so a power cut leaves the old one
//! or the new one, never half of each.

use super::VaultError;
use super::passphrase::PassphraseSeal;
use super::recovery::RecoverySeal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub const KEY_FILE_SUFFIX: &str = ".cle";
const FORMAT: u32 = 1;
/// A key file is a few hundred bytes; anything much larger is not one.
const MAX_BYTES: u64 = 64 * 1024;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyFile {
    pub format: u32,
    /// A random id of the store the key opens, which every seal is bound to.
    pub store: String,
    pub passphrase: PassphraseSeal,
    /// The same key sealed to the coordinators trusted here, once one is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recovery: Option<RecoverySeal>,
    /// Every coordinator this key was ever sealed to, the seal's present
    /// ones among them: a kit is a file that travels and stays where it
    /// went, so one of them revoked, the key is replaced
    /// ([`super::rekeying`]).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub sealed_to: BTreeSet<String>,
    /// The key being replaced, sealed under the same passphrase, while a
    /// store or backup may still be under it: a replacement cut short is
    /// taken up again at the next unlock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<PassphraseSeal>,
    /// The key was put in this computer's keychain ("se souvenir sur cet
    /// ordinateur"): only then is the keychain asked at start.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub remembered: bool,
}

/// What a passphrase seal of the store `store` is bound to.
pub fn binding_for(store: &str) -> Vec<u8> {
    format!("binome-store-key/{store}").into_bytes()
}

impl KeyFile {
    pub fn new(store: String, passphrase: PassphraseSeal) -> KeyFile {
        KeyFile {
            format: FORMAT,
            store,
            passphrase,
            recovery: None,
            sealed_to: BTreeSet::new(),
            previous: None,
            remembered: false,
        }
    }

    pub fn binding(&self) -> Vec<u8> {
        binding_for(&self.store)
    }

    /// The coordinators whose kits open this key: those it is sealed to
    /// now and those it ever was.
    pub fn kit_holders(&self) -> BTreeSet<&str> {
        let present = self.recovery.iter().flat_map(|r| r.coordinators.iter().map(|c| c.device_id.as_str()));
        self.sealed_to.iter().map(String::as_str).chain(present).collect()
    }
}

pub fn key_file_path(store: &Path) -> PathBuf {
    let mut name = store.as_os_str().to_owned();
    name.push(KEY_FILE_SUFFIX);
    PathBuf::from(name)
}

pub fn read(path: &Path) -> Result<Option<KeyFile>, VaultError> {
    use std::io::Read;
    let io = |e: std::io::Error| VaultError::Io { path: path.display().to_string(), source: e };
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io(e)),
    };
    let mut text = String::new();
    file.take(MAX_BYTES + 1).read_to_string(&mut text).map_err(io)?;
    let damaged = |detail: String| VaultError::KeyFileDamaged { detail };
    if text.len() as u64 > MAX_BYTES {
        return Err(damaged(format!("larger than {MAX_BYTES} bytes")));
    }
    let key_file: KeyFile = serde_json::from_str(&text).map_err(|e| damaged(e.to_string()))?;
    if key_file.format != FORMAT {
        return Err(damaged(format!("format {} (this Binôme reads {FORMAT})", key_file.format)));
    }
    Ok(Some(key_file))
}

pub fn write(path: &Path, key_file: &KeyFile) -> Result<(), VaultError> {
    let io = |at: &Path, e: std::io::Error| VaultError::Io { path: at.display().to_string(), source: e };
    let text = serde_json::to_vec_pretty(key_file).expect("a key file serialises");
    let mut work = path.as_os_str().to_owned();
    work.push(".part");
    let work = PathBuf::from(work);
    binome_store::private::write_private(&work, &text).map_err(|e| io(&work, e))?;
    std::fs::rename(&work, path).map_err(|e| io(path, e))?;
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    binome_store::private::sync_dir(dir).map_err(|e| io(dir, e))
}
