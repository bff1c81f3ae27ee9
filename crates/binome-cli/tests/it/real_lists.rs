//! Participant lists as host hospitals hand them over: a title above the
//! header, `Prénom(s)`, local professions, a facility by its acronym or
//! without its apostrophe, a facility not yet known; and files that are
//! broken or hostile. Nothing typed in a cell is lost without being shown,
//! and nothing is half-imported.

use crate::support::{
    RowProblem, Store, fixture, import_participants, mission, people_fields, second_mission, workshop,
};
use serde_json::Value;

const MOUNDOU_FILES: [&str; 4] = [
    "participants-moundou.xlsx",
    "participants-moundou-excel.csv",
    "participants-moundou.ods",
    "participants-moundou.xls",
];

fn path(name: &str) -> String {
    fixture(name).to_str().unwrap().to_owned()
}

/// The report of a dry run, whatever its outcome.
fn rehearse(store: &Store, file: &str, mission: &str, extra: &[&str]) -> (i32, Value) {
    let mut args = vec!["--json", "import", "participants", file, "--mission", mission, "--dry-run"];
    args.extend_from_slice(extra);
    let out = store.cmd(&args).output().unwrap();
    let report =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().unwrap(), report)
}

fn use_of(report: &Value, heading: &str) -> (String, Value) {
    let column = report["columns"].as_array().unwrap().iter().find(|c| c["heading"] == heading).unwrap();
    (column["use"].as_str().unwrap().to_owned(), column["field"].clone())
}

fn unknown_values(report: &Value) -> Vec<(String, String, u64)> {
    let mut groups: Vec<_> = report["unknown_values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["field"].as_str().unwrap().to_owned(),
                g["value"].as_str().unwrap().to_owned(),
                g["count"].as_u64().unwrap(),
            )
        })
        .collect();
    groups.sort();
    groups
}

/// Each person's names, profession (the programme's title, or the code of
/// a profession every programme knows) and facility.
fn people(store: &Store) -> Vec<(String, String, String, String)> {
    let titles: std::collections::HashMap<String, String> = store
        .json(&["professions", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap().to_owned(), p["data"]["title"].as_str().unwrap().to_owned()))
        .collect();
    people_fields(store, &["family_name", "given_names", "cadre", "profession_id", "organisation_id"])
        .into_iter()
        .map(|p| {
            let profession = titles.get(&p[3]).cloned().unwrap_or_else(|| p[2].clone());
            (p[0].clone(), p[1].clone(), profession, p[4].clone())
        })
        .collect()
}

/// The programme's professions: (title, category).
fn professions(store: &Store) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = store
        .json(&["professions", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["data"]["title"].as_str().unwrap().to_owned(), p["data"]["category"].as_str().unwrap().to_owned()))
        .collect();
    found.sort();
    found
}

#[test]
fn the_list_is_read_under_its_title_and_every_column_is_accounted_for() {
    let store = Store::new();
    let m = mission(&store);
    for file in MOUNDOU_FILES {
        let (code, report) = rehearse(&store, &path(file), &m.mission, &[]);
        assert_eq!(code, 1, "{file}: unknown values stop the import");
        assert_eq!(
            (report["header_line"].as_u64(), report["skipped_lines"].clone()),
            (Some(3), serde_json::json!([1])),
            "{file}"
        );
        assert_eq!(use_of(&report, "N°").0, "numbering", "{file}");
        assert_eq!(use_of(&report, "Prénom(s)"), ("matched".into(), Value::from("given_names")), "{file}");
        assert_eq!(use_of(&report, "Fonction").1, "cadre", "{file}");
        assert_eq!(use_of(&report, "Structure").1, "organisation_id", "{file}");
        assert_eq!(use_of(&report, "Date de naissance"), ("ignored".into(), Value::Null), "{file}");
        assert_eq!(report["columns"].as_array().unwrap().len(), 8, "{file}: no column left unreported");
        // The four local titles are not the programme's yet, each with the
        // category it leaves no doubt about; HME and the name without its
        // apostrophe find the host hospital.
        assert_eq!(
            unknown_values(&report),
            [
                ("cadre".to_string(), "ATS".to_string(), 1),
                ("cadre".into(), "Infirmière diplômée d'État".into(), 1),
                ("cadre".into(), "Matrone".into(), 1),
                ("cadre".into(), "SFDE".into(), 1),
                ("organisation_id".into(), "Centre de santé de Doyaba".into(), 1)
            ],
            "{file}"
        );
        let categories: Vec<(&str, &str)> = report["unknown_values"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|g| g["field"] == "cadre")
            .map(|g| (g["value"].as_str().unwrap(), g["new_category"].as_str().unwrap_or("none")))
            .collect();
        assert_eq!(
            categories.iter().copied().collect::<std::collections::BTreeMap<_, _>>(),
            [("ATS", "3221"), ("Infirmière diplômée d'État", "2221"), ("Matrone", "3222"), ("SFDE", "2222")]
                .into_iter()
                .collect(),
            "{file}"
        );
    }
    let (_, xlsx) = rehearse(&store, &path(MOUNDOU_FILES[0]), &m.mission, &[]);
    assert_eq!(xlsx["source"]["sheet"], "Participants SONU", "the empty first sheet is passed over");
    assert_eq!(xlsx["source"]["sheets"], serde_json::json!(["Vide", "Participants SONU"]));
    let (_, csv) = rehearse(&store, &path(MOUNDOU_FILES[1]), &m.mission, &[]);
    assert_eq!(csv["source"]["encoding"], "windows1252");
    assert_eq!(store.count("persons"), 0);
}

