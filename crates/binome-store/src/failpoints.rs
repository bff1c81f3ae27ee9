//! Failures a test asks for where an interruption would matter (with the
//! `test-support` feature only): they show what an error, or a power cut,
//! at that point leaves behind.

use crate::error::StoreError;
use std::cell::Cell;
use std::path::Path;

thread_local! {
    static RESTORE_BEFORE_KEEPING: Cell<bool> = const { Cell::new(false) };
}

/// This thread's next restore fails once the backup's pages are copied,
/// before what a restore keeps (the counters, the refusals) is written.
pub fn fail_next_restore_before_keeping() {
    RESTORE_BEFORE_KEEPING.set(true);
}

pub(crate) fn restore_before_keeping(path: &Path) -> crate::Result<()> {
    if RESTORE_BEFORE_KEEPING.replace(false) {
        return Err(StoreError::Backup { path: path.display().to_string(), reason: "interrupted by a test".into() });
    }
    Ok(())
}
