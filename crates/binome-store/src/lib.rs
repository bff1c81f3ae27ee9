//! Binôme's SQLite store: the only crate that speaks SQL.
//!
//! [`Store::open`] sets the pragmas that keep data through power cuts (WAL,
//! `synchronous=FULL`), applies the versioned migrations in one
//! transaction, and refuses a file written by a newer Binôme without
//! touching it. Every write goes through [`Store::write`], one transaction
//! that stamps each changed row with its new version (version vector, HLC,
//! origin device) and appends it to the change log — the audit trail and
//! the "what changed since" index that bundles are made from.

mod backup;
#[cfg(feature = "baselines")]
pub mod baselines;
mod bulk;
mod devices;
mod encrypt;
mod erasures;
mod error;
#[cfg(feature = "test-support")]
pub mod failpoints;
mod history;
mod import_choices;
mod indicators;
mod key;
mod local_device;
mod open;
mod page_mac;
mod persons;
pub mod private;
mod query;
mod rows;
mod scope;
mod segments;
mod stored_text;
mod sync;
#[cfg(test)]
mod testing;

pub use bulk::DeferredIndexes;
pub use devices::{DeviceRecord, DeviceTrust, MAX_UNDECIDED_DEVICES, Quarantined, RevokedDevice, SentBundle};
pub use encrypt::{encrypt_in_place, encrypted_copy, opens_with, rekey_in_place};
pub use error::StoreError;
pub use history::{Change, ChangeOp};
pub use import_choices::RememberedValue;
pub use indicators::{AssessLevel, AssessmentRow, ChangeMark, GroupTallies, KEY_SEPARATOR, MissionRow};
pub use key::{STORE_KEY_BYTES, StoreKey};
pub use local_device::{DeviceRole, LocalDevice};
/// A raw connection to an encrypted store, for tests only.
#[cfg(feature = "test-support")]
pub fn raw_connection(path: &std::path::Path, key: &StoreKey) -> Result<rusqlite::Connection> {
    open::open_keyed(path, key, rusqlite::OpenFlags::default())
}
pub use open::{DEFAULT_CACHE_MIB, SCHEMA_VERSION, SYNCED_SCHEMA_VERSION, Store, StoreFile, inspect};
pub use persons::PersonSummary;
pub use rows::{AllOrNothing, ListQuery, Orphan, StoredRow, VersionMeta, Writer};
pub use scope::Scope as MissionScope;
pub use segments::SegmentRecord;
pub use sync::{Applied, Head, RemoteVersion, normalise, split_fields};

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
