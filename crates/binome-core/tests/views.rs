//! What the desktop screens receive: records as typed text, the roster and
//! the score grid, import previews, errors by field, conflicts side by side.

use binome_core::domain::codes::{AttendanceStatus, Phase};
use binome_core::domain::{Input, Kind};
use binome_core::i18n::{Lang, Messages};
use binome_core::import::{ImportKind, ImportOptions};
use binome_core::views::{ErrorView, ListRequest};
use binome_core::{AttendanceMark, Binome, DeviceRole, ScoreEntry};
use std::path::PathBuf;

/// A laptop's store, encrypted under a key of the tests' own (the
/// passphrase that would seal it is the vault's tests' business).
fn open_store(path: &std::path::Path) -> binome_core::Result<Binome> {
    Binome::open_with_key(path, &binome_core::StoreKey::from_bytes([1; 32]))
}

fn input(pairs: &[(&str, &str)]) -> Input {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(name)
}

/// A mission with three enrolled participants, one trainer and one session.
fn mission_day() -> (Binome, String, Vec<String>) {
    let mut b = Binome::open_in_memory().unwrap();
    b.init("portable", "Claire", DeviceRole::Expert).unwrap();
    b.add(
        Kind::Programme,
        &input(&[("code", "P1"), ("name", "Programme"), ("country", "TD"), ("start_date", "01/01/2026")]),
    )
    .unwrap();
    b.add(Kind::Organisation, &input(&[("name", "Hôpital de Moundou"), ("kind", "host"), ("level", "regional")]))
        .unwrap();
    b.add(
        Kind::Mission,
        &input(&[
            ("programme_id", "P1"),
            ("code", "M1"),
            ("title", "Urgences"),
            ("host_org_id", "Hôpital de Moundou"),
            ("start_date", "16/11/2026"),
            ("end_date", "27/11/2026"),
        ]),
    )
    .unwrap();
    let mut persons = Vec::new();
    for (family, given) in [("ZAKARIA", "Zénaba"), ("ABAKAR", "Ali"), ("MAHAMAT", "Achta")] {
        let p = b
            .add(Kind::Person, &input(&[("family_name", family), ("given_names", given), ("cadre", "sage_femme")]))
            .unwrap();
        b.add(Kind::Enrolment, &input(&[("mission_id", "M1"), ("person_id", &p.id)])).unwrap();
        persons.push(p.id);
    }
    let trainer = b.add(Kind::Person, &input(&[("family_name", "DUBOIS"), ("given_names", "Claire")])).unwrap();
    let session = b
        .add(
            Kind::Session,
            &input(&[
                ("mission_id", "M1"),
                ("title", "Réanimation"),
                ("modality", "workshop"),
                ("date", "18/11/2026"),
                ("duration", "2h30"),
                ("trainer_ids", &trainer.id),
            ]),
        )
        .unwrap();
    (b, session.id, persons)
}

#[test]
fn a_record_reads_as_the_text_its_form_would_send_back() {
    let (mut b, session_id, _) = mission_day();
    let view = b.record(Kind::Session, &session_id).unwrap();
    assert_eq!(view.text["date"], "18/11/2026");
    assert_eq!(view.text["duration"], "2h30");
    assert!(!view.text["trainer_ids"].starts_with('['), "ids joined, not JSON: {}", view.text["trainer_ids"]);
    assert_eq!(view.refs["trainer_ids"], "DUBOIS Claire");
    assert_eq!(view.refs["mission_id"], "M1 — Urgences");
    // Sending every field back unchanged is accepted and changes nothing.
    let again = b.save_form(Kind::Session, Some(&session_id), &view.text).unwrap();
    assert_eq!(again.text, view.text);
}

