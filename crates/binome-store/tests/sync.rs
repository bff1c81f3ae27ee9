//! Stores that exchange versions converge: whatever the order, duplicates
//! and drops, devices that have seen the same versions hold the same rows,
//! the same shown values and the same open conflicts.

use binome_domain::{Kind, Row};
use binome_store::{Applied, DeviceRole, RemoteVersion, Store};
use proptest::prelude::*;
use serde_json::{Value, json};

const NOW: i64 = 1_700_000_000_000;
const ROWS: [&str; 3] = [
    "0190a4b2-0000-7000-8000-000000000001",
    "0190a4b2-0000-7000-8000-000000000002",
    "0190a4b2-0000-7000-8000-000000000003",
];

fn device(name: &str) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store.init_device(&format!("device-{name}"), name, &format!("author-{name}"), DeviceRole::Expert, NOW).unwrap();
    store
}

fn programme(name: &str) -> Row {
    let value = json!({"code": "P", "name": name, "country": "TD", "funder": null, "start_date": "2016-01-01",
        "end_date": null, "hours_per_day": 7.0, "pass_mark": 80.0});
    value.as_object().unwrap().clone()
}

fn edit(store: &mut Store, at: i64, row: usize, name: &str) {
    store.write(at, |w| w.put(Kind::Programme, ROWS[row], &programme(name)).map(|_| ())).unwrap();
}

fn delete(store: &mut Store, at: i64, row: usize) {
    store.write(at, |w| w.delete(Kind::Programme, ROWS[row]).map(|_| ())).unwrap();
}

fn versions(store: &Store) -> Vec<RemoteVersion> {
    let mut out = Vec::new();
    store
        .for_each_version(|v| -> binome_store::Result<()> {
            out.push(v);
            Ok(())
        })
        .unwrap();
    out
}

fn apply(store: &mut Store, at: i64, incoming: &[RemoteVersion]) -> Vec<Applied> {
    store.write(at, |w| incoming.iter().map(|v| w.apply_remote(v)).collect::<Result<Vec<_>, _>>()).unwrap()
}

