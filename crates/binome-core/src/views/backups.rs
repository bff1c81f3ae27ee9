//! The backups screen: the backups kept, newest first, each restorable.

use crate::app::Binome;
use crate::backups::{BackupFile, BackupReason};
use crate::error::{CoreError, Result};
use serde::Serialize;

#[cfg(feature = "ts")]
use ts_rs::TS;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct BackupView {
    /// The file's name: what restoring it names.
    pub name: String,
    /// Milliseconds since 1970; `None` for names from before sequence numbers.
    pub taken_at: Option<f64>,
    pub reason: BackupReason,
    pub bytes: f64,
}

impl From<BackupFile> for BackupView {
    fn from(file: BackupFile) -> BackupView {
        BackupView {
            name: file.name,
            taken_at: file.taken_at.map(|t| t as f64),
            reason: file.reason,
            bytes: file.bytes as f64,
        }
    }
}

impl Binome {
    /// The backups kept, newest first.
    pub fn backup_views(&self) -> Result<Vec<BackupView>> {
        Ok(self.backups()?.into_iter().map(BackupView::from).collect())
    }

    /// A backup the person asked for, before something they are unsure of;
    /// the oldest beyond those kept go, as after an import.
    pub fn back_up_by_hand(&self) -> Result<Vec<BackupView>> {
        self.backup(BackupReason::ByHand)?;
        self.backup_views()
    }

    /// Restores the backup named `name`, its whole name (a screen offers
    /// no part of one), after a backup of the present state; the list as
    /// it is then.
    pub fn restore_backup(&mut self, name: &str) -> Result<Vec<BackupView>> {
        if !self.backups()?.iter().any(|b| b.name == name) {
            return Err(CoreError::BackupNotFound(name.to_owned()));
        }
        self.restore(name)?;
        self.backup_views()
    }
}
