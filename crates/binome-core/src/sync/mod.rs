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
mod revocation;
mod rights;
mod signing;
mod trust;

use crate::error::CoreError;
use binome_sync::BundleError;
use serde::Serialize;
use std::collections::BTreeMap;

pub use binome_sync::nearby::Announcement;
pub use nearby::{NearbyLaptop, NearbyOutcome, NearbyPeer};
pub use quarantine::{
    QUARANTINE_MAX_BUNDLE_BYTES, QUARANTINE_MAX_BUNDLES, QUARANTINE_MAX_TOTAL_BYTES, QuarantineLimit,
};

/// Why a verified bundle is still not applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum SyncRefusal {
    #[error("device {device} was revoked")]
    Revoked { device: String },
    #[error("device {device} was rejected")]
    Rejected { device: String },
    #[error("device {device} signs with another key than the one trusted")]
    KeyMismatch { device: String },
    #[error("the {table} row {id} comes with other values under a version already known")]
    Forged { table: String, id: String },
    #[error("no trusted device matches {text:?}")]
    UnknownRecipient { text: String },
    #[error("{text:?} matches several devices")]
    AmbiguousDevice { text: String, candidates: Vec<String> },
    #[error("a {role} device may not change {table} records")]
    RoleForbids { device: String, role: String, table: String },
    #[error("versions from device {device} come without its card")]
    UnknownOrigin { device: String },
    #[error("device {device} may not change {table} {id}: outside its missions")]
    OutsideMissions { device: String, table: String, id: String },
    #[error(
        "versions from device {device} cannot be checked: it is not trusted here, and no coordinator trusted here vouches for it"
    )]
    UnverifiedOrigin {
        device: String,
        /// The device's name, when this laptop knows it.
        name: Option<String>,
    },
    #[error("the {table} row {id} does not match what device {device} signed")]
    Unverified {
        device: String,
        /// The device's name, when this laptop knows it.
        name: Option<String>,
        table: String,
        id: String,
    },
    #[error("device {device} is this laptop, or sent work applied here: it cannot be forgotten")]
    DeviceHasWork { device: String },
    #[error("device {device} was revoked: trusting it again needs a confirmation")]
    RevokedNeedsConfirmation { device: String },
    #[error("the {table} row {id} holds a {field} longer than {max}")]
    FieldTooLong { table: String, id: String, field: String, max: usize },
    #[error("the quarantine is full ({limit:?}, at most {max})")]
    QuarantineFull { limit: QuarantineLimit, max: u64 },
}

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
