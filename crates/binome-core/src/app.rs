//! [`Binome`]: one open store and its clock, the handle every front end
//! holds and every use case hangs off.

use crate::error::Result;
use binome_store::{DeviceRole, LocalDevice, Store, StoreKey};
use std::path::{Path, PathBuf};

/// The folder name under the OS per-user data directory. The desktop app's
/// Tauri identifier is the same, so both open the same store.
pub const APP_IDENTIFIER: &str = "org.binome.desktop";
pub const STORE_FILE_NAME: &str = "binome.sqlite3";

pub struct Binome {
    pub(crate) store: Store,
    pub(crate) clock: fn() -> i64,
    /// What the indicators count over; see `indicators/facts.rs`.
    pub(crate) facts: crate::indicators::FactCache,
}

pub(crate) fn system_millis() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// `BINOME_DB` if set, else `<data dir>/org.binome.desktop/binome.sqlite3`
/// (`~/.local/share/…` on Linux, `%APPDATA%\…` on Windows).
pub fn default_store_path() -> PathBuf {
    if let Some(path) = std::env::var_os("BINOME_DB").filter(|p| !p.is_empty()) {
        return PathBuf::from(path);
    }
    dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join(APP_IDENTIFIER).join(STORE_FILE_NAME)
}

impl Binome {
    /// Opens an encrypted store: the vault's [`Binome::unlock`] and
    /// [`Binome::open_with_key`] come here.
    pub(crate) fn open(path: &Path, key: &StoreKey) -> Result<Binome> {
        Ok(Binome { store: Store::open(path, key)?, clock: system_millis, facts: Default::default() })
    }

    /// A plain store, for the benchmarks' comparison only.
    #[cfg(feature = "baselines")]
    pub fn open_unencrypted(path: &Path) -> Result<Binome> {
        Ok(Binome { store: Store::open_unencrypted(path)?, clock: system_millis, facts: Default::default() })
    }

    /// A second connection to the same store, opened with its key.
    pub fn reopen(&self) -> Result<Binome> {
        Ok(Binome { store: self.store.reopen()?, clock: self.clock, facts: Default::default() })
    }

    pub fn open_in_memory() -> Result<Binome> {
        Ok(Binome { store: Store::open_in_memory()?, clock: system_millis, facts: Default::default() })
    }

    /// For tests that need a laptop whose clock is wrong.
    pub fn with_clock(mut self, clock: fn() -> i64) -> Binome {
        self.clock = clock;
        self
    }

    /// The store itself, for tests and benchmarks that check what it
    /// holds; the front ends go through the use cases above it.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The whole store as canonical JSON Lines, so two stores compare
    /// with `diff` (see [`Store::dump_to`]).
    pub fn dump_to(&self, out: &mut impl std::io::Write) -> Result<()> {
        Ok(self.store.dump_to(out)?)
    }

    /// A record's change log, newest first.
    pub fn history(&self, row_id: &str) -> Result<Vec<binome_store::Change>> {
        Ok(self.store.history(row_id)?)
    }

    /// References to records that are not there (`binome check`).
    pub fn orphans(&self) -> Result<Vec<binome_store::Orphan>> {
        Ok(self.store.orphans()?)
    }

    pub fn store_path(&self) -> &Path {
        self.store.path()
    }

    pub fn now_millis(&self) -> i64 {
        (self.clock)()
    }

    pub fn device(&self) -> Result<&LocalDevice> {
        Ok(self.store.device()?)
    }

    pub fn is_initialised(&self) -> bool {
        self.store.device().is_ok()
    }

    /// Creates this laptop's identity (its id in every version vector).
    pub fn init(&mut self, name: &str, author: &str, role: DeviceRole) -> Result<LocalDevice> {
        let id = binome_domain::new_id().simple().to_string();
        let now = self.now_millis();
        let device = self.store.init_device(&id, name, author, role, now)?;
        self.keys()?;
        Ok(device)
    }
}
