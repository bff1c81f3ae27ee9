//! Every record kind can be added, listed, shown, edited and deleted, and
//! a deletion keeps the record and its history.

use crate::support::{Store, asset, french_value, mission, participant};

/// The arguments of an assessment of `person` on the SMNI framework's
/// GATPA competency, on the mission's last day.
fn gatpa_assessment<'a>(person: &'a str, ratings: &'a str) -> Vec<&'a str> {
    let at = ["--framework", "REF-SMNI", "--competency", "GATPA", "--date", "14/03/2019"];
    [&["--person", person][..], &at, &["--ratings", ratings]].concat()
}

#[test]
fn every_record_kind_goes_through_add_list_show_edit_delete() {
    let store = Store::new();
    let m = mission(&store);
    let expert = store.add(
        "persons",
        &["--family-name", "DURAND", "--given-names", "Claire", "--role", "expert", "--cadre", "sage-femme"],
    );
    let nurse = participant(&store, &m.mission, "MAHAMAT", "Zénaba", "F", "sage-femme");
    store.add("team", &["--mission", &m.mission, "--person", &expert, "--team-role", "lead"]);
    let session = store.add(
        "sessions",
        &[
            "--mission",
            "M-2019-03",
            "--title",
            "HPP",
            "--modality",
            "atelier",
            "--date",
            "05/03/2019",
            "--duration",
            "2h30",
            "--trainers",
            &expert,
        ],
    );
    store.add("attendance", &["--session", &session, "--person", &nurse, "--status", "présent"]);
    store.add(
        "scores",
        &["--session", &session, "--person", &nurse, "--phase", "pre", "--score", "9", "--max-score", "20"],
    );
    store.ok(&["frameworks", "import", asset("frameworks/smni.json").to_str().unwrap(), "--programme", "PASST2"]);
    let mut rated = gatpa_assessment(&nurse, "2=competent;3=proficient;4=competent");
    rated.extend(["--assessor", &expert]);
    store.add("assessments", &rated);
    store.ok(&["sessions", "edit", &session, "--status", "submitted"]);
    store.add("reviews", &["--session", &session, "--decision", "validated", "--comment", "Conforme"]);
    let twin = store.add("persons", &["--family-name", "MAHAMMAT", "--given-names", "Zenaba"]);
    store.add("merges", &["--kept", &nurse, "--merged", &twin]);

    // Each list holds exactly what this test added, no more, no less.
    for (kind, added) in [
        ("programmes", 1),
        ("organisations", 1),
        ("missions", 1),
        ("team", 1),
        ("enrolments", 1),
        ("sessions", 1),
        ("attendance", 1),
        ("scores", 1),
        ("frameworks", 1),
        ("assessments", 1),
        ("reviews", 1),
        ("merges", 1),
    ] {
        assert_eq!(store.count(kind), added, "{kind} lists the records added");
    }
    let persons = store.json(&["persons", "list"]);
    let mut listed: Vec<&str> = persons.as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap()).collect();
    listed.sort_unstable();
    let mut added = vec![expert.as_str(), nurse.as_str(), twin.as_str()];
    added.sort_unstable();
    assert_eq!(listed, added, "persons lists the three added, the merged one included");

    let shown = store.json(&["sessions", "show", &session]);
    assert_eq!(shown["data"]["duration"], 150);
    assert_eq!(shown["data"]["date"], "2019-03-05");
    assert_eq!(shown["data"]["modality"], "workshop");

    assert_eq!(store.json(&["sessions", "show", &session])["review_status"], "validated");
    let table = store.ok(&["sessions", "show", &session]);
    assert!(table.contains(&french_value("validated")), "a session shows its referent's decision: {table}");

    // A change after validation calls for a new review.
    store.ok(&["sessions", "edit", &session, "--title", "Hémorragie du post-partum"]);
    let edited = store.json(&["sessions", "show", &session]);
    assert_eq!(edited["data"]["title"], "Hémorragie du post-partum");
    assert_eq!(edited["data"]["duration"], 150, "fields not given keep their value");

    // The table view speaks French.
    let table = store.ok(&["sessions", "show", &session]);
    assert!(
        table.contains(&french_value("workshop")) && table.contains("05/03/2019") && table.contains("2h30"),
        "{table}"
    );
    assert_eq!(store.json(&["sessions", "show", &session])["review_status"], "submitted");
    assert!(table.contains(&french_value("submitted")) && !table.contains(&french_value("validated")), "{table}");

    let attendance_id = store.json(&["attendance", "list"])[0]["id"].as_str().unwrap().to_owned();
    store.ok(&["attendance", "delete", &attendance_id]);
    assert_eq!(store.count("attendance"), 0);
    let all = store.json(&["attendance", "list", "--all"]);
    assert_eq!(all[0]["deleted"], true, "a deleted record stays, marked");

    let history = store.json(&["sessions", "history", &session]);
    let ops: Vec<&str> = history.as_array().unwrap().iter().map(|c| c["op"].as_str().unwrap()).collect();
    assert_eq!(ops, ["create", "update", "update"]);
    assert_eq!(history[0]["author"], "Claire Expert");
}

