//! What a trusted laptop gone bad, or a stranger, can hand this one: bundles
//! correctly signed and encrypted, whose header or payload is built to take
//! the laptop down or slip past a check. Each is refused with its own error
//! and leaves the store exactly as it was.

use binome_core::domain::Kind;
use binome_core::sync::{ImportOutcome, QuarantineLimit, SyncRefusal};
use binome_core::{Binome, CoreError, DeviceRole};
use binome_sync::crafted::{crafted_bundle, signed_lines};
use binome_sync::{BundleError, Header, Limit};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use support::{dump, introduce, open_store};

#[path = "support/crafting.rs"]
mod crafting;
mod support;

use crafting::*;

#[test]
fn a_line_of_two_hundred_megabytes_is_refused_without_being_held() {
    let mut laptops = laptops();
    let origin = laptops.expert_id();
    let start = programme_line_open_in_its_name(&origin);
    let mut payload = start.as_bytes().chain(std::io::repeat(b'a').take(200 << 20)).chain(&b"\"}}\n"[..]);
    let path = laptops.crafted(&mut payload, &[("programmes", 1)], |_| {});
    match laptops.refused(&path) {
        CoreError::Bundle(BundleError::TooLarge { limit: Limit::Line, max }) => {
            assert_eq!(max, binome_sync::MAX_LINE_BYTES as u64)
        }
        other => panic!("expected the line limit, got {other:?}"),
    }
}

#[test]
fn a_text_longer_than_an_edit_allows_is_refused_naming_its_field() {
    let mut laptops = laptops();
    let origin = laptops.expert_id();
    let long_name = "Programme ".repeat(30);
    let path = laptops.signed(&[programme_line(&origin, PROGRAMME, &long_name)], &[("programmes", 1)], |_| {});
    match laptops.refused(&path) {
        CoreError::Sync(SyncRefusal::FieldTooLong { kind, field, max, .. }) => {
            assert_eq!((kind, field.as_str(), max), (Kind::Programme, "name", 200));
        }
        other => panic!("expected the field limit, got {other:?}"),
    }

    // A long text (a session's notes) has its own bound.
    let notes = "Observation. ".repeat(2_000);
    let session = serde_json::json!({
        "t": "sessions", "id": "0190a4b2-0000-7000-8000-000000000002", "vv": { &origin: 2 }, "hlc": 1,
        "o": &origin, "a": "Claire Durand", "del": false,
        "d": { "mission_id": "0190a4b2-0000-7000-8000-000000000003", "title": "Séance", "modality": "theory",
               "date": "2019-03-04", "duration": 60, "status": "draft", "notes": notes }
    })
    .to_string();
    let path = laptops.signed(&[session], &[("sessions", 1)], |_| {});
    match laptops.refused(&path) {
        CoreError::Sync(SyncRefusal::FieldTooLong { field, max, .. }) => {
            assert_eq!((field.as_str(), max), ("notes", binome_core::domain::kind::LONG_TEXT_MAX_CHARS));
        }
        other => panic!("expected the long-text limit, got {other:?}"),
    }
}

#[test]
fn millions_of_blank_lines_are_refused_at_the_first() {
    let mut laptops = laptops();
    let mut blank = std::io::repeat(b'\n').take(50 << 20);
    let path = laptops.crafted(&mut blank, &[], |_| {});
    match laptops.refused(&path) {
        CoreError::Bundle(BundleError::BadPayload { line: 1, .. }) => {}
        other => panic!("expected a refusal at line 1, got {other:?}"),
    }
}

#[test]
fn more_decompressed_bytes_than_the_header_declares_are_refused() {
    let mut laptops = laptops();
    let origin = laptops.expert_id();
    let line = programme_line(&origin, PROGRAMME, "Appui santé Tchad");
    let path = laptops.signed(std::slice::from_ref(&line), &[("programmes", 1)], |h| h.payload.plain_bytes = Some(10));
    match laptops.refused(&path) {
        CoreError::Bundle(BundleError::TooLarge { limit: Limit::Plaintext, max: 10 }) => {}
        other => panic!("expected the declared size, got {other:?}"),
    }
    let path = laptops.signed(&[line], &[("programmes", 1)], |h| {
        h.payload.plain_bytes = h.payload.plain_bytes.map(|real| real + 100)
    });
    match laptops.refused(&path) {
        CoreError::Bundle(BundleError::PayloadMismatch { .. }) => {}
        other => panic!("expected a size mismatch, got {other:?}"),
    }
}

