//! What the core's integration tests share: two laptops that trust each
//! other, as people leave them after reading fingerprints over the phone.

// Each test file uses the part of this support it needs.
#![allow(dead_code)]

use binome_core::{Binome, DeviceRole};
use std::path::Path;

/// A laptop's store, encrypted under a key of the tests' own (the
/// passphrase that would seal it is the vault's tests' business).
pub fn open_store(path: &Path) -> binome_core::Result<Binome> {
    Binome::open_with_key(path, &binome_core::StoreKey::from_bytes([1; 32]))
}

/// `to` learns and trusts `from` (called `name`).
pub fn introduce(from: &mut Binome, to: &mut Binome, name: &str, file: &Path) {
    from.export_bundle(file, &[], false).unwrap();
    to.import_bundle(file, false).unwrap();
    to.trust_device(name).unwrap();
}

/// An expert's laptop ("portable-expert") and a coordinator's
/// ("bureau-ndjamena") in `dir`, each trusting the other.
pub fn expert_and_office(dir: &Path) -> (Binome, Binome) {
    let mut expert = open_store(&dir.join("expert/store.sqlite3")).unwrap();
    let mut office = open_store(&dir.join("office/store.sqlite3")).unwrap();
    expert.init("portable-expert", "Claire Durand", DeviceRole::Expert).unwrap();
    office.init("bureau-ndjamena", "Fatimé Ngaba", DeviceRole::Coordinator).unwrap();
    let hello = dir.join("hello.binome");
    introduce(&mut expert, &mut office, "portable-expert", &hello);
    introduce(&mut office, &mut expert, "bureau-ndjamena", &hello);
    (expert, office)
}

/// The canonical dump, to compare stores.
pub fn dump(binome: &Binome) -> String {
    let mut out = Vec::new();
    binome.store().dump_to(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}
