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
    let conn = crate::support::raw(path);
    let mut out = Vec::new();
    for table in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM {table} ORDER BY 1")).unwrap();
        // Columns later schemas add (schema 4's proofs, schema 6's
        // programme professions) are not what a rebuild had to keep.
        let kept: Vec<usize> = (0..stmt.column_count())
            .filter(|&i| !["proof", "profession_id"].contains(&stmt.column_name(i).unwrap()))
            .collect();
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
    let conn = crate::support::raw(&store.path());
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
    let conn = crate::support::raw(&store.path());
    let choices: i64 = conn.query_row("SELECT count(*) FROM import_value_choices", [], |r| r.get(0)).unwrap();
    assert_eq!(choices, 0);
}

#[test]
fn a_store_from_schema_6_still_answers_with_the_choices_it_kept_for_itself() {
    let store = Store { dir: tempfile::tempdir().unwrap() };
    std::fs::copy(fixture("store-v6.sqlite3"), store.path()).unwrap();
    let tables = ["persons", "enrolments", "professions", "organisations", "row_heads"];
    let before = rows_of(&store.path(), &tables);
    assert_eq!(store.json(&["device", "show"])["name"], "fixture-v6");
    assert_eq!(rows_of(&store.path(), &tables), before, "schema 7 only adds a table");
    assert_eq!(store.count("value-choices"), 0, "nothing is shared that was not chosen again");
    // The list of the programme's next mission, as Excel's CSV: the
    // choices this laptop kept under schema 6 still answer ("Matrone").
    let host = store.json(&["organisations", "list"])[0]["id"].as_str().unwrap().to_owned();
    let june = crate::support::second_mission(&store, &host);
    let list = fixture("participants-moundou-excel.csv");
    let out = store
        .cmd(&["--json", "import", "participants", list.to_str().unwrap(), "--mission", &june, "--dry-run"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["unknown_values"].as_array().map(Vec::len), Some(0), "{report:#}");
}

/// Persons trained per group key of `binome indicators --by`.
fn trained_by(store: &Store, by: &str) -> std::collections::BTreeMap<String, u64> {
    store.json(&["indicators", "--by", by])["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["key"].as_str().unwrap().to_owned(), g["indicators"]["persons_trained"].as_u64().unwrap()))
        .collect()
}

#[test]
fn a_store_from_schema_5_counts_today_s_professions_in_their_common_category() {
    let store = Store { dir: tempfile::tempdir().unwrap() };
    std::fs::copy(fixture("store-v5.sqlite3"), store.path()).unwrap();
    let tables = ["persons", "missions", "sessions", "attendance", "row_heads"];
    let before = rows_of(&store.path(), &tables);
    assert_eq!(store.json(&["device", "show"])["name"], "fixture-v5");
    assert_eq!(rows_of(&store.path(), &tables), before, "no person is rewritten");
    let conn = crate::support::raw(&store.path());
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, binome_store::SCHEMA_VERSION, "migrated to the latest schema");

    let by_title = trained_by(&store, "cadre");
    let by_category = trained_by(&store, "category");
    assert!(by_title["sage_femme"] > 0, "{by_title:?}");
    assert_eq!(by_category["2222"], by_title["sage_femme"], "midwives are ISCO 2222");
    assert_eq!(
        by_category["2221"],
        by_title["infirmier"] + by_title.get("anesthesiste").copied().unwrap_or_default(),
        "nurses and nurse anaesthetists are ISCO 2221"
    );
    assert_eq!(by_category.values().sum::<u64>(), by_title.values().sum::<u64>(), "{by_category:?}");
    // The programme's own titles come next to today's list.
    let programme = store.json(&["programmes", "list"])[0]["id"].as_str().unwrap().to_owned();
    store.ok(&["professions", "add", "--programme", &programme, "--title", "SFDE", "--category", "2222"]);
    let refused = store.refused(
        &["professions", "add", "--programme", &programme, "--title", "X", "--category", "9999"],
        1,
        "invalid (category=unknown_value)",
    );
    assert!(refused.contains("9999"), "{refused}");
}

/// Schema 8 numbers segments and keeps each version's proof as that
/// number: an office that received an expert's mission under schema 7
/// still relays all of it, each version with its origin's proof, to a
/// laptop that never met the expert's bundles.
#[test]
fn a_store_from_schema_7_relays_what_it_received_with_its_origin_s_proofs() {
    let from_fixture = |name: &str| {
        let store = Store { dir: tempfile::tempdir().unwrap() };
        std::fs::copy(fixture(name), store.path()).unwrap();
        store
    };
    let (expert, office) = (from_fixture("store-v7-expert.sqlite3"), from_fixture("store-v7-office.sqlite3"));
    assert_eq!(office.json(&["device", "show"])["name"], "fixture-office");
    let sessions = office.count("sessions");
    assert!(sessions > 0, "the office holds the expert's mission");
    let conn = crate::support::raw(&office.path());
    let (proven, numbers): (i64, i64) = conn
        .query_row("SELECT count(proof), count(DISTINCT proof) FROM sessions", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!(proven, sessions as i64, "every received session keeps its proof");
    let kept: i64 = conn.query_row("SELECT count(*) FROM segments", [], |r| r.get(0)).unwrap();
    assert!(numbers >= 1 && numbers <= kept, "proofs name segments kept here: {numbers} of {kept}");
    drop(conn);

    let third = Store::named("portable-referent", "Abdel Haggar", "coordinator");
    crate::sync::introduce(&third, &office);
    crate::sync::introduce(&third, &expert);
    let out = crate::sync::send(&office, &third);
    crate::sync::assert_applied_from(&out, "fixture-office");
    assert_eq!(third.count("sessions"), sessions, "nothing was held back: {out}");
    assert_eq!(third.dump(), office.dump(), "the third laptop holds what the office holds");
}