#[test]
fn the_roster_lists_enrolled_participants_and_keeps_exceptions() {
    let (mut b, session_id, persons) = mission_day();
    let roster = b.roster(&session_id).unwrap();
    let names: Vec<&str> = roster.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["ABAKAR Ali", "MAHAMAT Achta", "ZAKARIA Zénaba"], "sorted by name");
    assert!(roster.rows.iter().all(|r| r.status.is_none()));

    b.mark_attendance(&AttendanceMark {
        session_id: session_id.clone(),
        person_id: persons[1].clone(),
        status: AttendanceStatus::Absent,
    })
    .unwrap();
    let roster = b.mark_all_present(&session_id).unwrap();
    let status_of = |id: &str| roster.rows.iter().find(|r| r.person_id == id).unwrap().status;
    assert_eq!(status_of(&persons[1]), Some(AttendanceStatus::Absent), "an exception marked first is kept");
    assert_eq!(status_of(&persons[0]), Some(AttendanceStatus::Present));
    assert_eq!(status_of(&persons[2]), Some(AttendanceStatus::Present));
    assert_eq!(b.store().count(Kind::Attendance).unwrap(), 3);
}

#[test]
fn the_score_grid_gives_gains_in_points_and_their_average() {
    let (mut b, session_id, persons) = mission_day();
    b.enter_score(&score(&session_id, &persons[0], Phase::Pre, "8", "20")).unwrap();
    b.enter_score(&score(&session_id, &persons[0], Phase::Post, "16", "20")).unwrap();
    b.enter_score(&score(&session_id, &persons[1], Phase::Pre, "10", "20")).unwrap();
    b.enter_score(&score(&session_id, &persons[1], Phase::Post, "13,5", "20")).unwrap();
    b.enter_score(&score(&session_id, &persons[2], Phase::Pre, "12", "20")).unwrap();
    let grid = b.score_grid(&session_id).unwrap();
    let gain = |id: &str| grid.rows.iter().find(|r| r.person_id == id).unwrap().gain;
    assert_eq!(gain(&persons[0]), Some(40.0));
    assert_eq!(gain(&persons[1]), Some(17.5));
    assert_eq!(gain(&persons[2]), None, "no post-test yet");
    assert_eq!(grid.average_gain, Some(28.75));
    assert_eq!(grid.default_max, 20.0);

    let error = b.enter_score(&score(&session_id, &persons[2], Phase::Post, "25", "20")).unwrap_err();
    let view = ErrorView::from_core(&error, &Messages::new(Lang::Fr));
    assert_eq!(view.problems[0].field, "score");
    assert_eq!(b.store().count(Kind::TestScore).unwrap(), 5, "the refused score is not written");
}

#[test]
fn a_score_typed_in_the_grid_as_a_percentage_is_its_share_of_the_grid_maximum() {
    let (mut b, session_id, persons) = mission_day();
    b.enter_score(&score(&session_id, &persons[0], Phase::Pre, "40 %", "20")).unwrap();
    b.enter_score(&score(&session_id, &persons[0], Phase::Post, "16", "20")).unwrap();
    let grid = b.score_grid(&session_id).unwrap();
    let row = grid.rows.iter().find(|r| r.person_id == persons[0]).unwrap();
    assert_eq!((row.pre, row.post, row.gain), (Some(8.0), Some(16.0), Some(40.0)));

    let error = b.enter_score(&score(&session_id, &persons[1], Phase::Post, "120 %", "20")).unwrap_err();
    let view = ErrorView::from_core(&error, &Messages::new(Lang::Fr));
    let problems: Vec<(&str, &str)> = view.problems.iter().map(|p| (p.field.as_str(), p.value.as_str())).collect();
    assert_eq!(problems, [("score", "120 %")], "refused by what the expert typed");
}

#[test]
fn a_form_error_marks_every_bad_field_at_once() {
    let (mut b, _, _) = mission_day();
    let error = b
        .save_form(Kind::Mission, None, &input(&[("code", "M2"), ("start_date", "31/02/2026"), ("end_date", "x")]))
        .unwrap_err();
    let view = ErrorView::from_core(&error, &Messages::new(Lang::Fr));
    let fields: Vec<&str> = view.problems.iter().map(|p| p.field.as_str()).collect();
    for field in ["programme_id", "title", "host_org_id", "start_date", "end_date"] {
        assert!(fields.contains(&field), "{field} is marked: {fields:?}");
    }
    assert!(view.message.starts_with("Mission refusé"), "{}", view.message);
    let english = ErrorView::from_core(&error, &Messages::new(Lang::En));
    assert!(english.problems.iter().any(|p| p.message.contains("31/02/2026")), "{:?}", english.problems);
}

