//! Binôme's use cases: what the CLI and the desktop app both call.
//!
//! A front end unlocks a [`Binome`] on a store file ([`vault`]: the store is
//! encrypted, its key sealed under the person's passphrase) and calls its methods:
//! add, edit, delete and read records ([`records`]), import spreadsheets
//! ([`import`]), find and merge duplicate persons ([`duplicates`]), compute
//! indicators ([`indicators`]), write demo data ([`demo`]). Errors are
//! [`CoreError`] codes and data; [`i18n::Messages`] turns them into
//! French or English sentences from the shared catalogue.

mod app;
mod attendance;
pub mod backups;
pub mod demo;
pub mod describe;
pub mod dhis2;
pub mod duplicates;
pub mod erasure;
mod error;
pub mod exports;
mod framework_sheet;
pub mod i18n;
pub mod import;
pub mod indicators;
pub mod phones;
pub mod print;
pub mod pseudonyms;
mod ratings;
pub mod records;
mod reviews;
mod scores;
pub mod sheet;
pub mod spreadsheet;
pub mod sync;
pub mod vault;
pub mod views;
pub mod watch;

pub use app::{APP_IDENTIFIER, Binome, STORE_FILE_NAME, default_store_path};
pub use attendance::AttendanceMark;
pub use binome_domain as domain;
pub use binome_store::{DeviceRole, DeviceTrust, ListQuery, LocalDevice, StoreError, StoreKey, StoredRow, private};
pub use binome_sync::fingerprint as sync_fingerprint;
/// The nearby channel's vocabulary the fronts name: which end, the port, the refusals.
pub use binome_sync::nearby::{NEARBY_PORT, NearbyError, Refusal as NearbyRefusal, Side as NearbySide};
pub use duplicates::PersonMerge;
pub use reviews::SessionDecision;
pub use scores::ScoreEntry;
/// What the fronts do nearby without holding a store: finding laptops,
/// the addresses to show, and greeting one (`sync::greet`, `sync::agree`).
pub mod nearby {
    pub use binome_sync::nearby::{
        Card, Connection, Found, GREETING, Greeting, Link, Places, SILENCE, discover, local_addresses, typed_address,
    };
}
/// The bundle errors, for front ends that write their sentences.
pub mod sync_errors {
    pub use binome_sync::{BundleError, Certificate};
}
pub use error::{CoreError, Result};

/// The current UTC time as ISO 8601 (ADX's `exported`, file stamps).
pub fn utc_now_iso() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}
