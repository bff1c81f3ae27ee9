//! The recovery kit: the store key sealed to every coordinator this laptop
//! trusts, kept in the key file and written beside the store as a file the
//! expert sends to the coordinator. It is of no use to anyone else; with
//! it, a coordinator's laptop sets a new passphrase on a store whose
//! passphrase was forgotten ([`reset_passphrase_from_kit`]).

use super::key_file::{self, KeyFile, key_file_path};
use super::passphrase::{self, Passphrase};
use super::{VaultError, base64_bytes};
use crate::app::Binome;
use crate::error::Result;
use binome_store::{DeviceTrust, STORE_KEY_BYTES, StoreKey};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub const KIT_FILE_NAME: &str = "kit-de-recuperation.json";
const KIT_FORMAT: &str = "binome-recovery-kit";
const KIT_VERSION: u32 = 1;
const MAX_KIT_BYTES: u64 = 64 * 1024;

/// A coordinator a kit is sealed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KitCoordinator {
    pub device_id: String,
    pub name: String,
    pub age_recipient: String,
}

/// The store key sealed to coordinators (age, any one of them opens it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecoverySeal {
    pub coordinators: Vec<KitCoordinator>,
    #[serde(with = "base64_bytes")]
    pub sealed: Vec<u8>,
}

/// The kit file: whose store it opens, and the seal.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecoveryKit {
    pub format: String,
    pub version: u32,
    /// The id the store's key file is bound to.
    pub store: String,
    pub device_id: String,
    pub device_name: String,
    pub author: String,
    pub seal: RecoverySeal,
}

pub fn kit_path(store: &Path) -> PathBuf {
    store.parent().unwrap_or(Path::new(".")).join(KIT_FILE_NAME)
}

pub fn read_kit(path: &Path) -> Result<RecoveryKit, VaultError> {
    use std::io::Read;
    let io = |e: std::io::Error| VaultError::Io { path: path.display().to_string(), source: e };
    let mut bytes = Vec::new();
    std::fs::File::open(path).map_err(io)?.take(MAX_KIT_BYTES + 1).read_to_end(&mut bytes).map_err(io)?;
    parse_kit(&bytes, path)
}

/// A kit file's bytes (from a USB stick, an email: anyone's), read into a
/// kit or refused as damaged; `path` only names the file in the refusal.
pub fn parse_kit(bytes: &[u8], path: &Path) -> Result<RecoveryKit, VaultError> {
    let damaged = |detail: String| VaultError::KitDamaged { path: path.display().to_string(), detail };
    if bytes.len() as u64 > MAX_KIT_BYTES {
        return Err(damaged(format!("larger than {MAX_KIT_BYTES} bytes")));
    }
    let kit: RecoveryKit = serde_json::from_slice(bytes).map_err(|e| damaged(e.to_string()))?;
    if kit.format != KIT_FORMAT || kit.version != KIT_VERSION {
        return Err(damaged(format!("{} version {}", kit.format, kit.version)));
    }
    Ok(kit)
}

/// The coordinator's side: the store key a kit holds, opened with that
/// laptop's own keys, or why it cannot be.
pub fn open_kit(keys: &binome_sync::DeviceKeys, kit: &RecoveryKit, path: &Path) -> Result<StoreKey, VaultError> {
    let damaged = |detail: String| VaultError::KitDamaged { path: path.display().to_string(), detail };
    let opened = binome_sync::open_sealed(keys, &kit.seal.sealed).map_err(|e| match e {
        binome_sync::SealError::NotForUs => VaultError::KitNotForUs,
        other => damaged(other.to_string()),
    })?;
    let bytes: [u8; STORE_KEY_BYTES] =
        opened.as_slice().try_into().map_err(|_| damaged("a key of the wrong size".to_owned()))?;
    Ok(StoreKey::from_bytes(bytes))
}

impl Binome {
    /// The coordinators a kit is sealed to: every trusted coordinator
    /// but this laptop, in a stable order.
    fn recovery_coordinators(&self) -> Result<Vec<KitCoordinator>> {
        let mut coordinators: Vec<KitCoordinator> = self
            .store
            .devices()?
            .into_iter()
            .filter(|d| d.trust == DeviceTrust::Trusted && d.role == binome_store::DeviceRole::Coordinator)
            .map(|d| KitCoordinator { device_id: d.device_id, name: d.name, age_recipient: d.age_recipient })
            .collect();
        coordinators.sort_by(|a, b| a.device_id.cmp(&b.device_id));
        Ok(coordinators)
    }

