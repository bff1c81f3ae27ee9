//! What waits for a person to decide on its sender: bundles from devices
//! not trusted yet, bounded because anybody can hand a laptop a file and
//! every backup copies the quarantine.

use super::{QuarantineLimit, SyncRefusal};
use crate::app::Binome;
use crate::error::{CoreError, Result};

/// A first bundle from a laptop met on a mission is tens of kilobytes; a
/// coordinator's whole programme a few megabytes.
pub const QUARANTINE_MAX_BUNDLE_BYTES: u64 = 32 << 20;
pub const QUARANTINE_MAX_BUNDLES: u64 = 20;
pub const QUARANTINE_MAX_TOTAL_BYTES: u64 = 128 << 20;

impl Binome {
    /// Refuses a bundle of `bytes` that the quarantine has no room for.
    pub(super) fn check_quarantine_room(&self, bytes: u64) -> Result<()> {
        let full = |limit, max| Err(CoreError::Sync(SyncRefusal::QuarantineFull { limit, max }));
        if bytes > QUARANTINE_MAX_BUNDLE_BYTES {
            return full(QuarantineLimit::BundleBytes, QUARANTINE_MAX_BUNDLE_BYTES);
        }
        let (waiting, waiting_bytes) = self.store.quarantine_usage()?;
        if waiting >= QUARANTINE_MAX_BUNDLES {
            return full(QuarantineLimit::Bundles, QUARANTINE_MAX_BUNDLES);
        }
        if waiting_bytes + bytes > QUARANTINE_MAX_TOTAL_BYTES {
            return full(QuarantineLimit::TotalBytes, QUARANTINE_MAX_TOTAL_BYTES);
        }
        Ok(())
    }
}
