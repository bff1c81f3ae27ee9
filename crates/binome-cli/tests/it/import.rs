//! Spreadsheet imports as French users send them, all-or-nothing, with
//! every rejected row reported by line, column and reason.

use crate::support::{
    RowProblem, Store, fixture, import_participants, mission, participants_import, people_fields, workshop,
};
use serde_json::json;
use std::path::Path;

fn imported_people(store: &Store) -> Vec<(String, String, String, String)> {
    people_fields(store, &["family_name", "given_names", "cadre", "service"])
        .into_iter()
        .map(|p| (p[0].clone(), p[1].clone(), p[2].clone(), p[3].clone()))
        .collect()
}

fn expected_people(service: &str) -> Vec<(String, String, String, String)> {
    let mut people = vec![
        ("ABAKAR".to_string(), "Hissène".to_string(), "medecin".to_string(), "Urgences".to_string()),
        ("DJIMADOUM".into(), "Achta Noël".into(), "aide_soignant".into(), "Maternité".into()),
        ("MAHAMAT".into(), "Zénaba".into(), "sage_femme".into(), service.into()),
        ("NGARMBAYE".into(), "Françoise".into(), "infirmier".into(), "Néonatologie".into()),
    ];
    people.sort();
    people
}

#[test]
fn a_french_excel_csv_in_windows_1252_with_semicolons_and_trailing_rows() {
    let store = Store::new();
    let m = mission(&store);
    let report = store.json(&participants_import(&fixture("participants-excel-fr.csv"), &m.mission, &[]));
    assert_eq!((&report["rows"], &report["created"], &report["updated"]), (&json!(4), &json!(4), &json!(0)));
    assert_eq!(imported_people(&store), expected_people("Maternité"));
    assert_eq!(store.count("enrolments"), 4, "each participant is enrolled in the mission");
    let zenaba = store
        .json(&["persons", "list"])
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["data"]["family_name"] == "MAHAMAT")
        .unwrap()
        .clone();
    assert_eq!(zenaba["data"]["organisation_id"], m.host.as_str(), "the facility is found by name");
    assert_eq!(zenaba["data"]["sex"], "female");
}

#[test]
fn a_utf8_csv_with_bom_and_commas() {
    let store = Store::new();
    let m = mission(&store);
    store.ok(&participants_import(&fixture("participants-utf8-bom-comma.csv"), &m.mission, &[]));
    assert_eq!(imported_people(&store), expected_people("Maternité, salle 2"));
}

#[test]
fn an_xlsx_workbook() {
    let store = Store::new();
    let m = mission(&store);
    store.ok(&participants_import(&fixture("participants.xlsx"), &m.mission, &[]));
    assert_eq!(imported_people(&store), expected_people("Maternité"));
}

#[test]
fn importing_the_same_list_again_updates_instead_of_duplicating() {
    let store = Store::new();
    let m = mission(&store);
    let file = fixture("participants-excel-fr.csv");
    store.ok(&participants_import(&file, &m.mission, &[]));
    let again = store.json(&participants_import(&file, &m.mission, &[]));
    assert_eq!((&again["created"], &again["updated"]), (&json!(0), &json!(4)));
    assert_eq!(store.count("persons"), 4);
}

#[test]
fn a_broken_list_reports_every_row_and_writes_nothing() {
    let store = Store::new();
    let m = mission(&store);
    let broken = fixture("participants-broken.csv");
    let args = participants_import(&broken, &m.mission, &[]);
    assert_eq!(
        store.refused_rows(&args),
        [
            RowProblem::new(3, "Profession", "cadre", "unknown_value", "Astronaute"),
            RowProblem::new(4, "Nom", "family_name", "required", ""),
            RowProblem::new(5, "Structure", "organisation_id", "not_found", "Clinique inconnue"),
            RowProblem::new(5, "Sexe", "sex", "unknown_value", "X"),
        ]
    );
    // Said to a person, each problem names its column and the value.
    let err = store.refused(&args, 1, "import-rows");
    for named in ["Profession", "Astronaute", "Nom", "Structure", "Clinique inconnue", "Sexe"] {
        assert!(err.contains(named), "{named}: {err}");
    }
    assert_eq!(store.count("persons"), 0, "the good first row was not written either");
    assert_eq!(store.count("enrolments"), 0);
}

