//! The backups screen's read model: the backups kept, newest first.

use crate::app::Binome;
use crate::backups::{BackupFile, BackupReason};
use crate::error::Result;
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
}