#[test]
fn a_mapping_file_is_written_filled_in_and_read_and_the_next_mission_asks_nothing() {
    let store = Store::new();
    let m = mission(&store);
    let choices = store.file("choix.toml");
    let refused = store.refused_rows(&[
        "import",
        "participants",
        &path(MOUNDOU_FILES[0]),
        "--mission",
        &m.mission,
        "--write-mapping",
        &choices,
    ]);
    assert_eq!(
        refused,
        [
            RowProblem::new(4, "Fonction", "cadre", "unknown_value", "SFDE"),
            RowProblem::new(5, "Fonction", "cadre", "unknown_value", "Infirmière diplômée d'État"),
            RowProblem::new(6, "Fonction", "cadre", "unknown_value", "ATS"),
            RowProblem::new(7, "Structure", "organisation_id", "not_found", "Centre de santé de Doyaba"),
            RowProblem::new(7, "Fonction", "cadre", "unknown_value", "Matrone"),
        ],
        "each row whose profession or facility is still to be chosen"
    );
    assert_eq!(store.count("persons"), 0, "a missing mapping writes nothing");
    let written = std::fs::read_to_string(&choices).unwrap();
    let parsed: toml::Table = toml::from_str(&written).expect("the written file is TOML");
    assert_eq!(parsed["values"].as_array().unwrap().len(), 5, "{written}");
    // The file proposes each local title as a profession of the programme
    // in its category; the person reads it and maps "Matrone" to the
    // common list instead.
    assert!(written.contains("value = \"SFDE\"\ncreate = { category = \"2222\" }"), "{written}");
    assert!(written.contains("create = { level = \"health_centre\" }"), "{written}");
    let filled = written.replacen(
        "value = \"Matrone\"\ncreate = { category = \"3222\" }",
        "value = \"Matrone\"\nto = \"Autre\"",
        1,
    );
    assert_ne!(filled, written);
    std::fs::write(&choices, filled).unwrap();

    let report = store.json(&[
        "import",
        "participants",
        &path(MOUNDOU_FILES[0]),
        "--mission",
        &m.mission,
        "--mapping",
        &choices,
    ]);
    assert_eq!(report["created"], 4, "{report}");
    let new: Vec<&str> =
        report["new_professions"].as_array().unwrap().iter().map(|p| p["title"].as_str().unwrap()).collect();
    assert!(new.contains(&"SFDE"), "the new professions are shown: {report}");
    assert_eq!(
        professions(&store),
        [
            ("ATS".to_string(), "3221".to_string()),
            ("Infirmière diplômée d'État".into(), "2221".into()),
            ("SFDE".into(), "2222".into())
        ]
    );
    let doyaba = store
        .json(&["organisations", "list"])
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["data"]["name"] == "Centre de santé de Doyaba")
        .cloned()
        .expect("the new facility was created");
    assert_eq!(
        (doyaba["data"]["level"].as_str(), doyaba["data"]["kind"].as_str()),
        (Some("health_centre"), Some("host"))
    );
    let doyaba = doyaba["id"].as_str().unwrap().to_owned();
    let host = m.host.clone();
    assert_eq!(
        people(&store),
        [
            ("ABAKAR".to_string(), "Hissène".to_string(), "ATS".to_string(), host.clone()),
            ("DJIMADOUM".into(), "Achta Noël".into(), "autre".into(), doyaba),
            ("MAHAMAT".into(), "Zénaba".into(), "SFDE".into(), host.clone()),
            ("NGARMBAYE".into(), "Françoise".into(), "Infirmière diplômée d'État".into(), host),
        ],
        "every given name kept, every profession and facility mapped"
    );

    let phones: Vec<String> = store
        .json(&["persons", "list"])
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["data"]["phone"].as_str().map(str::to_owned))
        .collect();
    let mut phones = phones;
    phones.sort();
    assert_eq!(
        phones,
        ["+235 66 12 34 56", "+235 66 22 33 44", "+235 99 00 11 22"],
        "national numbers of a Chad programme"
    );

    // The next mission of the programme: the Excel CSV of the same list,
    // no mapping file, no question.
    let june = second_mission(&store, &m.host);
    let (code, report) = rehearse(&store, &path(MOUNDOU_FILES[1]), &june, &[]);
    assert_eq!((code, report["unknown_values"].as_array().unwrap().len()), (0, 0), "{report:#}");
    store.ok(&["import", "participants", &path(MOUNDOU_FILES[1]), "--mission", &june]);
    // The same name with the same phone number is the same person, now
    // enrolled twice; the one without a number is a new person offered as
    // a possible duplicate.
    assert_eq!(store.count("persons"), 5);
    assert_eq!(store.count("enrolments"), 8);
}

