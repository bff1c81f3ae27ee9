//! The laptops not decided yet are bounded: past the bound the oldest that
//! brought nothing go, with what they left in quarantine; one whose work
//! is in the store stays, and so do the laptops decided on.

use binome_store::{DeviceRecord, DeviceRole, DeviceTrust, MAX_UNDECIDED_DEVICES, Store};

const NOW: i64 = 1_700_000_000_000;

fn card(id: &str, trust: DeviceTrust, first_seen: i64) -> DeviceRecord {
    DeviceRecord {
        device_id: id.to_owned(),
        name: id.to_owned(),
        role: DeviceRole::Expert,
        signing_key: format!("key-{id}"),
        age_recipient: format!("age-{id}"),
        trust,
        first_seen,
        decided_at: None,
        missions: None,
    }
}

fn with_trust(store: &Store, trust: DeviceTrust) -> Vec<String> {
    store.devices().unwrap().into_iter().filter(|d| d.trust == trust).map(|d| d.device_id).collect()
}

#[test]
fn the_oldest_pending_laptops_that_brought_nothing_go_first_with_their_quarantine() {
    let mut store = Store::open_in_memory().unwrap();
    store.init_device("device-office", "office", "Awa", DeviceRole::Coordinator, NOW).unwrap();
    store.remember_device(&card("trusted-early", DeviceTrust::Trusted, NOW)).unwrap();
    // Met first, each with something the others lack: a bundle applied
    // (it was trusted then), a bundle waiting in quarantine.
    store.remember_device(&card("applied-once", DeviceTrust::Pending, NOW + 1)).unwrap();
    store.write(NOW, |w| w.record_bundle("bundle-applied", "applied-once", "{}")).unwrap();
    store.remember_device(&card("waiting", DeviceTrust::Pending, NOW + 2)).unwrap();
    store.quarantine("bundle-waiting", "waiting", NOW + 2, b"bytes").unwrap();

    for n in 0..MAX_UNDECIDED_DEVICES {
        store.remember_device(&card(&format!("stranger-{n:03}"), DeviceTrust::Pending, NOW + 10 + n as i64)).unwrap();
    }
    let pending = with_trust(&store, DeviceTrust::Pending);
    assert_eq!(pending.len(), MAX_UNDECIDED_DEVICES + 1, "the bound and the one with work");
    assert!(pending.contains(&"applied-once".to_owned()), "its work is in the store");
    assert!(!pending.contains(&"waiting".to_owned()), "the oldest that brought nothing went");
    assert_eq!(store.quarantine_usage().unwrap(), (0, 0), "and its bundle with it");
    assert!(pending.contains(&format!("stranger-{:03}", MAX_UNDECIDED_DEVICES - 1)));
    assert_eq!(with_trust(&store, DeviceTrust::Trusted), ["trusted-early"]);
}

#[test]
fn claims_of_a_known_laptop_s_id_are_bounded_the_newest_kept() {
    let store = Store::open_in_memory().unwrap();
    store.remember_device(&card("portable-expert", DeviceTrust::Trusted, NOW)).unwrap();
    for n in 0..MAX_UNDECIDED_DEVICES + 5 {
        let mut claim = card("portable-expert", DeviceTrust::Pending, NOW + n as i64);
        claim.signing_key = format!("other-key-{n:03}");
        store.claim_device(&claim).unwrap();
    }
    let claims = store.device_claims().unwrap();
    assert_eq!(claims.len(), MAX_UNDECIDED_DEVICES);
    let keys: Vec<&str> = claims.iter().map(|c| c.signing_key.as_str()).collect();
    assert!(keys.contains(&format!("other-key-{:03}", MAX_UNDECIDED_DEVICES + 4).as_str()));
    assert!(!keys.contains(&"other-key-000"));
}
