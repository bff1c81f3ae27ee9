//! Rotating backups of the store, in a `sauvegardes/` folder beside it:
//! one before every import, a set number kept, any of them restorable
//! (after a backup of the present state, so a restore loses nothing either).

use crate::app::Binome;
use crate::error::{CoreError, Result};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// How many automatic backups are kept; the oldest go first.
pub const BACKUPS_KEPT: usize = 10;
pub const BACKUP_DIR: &str = "sauvegardes";

#[derive(Debug, Clone, Serialize)]
pub struct BackupFile {
    pub name: String,
    pub path: PathBuf,
    pub bytes: u64,
}

impl Binome {
    fn backup_dir(&self) -> Option<PathBuf> {
        let path = self.store.path();
        if path == Path::new(":memory:") {
            return None;
        }
        Some(path.parent().unwrap_or(Path::new(".")).join(BACKUP_DIR))
    }

    /// Takes a backup named after the time and `reason`; `None` for a
    /// store in memory. Older automatic backups beyond [`BACKUPS_KEPT`] go.
    pub fn backup(&self, reason: &str) -> Result<Option<PathBuf>> {
        let Some(dir) = self.backup_dir() else { return Ok(None) };
        std::fs::create_dir_all(&dir).map_err(|e| CoreError::io(&dir, e))?;
        let stamp =
            chrono::DateTime::from_timestamp_millis(self.now_millis()).unwrap_or_default().format("%Y%m%d-%H%M%S%3f");
        let target = dir.join(format!("binome-{stamp}-{reason}.sqlite3"));
        self.store.backup_to(&target)?;
        let backups = self.backups()?;
        for old in backups.iter().rev().skip(BACKUPS_KEPT) {
            std::fs::remove_file(&old.path).map_err(|e| CoreError::io(&old.path, e))?;
        }
        Ok(Some(target))
    }

    /// Backups, newest first.
    pub fn backups(&self) -> Result<Vec<BackupFile>> {
        let Some(dir) = self.backup_dir() else { return Ok(Vec::new()) };
        let Ok(entries) = std::fs::read_dir(&dir) else { return Ok(Vec::new()) };
        let mut found: Vec<BackupFile> = entries
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".sqlite3"))
            .map(|e| BackupFile {
                name: e.file_name().to_string_lossy().into_owned(),
                bytes: e.metadata().map(|m| m.len()).unwrap_or(0),
                path: e.path(),
            })
            .collect();
        found.sort_by(|a, b| b.name.cmp(&a.name));
        Ok(found)
    }

    /// Puts a backup (by file name, or a unique part of it) back in place.
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
        self.backup("avant-restauration")?;
        self.store.restore_from(&chosen.path)?;
        Ok(chosen)
    }
}