#[test]
fn a_dry_run_reports_and_writes_nothing() {
    let store = Store::new();
    let m = mission(&store);
    let report = store.json(&participants_import(&fixture("participants-excel-fr.csv"), &m.mission, &["--dry-run"]));
    assert_eq!((&report["dry_run"], &report["written"], &report["created"]), (&json!(true), &json!(false), &json!(4)));
    assert_eq!(store.count("persons"), 0);
    let problems = store.refused_rows(&[
        "import",
        "participants",
        fixture("participants-broken.csv").to_str().unwrap(),
        "--dry-run",
    ]);
    assert_eq!(problems.first().map(|p| p.line), Some(3), "a dry run names the broken rows too");
}

#[test]
fn a_file_without_the_name_column_names_the_missing_column() {
    let store = Store::new();
    let path = store.dir.path().join("sans-nom.csv");
    std::fs::write(&path, "Prénom;Sexe\r\nZénaba;F\r\n").unwrap();
    let err = store.refused(&["import", "participants", path.to_str().unwrap()], 1, "import-header");
    assert!(err.contains("Nom"), "the missing column is named as the template heads it: {err}");
}

/// Sessions `file` imports into a new mission: (date, start, minutes,
/// modality), by date.
fn sessions_imported_from(file: &std::path::Path) -> Vec<(String, String, i64, String)> {
    let store = Store::new();
    let m = mission(&store);
    store.ok(&["import", "sessions", file.to_str().unwrap(), "--mission", &m.mission]);
    let sessions = store.json(&["sessions", "list"]);
    let mut got: Vec<(String, String, i64, String)> = sessions
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let d = &s["data"];
            (
                d["date"].as_str().unwrap().into(),
                d["start_time"].as_str().unwrap_or_default().into(),
                d["duration"].as_i64().unwrap(),
                d["modality"].as_str().unwrap().into(),
            )
        })
        .collect();
    got.sort();
    got
}

/// A programme typed by hand in French: months in words, hours spaced as
/// French typography spaces them, durations in words.
#[test]
fn sessions_typed_in_french_words_import_as_the_same_dates_times_and_durations() {
    let dir = tempfile::tempdir().unwrap();
    let typed = dir.path().join("seances-tapees.csv");
    std::fs::write(
        &typed,
        "Intitulé;Modalité;Date;Heure de début;Durée\n\
         Partogramme;Atelier;5 mars 2019;8 h 30;2 heures\n\
         Réanimation;Simulation;6\u{a0}mars\u{a0}2019;14\u{a0}h;1 heure 30\n",
    )
    .unwrap();
    let expected: Vec<(String, String, i64, String)> = vec![
        ("2019-03-05".into(), "08:30".into(), 120, "workshop".into()),
        ("2019-03-06".into(), "14:00".into(), 90, "simulation".into()),
    ];
    assert_eq!(sessions_imported_from(&typed), expected);
}

#[test]
fn sessions_from_workbooks_with_real_date_and_time_cells() {
    let expected: Vec<(String, String, i64, String)> = vec![
        ("2019-03-05".into(), "08:30".into(), 180, "workshop".into()),
        ("2019-03-06".into(), "14:00".into(), 150, "simulation".into()),
    ];
    assert_eq!(sessions_imported_from(&fixture("sessions.xlsx")), expected);
    // An old Excel for Mac counts days from 1904: the same sessions.
    assert_eq!(sessions_imported_from(&fixture("sessions-mac-1904.xlsx")), expected);
    // LibreOffice keeps a time of day as a duration ("PT08H30M00S").
    assert_eq!(sessions_imported_from(&fixture("sessions.ods")), expected);
}