#[test]
fn lists_are_searched_without_accents_and_paged() {
    let (b, _, _) = mission_day();
    let request = |search: &str| ListRequest {
        kind: Kind::Person,
        mission_id: None,
        search: Some(search.to_owned()),
        offset: 0,
        limit: None,
    };
    let found = b.list_page(&request("zenaba")).unwrap();
    assert_eq!(found.total, 1);
    assert_eq!(found.rows[0].label, "ZAKARIA Zénaba");
    let page = b
        .list_page(&ListRequest { kind: Kind::Person, mission_id: None, search: None, offset: 1, limit: Some(2) })
        .unwrap();
    assert_eq!(page.total, 4);
    assert_eq!(page.rows.iter().map(|r| r.label.as_str()).collect::<Vec<_>>(), ["DUBOIS Claire", "MAHAMAT Achta"]);
}

#[test]
fn an_import_preview_shows_every_row_and_problem_and_writes_nothing() {
    let (mut b, _, _) = mission_day();
    // The file's good rows name this facility.
    b.add(
        Kind::Organisation,
        &input(&[("name", "Hôpital de la Mère et de l'Enfant"), ("kind", "host"), ("level", "national")]),
    )
    .unwrap();
    let options = ImportOptions { mission: Some("M1".into()), ..ImportOptions::default() };
    let rehearsal = ImportOptions { dry_run: true, ..options.clone() };
    let m = Messages::new(Lang::Fr);
    let before = b.store().count(Kind::Person).unwrap();
    let preview =
        b.import_with_rows(ImportKind::Participants, &fixture("participants-broken.csv"), &rehearsal, &m).unwrap();
    assert_eq!(preview.rows.len(), 4);
    assert_eq!(preview.lines_in_error, 3);
    let bad = preview.rows.iter().find(|r| r.cells.first().map(String::as_str) == Some("HAROUN")).unwrap();
    assert!(bad.problems[0].contains("Astronaute"), "{:?}", bad.problems);
    assert_eq!(bad.bad_columns, ["Profession"]);
    assert!(!preview.written);
    assert_eq!(b.store().count(Kind::Person).unwrap(), before, "a preview writes nothing");

    // The real import of a broken file is refused whole.
    assert!(b.import_with_rows(ImportKind::Participants, &fixture("participants-broken.csv"), &options, &m).is_err());
    assert_eq!(b.store().count(Kind::Person).unwrap(), before);
}

#[test]
fn a_template_numbered_ahead_imports_its_filled_lines_and_passes_over_the_blank_ones() {
    let (mut b, _, _) = mission_day();
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("liste-numerotee.csv");
    // Numbered 1 to 6 before the training; four lines were filled in,
    // one of them without a name.
    let text =
        "N°;Nom;Prénom(s);Sexe\n1;MAHAMAT;Zénaba;F\n2;ABAKAR;Hissène;H\n3;;Mariam;F\n4;;;\n5;HAROUN;Fatimé;F\n6;;;\n";
    // The same with its numbers under no heading.
    let unheaded = text.replacen("N°", "", 1);
    for text in [text, unheaded.as_str()] {
        std::fs::write(&list, text).unwrap();
        let options = ImportOptions { mission: Some("M1".into()), dry_run: true, ..ImportOptions::default() };
        let preview = b.import_with_rows(ImportKind::Participants, &list, &options, &Messages::new(Lang::Fr)).unwrap();
        let lines: Vec<u32> = preview.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 3, 4, 6], "lines 5 and 7 hold a number only: {text}");
        let in_error = (preview.rows_total, preview.lines_in_error);
        assert_eq!(in_error, (4, 1), "a line with a first name and no name is one to fix: {text}");
        let unnamed = preview.rows.iter().find(|r| r.line == 4).unwrap();
        assert_eq!(unnamed.bad_columns, ["Nom"]);
    }
}