fn dump(store: &Store) -> String {
    let mut out = Vec::new();
    store.dump_to(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn shown_name(store: &Store, row: usize) -> Option<String> {
    store.get(Kind::Programme, ROWS[row]).unwrap().map(|r| r.data["name"].as_str().unwrap().to_owned())
}

#[test]
fn a_replayed_export_changes_nothing() {
    let (mut a, mut b) = (device("a"), device("b"));
    edit(&mut a, NOW, 0, "PASST2");
    let export = versions(&a);
    assert_eq!(apply(&mut b, NOW, &export), [Applied::New]);
    let before = dump(&b);
    assert_eq!(apply(&mut b, NOW, &export), [Applied::Unchanged]);
    assert_eq!(dump(&b), before);
}

#[test]
fn a_laptop_two_years_behind_still_wins_over_what_it_edited() {
    let (mut a, mut b) = (device("a"), device("b"));
    edit(&mut a, NOW, 0, "written in Paris");
    apply(&mut b, NOW, &versions(&a));
    let two_years_ago = NOW - 2 * 365 * 24 * 3600 * 1000;
    edit(&mut b, two_years_ago, 0, "corrected in N'Djamena");
    apply(&mut a, NOW, &versions(&b));
    assert_eq!(shown_name(&a, 0).as_deref(), Some("corrected in N'Djamena"));
    assert!(a.conflicts().unwrap().is_empty());
}

#[test]
fn concurrent_edits_become_a_conflict_that_an_edit_settles_everywhere() {
    let (mut a, mut b) = (device("a"), device("b"));
    edit(&mut a, NOW, 0, "start");
    apply(&mut b, NOW, &versions(&a));
    edit(&mut a, NOW + 10, 0, "from a");
    edit(&mut b, NOW + 20, 0, "from b");
    apply(&mut a, NOW + 30, &versions(&b));
    apply(&mut b, NOW + 30, &versions(&a));
    assert_eq!(dump(&a), dump(&b));
    assert_eq!(a.conflicts().unwrap(), [(Kind::Programme, ROWS[0].to_owned())]);
    assert_eq!(shown_name(&a, 0), shown_name(&b, 0), "both show the same winner");
    edit(&mut b, NOW + 40, 0, "settled");
    apply(&mut a, NOW + 50, &versions(&b));
    assert!(a.conflicts().unwrap().is_empty());
    assert_eq!(shown_name(&a, 0).as_deref(), Some("settled"));
    assert_eq!(a.heads(Kind::Programme, ROWS[0]).unwrap().len(), 1);
}

#[test]
fn an_edit_wins_over_a_concurrent_delete_and_raises_a_conflict() {
    let (mut a, mut b) = (device("a"), device("b"));
    edit(&mut a, NOW, 0, "start");
    apply(&mut b, NOW, &versions(&a));
    delete(&mut a, NOW + 100, 0);
    edit(&mut b, NOW + 10, 0, "kept");
    apply(&mut a, NOW + 200, &versions(&b));
    let shown = a.get(Kind::Programme, ROWS[0]).unwrap().unwrap();
    assert!(!shown.deleted);
    assert_eq!(shown.data["name"], "kept");
    assert_eq!(a.conflicts().unwrap().len(), 1);
}

#[test]
fn the_same_version_with_other_values_is_refused() {
    let (mut a, mut b) = (device("a"), device("b"));
    edit(&mut a, NOW, 0, "genuine");
    let mut export = versions(&a);
    apply(&mut b, NOW, &export);
    export[0].data.insert("name".into(), json!("forged"));
    assert_eq!(apply(&mut b, NOW, &export), [Applied::Forged]);
    assert_eq!(shown_name(&b, 0).as_deref(), Some("genuine"));
}

#[test]
fn unknown_fields_from_a_newer_binome_are_kept_and_passed_on() {
    let (mut a, mut b, mut c) = (device("a"), device("b"), device("c"));
    edit(&mut a, NOW, 0, "PASST2");
    let mut export = versions(&a);
    export[0].extra = Some(json!({"region": "Logone"}).as_object().unwrap().clone());
    apply(&mut b, NOW, &export);
    apply(&mut c, NOW, &versions(&b));
    let relayed = versions(&c);
    assert_eq!(relayed[0].extra, export[0].extra);
    assert_eq!(relayed[0].meta.author, "author-a", "a relayed version keeps its author");
}

const DEVICES: usize = 4;
const PERSONS: [&str; 3] = [
    "0190a4b2-0000-7000-8000-0000000000a1",
    "0190a4b2-0000-7000-8000-0000000000a2",
    "0190a4b2-0000-7000-8000-0000000000a3",
];

#[derive(Debug, Clone)]
enum Op {
    Edit {
        device: usize,
        row: usize,
        value: u8,
    },
    Delete {
        device: usize,
        row: usize,
    },
    /// Settle the row as shown: an edit that has seen every head.
    Resolve {
        device: usize,
        row: usize,
    },
    /// Record that person `merged` is person `kept`.
    Merge {
        device: usize,
        kept: usize,
        merged: usize,
        salt: u8,
    },
    Send {
        from: usize,
        to: usize,
        drop_every: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..DEVICES, 0..ROWS.len(), 0..4u8).prop_map(|(device, row, value)| Op::Edit { device, row, value }),
        1 => (0..DEVICES, 0..ROWS.len()).prop_map(|(device, row)| Op::Delete { device, row }),
        1 => (0..DEVICES, 0..ROWS.len()).prop_map(|(device, row)| Op::Resolve { device, row }),
        1 => (0..DEVICES, 0..PERSONS.len(), 0..PERSONS.len(), any::<u8>())
            .prop_map(|(device, kept, merged, salt)| Op::Merge { device, kept, merged, salt }),
        3 => (0..DEVICES, 0..DEVICES, 0..4usize).prop_map(|(from, to, drop_every)| Op::Send { from, to, drop_every }),
    ]
}

fn merge(store: &mut Store, at: i64, kept: usize, merged: usize, salt: u8) {
    let id = format!("0190a4b2-0000-7000-8000-0000000{:05x}", (kept * 16 + merged) * 256 + salt as usize);
    let value = json!({"kept_id": PERSONS[kept], "merged_id": PERSONS[merged], "reason": null});
    store.write(at, |w| w.put(Kind::PersonMerge, &id, value.as_object().unwrap()).map(|_| ())).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn devices_that_saw_the_same_versions_hold_the_same_store(ops in proptest::collection::vec(op(), 1..40)) {
        let mut stores = [device("a"), device("b"), device("c"), device("d")];
        // Clocks that disagree: b is two years behind, c a day ahead.
        let offsets = [0i64, -2 * 365 * 86_400_000, 86_400_000, 0];
        for (step, op) in ops.iter().enumerate() {
            let at = |d: usize| NOW + step as i64 * 1000 + offsets[d];
            match *op {
                Op::Edit { device, row, value } => edit(&mut stores[device], at(device), row, &format!("v{value}")),
                Op::Delete { device, row } => {
                    if stores[device].get(Kind::Programme, ROWS[row]).unwrap().is_some() {
                        delete(&mut stores[device], at(device), row);
                    }
                }
                Op::Resolve { device, row } => {
                    if let Some(shown) = stores[device].get(Kind::Programme, ROWS[row]).unwrap() {
                        if !shown.deleted {
                            stores[device].write(at(device), |w| w.put(Kind::Programme, ROWS[row], &shown.data).map(|_| ())).unwrap();
                        }
                    }
                }
                Op::Merge { device, kept, merged, salt } if kept != merged => merge(&mut stores[device], at(device), kept, merged, salt),
                Op::Merge { .. } => {}
                Op::Send { from, to, drop_every } if from != to => {
                    // A partial transfer: some versions lost on the way.
                    let sent: Vec<RemoteVersion> = versions(&stores[from])
                        .into_iter()
                        .enumerate()
                        .filter(|(i, _)| drop_every == 0 || i % (drop_every + 1) != 0)
                        .map(|(_, v)| v)
                        .collect();
                    let applied = apply(&mut stores[to], at(to), &sent);
                    prop_assert!(!applied.contains(&Applied::Forged));
                }
                Op::Send { .. } => {}
            }
        }
        // Everyone sends everything to everyone, twice.
        for _ in 0..2 {
            for from in 0..DEVICES {
                for to in 0..DEVICES {
                    if from != to {
                        let sent = versions(&stores[from]);
                        apply(&mut stores[to], NOW, &sent);
                    }
                }
            }
        }
        let reference = dump(&stores[0]);
        for store in &stores[1..] {
            prop_assert_eq!(&dump(store), &reference);
            prop_assert_eq!(store.conflicts().unwrap(), stores[0].conflicts().unwrap());
            for person in PERSONS {
                prop_assert_eq!(store.canonical_person(person).unwrap(), stores[0].canonical_person(person).unwrap(), "merges converge");
            }
        }
        // Replaying everything once more changes nothing.
        let again = versions(&stores[1]);
        let applied = apply(&mut stores[0], NOW, &again);
        prop_assert!(applied.iter().all(|a| *a == Applied::Unchanged));
        prop_assert_eq!(dump(&stores[0]), reference);
    }
}

/// A session (duration, list of trainers), a test score (decimal numbers)
/// and an assessment (JSON ratings), written on `a`.
fn records_of_every_field_type(a: &mut Store) {
    let session = json!({"mission_id": "m", "title": "Triage", "modality": "workshop", "date": "2019-03-05",
        "start_time": "08:30", "duration": 150, "trainer_ids": ["p1", "p2"], "status": "submitted"});
    let score = json!({"session_id": ROWS[0], "person_id": "p3", "phase": "post", "score": 17.5, "max_score": 20});
    let assessment = json!({"person_id": "p3", "framework_id": "f", "competency_id": "c1", "date": "2019-03-06",
        "context": "training", "ratings": {"c1.1": 3, "c1.2": "na"}});
    a.write(NOW, |w| -> binome_store::Result<()> {
        w.put(Kind::Session, ROWS[0], session.as_object().unwrap())?;
        w.put(Kind::TestScore, ROWS[1], score.as_object().unwrap())?;
        w.put(Kind::Assessment, ROWS[2], assessment.as_object().unwrap())?;
        Ok(())
    })
    .unwrap();
}

#[test]
fn a_known_version_is_recognised_field_by_field_and_any_other_value_is_refused() {
    let (mut a, mut b) = (device("a"), device("b"));
    records_of_every_field_type(&mut a);
    let export = versions(&a);
    assert_eq!(apply(&mut b, NOW, &export), [Applied::New; 3]);
    assert_eq!(apply(&mut b, NOW, &export), [Applied::Unchanged; 3], "each version is known as it was sent");
    let before = dump(&b);
    let altered = [
        (Kind::Session, "duration", json!(151)),
        (Kind::Session, "trainer_ids", json!(["p1"])),
        (Kind::Session, "start_time", Value::Null),
        (Kind::TestScore, "score", json!(17.25)),
        (Kind::Assessment, "ratings", json!({"c1.1": 2, "c1.2": "na"})),
    ];
    for (kind, field, value) in altered {
        let mut forged = export.iter().find(|v| v.kind == kind).unwrap().clone();
        forged.data.insert(field.to_owned(), value);
        let outcome = b.write(NOW, |w| w.apply_remote(&forged)).unwrap();
        assert_eq!(outcome, Applied::Forged, "{}.{field} changed under the same version", kind.table());
    }
    assert_eq!(dump(&b), before);
}

/// A table being loaded (empty when the write began, its indexes deferred)
/// takes each version by inserting it first and merging only when its id
/// is taken: the same versions — a row's concurrent edits, a deletion,
/// replays, a forgery — leave it as the usual merge leaves any store, with
/// the same history and no change-log entry for a version not written.
#[test]
fn a_table_being_loaded_merges_its_versions_as_any_store_does() {
    let (mut a, mut b) = (device("a"), device("b"));
    edit(&mut a, NOW, 0, "start");
    edit(&mut a, NOW, 1, "one");
    apply(&mut b, NOW, &versions(&a));
    edit(&mut a, NOW + 10, 0, "from a");
    edit(&mut b, NOW + 20, 0, "from b");
    delete(&mut b, NOW + 30, 1);
    edit(&mut b, NOW + 40, 2, "two");
    let mut incoming = versions(&a);
    incoming.extend(versions(&b));
    incoming.extend(versions(&a));
    let mut forged = incoming[0].clone();
    forged.data.insert("name".into(), json!("forged"));
    incoming.push(forged);

    let mut usual = device("c");
    let usual_applied = apply(&mut usual, NOW + 50, &incoming);
    let mut loaded = device("c");
    let loaded_applied = loaded
        .write(NOW + 50, |w| {
            let deferred = w.defer_indexes_of_empty(&[Kind::Programme])?;
            let applied = incoming.iter().map(|v| w.apply_remote(v)).collect::<Result<Vec<_>, _>>()?;
            w.rebuild_indexes(deferred)?;
            Ok::<_, binome_store::StoreError>(applied)
        })
        .unwrap();

    assert_eq!(loaded_applied, usual_applied);
    for outcome in [Applied::New, Applied::Conflict, Applied::Unchanged, Applied::Forged] {
        assert!(usual_applied.contains(&outcome), "{outcome:?} among {usual_applied:?}");
    }
    assert_eq!(dump(&loaded), dump(&usual));
    assert_eq!(loaded.conflicts().unwrap(), usual.conflicts().unwrap());
    assert_eq!(loaded.last_change_seq().unwrap(), usual.last_change_seq().unwrap());
    for row in ROWS {
        let seqs = |s: &Store| s.history(row).unwrap().iter().map(|c| c.seq).collect::<Vec<_>>();
        assert_eq!(seqs(&loaded), seqs(&usual), "history of {row}");
    }
}
