//! Why a bundle, or a change to the devices met, is refused: data for
//! the front ends to tell, depending on no sync code (the core's error
//! type holds it).

use binome_domain::{DeviceRole, Kind};
use serde::Serialize;

/// What bounds the bundles kept for devices not trusted yet: anybody can
/// hand a laptop a file, and every backup copies the quarantine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuarantineLimit {
    /// One bundle's bytes.
    BundleBytes,
    /// Bundles waiting at once.
    Bundles,
    /// All waiting bundles' bytes together.
    TotalBytes,
}

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
    #[error("the {kind:?} row {id} comes with other values under a version already known")]
    Forged { kind: Kind, id: String },
    #[error("no trusted device matches {text:?}")]
    UnknownRecipient { text: String },
    #[error("{text:?} matches several devices")]
    AmbiguousDevice { text: String, candidates: Vec<String> },
    #[error("device {device}, a {role} laptop, may not change {kind:?} records")]
    RoleForbids { device: String, role: DeviceRole, kind: Kind },
    #[error("versions from device {device} come without its card")]
    UnknownOrigin { device: String },
    #[error("device {device} may not change {kind:?} {id}: outside its missions")]
    OutsideMissions { device: String, kind: Kind, id: String },
    #[error(
        "versions from device {device} cannot be checked: it is not trusted here, and no coordinator trusted here vouches for it"
    )]
    UnverifiedOrigin {
        device: String,
        /// The device's name, when this laptop knows it.
        name: Option<String>,
    },
    #[error("the {kind:?} row {id} does not match what device {device} signed")]
    Unverified {
        device: String,
        /// The device's name, when this laptop knows it.
        name: Option<String>,
        kind: Kind,
        id: String,
    },
    #[error("device {device} is this laptop, or sent work applied here: it cannot be forgotten")]
    DeviceHasWork { device: String },
    #[error("device {device} was revoked: trusting it again needs a confirmation")]
    RevokedNeedsConfirmation { device: String },
    #[error("the {kind:?} row {id} holds a {field} longer than {max}")]
    FieldTooLong { kind: Kind, id: String, field: String, max: usize },
    #[error("the quarantine is full ({limit:?}, at most {max})")]
    QuarantineFull { limit: QuarantineLimit, max: u64 },
}

impl SyncRefusal {
    /// Each refusal's own code; its sentence is `error-` + the code.
    pub fn code(&self) -> &'static str {
        match self {
            SyncRefusal::Revoked { .. } => "sync-revoked",
            SyncRefusal::Rejected { .. } => "sync-rejected",
            SyncRefusal::KeyMismatch { .. } => "sync-key-mismatch",
            SyncRefusal::Forged { .. } => "sync-forged",
            SyncRefusal::UnknownRecipient { .. } => "sync-unknown-recipient",
            SyncRefusal::AmbiguousDevice { .. } => "sync-ambiguous-device",
            SyncRefusal::RoleForbids { .. } => "sync-role-forbids",
            SyncRefusal::UnknownOrigin { .. } => "sync-unknown-origin",
            SyncRefusal::OutsideMissions { .. } => "sync-outside-missions",
            SyncRefusal::UnverifiedOrigin { .. } => "sync-unverified-origin",
            SyncRefusal::Unverified { .. } => "sync-unverified",
            SyncRefusal::DeviceHasWork { .. } => "sync-device-has-work",
            SyncRefusal::RevokedNeedsConfirmation { .. } => "sync-revoked-needs-confirmation",
            SyncRefusal::FieldTooLong { .. } => "sync-field-too-long",
            SyncRefusal::QuarantineFull { .. } => "sync-quarantine-full",
        }
    }
}
