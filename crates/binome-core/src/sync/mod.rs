//! Exchanging bundles: this laptop's keys (`keys.rs`), the devices it
//! trusts (`trust.rs`), its own versions signed for their journey
//! (`signing.rs`), export (`export.rs`), import — verified, decrypted and
//! checked version by version against each origin's signature and rights
//! (`import.rs`, `origins.rs`, `rights.rs`) in one transaction after a
//! backup — the quarantine of unknown senders (`quarantine.rs`), and
//! conflicts (`conflicts.rs`).

mod conflicts;
mod export;
mod import;
mod keys;
mod nearby;
mod origins;
mod quarantine;
pub(crate) mod refusal;
mod revocation;
mod rights;
mod signing;
mod trust;

use crate::error::CoreError;
use binome_sync::BundleError;
use serde::Serialize;
use std::collections::BTreeMap;

pub use binome_sync::nearby::Announcement;
pub use nearby::{Agreed, NearbyLaptop, NearbyOutcome, NearbyPeer, agree, greet};
pub use quarantine::{QUARANTINE_MAX_BUNDLE_BYTES, QUARANTINE_MAX_BUNDLES, QUARANTINE_MAX_TOTAL_BYTES};
pub use refusal::{QuarantineLimit, SyncRefusal};

/// What importing a bundle did, per table.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TableCounts {
    pub new: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub conflicting: u64,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ImportOutcome {
    Applied {
        bundle_id: String,
        sender: String,
        counts: BTreeMap<String, TableCounts>,
        far_future: u64,
        /// Versions of revoked devices made after their revocation, left out.
        after_revocation: u64,
        dry_run: bool,
    },
    AlreadyImported {
        bundle_id: String,
    },
    Quarantined {
        bundle_id: String,
        sender: String,
        name: String,
        fingerprint: String,
    },
    /// From a device not trusted yet, and addressed to others: nothing to
    /// keep, but the device is now known and can be trusted.
    DeviceIntroduced {
        sender: String,
        name: String,
        fingerprint: String,
    },
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportReport {
    pub bundle_id: String,
    pub versions: u64,
    pub bytes: u64,
    pub recipients: Vec<String>,
    pub incremental: bool,
    /// Per origin, versions not sent for want of their origin's signature
    /// (received before bundles carried one); they travel once their origin
    /// sends them again.
    pub held_back: BTreeMap<String, u64>,
}

impl From<BundleError> for CoreError {
    fn from(error: BundleError) -> Self {
        CoreError::Bundle(error)
    }
}