#[test]
fn broken_sessions_name_the_line_and_the_rule() {
    let store = Store::new();
    let m = mission(&store);
    let problems = store.refused_rows(&[
        "import",
        "sessions",
        fixture("sessions-broken.csv").to_str().unwrap(),
        "--mission",
        &m.mission,
    ]);
    let got: Vec<(u64, &str, &str)> = problems.iter().map(|p| (p.line, p.column.as_str(), p.code.as_str())).collect();
    assert_eq!(
        got,
        [
            (2, "Date", "invalid_date"),
            (3, "Durée", "not_positive"),
            (4, "Date", "session_outside_mission"),
            (5, "Modalité", "unknown_value"),
        ]
    );
    assert_eq!((problems[0].value.as_str(), problems[3].value.as_str()), ("31/02/2019", "Danse"));
    assert_eq!(store.count("sessions"), 0);
}

#[test]
fn attendance_and_scores_by_participant_name() {
    let store = Store::new();
    let m = mission(&store);
    import_participants(&store, &m);
    let session = workshop(&store, &m.mission, "05/03/2019");
    store.ok(&["import", "attendance", fixture("attendance.csv").to_str().unwrap(), "--session", &session]);
    let mut statuses: Vec<String> = store
        .json(&["attendance", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["data"]["status"].as_str().unwrap().to_owned())
        .collect();
    statuses.sort();
    assert_eq!(statuses, ["absent", "excused", "late", "present"]);

    // 21/20 on the third row: the whole file is refused.
    let problems =
        store.refused_rows(&["import", "scores", fixture("scores.csv").to_str().unwrap(), "--session", &session]);
    assert_eq!(problems, [RowProblem::new(4, "Post-test", "score", "score_above_maximum", "21")]);
    assert_eq!(store.count("scores"), 0);

    let fixed = store.dir.path().join("scores-fixed.csv");
    std::fs::write(&fixed, std::fs::read_to_string(fixture("scores.csv")).unwrap().replace(";21;", ";19;")).unwrap();
    store.ok(&["import", "scores", fixed.to_str().unwrap(), "--session", &session]);
    let scores = store.json(&["scores", "list"]);
    assert_eq!(scores.as_array().unwrap().len(), 6);
    assert!(scores.as_array().unwrap().iter().any(|s| s["data"]["score"] == 8.5), "decimal commas are read");
}

/// A results sheet as a host hospital keeps it in Excel: the tests
/// formatted as percentages (the cell holds 0.75 and shows "75 %"), with
/// or without a maximum. The stored scores are the shares the sheet shows.
fn percent_results(path: &str, rows: &[(&str, &str, f64, f64, Option<f64>)]) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    // Excel's own "0%" (a built-in format, by number) and a custom one.
    let (whole, tenths) =
        (rust_xlsxwriter::Format::new().set_num_format("0%"), rust_xlsxwriter::Format::new().set_num_format("0.0%"));
    let sheet = workbook.add_worksheet();
    for (column, heading) in ["Nom", "Prénom", "Pré-test", "Post-test", "Note maximale"].into_iter().enumerate() {
        sheet.write_string(0, column as u16, heading).unwrap();
    }
    for (index, (family, given, pre, post, max)) in rows.iter().enumerate() {
        let row = index as u32 + 1;
        sheet.write_string(row, 0, *family).unwrap();
        sheet.write_string(row, 1, *given).unwrap();
        sheet.write_number_with_format(row, 2, *pre, &whole).unwrap();
        sheet.write_number_with_format(row, 3, *post, &tenths).unwrap();
        if let Some(max) = max {
            sheet.write_number(row, 4, *max).unwrap();
        }
    }
    workbook.save(path).unwrap();
}

#[test]
fn scores_formatted_as_percentages_in_excel_are_the_percentages_shown() {
    let store = Store::new();
    let m = mission(&store);
    import_participants(&store, &m);
    let session = workshop(&store, &m.mission, "05/03/2019");
    let path = store.file("resultats.xlsx");
    let import = ["import", "scores", path.as_str(), "--session", &session];

    percent_results(
        &path,
        &[("MAHAMAT", "Zénaba", 0.5, 0.9, None), ("NGARMBAYE", "Françoise", 0.625, 1.1, Some(20.0))],
    );
    assert_eq!(
        store.refused_rows(&import),
        [RowProblem::new(3, "Post-test", "score", "score_above_maximum", "110 %")],
        "a share above the whole is refused by the value the sheet shows"
    );
    assert_eq!(store.count("scores"), 0);

    percent_results(
        &path,
        &[("MAHAMAT", "Zénaba", 0.5, 0.9, None), ("NGARMBAYE", "Françoise", 0.625, 0.75, Some(20.0))],
    );
    store.ok(&import);
    let mut scores: Vec<(f64, f64)> = store
        .json(&["scores", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["data"]["score"].as_f64().unwrap(), s["data"]["max_score"].as_f64().unwrap()))
        .collect();
    scores.sort_by(|a, b| a.partial_cmp(b).unwrap());
    assert_eq!(scores, [(12.5, 20.0), (15.0, 20.0), (50.0, 100.0), (90.0, 100.0)]);
}

