//! Exports read back by a real spreadsheet reader (calamine): French
//! sheets and headings, real numbers and dates, the same figures as
//! `binome indicators`, and no names when pseudonymised.

use crate::support::Store;
use calamine::{Data, Reader, Xlsx, open_workbook};

fn sheets(path: &str) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let names = book.sheet_names().to_vec();
    names
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            let rows = range.rows().map(|r| r.to_vec()).collect();
            (name, rows)
        })
        .collect()
}

fn demo() -> Store {
    let store = Store::new();
    store.ok(&["demo", "--seed", "4", "--scale", "mission"]);
    store
}

#[test]
fn the_donor_workbook_has_french_sheets_real_numbers_and_the_cli_s_figures() {
    let store = demo();
    let path = store.file("bailleur.xlsx");
    store.ok(&["export", "xlsx", "--out", &path]);
    let book = sheets(&path);
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "Indicateurs",
            "Par sexe",
            "Par profession",
            "Par catégorie CITP-08",
            "Par structure",
            "Par niveau",
            "Par programme",
            "Par mois",
            "Séances",
            "Présences",
            "Pré-post-tests",
            "Évaluations"
        ]
    );
    let (_, indicators) = &book[0];
    assert_eq!(indicators[0][1], Data::String("Séances".into()));
    assert_eq!(indicators[0][2], Data::String("Personnes formées".into()));
    let total = &store.json(&["indicators"])["total"];
    assert_eq!(indicators[1][1], Data::Float(total["sessions"].as_f64().unwrap()));
    assert_eq!(indicators[1][2], Data::Float(total["persons_trained"].as_f64().unwrap()));
    let rate = match &indicators[1][6] {
        Data::Float(f) => *f,
        other => panic!("attendance rate is a number, got {other:?}"),
    };
    assert!((rate - total["attendance_rate"].as_f64().unwrap()).abs() < 1e-9);

    let (_, sessions) = &book[8];
    assert_eq!(sessions.len(), 13, "a heading and 12 sessions");
    assert!(matches!(sessions[1][2], Data::DateTime(_)), "dates are date cells: {:?}", sessions[1][2]);
    let (_, attendance) = &book[9];
    assert_eq!(attendance.len(), 1 + 360);
    assert!(attendance.iter().skip(1).any(|r| r.iter().any(|c| matches!(c, Data::String(s) if s == "Présent·e"))));
}

#[test]
fn a_pseudonymised_workbook_holds_no_names_or_phones() {
    let store = demo();
    let persons = store.json(&["persons", "list"]);
    let family_names: Vec<String> =
        persons.as_array().unwrap().iter().map(|p| p["data"]["family_name"].as_str().unwrap().to_owned()).collect();
    let path = store.file("partage.xlsx");
    store.ok(&["export", "xlsx", "--out", &path, "--pseudonymise"]);
    let mut codes = 0;
    for (sheet, rows) in sheets(&path) {
        for cell in rows.iter().flatten() {
            if let Data::String(text) = cell {
                assert!(!family_names.iter().any(|n| text.contains(n.as_str())), "{sheet}: {text}");
                assert!(!text.starts_with("+235"), "{sheet}: a phone number {text}");
                if text.starts_with("P-") && text.len() == 14 {
                    codes += 1;
                }
            }
        }
    }
    assert!(codes > 300, "persons appear by their code ({codes})");
    // The same person gets the same code in every export.
    let again = store.file("partage-2.xlsx");
    store.ok(&["export", "xlsx", "--out", &again, "--pseudonymise"]);
    assert_eq!(sheets(&path)[8].1, sheets(&again)[8].1);
}

