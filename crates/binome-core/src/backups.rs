//! Rotating backups of the store, in a `sauvegardes/` folder beside it:
//! one before every import, a set number kept, any of them restorable
//! (after a backup of the present state, so a restore loses nothing either).
//!
//! Backups are ordered by a sequence number in their name, never by a
//! clock: a laptop whose clock once ran years ahead would otherwise prune
//! its newest backups as the oldest. A backup is written under a hidden
//! work name, synced, then renamed, so an interrupted one never looks like
//! a backup; the leftovers go at the next backup.

use crate::app::Binome;
use crate::error::{CoreError, Result};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// How many automatic backups are kept; the oldest go first.
pub const BACKUPS_KEPT: usize = 10;
pub const BACKUP_DIR: &str = "sauvegardes";
const EXTENSION: &str = ".sqlite3";
const WORK_SUFFIX: &str = ".part";

#[derive(Debug, Clone, Serialize)]
pub struct BackupFile {
    pub name: String,
    pub path: PathBuf,
    pub bytes: u64,
    /// Its place in the order backups were taken (0 for names from
    /// before sequence numbers, which sort by name below every other).
    pub sequence: u64,
}

impl Binome {
    fn backup_folder(&self) -> Option<BackupFolder> {
        let path = self.store.path();
        if path == Path::new(":memory:") {
            return None;
        }
        Some(BackupFolder::of(path))
    }

    /// Takes a backup named after its sequence number, the time and
    /// `reason`; `None` for a store in memory. Older backups beyond
    /// [`BACKUPS_KEPT`] go.
    pub fn backup(&self, reason: &str) -> Result<Option<PathBuf>> {
        let taken = self.take_backup(reason)?;
        if taken.is_some() {
            self.prune_backups()?;
        }
        Ok(taken)
    }

    fn take_backup(&self, reason: &str) -> Result<Option<PathBuf>> {
        let Some(folder) = self.backup_folder() else { return Ok(None) };
        let (target, work) = folder.new_backup(reason, self.now_millis())?;
        self.store.backup_to(&work)?;
        std::fs::rename(&work, &target).map_err(|e| CoreError::io(&target, e))?;
        sync_dir(&folder.dir)?;
        Ok(Some(target))
    }

    fn prune_backups(&self) -> Result<()> {
        for old in self.backups()?.iter().skip(BACKUPS_KEPT) {
            std::fs::remove_file(&old.path).map_err(|e| CoreError::io(&old.path, e))?;
        }
        Ok(())
    }

    /// Backups, newest first.
    pub fn backups(&self) -> Result<Vec<BackupFile>> {
        match self.backup_folder() {
            Some(folder) => folder.list(),
            None => Ok(Vec::new()),
        }
    }

    /// Puts a backup (by file name, or a unique part of it) back in place,
    /// after a backup of the present state. Nothing is pruned here: the
    /// backup restored and the one just taken both stay. Persons erased
    /// and laptops revoked since the backup was taken stay so.
    pub fn restore(&mut self, name: &str) -> Result<BackupFile> {
        let backups = self.backups()?;
        let matching: Vec<&BackupFile> = backups.iter().filter(|b| b.name.contains(name)).collect();
        let chosen = match matching.as_slice() {
            [one] => (*one).clone(),
            [] => return Err(CoreError::BackupNotFound(name.to_owned())),
            many => {
                return Err(CoreError::BackupAmbiguous(name.to_owned(), many.iter().map(|b| b.name.clone()).collect()));
            }
        };
        let erasures = self.erasures_to_keep()?;
        self.take_backup("avant-restauration")?;
        // A backup from before encryption at rest, put back in the folder
        // by hand, is encrypted in place first.
        let plain = binome_store::inspect(&chosen.path).map_err(|e| CoreError::io(&chosen.path, e))?;
        if plain == binome_store::StoreFile::Plain {
            self.store.encrypt_backup(&chosen.path)?;
        }
        self.store.restore_from(&chosen.path)?;
        self.keep_erasures(&erasures)?;
        // The store kept the revocations held before the restore; what the
        // backup brings back is sealed as they require (kit, pseudonym keys).
        self.refresh_recovery()?;
        self.refresh_pseudonym_keys()?;
        Ok(chosen)
    }
}

/// The backups of one store, in the `sauvegardes/` folder beside it.
pub(crate) struct BackupFolder {
    pub dir: PathBuf,
    /// The store's file name without its extension, and a dash.
    prefix: String,
}

impl BackupFolder {
    pub(crate) fn of(store: &Path) -> BackupFolder {
        let stem = store.file_stem().map_or_else(|| "binome".into(), |s| s.to_string_lossy().into_owned());
        BackupFolder { dir: store.parent().unwrap_or(Path::new(".")).join(BACKUP_DIR), prefix: format!("{stem}-") }
    }

    /// `binome-000042-20261201-084400123-import-bundle.sqlite3` → 42 (0 for
    /// names from before sequence numbers, which sort below every other).
    fn sequence_of(&self, name: &str) -> u64 {
        let Some(rest) = name.strip_prefix(&self.prefix) else { return 0 };
        match rest.split_once('-') {
            Some((digits, _)) if digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit()) => {
                digits.parse().unwrap_or(0)
            }
            _ => 0,
        }
    }

    /// The name a new backup takes, and the work name it is written under;
    /// the folder is made if need be and this store's leftovers go.
    pub(crate) fn new_backup(&self, reason: &str, now_millis: i64) -> Result<(PathBuf, PathBuf)> {
        let dir = &self.dir;
        binome_store::private::create_private_dir(dir).map_err(|e| CoreError::io(dir, e))?;
        self.remove_interrupted()?;
        let sequence = self.list()?.first().map_or(0, |newest| newest.sequence) + 1;
        let stamp = chrono::DateTime::from_timestamp_millis(now_millis).unwrap_or_default().format("%Y%m%d-%H%M%S%3f");
        let name = format!("{}{sequence:06}-{stamp}-{reason}{EXTENSION}", self.prefix);
        Ok((dir.join(&name), dir.join(format!(".{name}{WORK_SUFFIX}"))))
    }

    /// This store's backups, newest first.
    pub(crate) fn list(&self) -> Result<Vec<BackupFile>> {
        let dir = &self.dir;
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(CoreError::io(dir, e)),
        };
        let mut found = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| CoreError::io(dir, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.starts_with(&self.prefix) || !name.ends_with(EXTENSION) {
                continue;
            }
            let bytes = entry.metadata().map_err(|e| CoreError::io(&entry.path(), e))?.len();
            found.push(BackupFile { sequence: self.sequence_of(&name), name, bytes, path: entry.path() });
        }
        found.sort_by(|a, b| (b.sequence, &b.name).cmp(&(a.sequence, &a.name)));
        Ok(found)
    }

    /// This store's work files of backups that never finished (the laptop
    /// switched off, the import killed while its backup was written).
    fn remove_interrupted(&self) -> Result<()> {
        let dir = &self.dir;
        let work_prefix = format!(".{}", self.prefix);
        for entry in std::fs::read_dir(dir).map_err(|e| CoreError::io(dir, e))? {
            let entry = entry.map_err(|e| CoreError::io(dir, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(&work_prefix) && name.ends_with(WORK_SUFFIX) {
                std::fs::remove_file(entry.path()).map_err(|e| CoreError::io(&entry.path(), e))?;
            }
        }
        Ok(())
    }
}

pub(crate) fn sync_dir(dir: &Path) -> Result<()> {
    binome_store::private::sync_dir(dir).map_err(|e| CoreError::io(dir, e))
}