#[test]
fn create_missing_creates_the_unknown_facility_at_the_level_its_name_says() {
    let store = Store::new();
    let m = mission(&store);
    let (_, report) = rehearse(&store, &path(MOUNDOU_FILES[1]), &m.mission, &["--create-missing"]);
    assert_eq!(report["new_facilities"][0]["name"], "Centre de santé de Doyaba");
    assert_eq!(report["new_facilities"][0]["level"], "health_centre");
    let titles: Vec<(String, String)> = report["new_professions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["title"].as_str().unwrap().to_owned(), p["category"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(titles.len(), 4, "each local title whose category is not in doubt: {titles:?}");
    assert!(titles.contains(&("Matrone".into(), "3222".into())), "{titles:?}");
    assert_eq!(unknown_values(&report), [], "nothing left to ask");
    assert_eq!(store.count("organisations"), 1, "a dry run creates nothing");
    assert_eq!(store.count("professions"), 0, "a dry run creates nothing");
}

#[test]
fn a_choice_that_names_no_value_of_the_field_is_refused_before_any_row() {
    let store = Store::new();
    let m = mission(&store);
    let choices = store.file("choix.toml");
    std::fs::write(&choices, "[[values]]\nfield = \"cadre\"\nvalue = \"ATS\"\nto = \"astronaute\"\n").unwrap();
    let err = store.refused(
        &["import", "participants", &path(MOUNDOU_FILES[0]), "--mission", &m.mission, "--mapping", &choices],
        1,
        "import-value-choice",
    );
    assert!(err.contains("astronaute") && err.contains("ATS"), "{err}");
    std::fs::write(&choices, "[[values]]\nfield = \"cadre\"\nvalue = \"ATS\"\ncreate = { category = \"9999\" }\n")
        .unwrap();
    let err = store.refused(
        &["import", "participants", &path(MOUNDOU_FILES[0]), "--mission", &m.mission, "--mapping", &choices],
        1,
        "import-value-choice",
    );
    assert!(err.contains("9999") && err.contains("ATS"), "a category ISCO-08 does not have: {err}");
    std::fs::write(&choices, "[[values]\nfield = ").unwrap();
    let err = store
        .fails(&["import", "participants", &path(MOUNDOU_FILES[0]), "--mission", &m.mission, "--mapping", &choices], 4);
    assert!(err.contains("choix.toml"), "{err}");
    assert_eq!(store.count("persons"), 0);
}

#[test]
fn hostile_and_broken_files_are_refused_with_where_they_break_and_nothing_is_written() {
    let store = Store::new();
    let m = mission(&store);
    // (file, the refusal's code, what the refusal must name)
    let cases = [
        ("hostile-far-cell.xlsx", "import-refused-file", "XFD1048576"),
        ("hostile-far-cell.xls", "import-refused-file", "IV65536"),
        ("hostile-dimensions.xls", "import-refused-file", "H4294967295"),
        ("hostile-shared-texts.xlsx", "import-refused-file", "99999999999"),
        // calamine panics on it (where overflow is checked): a damaged file.
        ("hostile-cell-run.xls", "import-format", "hostile-cell-run.xls"),
        // calamine panics on it in the release build too.
        ("hostile-short-record.xls", "import-format", "hostile-short-record.xls"),
        // Its container breaks before its stream's end, past which calamine
        // read a sheet declaring four billion rows and aborted the process.
        ("hostile-short-stream.xls", "import-format", "hostile-short-stream.xls"),
        ("hostile-repeated-cells.ods", "import-refused-file", "WQJ2"),
        ("participants-mixed-encoding.csv", "import-refused-file", "ligne 3"),
        ("participants-unclosed-quote.csv", "import-refused-file", "ligne 2"),
        ("participants-nul.csv", "import-refused-file", "ligne 3"),
    ];
    for (file, code, named) in cases {
        let file_path = path(file);
        for dry_run in [false, true] {
            let mut args = vec!["import", "participants", file_path.as_str(), "--mission", &m.mission];
            if dry_run {
                args.push("--dry-run");
            }
            let err = store.refused(&args, 1, code);
            assert!(err.contains(named), "{file}: {err}");
        }
    }
    assert_eq!(store.count("persons"), 0);
}

#[test]
fn a_phone_number_no_plan_allows_is_refused_on_its_row_with_the_row_s_other_problems() {
    let store = Store::new();
    let m = mission(&store);
    let list = store.file("liste.csv");
    std::fs::write(&list, "Nom;Prénoms;Sexe;Téléphone\nMAHAMAT;Zénaba;F;0023566123456\nABAKAR;Hissène;Q;12 34\n")
        .unwrap();
    let (code, report) = rehearse(&store, &list, &m.mission, &[]);
    assert_eq!(code, 1);
    let problems: Vec<(u64, String, String)> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["line"].as_u64().unwrap(),
                p["problem"]["field"].as_str().unwrap().to_owned(),
                p["problem"]["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        problems,
        [(3, "sex".to_string(), "unknown_value".to_string()), (3, "phone".into(), "invalid_phone".into())]
    );
}

#[test]
fn a_quote_that_swallows_a_row_and_closes_is_refused_as_a_line_break_in_a_name() {
    let store = Store::new();
    let m = mission(&store);
    let list = store.file("liste.csv");
    std::fs::write(&list, "Nom;Prénoms;Sexe\r\n\"MAHAMAT;Zénaba\r\nABAKAR\";Hissène;H\r\nDJIMADOUM;Achta;F\r\n")
        .unwrap();
    let (code, report) = rehearse(&store, &list, &m.mission, &[]);
    assert_eq!(code, 1);
    let problem = &report["problems"][0];
    assert_eq!(
        (problem["line"].as_u64(), problem["problem"]["code"].as_str()),
        (Some(2), Some("line_break")),
        "{report:#}"
    );
    assert_eq!(report["problems"].as_array().unwrap().len(), 1, "the row after it is read as it is");
}

#[test]
fn a_week_s_register_records_each_day_at_that_day_s_session() {
    let store = Store::new();
    let m = mission(&store);
    import_participants(&store, &m);
    let tuesday = workshop(&store, &m.mission, "05/03/2019");
    let wednesday = workshop(&store, &m.mission, "06/03/2019");
    let register = store.file("registre.csv");
    let week = "REGISTRE DE PRÉSENCE – SEMAINE DU 04/03;;;;\r\nNom;Prénom;05/03;06/03;07/03\r\nMAHAMAT;Zénaba;P;A;\r\nABAKAR;Hissène;R;présent;P\r\n";
    std::fs::write(&register, week).unwrap();
    let refused = store.refused_rows(&["import", "attendance", &register, "--mission", &m.mission]);
    assert_eq!(refused, [RowProblem::new(4, "07/03", "session_id", "not_found", "07/03")], "no session that day");
    assert_eq!(store.count("attendance"), 0, "nothing half-imported");

    // Its day totals and its signature line are not people to find.
    let signed = week.replace("présent;P", "présent;") + "TOTAL présents;;2;1;\r\nSignature du formateur :;;;;\r\n";
    std::fs::write(&register, signed).unwrap();
    store.ok(&["import", "attendance", &register, "--mission", &m.mission]);
    let mut marks: Vec<(String, String)> = store
        .json(&["attendance", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (a["data"]["session_id"].as_str().unwrap().to_owned(), a["data"]["status"].as_str().unwrap().to_owned())
        })
        .collect();
    marks.sort();
    let mut expected = vec![
        (tuesday.clone(), "present".to_string()),
        (tuesday, "late".to_string()),
        (wednesday.clone(), "absent".to_string()),
        (wednesday, "present".to_string()),
    ];
    expected.sort();
    assert_eq!(marks, expected);
}

#[test]
fn a_choice_made_on_one_laptop_is_known_on_every_laptop_of_the_programme() {
    let first = Store::named("portable-achta", "Achta Mahamat", "coordinator");
    let second = Store::named("bureau-ndjamena", "Claire Expert", "coordinator");
    crate::sync::introduce(&first, &second);
    let m = mission(&first);
    let choices = first.file("choix.toml");
    first.refused(
        &["import", "participants", &path(MOUNDOU_FILES[0]), "--mission", &m.mission, "--write-mapping", &choices],
        1,
        "import-rows",
    );
    // "Matrone" is mapped to the common list rather than added: only a
    // remembered choice can answer it next time.
    let written = std::fs::read_to_string(&choices).unwrap();
    let filled = written.replacen(
        "value = \"Matrone\"\ncreate = { category = \"3222\" }",
        "value = \"Matrone\"\nto = \"Autre\"",
        1,
    );
    std::fs::write(&choices, filled).unwrap();
    first.ok(&["import", "participants", &path(MOUNDOU_FILES[0]), "--mission", &m.mission, "--mapping", &choices]);
    let matrone = first
        .json(&["value-choices", "list"])
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["data"]["value"] == "Matrone")
        .cloned()
        .expect("the choice is a record of the programme");
    assert_eq!(matrone["data"]["mapped_to"], "autre");

    crate::sync::send(&first, &second);
    let june = second_mission(&second, &m.host);
    let (code, report) = rehearse(&second, &path(MOUNDOU_FILES[1]), &june, &[]);
    assert_eq!((code, report["unknown_values"].as_array().unwrap().len()), (0, 0), "{report:#}");
    second.ok(&["import", "participants", &path(MOUNDOU_FILES[1]), "--mission", &june]);
    let djimadoum = people(&second).into_iter().find(|p| p.0 == "DJIMADOUM").unwrap();
    assert_eq!(djimadoum.2, "autre", "the matrone counted where the first laptop said");
}