/// Every stored score as (phase, score, maximum), sorted.
fn stored_scores(store: &Store) -> Vec<(String, f64, f64)> {
    let mut scores: Vec<(String, f64, f64)> = store
        .json(&["scores", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let data = &s["data"];
            (
                data["phase"].as_str().unwrap().to_owned(),
                data["score"].as_f64().unwrap(),
                data["max_score"].as_f64().unwrap(),
            )
        })
        .collect();
    scores.sort_by(|a, b| a.partial_cmp(b).unwrap());
    scores
}

#[test]
fn scores_marked_on_the_heading_s_maximum_or_written_as_fractions_are_read_as_marked() {
    let store = Store::new();
    let m = mission(&store);
    import_participants(&store, &m);
    let session = workshop(&store, &m.mission, "05/03/2019");
    // The maximum is in the headings, as a trainer's results sheet gives
    // it; a few scores were copied from the papers as fractions.
    let path = store.dir.path().join("resultats.csv");
    std::fs::write(
        &path,
        "Nom;Prénom(s);Pré-test /20;Post-test /20\nMAHAMAT;Zénaba;12,5;17/20\nNGARMBAYE;Françoise;8;14 / 20\n\
         ABAKAR;Hissène;5/10;75 %\n",
    )
    .unwrap();
    let out = store.ok(&["import", "scores", path.to_str().unwrap(), "--session", &session]);
    assert!(!out.contains("field-"), "every column is named in words: {out}");
    let scores = stored_scores(&store);
    assert_eq!(
        scores,
        [
            ("post".to_owned(), 14.0, 20.0),
            ("post".to_owned(), 15.0, 20.0),
            ("post".to_owned(), 17.0, 20.0),
            ("pre".to_owned(), 8.0, 20.0),
            ("pre".to_owned(), 10.0, 20.0),
            ("pre".to_owned(), 12.5, 20.0),
        ]
    );
}

#[test]
fn percentages_saved_by_libreoffice_as_ods_xlsx_or_xls_are_the_percentages_shown() {
    for file in ["scores-percent.ods", "scores-percent.xlsx", "scores-percent.xls"] {
        let store = Store::new();
        let m = mission(&store);
        import_participants(&store, &m);
        let session = workshop(&store, &m.mission, "05/03/2019");
        store.ok(&["import", "scores", fixture(file).to_str().unwrap(), "--session", &session]);
        let scores = stored_scores(&store);
        let expected = [
            ("post", 15.0, 20.0),
            ("post", 80.0, 100.0),
            ("post", 90.0, 100.0),
            ("post", 100.0, 100.0),
            ("pre", 12.5, 20.0),
            ("pre", 40.0, 100.0),
            ("pre", 50.0, 100.0),
            ("pre", 60.0, 100.0),
        ]
        .map(|(phase, score, max)| (phase.to_owned(), score, max));
        assert_eq!(scores, expected, "{file}");
    }
}

