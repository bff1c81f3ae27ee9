//! Laptop clocks in the field are wrong. A bundle from a laptop whose clock
//! runs days ahead is applied, with a warning, without dragging this
//! laptop's clock forward.

use binome_core::sync::ImportOutcome;
use binome_core::{Binome, DeviceRole};

/// A laptop's store, encrypted under a key of the tests' own (the
/// passphrase that would seal it is the vault's tests' business).
fn open_store(path: &std::path::Path) -> binome_core::Result<Binome> {
    Binome::open_with_key(path, &binome_core::StoreKey::from_bytes([1; 32]))
}

const NOW: i64 = 1_763_900_000_000;
const DAY: i64 = 86_400_000;

fn now() -> i64 {
    NOW
}

fn three_days_ahead() -> i64 {
    NOW + 3 * DAY
}

#[test]
fn stamps_far_in_the_future_are_kept_without_moving_our_clock() {
    let dir = tempfile::tempdir().unwrap();
    let mut ahead = open_store(&dir.path().join("ahead.sqlite3")).unwrap().with_clock(three_days_ahead);
    let mut here = open_store(&dir.path().join("here.sqlite3")).unwrap().with_clock(now);
    ahead.init("portable-en-avance", "A", DeviceRole::Expert).unwrap();
    here.init("bureau", "B", DeviceRole::Coordinator).unwrap();
    // Introductions both ways, then trust.
    let hello = dir.path().join("hello.binome");
    here.export_bundle(&hello, &[], false).unwrap();
    ahead.import_bundle(&hello, false).unwrap();
    ahead.trust_device("bureau").unwrap();
    ahead.export_bundle(&hello, &[], false).unwrap();
    here.import_bundle(&hello, false).unwrap();
    here.trust_device("portable-en-avance").unwrap();

    ahead.load_demo(1, binome_core::demo::DemoScale::Mission).unwrap();
    let file = dir.path().join("mission.binome");
    ahead.export_bundle(&file, &["bureau".to_owned()], false).unwrap();
    let outcome = here.import_bundle(&file, false).unwrap();
    let ImportOutcome::Applied { far_future, .. } = outcome else { panic!("applied: {outcome:?}") };
    assert!(far_future > 600, "every version is stamped three days ahead: {far_future}");
    let clock = binome_core::domain::Hlc(here.device().unwrap().hlc);
    assert!(clock.millis() <= NOW + DAY, "our clock was not dragged forward: {}", clock.millis() - NOW);
    assert_eq!(here.store().count(binome_core::domain::Kind::Session).unwrap(), 12, "the data is kept");
}