#[test]
fn the_total_and_the_signatures_under_a_list_are_not_imported_as_people() {
    let store = Store::new();
    let m = mission(&store);
    let list = store.dir.path().join("liste-signee.csv");
    let footer = "\
N°;Nom;Prénoms;Sexe\r\n\
1;MAHAMAT;Zénaba;F\r\n\
2;NGARMBAYE;Françoise;F\r\n\
;TOTAL : 2 participants;;\r\n\
;;;\r\n\
;Fait à Moundou, le 05/03/2019;;\r\n\
;Le formateur;;La directrice\r\n\
;Dr KOUMAKOYE;;Mme ALLAMINE\r\n";
    std::fs::write(&list, footer).unwrap();
    let (code, report) = rehearse(&store, list.to_str().unwrap(), &m.mission, &[]);
    assert_eq!(code, 0);
    assert_eq!(report["rows"], 2);
    assert_eq!(
        report["left_out_lines"],
        serde_json::json!([
            { "line": 4, "text": "TOTAL : 2 participants" },
            { "line": 6, "text": "Fait à Moundou, le 05/03/2019" },
            { "line": 7, "text": "Le formateur" },
            { "line": 8, "text": "Dr KOUMAKOYE" },
        ])
    );
    store.ok(&["import", "participants", list.to_str().unwrap(), "--mission", &m.mission]);
    assert_eq!(people_fields(&store, &["family_name"]), [["MAHAMAT"], ["NGARMBAYE"]]);

    // A participant after the total: the total is still left out, and the
    // lines under the last participant are still the footer.
    let went_on = store.dir.path().join("liste-suite.csv");
    std::fs::write(&went_on, footer.replace(";;;\r\n", "3;ABAKAR;Hissène;H\r\n")).unwrap();
    let (_, report) = rehearse(&store, went_on.to_str().unwrap(), &m.mission, &[]);
    let left_out_lines: Vec<u64> =
        report["left_out_lines"].as_array().unwrap().iter().map(|f| f["line"].as_u64().unwrap()).collect();
    assert_eq!((report["rows"].as_u64(), left_out_lines), (Some(3), vec![4, 6, 7, 8]));
}