/// A host hospital's template as Excel keeps it: the lists its drop-downs
/// draw from on a hidden first sheet, a title merged across the columns,
/// each service typed once and merged down over its people's rows, the
/// last merge running past the last row, long values wrapped in their
/// cell (Alt+Entrée), and under the list its total and who signs it.
fn merged_template(path: &str) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let plain = rust_xlsxwriter::Format::new();
    let lists = workbook.add_worksheet().set_name("Listes").unwrap();
    for (row, (sex, profession)) in [("Sexe", "Profession"), ("F", "Sage-femme"), ("H", "Médecin")].iter().enumerate()
    {
        lists.write_string(row as u32, 0, *sex).unwrap();
        lists.write_string(row as u32, 1, *profession).unwrap();
    }
    lists.set_hidden(true);
    let sheet = workbook.add_worksheet().set_name("Participants").unwrap().set_active(true);
    sheet.merge_range(0, 0, 0, 5, "LISTE DES PARTICIPANTS – FORMATION SONU", &plain).unwrap();
    for (column, heading) in ["Nom", "Prénom(s)", "Sexe", "Profession", "Service", "Téléphone"].into_iter().enumerate()
    {
        sheet.write_string(2, column as u16, heading).unwrap();
    }
    let people = [
        ("MAHAMAT", "Zénaba", "F", "Sage-femme", "66 12 34 56"),
        ("NGARMBAYE", "Françoise", "F", "Sage-femme", "66 22 33 44"),
        ("ABAKAR", "Hissène", "H", "Médecin", "99 00 11 22"),
        ("DJIMADOUM", "Achta\nNoël", "F", "Sage-femme", ""),
        ("KOULAMALLAH", "Ali", "H", "Médecin", "62 00 00 01"),
    ];
    for (index, (family, given, sex, profession, phone)) in people.iter().enumerate() {
        let row = index as u32 + 3;
        for (column, text) in [family, given, sex, profession].into_iter().enumerate() {
            sheet.write_string(row, column as u16, *text).unwrap();
        }
        if !phone.is_empty() {
            sheet.write_string(row, 5, *phone).unwrap();
        }
    }
    sheet.merge_range(3, 4, 5, 4, "Maternité", &plain).unwrap();
    sheet.write_string(6, 4, "Pédiatrie").unwrap();
    sheet.merge_range(7, 4, 9, 4, "Bloc\nopératoire", &plain).unwrap();
    sheet.write_string(10, 0, "Total : 5 participants").unwrap();
    sheet.write_string(11, 0, "Fait à Moundou, le 05/03/2019").unwrap();
    sheet.write_string(12, 0, "Le formateur").unwrap();
    sheet.write_string(12, 3, "La directrice").unwrap();
    workbook.save(path).unwrap();
}

/// One list four ways: as Excel writes it (`write`, into `written`), then
/// as LibreOffice saved it, `stem` in `.xlsx`, `.xls` and `.ods`.
fn excel_and_libreoffice(written: &Store, write: fn(&str), stem: &str) -> Vec<String> {
    let excel = written.file(&format!("{stem}-excel.xlsx"));
    write(&excel);
    let saved =
        ["xlsx", "xls", "ods"].map(|format| fixture(&format!("{stem}.{format}")).to_string_lossy().into_owned());
    std::iter::once(excel).chain(saved).collect()
}

#[test]
fn a_template_with_hidden_lists_merged_services_wrapped_cells_and_a_footer_imports_as_it_shows() {
    let written = Store::new();
    for file in &excel_and_libreoffice(&written, merged_template, "participants-merged") {
        let store = Store::new();
        let m = mission(&store);
        store.ok(&participants_import(Path::new(file), &m.mission, &[]));
        assert_eq!(
            people_fields(&store, &["family_name", "given_names", "service"]),
            [
                ["ABAKAR", "Hissène", "Maternité"],
                ["DJIMADOUM", "Achta Noël", "Pédiatrie"],
                ["KOULAMALLAH", "Ali", "Bloc opératoire"],
                ["MAHAMAT", "Zénaba", "Maternité"],
                ["NGARMBAYE", "Françoise", "Maternité"],
            ],
            "{file}: the list sheet, not the hidden one, each service on every row it is merged over, \
             a value wrapped in its cell on one line, and no one made of the footer"
        );
        // The hidden sheet is still there to read when asked for by name.
        store.refused(
            &participants_import(Path::new(file), &m.mission, &["--sheet", "Listes", "--dry-run"]),
            1,
            "import-header",
        );
    }
}