#[test]
fn the_same_attendance_recorded_twice_is_one_row() {
    let store = Store::new();
    let m = mission(&store);
    let nurse = participant(&store, &m.mission, "NGABA", "Fatimé", "F", "infirmier");
    let session = store.add(
        "sessions",
        &["--mission", &m.mission, "--title", "CPN", "--modality", "cours", "--date", "06/03/2019", "--duration", "2"],
    );
    let first = store.add("attendance", &["--session", &session, "--person", &nurse, "--status", "absent"]);
    let second = store.add("attendance", &["--session", &session, "--person", &nurse, "--status", "present"]);
    assert_eq!(first, second, "a natural key gives the same id");
    let rows = store.json(&["attendance", "list"]);
    assert_eq!(rows.as_array().unwrap().len(), 1);
    assert_eq!(rows[0]["data"]["status"], "present");
    let history = store.json(&["attendance", "history", &first]);
    let ops: Vec<&str> = history.as_array().unwrap().iter().map(|c| c["op"].as_str().unwrap()).collect();
    assert_eq!(ops, ["create", "update"], "the second recording is a new version of the same row");
}

#[test]
fn records_are_found_by_code_and_by_id_prefix() {
    let store = Store::new();
    let m = mission(&store);
    let by_code = store.json(&["missions", "show", "m-2019-03"]);
    assert_eq!(by_code["id"], m.mission.as_str());
    let by_prefix = store.json(&["missions", "show", &m.mission[..18]]);
    assert_eq!(by_prefix["id"], m.mission.as_str());
    let err = store.refused(&["missions", "show", "M-2099"], 3, "not-found");
    assert!(err.contains("M-2099"), "the refusal names what was asked: {err}");
}

#[test]
fn init_twice_is_refused_and_device_is_shown() {
    let store = Store::new();
    store.refused(&["init"], 4, "already-initialised");
    let device = store.json(&["device", "show"]);
    assert_eq!(device["name"], "laptop-test");
    assert_eq!(device["author"], "Claire Expert");
}

/// A framework whose stored scale cannot be read is a damaged store: an
/// assessment against it is refused and says which record, rather than
/// being saved with its ratings left unchecked.
#[test]
fn a_damaged_framework_refuses_an_assessment_instead_of_skipping_its_checks() {
    let store = Store::new();
    let m = mission(&store);
    let nurse = participant(&store, &m.mission, "MAHAMAT", "Zénaba", "F", "sage-femme");
    store.ok(&["frameworks", "import", asset("frameworks/smni.json").to_str().unwrap(), "--programme", "PASST2"]);
    let conn = crate::support::raw(&store.path());
    conn.execute("UPDATE frameworks SET scale = '\"illisible\"'", []).unwrap();
    drop(conn);
    let mut args = vec!["assessments", "add"];
    args.extend(gatpa_assessment(&nurse, r#"{"smni-gatpa-2": "nonsense"}"#));
    let refused = store.refused(&args, 4, "store");
    assert!(refused.contains("frameworks") && refused.contains("scale"), "{refused}");
    assert_eq!(store.count("assessments"), 0, "nothing saved");
}