#[test]
fn the_header_is_checked_whole() {
    let mut laptops = laptops();
    let origin = laptops.expert_id();
    let line = programme_line(&origin, PROGRAMME, "Appui santé Tchad");
    type Case = (Box<dyn FnOnce(&mut Header)>, Box<dyn Fn(&CoreError) -> bool>);
    let mut cases: Vec<Case> = vec![
        (
            Box::new(|h| h.schema_version = 99),
            Box::new(|e| matches!(e, CoreError::Bundle(BundleError::NewerSchema { found: 99, .. }))),
        ),
        (
            Box::new(|h| h.payload.compression = "gzip".into()),
            Box::new(
                |e| matches!(e, CoreError::Bundle(BundleError::Unsupported { field: "payload.compression", value }) if value == "gzip"),
            ),
        ),
        (
            Box::new(|h| h.payload.encryption = "none".into()),
            Box::new(|e| matches!(e, CoreError::Bundle(BundleError::Unsupported { field: "payload.encryption", .. }))),
        ),
        (
            Box::new(|h| h.format_version = 0),
            Box::new(|e| matches!(e, CoreError::Bundle(BundleError::Unsupported { field: "format_version", .. }))),
        ),
        (
            Box::new(|h| {
                h.other.insert("padding".into(), serde_json::Value::String("x".repeat(2 << 20)));
            }),
            Box::new(|e| matches!(e, CoreError::Bundle(BundleError::TooLarge { limit: Limit::Header, .. }))),
        ),
    ];
    for (edit, expected) in cases.drain(..) {
        let path = laptops.crafted(&mut lines(std::slice::from_ref(&line)), &[("programmes", 1)], edit);
        let error = laptops.refused(&path);
        assert!(expected(&error), "unexpected refusal: {error:?}");
    }
}

#[test]
fn counts_are_compared_table_by_table() {
    let mut laptops = laptops();
    let origin = laptops.expert_id();
    let two = [
        programme_line(&origin, PROGRAMME, "Appui santé Tchad"),
        // Its origin's second version (counter 2).
        programme_line(&origin, "0190a4b2-0000-7000-8000-000000000009", "Appui santé Guinée").replace("\":1}", "\":2}"),
    ];
    // The same total, spread over other tables.
    let path = laptops.signed(&two, &[("programmes", 1), ("sessions", 1)], |_| {});
    match laptops.refused(&path) {
        CoreError::Bundle(BundleError::CountMismatch { table, declared: 1, found: 2 }) => {
            assert_eq!(table, "programmes")
        }
        other => panic!("expected a count mismatch, got {other:?}"),
    }
    // Fewer than counted.
    let path = laptops.signed(&two, &[("programmes", 3)], |_| {});
    match laptops.refused(&path) {
        CoreError::Bundle(BundleError::CountMismatch { declared: 3, found: 2, .. }) => {}
        other => panic!("expected a count mismatch, got {other:?}"),
    }
}