/// A list as Excel saves it after the host hospital worked on it: the row
/// of one who did not come hidden by hand, and a filter on the service
/// left on, hiding the paediatrics rows.
fn filtered_list(path: &str) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet().set_name("Participants").unwrap();
    let rows = [
        ["Nom", "Prénom(s)", "Sexe", "Profession", "Service", "Téléphone"],
        ["MAHAMAT", "Zénaba", "F", "Sage-femme", "Maternité", "66 12 34 56"],
        ["NGARMBAYE", "Françoise", "F", "Sage-femme", "Maternité", "66 22 33 44"],
        ["ABAKAR", "Hissène", "H", "Médecin", "Maternité", "99 00 11 22"],
        ["DJIMADOUM", "Achta Noël", "F", "Infirmière", "Pédiatrie", ""],
        ["KOULAMALLAH", "Ali", "H", "Médecin", "Pédiatrie", "62 00 00 01"],
        ["HAROUN", "Fatimé", "F", "Sage-femme", "Maternité", "66 44 55 66"],
    ];
    for (row, cells) in rows.iter().enumerate() {
        for (column, text) in cells.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
            sheet.write_string(row as u32, column as u16, *text).unwrap();
        }
    }
    sheet.autofilter(0, 0, rows.len() as u32 - 1, 5).unwrap();
    // Excel hides the rows the filter leaves out, and saves them hidden.
    sheet.filter_column(4, &rust_xlsxwriter::FilterCondition::new().add_list_filter("Maternité")).unwrap();
    sheet.set_row_hidden(2).unwrap();
    workbook.save(path).unwrap();
}

