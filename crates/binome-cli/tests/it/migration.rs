//! A store written by the first schema version still opens, reads and
//! takes new records. One fixture per released schema; add the next one
//! when a migration is added (see tests/fixtures/README.md).

use crate::support::{Store, fixture};

#[test]
fn a_store_from_schema_1_opens_and_keeps_its_records() {
    let store = Store { dir: tempfile::tempdir().unwrap() };
    std::fs::copy(fixture("store-v1.sqlite3"), store.path()).unwrap();
    let missions = store.json(&["missions", "list"]);
    assert_eq!(missions[0]["data"]["code"], "M-2019-03");
    assert_eq!(missions[0]["data"]["title"], "SONU N'Djamena");
    let persons = store.json(&["persons", "list"]);
    assert_eq!(persons[0]["data"]["family_name"], "MAHAMAT");
    assert_eq!(persons[0]["data"]["given_names"], "Zénaba");
    let device = store.json(&["device", "show"]);
    assert_eq!(device["name"], "fixture-v1");
    // Still writable after the upgrade.
    store.ok(&["persons", "add", "--family-name", "NOUVEAU"]);
    assert_eq!(store.count("persons"), 2);
}