    /// Seals the store key anew when the coordinators trusted here have
    /// changed (one trusted, one revoked), and writes the kit beside the
    /// store; the kit written, `None` while no coordinator is trusted.
    pub fn refresh_recovery(&mut self) -> Result<Option<PathBuf>> {
        let store = self.store.path().to_path_buf();
        let (Some(mut key_file), Some(key)) = (key_file::read(&key_file_path(&store))?, self.store.key()) else {
            return Ok(None);
        };
        let coordinators = self.recovery_coordinators()?;
        // Key files written before `sealed_to` name only the present seal's.
        let sealed_to = key_file.kit_holders().into_iter().map(str::to_owned).collect();
        let mut changed = key_file.sealed_to != sealed_to;
        key_file.sealed_to = sealed_to;
        if coordinators.is_empty() {
            changed |= key_file.recovery.take().is_some();
        } else if key_file.recovery.as_ref().map(|r| &r.coordinators) != Some(&coordinators) {
            let recipients: Vec<String> = coordinators.iter().map(|c| c.age_recipient.clone()).collect();
            let sealed = binome_sync::seal_to(&recipients, key.as_bytes())
                .map_err(|e| VaultError::KitDamaged { path: store.display().to_string(), detail: e.to_string() })?;
            key_file.sealed_to.extend(coordinators.iter().map(|c| c.device_id.clone()));
            key_file.recovery = Some(RecoverySeal { coordinators, sealed });
            changed = true;
        }
        if changed {
            key_file::write(&key_file_path(&store), &key_file)?;
        }
        let path = kit_path(&store);
        if key_file.recovery.is_none() {
            // A kit left beside the store would name coordinators no longer
            // trusted; its key is replaced once one of them is revoked.
            match std::fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(crate::CoreError::io(&path, e)),
            }
            return Ok(None);
        }
        self.write_kit(&key_file, &path)?;
        Ok(Some(path))
    }

    /// The kit, written to `path`; refused while no coordinator is trusted.
    pub fn write_recovery_kit(&mut self, path: &Path) -> Result<RecoveryKit> {
        self.refresh_recovery()?;
        let store = self.store.path().to_path_buf();
        let key_file = key_file::read(&key_file_path(&store))?
            .ok_or_else(|| VaultError::NotProtected { store: store.display().to_string() })?;
        self.write_kit(&key_file, path)
    }

    fn write_kit(&self, key_file: &KeyFile, path: &Path) -> Result<RecoveryKit> {
        let seal = key_file.recovery.clone().ok_or(VaultError::NoCoordinator)?;
        let device = self.device()?;
        let kit = RecoveryKit {
            format: KIT_FORMAT.to_owned(),
            version: KIT_VERSION,
            store: key_file.store.clone(),
            device_id: device.device_id.clone(),
            device_name: device.name.clone(),
            author: device.author.clone(),
            seal,
        };
        let text = serde_json::to_vec_pretty(&kit).expect("a kit serialises");
        binome_store::private::write_private(path, &text).map_err(|e| crate::CoreError::io(path, e))?;
        Ok(kit)
    }
}

/// `binome unlock --from-kit`: on a coordinator's laptop (`coordinator`
/// unlocked), opens the kit, checks its key opens the store at `target`,
/// and seals the key under `new` in the target's key file (made again if
/// it was lost). Not a page of the store changes.
pub fn reset_passphrase_from_kit(
    coordinator: &mut Binome,
    kit_file: &Path,
    target: &Path,
    new: &Passphrase,
) -> Result<RecoveryKit> {
    new.checked_new()?;
    let kit = read_kit(kit_file)?;
    let key = open_kit(&coordinator.keys()?, &kit, kit_file)?;
    if binome_store::inspect(target).map_err(|e| crate::CoreError::io(target, e))? != binome_store::StoreFile::Encrypted
    {
        let key_file = key_file_path(target).display().to_string();
        return Err(VaultError::StoreMissing { store: target.display().to_string(), key_file }.into());
    }
    let existing = key_file::read(&key_file_path(target))?;
    if existing.as_ref().is_some_and(|k| k.store != kit.store) {
        return Err(VaultError::KitForAnotherStore { store: target.display().to_string() }.into());
    }
    // The key must open the store itself, not only match the id.
    match binome_store::Store::open(target, &key) {
        Ok(store) => drop(store),
        Err(binome_store::StoreError::WrongKey { .. }) => {
            return Err(VaultError::KitForAnotherStore { store: target.display().to_string() }.into());
        }
        Err(other) => return Err(other.into()),
    }
    let seal = passphrase::seal(&key, new, &key_file::binding_for(&kit.store))?;
    let key_file = match existing {
        // Files still under a key being replaced when the passphrase was
        // forgotten stay under it: the kit opens the store's.
        Some(key_file) => KeyFile { passphrase: seal, previous: None, ..key_file },
        None => KeyFile { recovery: Some(kit.seal.clone()), ..KeyFile::new(kit.store.clone(), seal) },
    };
    key_file::write(&key_file_path(target), &key_file)?;
    Ok(kit)
}