#[test]
fn a_long_list_s_preview_shows_its_first_rows_and_every_row_in_error() {
    let (mut b, _, _) = mission_day();
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("liste.csv");
    let mut text = String::from("Nom;Prénom(s);Sexe\n");
    for n in 0..1_000 {
        let sex = if n == 600 || n == 900 { "Q" } else { "F" };
        text.push_str(&format!("NGARADOUM;Zénaba {n};{sex}\n"));
    }
    std::fs::write(&list, text).unwrap();
    let options = ImportOptions { mission: Some("M1".into()), dry_run: true, ..ImportOptions::default() };
    let preview = b.import_with_rows(ImportKind::Participants, &list, &options, &Messages::new(Lang::Fr)).unwrap();
    assert_eq!((preview.rows_total, preview.lines_in_error), (1_000, 2));
    let lines: Vec<u32> = preview.rows.iter().map(|r| r.line).collect();
    let expected: Vec<u32> = (2..202).chain([602, 902]).collect();
    assert_eq!(lines, expected, "the first 200 rows, then the rows in error");
    assert!(preview.rows[200].bad_columns == ["Sexe"] && preview.rows[201].bad_columns == ["Sexe"]);
}

#[test]
fn a_conflict_shows_both_versions_and_what_differs() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = open_store(&dir.path().join("a.sqlite3")).unwrap();
    let mut c = open_store(&dir.path().join("c.sqlite3")).unwrap();
    a.init("portable-a", "A", DeviceRole::Expert).unwrap();
    c.init("bureau", "C", DeviceRole::Coordinator).unwrap();
    let hello = dir.path().join("hello.binome");
    c.export_bundle(&hello, &[], false).unwrap();
    a.import_bundle(&hello, false).unwrap();
    a.trust_device("bureau").unwrap();
    a.export_bundle(&hello, &[], false).unwrap();
    c.import_bundle(&hello, false).unwrap();
    c.trust_device("portable-a").unwrap();

    let person = a.add(Kind::Person, &input(&[("family_name", "HAROUN"), ("phone", "66 00 00 01")])).unwrap();
    let file = dir.path().join("a.binome");
    a.export_bundle(&file, &["bureau".to_owned()], false).unwrap();
    c.import_bundle(&file, false).unwrap();
    a.save_form(Kind::Person, Some(&person.id), &input(&[("phone", "66 11 11 11")])).unwrap();
    c.save_form(Kind::Person, Some(&person.id), &input(&[("phone", "66 22 22 22")])).unwrap();
    a.export_bundle(&file, &["bureau".to_owned()], false).unwrap();
    c.import_bundle(&file, false).unwrap();

    let conflicts = c.conflict_views().unwrap();
    assert_eq!(conflicts.len(), 1);
    let conflict = &conflicts[0];
    assert_eq!(conflict.differing, ["phone"]);
    let phones: Vec<&str> = conflict.heads.iter().map(|h| h.record.text["phone"].as_str()).collect();
    assert!(phones.contains(&"66 11 11 11") && phones.contains(&"66 22 22 22"), "{phones:?}");
    let devices: Vec<&str> = conflict.heads.iter().map(|h| h.device.as_str()).collect();
    assert!(devices.contains(&"portable-a") && devices.contains(&"bureau"), "{devices:?}");

    let keep = conflict.heads.iter().find(|h| h.record.text["phone"] == "66 11 11 11").unwrap().index;
    let kept = c.settle_conflict(Kind::Person, &person.id, keep).unwrap();
    assert_eq!(kept.text["phone"], "66 11 11 11");
    assert!(c.conflict_views().unwrap().is_empty());
}

#[test]
fn a_bundle_import_reports_its_progress_up_to_the_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = open_store(&dir.path().join("a.sqlite3")).unwrap();
    a.init("portable-a", "A", DeviceRole::Expert).unwrap();
    a.load_demo(3, binome_core::demo::DemoScale::Mission).unwrap();
    let file = dir.path().join("self.binome");
    a.export_bundle(&file, &[], true).unwrap();
    // Its own bundle, rehearsed: every version goes through the merge.
    let mut seen = Vec::new();
    a.import_bundle_with_progress(&file, true, &mut |done, total| seen.push((done, total))).unwrap();
    let total = seen[0].1;
    assert!(total > 500, "a mission's versions: {total}");
    assert_eq!(seen.first(), Some(&(0, total)));
    assert_eq!(seen.last(), Some(&(total, total)));
    assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0), "never goes backwards: {seen:?}");
}

fn score(session_id: &str, person_id: &str, phase: Phase, score: &str, max_score: &str) -> ScoreEntry {
    ScoreEntry {
        session_id: session_id.to_owned(),
        person_id: person_id.to_owned(),
        phase,
        score: score.to_owned(),
        max_score: max_score.to_owned(),
    }
}
