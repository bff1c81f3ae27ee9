//! Copies of the whole store, taken before anything that writes many rows
//! from outside (a spreadsheet or bundle import), and put back on request.

use crate::error::{Doing, StoreError};
use crate::open::Store;
use std::path::Path;

impl Store {
    /// Writes a consistent copy of the store to `target` (a new file),
    /// page by page through SQLite's online backup. `VACUUM INTO` would
    /// compact the copy but peaks at about five times the page cache (330
    /// MB for a country's store): the copy is taken before every import,
    /// on laptops that may have 4 GB.
    ///
    /// The copy is a new file nobody reads until it is finished, so it is
    /// written without a journal and synced once at the end (a country's
    /// store: 6.4 s journalled and synced page by page, the time of a
    /// plain copy now).
    pub fn backup_to(&self, target: &Path) -> crate::Result<()> {
        {
            let mut copy = rusqlite::Connection::open(target).doing("creating a backup")?;
            copy.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
                .doing("preparing a backup file")?;
            let backup = rusqlite::backup::Backup::new(&self.conn, &mut copy).doing("starting a backup")?;
            backup.run_to_completion(4096, std::time::Duration::ZERO, None).doing("writing a backup")?;
        }
        let synced = std::fs::File::open(target).and_then(|f| f.sync_all());
        synced.map_err(|e| StoreError::Backup { path: target.display().to_string(), reason: e.to_string() })
    }

    /// Replaces the store's contents with those of `source`, in place and
    /// in one step, through SQLite's online backup.
    pub fn restore_from(&mut self, source: &Path) -> crate::Result<()> {
        let from = rusqlite::Connection::open_with_flags(source, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .doing("opening a backup")?;
        {
            let backup = rusqlite::backup::Backup::new(&from, &mut self.conn).doing("starting a restore")?;
            backup.run_to_completion(1024, std::time::Duration::ZERO, None).doing("restoring a backup")?;
        }
        self.device = crate::device::load(&self.conn)?;
        Ok(())
    }
}
