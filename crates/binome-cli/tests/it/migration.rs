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

/// Every row of `tables`, as text, in key order: what a rebuild must keep.
fn rows_of(path: &std::path::Path, tables: &[&str]) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut out = Vec::new();
    for table in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM {table} ORDER BY 1")).unwrap();
        // Columns later schemas add (schema 4's proofs) are not what a
        // rebuild had to keep.
        let kept: Vec<usize> = (0..stmt.column_count()).filter(|&i| stmt.column_name(i).unwrap() != "proof").collect();
        let rows = stmt
            .query_map([], |r| {
                kept.iter()
                    .map(|&i| r.get_ref(i).map(|v| format!("{v:?}")))
                    .collect::<Result<Vec<_>, _>>()
                    .map(|cells| format!("{table}: {}", cells.join(" | ")))
            })
            .unwrap();
        out.extend(rows.map(Result::unwrap));
    }
    out
}

#[test]
fn a_store_from_schema_2_keeps_every_row_of_the_tables_schema_3_rebuilds() {
    let store = Store { dir: tempfile::tempdir().unwrap() };
    std::fs::copy(fixture("store-v2.sqlite3"), store.path()).unwrap();
    let rebuilt = ["change_log", "persons", "missions", "team_members", "sessions", "attendance"];
    let before = rows_of(&store.path(), &rebuilt);
    assert!(
        before.iter().filter(|r| r.starts_with("attendance:")).count() == 360,
        "the fixture holds the mission demo"
    );

    let device = store.json(&["device", "show"]);
    assert_eq!(device["name"], "fixture-v2");
    assert_eq!(rows_of(&store.path(), &rebuilt), before, "the rebuild kept every row, column for column");
    // The reviews still decide the sessions' statuses through the view made again.
    let total = &store.json(&["indicators"])["total"];
    assert_eq!(total["sessions"], 12, "{total}");
    assert_eq!(total["sessions_validated_rate"].as_f64(), Some(8.0 / 11.0), "8 of the 11 submitted: {total}");
    // The rules still hold: an unknown attendance status is refused by SQLite itself.
    let conn = rusqlite::Connection::open(store.path()).unwrap();
    let refused = conn
        .execute("UPDATE attendance SET status = 'sleeping' WHERE rowid IN (SELECT rowid FROM attendance LIMIT 1)", []);
    assert!(refused.is_err(), "the CHECK on attendance.status still refuses");
    // Still writable after the upgrade.
    store.ok(&["persons", "add", "--family-name", "NOUVEAU"]);
}

#[test]
fn a_store_from_schema_4_gains_the_remembered_import_values_and_keeps_its_rows() {
    let store = Store { dir: tempfile::tempdir().unwrap() };
    std::fs::copy(fixture("store-v4.sqlite3"), store.path()).unwrap();
    let tables = ["persons", "missions", "sessions", "attendance", "segments", "row_heads"];
    let before = rows_of(&store.path(), &tables);
    assert_eq!(store.json(&["device", "show"])["name"], "fixture-v4");
    assert_eq!(rows_of(&store.path(), &tables), before, "schema 5 only adds a table");
    let conn = rusqlite::Connection::open(store.path()).unwrap();
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    let choices: i64 = conn.query_row("SELECT count(*) FROM import_value_choices", [], |r| r.get(0)).unwrap();
    assert_eq!((version, choices), (5, 0));
}