#[test]
fn csv_in_the_french_excel_dialect_and_the_plain_one() {
    let store = demo();
    let french = store.file("seances.csv");
    store.ok(&["export", "csv", "--table", "sessions", "--out", &french]);
    let bytes = std::fs::read(&french).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.starts_with("Programme;Mission;Date;Intitulé;Thème;Modalité;Durée (h);Statut\r\n"), "{text}");
    assert!(text.contains(";04/03/2019;"), "dd/mm/yyyy dates: {text}");
    let plain = store.file("sessions.csv");
    store.ok(&["export", "csv", "--table", "sessions", "--dialect", "plain", "--out", &plain]);
    let text = std::fs::read_to_string(&plain).unwrap();
    assert!(text.starts_with("Programme,Mission,Date,"), "{text}");
    assert!(text.contains(",2019-03-04,"), "ISO dates: {text}");
    let by_sex = store.file("indicateurs.csv");
    store.ok(&["export", "csv", "--by", "sex", "--out", &by_sex]);
    let text = String::from_utf8(std::fs::read(&by_sex).unwrap()[3..].to_vec()).unwrap();
    assert!(
        text.lines().any(|l| l.starts_with("Femme;")) && text.lines().last().unwrap().starts_with("Total;"),
        "{text}"
    );
}

/// LibreOffice (installed by scripts/test.sh) opens the workbook and
/// finds the CLI's figures and every record: a second, independent reader.
#[test]
fn the_donor_workbook_reads_back_in_libreoffice() {
    let store = demo();
    let path = store.file("bailleur.xlsx");
    store.ok(&["export", "xlsx", "--out", &path]);
    let out = store.dir.path().join("lo");
    let profile = store.dir.path().join("lo-profile");
    let status = std::process::Command::new("soffice")
        .env("HOME", &profile)
        .args([
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
        ])
        .arg("--outdir")
        .arg(&out)
        .arg(&path)
        .output()
        .expect("LibreOffice runs (Debian package libreoffice-calc-nogui, installed by scripts/test.sh)");
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let sheet = |name: &str| {
        let text = std::fs::read_to_string(out.join(format!("bailleur-{name}.csv"))).expect(name);
        text.lines().map(|l| l.split(',').map(str::to_owned).collect::<Vec<_>>()).collect::<Vec<_>>()
    };
    let indicators = sheet("Indicateurs");
    assert_eq!(indicators[0][0], "Groupe");
    let total = &indicators[1];
    assert_eq!(total[0], "Total");
    let cli = store.json(&["indicators"]);
    let column = |heading: &str| indicators[0].iter().position(|h| h == heading).expect(heading);
    assert_eq!(total[column("Séances")].parse::<u64>().unwrap(), cli["total"]["sessions"].as_u64().unwrap());
    assert_eq!(
        total[column("Personnes formées")].parse::<u64>().unwrap(),
        cli["total"]["persons_trained"].as_u64().unwrap()
    );
    let person_hours: f64 = total[column("Heures-personnes")].parse().unwrap();
    assert!((person_hours - cli["total"]["person_hours"].as_f64().unwrap()).abs() < 1e-6);
    let rate: f64 = total[column("Taux de présence")].trim_end_matches('%').parse().unwrap();
    assert!((rate / 100.0 - cli["total"]["attendance_rate"].as_f64().unwrap()).abs() < 1e-9, "a real percentage cell");
    let attendance = sheet("Présences");
    let stored: usize = store
        .json(&["session", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|s| store.json(&["attendance", "list", "--session", s["id"].as_str().unwrap()]).as_array().unwrap().len())
        .sum();
    assert_eq!(attendance.len() - 1, stored, "every attendance row, under one header row");
}

/// A name that arrived in a bundle, written as a formula: in either CSV
/// dialect, LibreOffice (installed by scripts/test.sh) reads text, never a
/// formula that would compute or fetch.
#[test]
fn csv_cells_that_would_start_a_formula_open_as_text_in_libreoffice() {
    let store = demo();
    let names = ["=HYPERLINK(\"http://example.org\";\"x\")", "+1+1", "-2+3", "@SUM(1;2)"];
    let session = store.json(&["sessions", "list"])[0]["id"].as_str().unwrap().to_owned();
    let attendance = store.json(&["attendance", "list", "--session", &session]);
    for (name, row) in names.iter().zip(attendance.as_array().unwrap()) {
        let person = row["data"]["person_id"].as_str().unwrap();
        store.ok(&["persons", "edit", person, &format!("--family-name={name}")]);
    }
    // LibreOffice's own CSV reader: separator, quote, UTF-8, first line.
    for (dialect, filter) in [("excel-fr", "CSV:59,34,76,1"), ("plain", "CSV:44,34,76,1")] {
        let csv = store.file(&format!("personnes-{dialect}.csv"));
        store.ok(&["export", "csv", "--table", "attendance", "--dialect", dialect, "--out", &csv]);
        let out = store.dir.path().join(format!("lo-{dialect}"));
        let converted = std::process::Command::new("soffice")
            .env("HOME", store.dir.path().join("lo-profile"))
            .arg("--headless")
            .arg(format!("--infilter={filter}"))
            .args(["--convert-to", "xlsx", "--outdir"])
            .arg(&out)
            .arg(&csv)
            .output()
            .expect("LibreOffice runs (Debian package libreoffice-calc-nogui, installed by scripts/test.sh)");
        assert!(converted.status.success(), "{}", String::from_utf8_lossy(&converted.stderr));
        let xlsx = out.join(format!("personnes-{dialect}.xlsx"));
        let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
        let sheet = book.sheet_names()[0].clone();
        let formulas = book.worksheet_formula(&sheet).unwrap();
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "{dialect}: no cell is a formula");
        let values = book.worksheet_range(&sheet).unwrap();
        for name in names {
            assert!(
                values.used_cells().any(|(_, _, v)| matches!(v, Data::String(s) if s.contains(name))),
                "{dialect}: {name} is read as text"
            );
        }
    }
}

