//! Rotating backups of the store, in a `sauvegardes/` folder beside it:
//! one before every import and any a person takes by hand, each kind kept
//! to its own number, any of them restorable (after a backup of the present
//! state, so a restore loses nothing either).
//!
//! Backups are ordered by a sequence number in their name, never by a
//! clock: a laptop whose clock once ran years ahead would otherwise prune
//! its newest backups as the oldest. A backup is written under a hidden
//! work name, synced, then renamed, so an interrupted one never looks like
//! a backup; the leftovers go at the next backup.

use crate::app::Binome;
use crate::error::{CoreError, Result};
use crate::import::ImportKind;
use crate::views::BackupView;
use serde::Serialize;
use std::path::{Path, PathBuf};

#[cfg(feature = "ts")]
use ts_rs::TS;

/// How many backups taken before an import are kept; the oldest go first.
pub const BACKUPS_KEPT: usize = 10;
/// How many backups a person took by hand (or that undo a restore or the
/// encryption of an older store) are kept, counted apart: a day of imports
/// never removes the one a coordinator took before it.
pub const BACKUPS_KEPT_BY_HAND: usize = 5;
pub const BACKUP_DIR: &str = "sauvegardes";
const EXTENSION: &str = ".sqlite3";
const WORK_SUFFIX: &str = ".part";

/// Why a backup was taken: the last part of its file name, so that the
/// folder read by hand says it too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "why", content = "table")]
#[cfg_attr(feature = "ts", derive(TS))]
pub enum BackupReason {
    ImportBundle,
    ImportTable(ImportKind),
    /// The state a restore replaced: restoring it undoes the restore.
    BeforeRestore,
    /// A store from before encryption at rest, as it was.
    BeforeEncryption,
    /// Asked for by the person.
    ByHand,
    /// A name Binôme does not write (a file put in the folder by hand).
    Unknown,
}

impl BackupReason {
    const IMPORT_BUNDLE: &str = "import-bundle";
    const IMPORT_TABLE: &str = "import-";
    const BEFORE_RESTORE: &str = "avant-restauration";
    const BY_HAND: &str = "manuelle";

    fn name_part(self) -> String {
        match self {
            BackupReason::ImportBundle => Self::IMPORT_BUNDLE.to_owned(),
            BackupReason::ImportTable(kind) => format!("{}{}", Self::IMPORT_TABLE, kind.code()),
            BackupReason::BeforeRestore => Self::BEFORE_RESTORE.to_owned(),
            BackupReason::BeforeEncryption => crate::vault::BEFORE_ENCRYPTION.to_owned(),
            // Never asked for: a backup Binôme takes for no reason it names
            // is one taken by hand.
            BackupReason::ByHand | BackupReason::Unknown => Self::BY_HAND.to_owned(),
        }
    }

    /// The backups this one makes way for: those taken before imports
    /// rotate among themselves, the others among themselves.
    pub fn rotation(self) -> Rotation {
        match self {
            BackupReason::ImportBundle | BackupReason::ImportTable(_) => Rotation::Imports,
            BackupReason::BeforeRestore
            | BackupReason::BeforeEncryption
            | BackupReason::ByHand
            | BackupReason::Unknown => Rotation::ByHand,
        }
    }

    fn of_name_part(part: &str) -> BackupReason {
        match part {
            Self::IMPORT_BUNDLE => BackupReason::ImportBundle,
            Self::BEFORE_RESTORE => BackupReason::BeforeRestore,
            Self::BY_HAND => BackupReason::ByHand,
            _ if part == crate::vault::BEFORE_ENCRYPTION => BackupReason::BeforeEncryption,
            _ => match part.strip_prefix(Self::IMPORT_TABLE).and_then(ImportKind::parse) {
                Some(kind) => BackupReason::ImportTable(kind),
                None => BackupReason::Unknown,
            },
        }
    }
}