#[test]
fn rows_a_workbook_hides_are_listed_and_imported_only_when_asked() {
    let written = Store::new();
    for file in &excel_and_libreoffice(&written, filtered_list, "participants-hidden") {
        let store = Store::new();
        let m = mission(&store);
        let report = store.json(&participants_import(Path::new(file), &m.mission, &[]));
        assert_eq!(
            people_fields(&store, &["family_name", "service"]),
            [["ABAKAR", "Maternité"], ["HAROUN", "Maternité"], ["MAHAMAT", "Maternité"]],
            "{file}: the list as Excel shows it, without the rows it hides"
        );
        let hidden: Vec<(u64, &str)> = report["source"]["hidden_lines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| (l["line"].as_u64().unwrap(), l["text"].as_str().unwrap()))
            .collect();
        assert_eq!(hidden, [(3, "NGARMBAYE"), (5, "DJIMADOUM"), (6, "KOULAMALLAH")], "{file}: {report}");
        assert_eq!(report["source"]["hidden_rows"], "left_out", "{file}");
        assert_eq!(report["rows"], 3, "{file}");

        // Asked for, they are read too, and said to be.
        let again = store.json(&participants_import(Path::new(file), &m.mission, &["--lignes-masquees"]));
        assert_eq!((again["rows"].as_u64(), again["created"].as_u64()), (Some(6), Some(3)), "{file}: {again}");
        assert_eq!(again["source"]["hidden_rows"], "read", "{file}");
        assert_eq!(store.count("persons"), 6, "{file}");
    }
}

#[test]
fn a_sheet_numbered_to_fifty_with_three_people_imports_three_people() {
    let store = Store::new();
    let list = store.file("liste-numerotee.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (column, heading) in ["N°", "Nom", "Prénom(s)", "Sexe"].into_iter().enumerate() {
        sheet.write_string(0, column as u16, heading).unwrap();
    }
    for number in 1..=50u32 {
        sheet.write_number(number, 0, number).unwrap();
    }
    for (row, (family, given, sex)) in
        [("MAHAMAT", "Zénaba", "F"), ("ABAKAR", "Hissène", "H"), ("HAROUN", "Fatimé", "F")].into_iter().enumerate()
    {
        for (column, text) in [family, given, sex].into_iter().enumerate() {
            sheet.write_string(row as u32 + 1, column as u16 + 1, text).unwrap();
        }
    }
    workbook.save(&list).unwrap();
    let m = mission(&store);
    let report = store.json(&participants_import(Path::new(&list), &m.mission, &[]));
    assert_eq!((report["rows"].as_u64(), report["created"].as_u64()), (Some(3), Some(3)), "{report}");
    assert_eq!(
        people_fields(&store, &["family_name"]),
        [["ABAKAR"], ["HAROUN"], ["MAHAMAT"]],
        "the 47 lines holding only their number are blank lines of the template, not people without a name"
    );
}

#[test]
fn templates_have_french_headings_in_the_excel_dialect() {
    let store = Store::new();
    let out = store.dir.path().join("modele.csv");
    store.ok(&["template", "participants", "--out", out.to_str().unwrap()]);
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM so Excel reads the accents");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.starts_with("Nom;Prénoms;Sexe;Profession;Structure;Service;Téléphone;Courriel\r\n"), "{text}");
    // A template filled in is accepted as it is.
    let m = mission(&store);
    store.ok(&participants_import(&out, &m.mission, &[]));
    assert_eq!(store.count("persons"), 1);
}

#[test]
fn an_xlsx_template_opens_in_excel_and_imports_back() {
    let store = Store::new();
    let out = store.dir.path().join("modele.xlsx");
    store.ok(&["template", "participants", "--out", out.to_str().unwrap()]);
    assert!(std::fs::read(&out).unwrap().starts_with(b"PK"), "a real workbook (zip), not CSV text");
    let m = mission(&store);
    store.ok(&participants_import(&out, &m.mission, &[]));
    let person = &store.json(&["persons", "list"])[0]["data"];
    assert_eq!(person["family_name"], "Mahamat");
    assert_eq!(person["cadre"], "sage_femme");
}

#[test]
fn every_import_is_preceded_by_a_backup_that_can_be_restored() {
    let store = Store::new();
    let m = mission(&store);
    import_participants(&store, &m);
    assert_eq!(store.count("persons"), 4);
    let backups = store.json(&["backup", "list"]);
    let names: Vec<&str> = backups.as_array().unwrap().iter().map(|b| b["name"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(names[0].ends_with("-import-participants.sqlite3"), "{names:?}");

    let restored = store.json(&["backup", "restore", "import-participants"]);
    assert_eq!(restored["restored"].as_str(), Some(names[0]), "{restored}");
    assert_eq!(store.count("persons"), 0, "the store is as it was before the import");
    assert_eq!(store.count("missions"), 1);
    let after = store.json(&["backup", "list"]);
    assert!(
        after.as_array().unwrap().iter().any(|b| b["name"].as_str().unwrap().ends_with("-avant-restauration.sqlite3")),
        "the state before the restore was kept too: {after}"
    );
    let err = store.refused(&["backup", "restore", "introuvable"], 3, "backup-not-found");
    assert!(err.contains("introuvable"), "the refusal names what was asked: {err}");
    store.refused(&["backup", "restore", ""], 3, "backup-not-found");
}

#[test]
fn a_backup_taken_by_hand_is_listed_with_its_reason_and_restores() {
    let store = Store::new();
    let m = mission(&store);
    let taken = store.json(&["backup", "create"]);
    let name = taken["created"].as_str().unwrap().to_owned();
    import_participants(&store, &m);
    let listed = store.json(&["backup", "list"]);
    let reasons: Vec<&serde_json::Value> = listed.as_array().unwrap().iter().map(|b| &b["reason"]).collect();
    assert_eq!(
        reasons,
        [&serde_json::json!({"why": "import_table", "table": "participants"}), &serde_json::json!({"why": "by_hand"})]
    );
    assert_eq!(listed[1]["name"], name.as_str());
    store.ok(&["backup", "restore", &name]);
    assert_eq!(store.count("persons"), 0, "the store as it was when the backup was taken");
}

/// Opens a backup as SQLite would on a restore (under the store's key):
/// a whole, readable store.
fn restorable(path: &std::path::Path, store: &std::path::Path) -> bool {
    let Some(conn) = crate::support::raw_with_key_of(path, store) else {
        return false;
    };
    let check: Result<String, _> = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0));
    let version: Result<i64, _> = conn.query_row("PRAGMA user_version", [], |r| r.get(0));
    matches!((check.as_deref(), version), (Ok("ok"), Ok(v)) if v > 0)
}

#[test]
fn an_import_killed_while_its_backup_is_written_never_leaves_a_backup_that_would_not_restore() {
    let store = Store::new();
    store.ok(&["demo", "--scale", "programme"]);
    let mission = store.json(&["missions", "list"])[0]["data"]["code"].as_str().unwrap().to_owned();
    let list = std::path::PathBuf::from(store.file("liste.csv"));
    std::fs::write(&list, "Nom;Prénom;Sexe\nNOUVELLE;Awa;F\nAUTRE;Fanta;F\n").unwrap();
    let binome = assert_cmd::cargo::cargo_bin("binome");
    // Unlocking (Argon2) comes before the backup: the kills start after it.
    let started = std::time::Instant::now();
    store.ok(&["device", "show"]);
    let unlocking = started.elapsed().saturating_sub(std::time::Duration::from_millis(20));
    for attempt in 0..24u64 {
        let mut child = std::process::Command::new(&binome)
            .env("BINOME_PASSPHRASE", crate::support::PASSPHRASE)
            .arg("--db")
            .arg(store.path())
            .args(participants_import(&list, &mission, &[]))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // From a few milliseconds after the unlock (opening the store) to
        // well past the backup of a programme's store.
        std::thread::sleep(unlocking + std::time::Duration::from_millis(3 + attempt * 6));
        let _ = child.kill();
        child.wait().unwrap();
        if std::env::var_os("BINOME_SHOW_KILLS").is_some() {
            let parts = std::fs::read_dir(store.dir.path().join("sauvegardes")).map_or(0, |d| {
                d.filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".part")).count()
            });
            eprintln!("attempt {attempt}: {parts} interrupted backup(s) on the disk");
        }
        for backup in store.json(&["backup", "list"]).as_array().unwrap() {
            let path = std::path::Path::new(backup["path"].as_str().unwrap());
            assert!(
                restorable(path, &store.path()),
                "attempt {attempt}: {} is listed but is not a whole store",
                path.display()
            );
        }
    }
    // The store itself went through every kill whole.
    let conn = crate::support::raw(&store.path());
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
    drop(conn);
    // The next import cleans what the killed ones left, and the newest
    // backup restores.
    store.ok(&participants_import(&list, &mission, &[]));
    let folder = store.dir.path().join("sauvegardes");
    let leftovers: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".part"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let newest = store.json(&["backup", "list"])[0]["name"].as_str().unwrap().to_owned();
    store.ok(&["backup", "restore", &newest]);
}

