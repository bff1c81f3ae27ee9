//! The core's errors: codes and data that every front end turns into a
//! sentence ([`crate::i18n::Messages::error`]). Nobody matches on strings.
//! A feature's own refusals live in its `error.rs` (or `sync/refusal.rs`),
//! files of data that use none of the feature's code.

use crate::dhis2::error::Dhis2Error;
use crate::import::error::ImportError;
use crate::sync::refusal::SyncRefusal;
use crate::vault::error::VaultError;
use binome_domain::{DeviceRole, Kind, Problems};
use binome_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("invalid {kind:?}: {problems}")]
    Invalid { kind: Kind, problems: Problems },
    #[error("no {kind:?} matches {text:?}")]
    NotFound { kind: Kind, text: String },
    #[error("{text:?} matches several {kind:?}")]
    Ambiguous { kind: Kind, text: String, candidates: Vec<String> },
    #[error("cannot read or write {path}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error("unknown breakdown {0:?}")]
    UnknownBreakdown(String),
    #[error("demo data goes into an empty store")]
    DemoStoreNotEmpty,
    #[error("no backup matches {0:?}")]
    BackupNotFound(String),
    #[error("{0:?} matches several backups")]
    BackupAmbiguous(String, Vec<String>),
    #[error("cannot write the spreadsheet")]
    Spreadsheet(#[source] rust_xlsxwriter::XlsxError),
    #[error("cannot write the PDF")]
    Pdf(#[source] krilla::error::KrillaError),
    #[error(transparent)]
    Bundle(binome_sync::BundleError),
    #[error(transparent)]
    Sync(SyncRefusal),
    /// A change this laptop's role may not make here (the rule every
    /// receiver applies to versions from elsewhere).
    #[error("a {role} laptop may not change {kind:?} records")]
    RoleForbids { role: DeviceRole, kind: Kind },
    /// Only a coordinator's laptop enrols devices.
    #[error("only a coordinator's laptop enrols devices, not a {role} one")]
    CoordinatorOnly { role: DeviceRole },
    /// A laptop is revoked from another: revoking itself would refuse its
    /// own work.
    #[error("this laptop cannot revoke itself")]
    RevokeOwnLaptop,
    #[error(transparent)]
    Dhis2(Dhis2Error),
    #[error(transparent)]
    Vault(#[from] VaultError),
    /// This laptop cannot open the pseudonym key of a programme: it is not
    /// a coordinator's, or the key is sealed to other coordinators only.
    #[error("the pseudonym key of {programme} is not sealed to this laptop")]
    PseudonymKeyUnavailable { programme: String, holders: Vec<String> },
    #[error("cannot seal a key")]
    Seal(#[source] binome_sync::SealError),
    #[error(transparent)]
    Nearby(#[from] binome_sync::nearby::NearbyError),
    /// This laptop will not sync with the one nearby, for `refusal`. The
    /// code is the connection's, for people to compare before trusting.
    #[error("will not sync with {name} ({fingerprint}): {refusal:?}")]
    NearbyPeerRefused { refusal: binome_sync::nearby::Refusal, name: String, fingerprint: String, code: String },
    /// The laptop nearby will not sync with this one, for `refusal`.
    #[error("{name} ({fingerprint}) will not sync with this laptop: {refusal:?}")]
    NearbyRefusedByPeer { refusal: binome_sync::nearby::Refusal, name: String, fingerprint: String, code: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub type Result<T, E = CoreError> = std::result::Result<T, E>;

impl CoreError {
    pub fn code(&self) -> &'static str {
        match self {
            CoreError::Invalid { .. } => "invalid",
            CoreError::NotFound { .. } => "not-found",
            CoreError::Ambiguous { .. } => "ambiguous",
            CoreError::Io { .. } => "io",
            CoreError::Import(e) => e.code(),
            CoreError::UnknownBreakdown(_) => "unknown-breakdown",
            CoreError::DemoStoreNotEmpty => "demo-not-empty",
            CoreError::BackupNotFound(_) => "backup-not-found",
            CoreError::BackupAmbiguous(..) => "backup-ambiguous",
            CoreError::Spreadsheet(_) => "spreadsheet",
            CoreError::Pdf(_) => "pdf",
            CoreError::Bundle(e) => e.code(),
            CoreError::Sync(refusal) => refusal.code(),
            CoreError::RoleForbids { .. } => "role-forbids",
            CoreError::CoordinatorOnly { .. } => "coordinator-only",
            CoreError::RevokeOwnLaptop => "revoke-own-laptop",
            CoreError::Dhis2(refusal) => refusal.code(),
            CoreError::Vault(e) => e.code(),
            CoreError::PseudonymKeyUnavailable { .. } => "pseudonym-key-unavailable",
            CoreError::Seal(_) => "seal",
            CoreError::Nearby(e) => e.code(),
            CoreError::NearbyPeerRefused { .. } => "nearby-peer-refused",
            CoreError::NearbyRefusedByPeer { .. } => "nearby-refused-by-peer",
            CoreError::Store(StoreError::WrongKey { .. }) => "wrong-key",
            CoreError::Store(StoreError::NewerSchema { .. }) => "newer-schema",
            CoreError::Store(StoreError::NotInitialised) => "not-initialised",
            CoreError::Store(StoreError::NotABackup { .. }) => "not-a-backup",
            CoreError::Store(StoreError::BackupAltered { .. }) => "backup-altered",
            CoreError::Store(StoreError::BackupOfAnotherDevice { .. }) => "backup-other-device",
            CoreError::Store(StoreError::AlreadyInitialised { .. }) => "already-initialised",
            CoreError::Store(_) => "store",
        }
    }

    pub fn io(path: &std::path::Path, source: std::io::Error) -> CoreError {
        CoreError::Io { path: path.display().to_string(), source }
    }
}
