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
const PREFIX: &str = "binome-";
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

/// `binome-000042-20261201-084400123-import-bundle.sqlite3` → 42.
fn sequence_of(name: &str) -> u64 {
    let Some(rest) = name.strip_prefix(PREFIX) else { return 0 };
    match rest.split_once('-') {
        Some((digits, _)) if digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit()) => {
            digits.parse().unwrap_or(0)
        }
        _ => 0,
    }
}

impl Binome {
    fn backup_dir(&self) -> Option<PathBuf> {
        let path = self.store.path();
        if path == Path::new(":memory:") {
            return None;
        }
        Some(path.parent().unwrap_or(Path::new(".")).join(BACKUP_DIR))
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
        let Some(dir) = self.backup_dir() else { return Ok(None) };
        binome_store::private::create_private_dir(&dir).map_err(|e| CoreError::io(&dir, e))?;
        remove_interrupted(&dir)?;
        let sequence = self.backups()?.first().map_or(0, |newest| newest.sequence) + 1;
        let stamp =
            chrono::DateTime::from_timestamp_millis(self.now_millis()).unwrap_or_default().format("%Y%m%d-%H%M%S%3f");
        let name = format!("{PREFIX}{sequence:06}-{stamp}-{reason}{EXTENSION}");
        let target = dir.join(&name);
        let work = dir.join(format!(".{name}{WORK_SUFFIX}"));
        self.store.backup_to(&work)?;
        std::fs::rename(&work, &target).map_err(|e| CoreError::io(&target, e))?;
        sync_dir(&dir)?;
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
        let Some(dir) = self.backup_dir() else { return Ok(Vec::new()) };
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(CoreError::io(&dir, e)),
        };
        let mut found = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| CoreError::io(&dir, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.starts_with(PREFIX) || !name.ends_with(EXTENSION) {
                continue;
            }
            let bytes = entry.metadata().map_err(|e| CoreError::io(&entry.path(), e))?.len();
            found.push(BackupFile { sequence: sequence_of(&name), name, bytes, path: entry.path() });
        }
        found.sort_by(|a, b| (b.sequence, &b.name).cmp(&(a.sequence, &a.name)));
        Ok(found)
    }

    /// Puts a backup (by file name, or a unique part of it) back in place,
    /// after a backup of the present state. Nothing is pruned here: the
    /// backup restored and the one just taken both stay.
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
        self.take_backup("avant-restauration")?;
        self.store.restore_from(&chosen.path)?;
        Ok(chosen)
    }
}

/// Work files of backups that never finished (the laptop switched off,
/// the import killed while its backup was written).
fn remove_interrupted(dir: &Path) -> Result<()> {
    for entry in std::fs::read_dir(dir).map_err(|e| CoreError::io(dir, e))? {
        let entry = entry.map_err(|e| CoreError::io(dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(&format!(".{PREFIX}")) && name.ends_with(WORK_SUFFIX) {
            std::fs::remove_file(entry.path()).map_err(|e| CoreError::io(&entry.path(), e))?;
        }
    }
    Ok(())
}

/// Makes a rename in `dir` durable: until the folder itself is synced, a
/// power cut may bring back the work name.
fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        std::fs::File::open(dir).and_then(|d| d.sync_all()).map_err(|e| CoreError::io(dir, e))?;
    }
    // Windows cannot open a folder as a file; NTFS journals the rename.
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}