#[test]
fn a_counter_that_could_overflow_is_refused() {
    let mut laptops = laptops();
    let origin = laptops.expert_id();
    let line = programme_line(&origin, PROGRAMME, "Appui santé Tchad").replace("\":1}", "\":9007199254740993}");
    assert!(line.contains("9007199254740993"));
    let path = laptops.crafted(&mut lines(&[line]), &[("programmes", 1)], |_| {});
    match laptops.refused(&path) {
        CoreError::Bundle(BundleError::BadPayload { line: 1, .. }) => {}
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn the_quarantine_keeps_a_bounded_number_of_bundles() {
    let mut laptops = laptops();
    let mut stranger = stranger(laptops.dir.path(), 1);
    let keys = stranger.keys().unwrap();
    let limit = binome_core::sync::QUARANTINE_MAX_BUNDLES as usize;
    for n in 0..=limit {
        let outgoing = outgoing(&mut stranger, &mut laptops.office);
        let bytes = crafted_bundle(outgoing, &mut std::io::empty(), BTreeMap::new(), 0, &keys, |_| {}).unwrap();
        let path = laptops.dir.path().join(format!("stranger-{n}.binome"));
        std::fs::write(&path, bytes).unwrap();
        if n < limit {
            let outcome = laptops.office.import_bundle(&path, false).unwrap();
            assert!(matches!(outcome, ImportOutcome::Quarantined { .. }), "{outcome:?}");
        } else {
            let before = dump(&laptops.office);
            match laptops.office.import_bundle(&path, false) {
                Err(CoreError::Sync(SyncRefusal::QuarantineFull { limit: QuarantineLimit::Bundles, .. })) => {}
                other => panic!("expected a full quarantine, got {other:?}"),
            }
            assert_eq!(dump(&laptops.office), before);
        }
    }
    assert_eq!(laptops.office.store().quarantined().unwrap().len(), limit);
}

#[test]
fn a_bundle_too_large_for_the_quarantine_is_not_kept() {
    let mut laptops = laptops();
    let mut stranger = stranger(laptops.dir.path(), 2);
    let keys = stranger.keys().unwrap();
    let outgoing = outgoing(&mut stranger, &mut laptops.office);
    let size = binome_core::sync::QUARANTINE_MAX_BUNDLE_BYTES + (1 << 20);
    let bytes =
        crafted_bundle(outgoing, &mut Noise(0x9E37_79B9_7F4A_7C15).take(size), BTreeMap::new(), 0, &keys, |_| {})
            .unwrap();
    let path = laptops.dir.path().join("large.binome");
    std::fs::write(&path, bytes).unwrap();
    match laptops.office.import_bundle(&path, false) {
        Err(CoreError::Sync(SyncRefusal::QuarantineFull { limit: QuarantineLimit::BundleBytes, .. })) => {}
        other => panic!("expected the quarantine's bundle limit, got {other:?}"),
    }
    assert!(laptops.office.store().quarantined().unwrap().is_empty());
}

/// Versions a trusted laptop writes in another device's name: the origin's
/// signature is checked whoever sends them, so none is applied.
mod in_another_s_name {
    use super::*;

    fn session_line(origin: &str, counter: u64, title: &str) -> String {
        serde_json::json!({
            "t": "sessions", "id": "0190a4b2-0000-7000-8000-000000000002", "vv": { origin: counter }, "hlc": 1,
            "o": origin, "a": "Fatimé Ngaba", "del": false,
            "d": { "mission_id": "0190a4b2-0000-7000-8000-000000000003", "title": title, "modality": "theory",
                   "date": "2019-03-04", "duration": 60, "status": "draft" }
        })
        .to_string()
    }

    /// The expert's laptop signs, as its own segment, a version it says the
    /// coordinator made.
    fn signed_by_expert_as(laptops: &mut Laptops, origin: &str, counter: u64) -> PathBuf {
        let line = session_line(origin, counter, "Titre réécrit");
        let version = binome_sync::parse_line(&line, 1).unwrap().unwrap();
        let keys = laptops.expert.keys().unwrap();
        let (payload, segments) = signed_lines(&[version], &keys);
        let origin = origin.to_owned();
        laptops.crafted_with_segments(&mut payload.as_slice(), &[("sessions", 1)], segments, |h| {
            h.covers.insert(origin, counter);
        })
    }

    #[test]
    fn a_version_in_a_trusted_coordinator_s_name_is_refused() {
        let mut laptops = laptops();
        let dir = laptops.dir.path().to_owned();
        let mut coordinator = open_store(&dir.join("coordinator/store.sqlite3")).unwrap();
        coordinator.init("coordination-conakry", "Mamadou Bah", DeviceRole::Coordinator).unwrap();
        introduce(&mut coordinator, &mut laptops.office, "coordination-conakry", &dir.join("hello-c.binome"));
        let coordinator_id = coordinator.device().unwrap().device_id.clone();

        // Signed with the expert's key under the coordinator's name.
        let path = signed_by_expert_as(&mut laptops, &coordinator_id, 7);
        match laptops.refused(&path) {
            CoreError::Bundle(BundleError::BadSegment { origin, .. }) => assert_eq!(origin, coordinator_id),
            other => panic!("expected a bad origin signature, got {other:?}"),
        }
        // Or with no signature at all.
        let line = session_line(&coordinator_id, 7, "Titre réécrit");
        let id = coordinator_id.clone();
        let path = laptops.crafted(&mut lines(&[line]), &[("sessions", 1)], |h| {
            h.covers.insert(id, 7);
        });
        match laptops.refused(&path) {
            CoreError::Sync(SyncRefusal::Unverified { device, kind, .. }) => {
                assert_eq!((device.as_str(), kind), (coordinator_id.as_str(), Kind::Session))
            }
            other => panic!("expected an unverified version, got {other:?}"),
        }
    }

    #[test]
    fn an_invented_origin_claiming_to_be_a_coordinator_is_refused_and_not_remembered() {
        let mut laptops = laptops();
        let invented = "c0ffee00c0ffee00c0ffee00c0ffee00".to_owned();
        let line = session_line(&invented, 1, "Titre réécrit");
        let card = binome_sync::Origin {
            device_id: invented.clone(),
            name: "coordination-fantome".into(),
            role: binome_core::domain::DeviceRole::Coordinator,
            signing_key: laptops.expert.keys().unwrap().signing_public_hex(),
            age_recipient: laptops.expert.keys().unwrap().age_recipient(),
        };
        let id = invented.clone();
        let path = laptops.crafted(&mut lines(&[line]), &[("sessions", 1)], |h| {
            h.covers.insert(id, 1);
            h.origins.push(card);
        });
        match laptops.refused(&path) {
            CoreError::Sync(SyncRefusal::UnverifiedOrigin { device, .. }) => assert_eq!(device, invented),
            other => panic!("expected an unverified origin, got {other:?}"),
        }
        assert!(laptops.office.devices().unwrap().iter().all(|d| d.device_id != invented));
    }

    #[test]
    fn a_version_in_the_receiver_s_own_name_is_refused_and_its_counter_untouched() {
        let mut laptops = laptops();
        let office_id = laptops.office.device().unwrap().device_id.clone();
        let counter = laptops.office.device().unwrap().counter;
        let path = signed_by_expert_as(&mut laptops, &office_id, 1_000_000);
        match laptops.refused(&path) {
            CoreError::Bundle(BundleError::BadSegment { origin, .. }) => assert_eq!(origin, office_id),
            other => panic!("expected a bad origin signature, got {other:?}"),
        }
        assert_eq!(laptops.office.device().unwrap().counter, counter);
    }
}

/// An expert enrolled for one mission sends a version that moves a session
/// of another mission into its own: judged on the mission the session has
/// here, the move is refused.
#[test]
fn a_version_cannot_move_a_row_into_a_mission_its_origin_may_change() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = open_store(&dir.path().join("office/store.sqlite3")).unwrap();
    let mut expert = open_store(&dir.path().join("expert/store.sqlite3")).unwrap();
    office.init("bureau-ndjamena", "Fatimé Ngaba", DeviceRole::Coordinator).unwrap();
    expert.init("portable-expert", "Claire Durand", DeviceRole::Expert).unwrap();
    office.load_demo(2, binome_core::demo::DemoScale::Programme).unwrap();
    let missions = office.list(binome_core::domain::Kind::Mission, &Default::default()).unwrap();
    let (allowed, other) = (missions[0].id.clone(), missions[1].id.clone());
    let session = office
        .list(binome_core::domain::Kind::Session, &Default::default())
        .unwrap()
        .into_iter()
        .find(|s| s.data["mission_id"] == other.as_str())
        .expect("a session of the other mission");

    let hello = dir.path().join("hello.binome");
    expert.export_bundle(&hello, &[], false).unwrap();
    office.import_bundle(&hello, false).unwrap();
    office.enrol_device("portable-expert", DeviceRole::Expert, std::slice::from_ref(&allowed)).unwrap();
    introduce(&mut office, &mut expert, "bureau-ndjamena", &hello);

    let expert_id = expert.device().unwrap().device_id.clone();
    let mut moved = serde_json::json!({
        "t": "sessions", "id": session.id, "vv": { &expert_id: 1 }, "hlc": 1, "o": &expert_id,
        "a": "Claire Durand", "del": false, "d": session.data
    });
    moved["d"]["mission_id"] = allowed.clone().into();
    moved["d"]["title"] = "Séance déplacée".into();
    let version = binome_sync::parse_line(&moved.to_string(), 1).unwrap().unwrap();
    let keys = expert.keys().unwrap();
    let (payload, segments) = signed_lines(&[version], &keys);
    let outgoing = outgoing(&mut expert, &mut office);
    let bytes =
        crafted_bundle(outgoing, &mut payload.as_slice(), [("sessions".to_owned(), 1)].into(), segments, &keys, |h| {
            h.covers.insert(expert_id.clone(), 1);
        })
        .unwrap();
    let path = dir.path().join("moved.binome");
    std::fs::write(&path, bytes).unwrap();
    let before = dump(&office);
    match office.import_bundle(&path, false) {
        Err(CoreError::Sync(SyncRefusal::OutsideMissions { kind, id, .. })) => {
            assert_eq!((kind, id.as_str()), (Kind::Session, session.id.as_str()))
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(dump(&office), before);
}

/// A bundle that claims a device id with other keys: kept apart, both shown
/// with their fingerprints, the person's choice decides.
mod squatted_device_ids {
    use super::*;

    /// A bundle from `squatter` to `to` claiming to come from `victim`.
    fn claiming(squatter: &mut Binome, to: &mut Binome, victim: &str, dir: &Path) -> PathBuf {
        let mut outgoing = outgoing(squatter, to);
        outgoing.sender.device_id = victim.to_owned();
        outgoing.sender.name = "portable-expert".into();
        let keys = squatter.keys().unwrap();
        let bytes = crafted_bundle(outgoing, &mut std::io::empty(), BTreeMap::new(), 0, &keys, |_| {}).unwrap();
        let path = dir.join("squat.binome");
        std::fs::write(&path, bytes).unwrap();
        path
    }

    #[test]
    fn the_genuine_device_arriving_second_is_kept_apart_and_chosen_by_fingerprint() {
        let dir = tempfile::tempdir().unwrap();
        let mut office = open_store(&dir.path().join("office/store.sqlite3")).unwrap();
        let mut genuine = open_store(&dir.path().join("genuine/store.sqlite3")).unwrap();
        let mut squatter = open_store(&dir.path().join("squatter/store.sqlite3")).unwrap();
        office.init("bureau-ndjamena", "Fatimé Ngaba", DeviceRole::Coordinator).unwrap();
        genuine.init("portable-expert", "Claire Durand", DeviceRole::Expert).unwrap();
        squatter.init("portable-pirate", "X", DeviceRole::Expert).unwrap();
        introduce(&mut office, &mut genuine, "bureau-ndjamena", &dir.path().join("hello.binome"));
        let genuine_id = genuine.device().unwrap().device_id.clone();

        // The impostor's bundle comes first.
        let squat = claiming(&mut squatter, &mut office, &genuine_id, dir.path());
        assert!(matches!(office.import_bundle(&squat, false).unwrap(), ImportOutcome::Quarantined { .. }));

        // Then the genuine laptop's work: not refused, kept apart.
        genuine.load_demo(5, binome_core::demo::DemoScale::Mission).unwrap();
        let work = dir.path().join("work.binome");
        genuine.export_bundle(&work, &["bureau-ndjamena".to_owned()], false).unwrap();
        let outcome = office.import_bundle(&work, false).unwrap();
        assert!(matches!(outcome, ImportOutcome::Quarantined { .. }), "{outcome:?}");
        let fingerprints: Vec<String> = office
            .devices()
            .unwrap()
            .iter()
            .filter(|d| d.device_id == genuine_id)
            .map(|d| binome_core::sync_fingerprint(&d.signing_key, &d.age_recipient))
            .collect();
        let genuine_fingerprint = genuine.sender().unwrap().fingerprint;
        let squatter_fingerprint = squatter.sender().unwrap().fingerprint;
        assert_eq!(fingerprints.len(), 2, "both shown");
        assert!(fingerprints.contains(&genuine_fingerprint) && fingerprints.contains(&squatter_fingerprint));
        match office.trust_device("portable-expert") {
            Err(CoreError::Sync(SyncRefusal::AmbiguousDevice { candidates, .. })) => assert_eq!(candidates.len(), 2),
            other => panic!("a name shared by both must not choose: {other:?}"),
        }

        // The person reads the genuine fingerprint over the phone.
        let (_, outcomes) = office.trust_device(&genuine_fingerprint).unwrap();
        assert!(outcomes.iter().any(|o| matches!(o, ImportOutcome::Applied { .. })), "{outcomes:?}");
        let devices = office.devices().unwrap();
        let mine: Vec<_> = devices.iter().filter(|d| d.device_id == genuine_id).collect();
        assert_eq!(mine.len(), 1);
        assert_eq!(binome_core::sync_fingerprint(&mine[0].signing_key, &mine[0].age_recipient), genuine_fingerprint);
        assert!(office.store().count(binome_core::domain::Kind::Session).unwrap() > 0, "the genuine work is in");
        assert!(office.store().quarantined().unwrap().is_empty(), "the impostor's bundle was dropped");
    }

    #[test]
    fn an_impostor_s_claim_is_forgotten_and_a_device_with_work_is_not() {
        let mut laptops = laptops();
        let expert_id = laptops.expert_id();
        let dir = laptops.dir.path().to_owned();
        let mut squatter = stranger(&dir, 3);
        let squat = claiming(&mut squatter, &mut laptops.office, &expert_id, &dir);
        match laptops.office.import_bundle(&squat, false) {
            Err(CoreError::Sync(SyncRefusal::KeyMismatch { .. })) => {}
            other => panic!("a trusted device's id claimed with other keys is refused: {other:?}"),
        }
        let squatter_fingerprint = squatter.sender().unwrap().fingerprint;
        laptops.office.forget_device(&squatter_fingerprint).unwrap_or_else(|e| panic!("{e:?}"));

        laptops.expert.load_demo(6, binome_core::demo::DemoScale::Mission).unwrap();
        let work = dir.join("work.binome");
        laptops.expert.export_bundle(&work, &["bureau-ndjamena".to_owned()], false).unwrap();
        laptops.office.import_bundle(&work, false).unwrap();
        match laptops.office.forget_device("portable-expert") {
            Err(CoreError::Sync(SyncRefusal::DeviceHasWork { .. })) => {}
            other => panic!("a device whose work is here stays: {other:?}"),
        }
    }
}

/// A version names its proof by the place of a segment line in the payload,
/// and is checked on the bytes it came with: a proof that points anywhere
/// else, sits anywhere else, or covers other bytes is refused.
mod proofs {
    use super::*;

    /// The expert's payload for one programme, signed as its export signs it.
    fn signed_payload(laptops: &mut Laptops) -> (String, u64) {
        let origin = laptops.expert_id();
        let line = programme_line(&origin, PROGRAMME, "Appui santé Tchad");
        let version = binome_sync::parse_line(&line, 1).unwrap().unwrap();
        let keys = laptops.expert.keys().unwrap();
        let (payload, segments) = signed_lines(&[version], &keys);
        (String::from_utf8(payload).unwrap(), segments)
    }

    fn refused_as(laptops: &mut Laptops, payload: &str, segments: u64) -> CoreError {
        let path = laptops.crafted_with_segments(&mut payload.as_bytes(), &[("programmes", 1)], segments, |_| {});
        laptops.refused(&path)
    }

    #[test]
    fn the_signed_payload_itself_imports() {
        let mut laptops = laptops();
        let (payload, segments) = signed_payload(&mut laptops);
        assert!(payload.lines().nth(1).unwrap().starts_with("{\"p\":0,\"t\":\"programmes\""), "{payload}");
        let path = laptops.crafted_with_segments(&mut payload.as_bytes(), &[("programmes", 1)], segments, |_| {});
        laptops.office.import_bundle(&path, false).unwrap();
        assert!(laptops.office.store().get(binome_core::domain::Kind::Programme, PROGRAMME).unwrap().is_some());
    }

    #[test]
    fn a_proof_naming_no_segment_line_before_it_is_refused() {
        let mut laptops = laptops();
        let origin = laptops.expert_id();
        let (payload, segments) = signed_payload(&mut laptops);
        let elsewhere = payload.replacen("{\"p\":0,", "{\"p\":1,", 1);
        match refused_as(&mut laptops, &elsewhere, segments) {
            CoreError::Sync(SyncRefusal::Unverified { device, kind, id, .. }) => {
                assert_eq!((device, kind, id.as_str()), (origin, Kind::Programme, PROGRAMME));
            }
            other => panic!("expected an unverified version, got {other:?}"),
        }
    }

    #[test]
    fn a_proof_that_does_not_open_its_line_is_refused() {
        let mut laptops = laptops();
        let (payload, segments) = signed_payload(&mut laptops);
        let moved = payload.replacen("{\"p\":0,", "{", 1).replacen("\"del\":false", "\"del\":false,\"p\":0", 1);
        match refused_as(&mut laptops, &moved, segments) {
            CoreError::Bundle(BundleError::BadPayload { line, .. }) => assert_eq!(line, 2),
            other => panic!("expected a malformed line, got {other:?}"),
        }
    }

    /// The same values in other bytes (a relayer that re-indents a line)
    /// are not what the origin signed.
    #[test]
    fn the_same_values_written_otherwise_are_refused() {
        let mut laptops = laptops();
        let origin = laptops.expert_id();
        let (payload, segments) = signed_payload(&mut laptops);
        let respaced = payload.replacen("\"del\":false", "\"del\": false", 1);
        match refused_as(&mut laptops, &respaced, segments) {
            CoreError::Sync(SyncRefusal::Unverified { device, .. }) => assert_eq!(device, origin),
            other => panic!("expected an unverified version, got {other:?}"),
        }
    }
}