/// The two counts backups are kept by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rotation {
    /// Taken by Binôme before each import: the last [`BACKUPS_KEPT`].
    Imports,
    /// Taken by hand, before a restore or before encryption, or put in
    /// the folder by hand: the last [`BACKUPS_KEPT_BY_HAND`].
    ByHand,
}

impl Rotation {
    pub fn kept(self) -> usize {
        match self {
            Rotation::Imports => BACKUPS_KEPT,
            Rotation::ByHand => BACKUPS_KEPT_BY_HAND,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct BackupFile {
    pub name: String,
    pub path: PathBuf,
    pub bytes: u64,
    /// Its place in the order backups were taken (0 for names from
    /// before sequence numbers, which sort by name below every other).
    pub sequence: u64,
    /// Milliseconds since 1970, as its name says (`None` for names from
    /// before sequence numbers).
    pub taken_at: Option<i64>,
    pub reason: BackupReason,
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
    /// `reason`; `None` for a store in memory. The oldest of its rotation
    /// beyond those it keeps go; the other rotation's stay.
    pub fn backup(&self, reason: BackupReason) -> Result<Option<PathBuf>> {
        let taken = self.take_backup(reason)?;
        if taken.is_some() {
            self.prune_backups(reason.rotation())?;
        }
        Ok(taken)
    }

    fn take_backup(&self, reason: BackupReason) -> Result<Option<PathBuf>> {
        let Some(folder) = self.backup_folder() else { return Ok(None) };
        let (target, work) = folder.new_backup(reason, self.now_millis())?;
        self.store.backup_to(&work)?;
        std::fs::rename(&work, &target).map_err(|e| CoreError::io(&target, e))?;
        sync_dir(&folder.dir)?;
        Ok(Some(target))
    }

    fn prune_backups(&self, rotation: Rotation) -> Result<()> {
        let backups = self.backups()?;
        let same_rotation = backups.iter().filter(|b| b.reason.rotation() == rotation);
        for old in same_rotation.skip(rotation.kept()) {
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

    /// Puts a backup (by its file name, or a unique part of it) back in place,
    /// after a backup of the present state. Nothing is pruned here: the
    /// backup restored and the one just taken both stay. Persons erased
    /// and laptops revoked or refused since the backup was taken stay so.
    pub fn restore(&mut self, name: &str) -> Result<BackupFile> {
        let backups = self.backups()?;
        // An empty name is part of every name: it names none.
        let matching: Vec<&BackupFile> = match name.trim() {
            "" => Vec::new(),
            part => backups.iter().filter(|b| b.name.contains(part)).collect(),
        };
        let chosen = match matching.as_slice() {
            [one] => (*one).clone(),
            [] => return Err(CoreError::BackupNotFound(name.to_owned())),
            many => {
                return Err(CoreError::BackupAmbiguous(name.to_owned(), many.iter().map(|b| b.name.clone()).collect()));
            }
        };
        let erasures = self.erasures_to_keep()?;
        self.take_backup(BackupReason::BeforeRestore)?;
        // A backup from before encryption at rest, put back in the folder
        // by hand, is encrypted in place first.
        let plain = binome_store::inspect(&chosen.path).map_err(|e| CoreError::io(&chosen.path, e))?;
        if plain == binome_store::StoreFile::Plain {
            self.store.encrypt_backup(&chosen.path)?;
        }
        self.store.restore_from(&chosen.path)?;
        self.keep_erasures(&erasures)?;
        // The store kept the refusals held before the restore; what the
        // backup brings back is sealed as they require (kit, pseudonym keys).
        self.refresh_recovery()?;
        self.refresh_pseudonym_keys()?;
        Ok(chosen)
    }
}

/// The backups screen's writes, each answering with the list as it is after.
impl Binome {
    /// A backup the person asked for, before something they are unsure of;
    /// the oldest of those taken by hand beyond those kept go.
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

/// The time in a backup's name, UTC, to the millisecond.
const STAMP: &str = "%Y%m%d-%H%M%S%3f";

struct NameParts {
    sequence: u64,
    taken_at: Option<i64>,
    reason: BackupReason,
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

    /// What a name says: `binome-000042-20261201-084400123-import-bundle.sqlite3`
    /// → 42, 2026-12-01 08:44:00.123 UTC, an import of a bundle. Names from
    /// before sequence numbers: 0 (below every other), no time, unknown.
    fn read_name(&self, name: &str) -> NameParts {
        let unnumbered = NameParts { sequence: 0, taken_at: None, reason: BackupReason::Unknown };
        let Some(rest) = name.strip_prefix(&self.prefix).and_then(|r| r.strip_suffix(EXTENSION)) else {
            return unnumbered;
        };
        let mut parts = rest.splitn(4, '-');
        let (Some(digits), Some(day), Some(time), Some(reason)) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return unnumbered;
        };
        if digits.len() != 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return unnumbered;
        }
        let taken_at = chrono::NaiveDateTime::parse_from_str(&format!("{day}-{time}"), STAMP)
            .ok()
            .map(|at| at.and_utc().timestamp_millis());
        NameParts { sequence: digits.parse().unwrap_or(0), taken_at, reason: BackupReason::of_name_part(reason) }
    }

    /// The name a new backup takes, and the work name it is written under;
    /// the folder is made if need be and this store's leftovers go.
    pub(crate) fn new_backup(&self, reason: BackupReason, now_millis: i64) -> Result<(PathBuf, PathBuf)> {
        let dir = &self.dir;
        binome_store::private::create_private_dir(dir).map_err(|e| CoreError::io(dir, e))?;
        self.remove_interrupted()?;
        let sequence = self.list()?.first().map_or(0, |newest| newest.sequence) + 1;
        let stamp = chrono::DateTime::from_timestamp_millis(now_millis).unwrap_or_default().format(STAMP);
        let name = format!("{}{sequence:06}-{stamp}-{}{EXTENSION}", self.prefix, reason.name_part());
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
            let NameParts { sequence, taken_at, reason } = self.read_name(&name);
            found.push(BackupFile { sequence, taken_at, reason, name, bytes, path: entry.path() });
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

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_796_659_419_883;

    #[test]
    fn a_backup_s_name_says_when_and_why_it_was_taken() {
        let dir = tempfile::tempdir().unwrap();
        let folder = BackupFolder::of(&dir.path().join("binome.sqlite3"));
        let mut reasons = vec![
            BackupReason::ImportBundle,
            BackupReason::BeforeRestore,
            BackupReason::BeforeEncryption,
            BackupReason::ByHand,
        ];
        reasons.extend(ImportKind::ALL.iter().map(|kind| BackupReason::ImportTable(*kind)));
        for (n, reason) in reasons.iter().enumerate() {
            let (target, _) = folder.new_backup(*reason, NOW + n as i64).unwrap();
            std::fs::write(&target, b"").unwrap();
        }
        let listed = folder.list().unwrap();
        assert_eq!(listed.len(), reasons.len());
        for (n, reason) in reasons.iter().enumerate() {
            let backup = &listed[reasons.len() - 1 - n];
            assert_eq!(
                (backup.sequence, backup.taken_at, backup.reason),
                (n as u64 + 1, Some(NOW + n as i64), *reason),
                "{}",
                backup.name
            );
        }
    }

    #[test]
    fn names_binome_does_not_write_are_listed_as_unknown() {
        let folder = BackupFolder::of(Path::new("/magasin/binome.sqlite3"));
        let read = |name: &str| {
            let parts = folder.read_name(name);
            (parts.sequence, parts.taken_at, parts.reason)
        };
        assert_eq!(read("binome-000007-20261201-084400123-essai.sqlite3").2, BackupReason::Unknown);
        assert_eq!(read("binome-000007-hier-midi-import-bundle.sqlite3"), (7, None, BackupReason::ImportBundle));
        assert_eq!(read("binome-20261201-import-bundle.sqlite3"), (0, None, BackupReason::Unknown));
        assert_eq!(read("binome-000008-20261201-084400123-import-inconnu.sqlite3").2, BackupReason::Unknown);
    }
}