/// The rows of a plain CSV export: each line's cells.
fn plain_rows(path: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_path(path).unwrap();
    reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect()
}

/// Donors' figures hide every group of fewer than five people ("< 5"),
/// and a second group when one alone could be recomputed from the total;
/// `--exact` gives every figure, as DHIS2 gets them.
#[test]
fn groups_of_fewer_than_five_people_are_hidden_from_donors_unless_exact_is_asked() {
    let store = demo();
    let mut hidden_somewhere = false;
    for by in ["sex", "cadre", "facility", "level", "month"] {
        let (hidden, exact) = (store.file(&format!("{by}.csv")), store.file(&format!("{by}-exact.csv")));
        store.ok(&["export", "csv", "--by", by, "--dialect", "plain", "--out", &hidden]);
        store.ok(&["export", "csv", "--by", by, "--dialect", "plain", "--exact", "--out", &exact]);
        let (hidden, exact) = (plain_rows(&hidden), plain_rows(&exact));
        assert_eq!(hidden.len(), exact.len(), "{by}: the same groups");
        // Column 2 is the number of people trained; the last row the total.
        let (groups, total) = exact.split_at(exact.len() - 1);
        let people: Vec<u64> = groups.iter().map(|r| r[2].parse().unwrap()).collect();
        let shown_total: u64 = total[0][2].parse().unwrap();
        let mut hidden_groups = 0;
        for (i, row) in hidden[..groups.len()].iter().enumerate() {
            if row[2] == "< 5" {
                hidden_groups += 1;
                assert_eq!(row[6], "< 5", "{by}: the group's attendance rate is hidden with it");
                assert_eq!(row[1], exact[i][1], "{by}: its session count is not about people");
            } else {
                assert!(people[i] == 0 || people[i] >= 5, "{by}: {} people shown in {:?}", people[i], row);
                assert_eq!(row, &exact[i], "{by}: a group shown is shown exactly");
            }
        }
        assert_ne!(hidden_groups, 1, "{by}: a lone hidden group would be total minus the others");
        assert_eq!(hidden.last().unwrap()[2], shown_total.to_string(), "{by}: the total is shown");
        hidden_somewhere |= hidden_groups > 0;
    }
    assert!(hidden_somewhere, "the mission's demo has small groups (a facility, a month)");
}