#[test]
fn a_dry_run_takes_no_backup() {
    let store = Store::new();
    let m = mission(&store);
    store.ok(&participants_import(&fixture("participants-excel-fr.csv"), &m.mission, &["--dry-run"]));
    assert!(store.json(&["backup", "list"]).as_array().unwrap().is_empty());
}

#[test]
fn a_competency_framework_from_a_french_excel_sheet() {
    let store = Store::new();
    let report = store.json(&["import", "frameworks", fixture("referentiel-maintenance.csv").to_str().unwrap()]);
    assert_eq!(report["created"], 1);
    let frameworks = store.json(&["frameworks", "list"]);
    let framework = &frameworks.as_array().unwrap()[0]["data"];
    assert_eq!(framework["code"], "REF-MAINT");
    assert_eq!(framework["name"], "Maintenance biomédicale de base");
    let labels: Vec<&str> =
        framework["scale"]["levels"].as_array().unwrap().iter().map(|l| l["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["Non acquis", "En cours", "Acquis"]);
    assert_eq!(framework["scale"]["pass_level"], "acquis");
    let mp1 = &framework["domains"][0]["competencies"][0];
    assert_eq!(mp1["code"], "MP1");
    assert_eq!(mp1["criteria"].as_array().unwrap().len(), 3);
    assert_eq!(mp1["criteria"][1]["text"], "Vérifie le débit avec un débitmètre");
    assert_eq!(mp1["criteria"][2]["critical"], false);

    let problems = store.refused_rows(&["import", "frameworks", fixture("referentiel-errors.csv").to_str().unwrap()]);
    let lines: Vec<(u64, &str)> = problems.iter().map(|p| (p.line, p.column.as_str())).collect();
    assert_eq!(lines, [(2, "Critère"), (3, "Critique")]);
    assert_eq!(store.json(&["frameworks", "list"]).as_array().unwrap().len(), 1, "nothing more written");
}
