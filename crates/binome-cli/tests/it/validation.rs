//! Bad input is refused with every problem named (field and value), in
//! French by default and in English on request, and nothing is written.

use crate::support::{Store, mission, participant, workshop, workshop_fields};

#[test]
fn a_session_outside_its_mission_with_zero_duration_reports_both_and_writes_nothing() {
    let store = Store::new();
    let m = mission(&store);
    let err = store.refused(
        &workshop_on(&m.mission, "20/04/2019", "0"),
        1,
        "invalid (duration=not_positive, date=session_outside_mission)",
    );
    names(&err, &["20/04/2019", "04/03/2019", "15/03/2019"]);
    assert_eq!(store.count("sessions"), 0);
}

#[test]
fn a_date_that_does_not_exist_is_refused() {
    let store = Store::new();
    let m = mission(&store);
    let err = store.refused(&workshop_on(&m.mission, "31/02/2019", "2h"), 1, "invalid (date=invalid_date)");
    names(&err, &["31/02/2019"]);
}

#[test]
fn a_score_above_its_maximum_is_refused() {
    let store = Store::new();
    let m = mission(&store);
    let nurse = participant(&store, &m.mission, "HAROUN", "Mariam", "F", "sage-femme");
    let session = workshop(&store, &m.mission, "05/03/2019");
    let err = store.refused(
        &[
            "scores",
            "add",
            "--session",
            &session,
            "--person",
            &nurse,
            "--phase",
            "post",
            "--score",
            "22",
            "--max-score",
            "20",
        ],
        1,
        "invalid (score=score_above_maximum)",
    );
    names(&err, &["22", "20"]);
    assert_eq!(store.count("scores"), 0);
}

#[test]
fn attendance_of_someone_not_enrolled_is_refused() {
    let store = Store::new();
    let m = mission(&store);
    let outsider = store.add("persons", &["--family-name", "ISSA", "--given-names", "Ali"]);
    let session = workshop(&store, &m.mission, "05/03/2019");
    let err = store.refused(
        &["attendance", "add", "--session", &session, "--person", &outsider],
        1,
        "invalid (person_id=not_a_participant)",
    );
    names(&err, &["ISSA Ali"]);
    assert_eq!(store.count("attendance"), 0);
}

#[test]
fn an_unknown_cadre_and_sex_are_both_named_with_their_values() {
    let store = Store::new();
    let err = store.refused(
        &["persons", "add", "--family-name", "ADOUM", "--cadre", "astronaute", "--sex", "X"],
        1,
        "invalid (sex=unknown_value, cadre=unknown_value)",
    );
    // The values refused, and what the cadre may be.
    names(&err, &["astronaute", "X", "Sage-femme", "Infirmier·e"]);
    assert_eq!(store.count("persons"), 0);
}

#[test]
fn a_missing_required_field_and_an_unknown_reference_are_named() {
    let store = Store::new();
    let err = store.refused(
        &[
            "missions",
            "add",
            "--programme",
            "NOPE",
            "--code",
            "M1",
            "--start-date",
            "01/03/2019",
            "--end-date",
            "01/02/2019",
        ],
        1,
        "invalid (programme_id=not_found, title=required, host_org_id=required, end_date=end_before_start)",
    );
    names(&err, &["NOPE"]);
}

#[test]
fn a_review_of_a_draft_session_is_refused() {
    let store = Store::new();
    let m = mission(&store);
    let session = workshop(&store, &m.mission, "05/03/2019");
    store.refused(
        &["reviews", "add", "--session", &session, "--decision", "validated"],
        1,
        "invalid (session_id=session_not_submitted)",
    );
}

#[test]
fn errors_are_in_english_with_lang_en_or_an_english_locale() {
    let store = Store::new();
    let err = store.refused(
        &["--lang", "en", "persons", "add", "--cadre", "astronaut"],
        1,
        "invalid (family_name=required, cadre=unknown_value)",
    );
    assert!(err.contains("Person refused: 2 problems, nothing was saved."), "{err}");
    assert!(err.contains("Family name: required."), "{err}");
    assert!(err.contains("Cadre: \"astronaut\" is not recognised"), "{err}");
    let out = store.cmd(&["persons", "add", "--sex", "?"]).env("LANG", "en_GB.UTF-8").output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("Sex: \"?\" is not recognised"));
}

#[test]
fn a_store_from_a_newer_binome_is_refused_with_update_advice() {
    let store = Store::new();
    let path = store.path();
    let bytes_before = set_user_version(&path, 99);
    let err = store.refused(&["programmes", "list"], 4, "newer-schema");
    assert!(err.contains("99"), "the refusal names the schema: {err}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes_before, "the file is left untouched");
}

/// Writes SQLite's user_version as a newer Binôme would, and returns the
/// file's bytes once the connection has put it back in the file.
fn set_user_version(path: &std::path::Path, version: u32) -> Vec<u8> {
    let conn = crate::support::raw(path);
    conn.execute_batch(&format!("PRAGMA user_version = {version}")).unwrap();
    drop(conn);
    std::fs::read(path).unwrap()
}

/// The rule the app's review screen has always shown holds for the CLI
/// too: a session sent back says why.
#[test]
fn a_session_returned_without_a_comment_is_refused_from_the_cli_too() {
    let store = Store::new();
    let m = mission(&store);
    let session = workshop(&store, &m.mission, "05/03/2019");
    store.ok(&["sessions", "edit", &session, "--status", "submitted"]);
    store.refused(
        &["reviews", "add", "--session", &session, "--decision", "returned"],
        1,
        "invalid (comment=required)",
    );
    assert_eq!(store.count("reviews"), 0, "nothing written");
    store.add("reviews", &["--session", &session, "--decision", "returned", "--comment", "Liste incomplète"]);
    assert_eq!(store.count("reviews"), 1);
}

/// A refusal names the values it refused and what they were checked
/// against; its codes are asserted beside it, its wording is not.
#[track_caller]
fn names(refusal: &str, values: &[&str]) {
    for value in values {
        assert!(refusal.contains(value), "the refusal does not name {value:?}: {refusal}");
    }
}

/// `sessions add` for a workshop of `mission` on `date`, lasting `duration`.
fn workshop_on<'a>(mission: &'a str, date: &'a str, duration: &'a str) -> Vec<&'a str> {
    [&["sessions", "add"][..], &workshop_fields(mission, "PF", date, duration)].concat()
}
