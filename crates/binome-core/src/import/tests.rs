//! A sheet too large to hold is read twice and written in chunks: what
//! holds when the chunks are many.

use super::problems::{LINES_KEPT_PER_GROUP, PROBLEMS_KEPT};
use super::*;
use crate::sheet::{Row, Source, TableHead};
use binome_store::DeviceRole;
use std::cell::Cell;

fn store() -> Binome {
    let mut b = Binome::open_in_memory().unwrap();
    b.init("Coordination", "Awa", DeviceRole::Coordinator).unwrap();
    b
}

fn head() -> TableHead {
    TableHead {
        headers: vec!["Nom".into(), "Prénom(s)".into(), "Sexe".into()],
        header_line: 1,
        skipped_lines: Vec::new(),
        source: Source::default(),
    }
}

/// `count` participants, each a name of their own, with `sex`.
fn participants(count: usize, sex: &str) -> Vec<Row> {
    (0..count).map(|n| (n + 2, vec!["NGARADOUM".to_string(), format!("Zénaba {n}"), sex.to_string()])).collect()
}

fn counter(b: &Binome) -> i64 {
    b.store.device().unwrap().counter
}

#[test]
fn a_list_of_many_chunks_is_written_whole() {
    let mut b = store();
    let rows = 2 * WRITE_CHUNK + 500;
    let table = Table { head: head(), rows: participants(rows, "F") };
    let report = b.import_table(ImportKind::Participants, &table, "liste.csv", &ImportOptions::default()).unwrap();
    assert!(report.written);
    assert_eq!((report.rows, report.created), (rows, rows));
    assert_eq!(b.store.count(Kind::Person).unwrap() as usize, rows);
}

#[test]
fn a_second_reading_that_refuses_a_row_keeps_none_of_the_chunks_written_before_it() {
    let mut b = store();
    let before = counter(&b);
    let readings = Cell::new(0);
    let rows = 2 * WRITE_CHUNK + 500;
    // The file changed between the check and the write: its last row is
    // now wrong, after two chunks were written.
    let open = || {
        readings.set(readings.get() + 1);
        let mut rows = participants(rows, "F");
        if readings.get() == 2 {
            rows.last_mut().unwrap().1[2] = "Q".into();
        }
        Ok((head(), Box::new(rows.into_iter().map(Ok)) as Rows<'_>))
    };
    let refused = b.import_rows(ImportKind::Participants, &open, "liste.csv", &ImportOptions::default()).unwrap_err();
    let crate::CoreError::Import(ImportError::Rows { report }) = refused else { panic!("{refused:?}") };
    assert_eq!((readings.get(), report.lines_in_error, report.written), (2, 1, false));
    assert_eq!(report.problems[0].line, rows + 1);
    assert_eq!(b.store.count(Kind::Person).unwrap(), 0, "nothing of the chunks before the refused row");
    assert_eq!(counter(&b), before, "no counter spent on versions that were rolled back");
    // The next import writes as if the refused one never happened.
    let table = Table { head: head(), rows: participants(3, "F") };
    b.import_table(ImportKind::Participants, &table, "liste.csv", &ImportOptions::default()).unwrap();
    assert_eq!(b.store.count(Kind::Person).unwrap(), 3);
}

#[test]
fn problems_past_those_kept_are_counted_and_their_value_grouped_once() {
    let mut b = store();
    let rows = PROBLEMS_KEPT + 1_000;
    let table = Table { head: head(), rows: participants(rows, "Q") };
    let options = ImportOptions { dry_run: true, ..ImportOptions::default() };
    let report = b.import_table(ImportKind::Participants, &table, "liste.csv", &options).unwrap();
    assert_eq!((report.problems.len(), report.problems_total, report.lines_in_error), (PROBLEMS_KEPT, rows, rows));
    assert_eq!(report.unknown_values.len(), 1);
    let group = &report.unknown_values[0];
    assert_eq!((group.field.as_str(), group.value.as_str(), group.count as usize), ("sex", "Q", rows));
    assert_eq!(group.lines.len(), LINES_KEPT_PER_GROUP);
    assert_eq!(b.store.count(Kind::Person).unwrap(), 0);
}

fn with_mission() -> Binome {
    let mut b = store();
    let input = |pairs: &[(&str, &str)]| -> binome_domain::Input {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    };
    let programme = [("code", "P1"), ("name", "Programme"), ("country", "TD"), ("start_date", "01/01/2026")];
    b.add(Kind::Programme, &input(&programme)).unwrap();
    b.add(Kind::Organisation, &input(&[("name", "Hôpital de Moundou"), ("kind", "host"), ("level", "regional")]))
        .unwrap();
    let mission = [
        ("programme_id", "P1"),
        ("code", "M1"),
        ("title", "Urgences"),
        ("host_org_id", "Hôpital de Moundou"),
        ("start_date", "16/11/2026"),
        ("end_date", "27/11/2026"),
    ];
    b.add(Kind::Mission, &input(&mission)).unwrap();
    b
}

#[test]
fn a_choice_is_remembered_for_the_programme_and_one_too_long_to_keep_is_only_applied() {
    let mut b = with_mission();
    let long = format!("Féminin{}", " (voir la fiche d'inscription)".repeat(8));
    let mut rows = participants(2, "Fém.");
    rows[1].1[2] = long.clone();
    let table = Table { head: head(), rows };
    let choice =
        |value: &str| ValueChoice { field: "sex".into(), value: value.into(), to: Some("F".into()), create: None };
    let options = ImportOptions {
        mission: Some("M1".into()),
        values: vec![choice("Fém."), choice(&long)],
        ..ImportOptions::default()
    };
    let report = b.import_table(ImportKind::Participants, &table, "liste.csv", &options).unwrap();
    assert_eq!((report.written, report.created), (true, 2));
    let kept = b.store.list(Kind::ValueChoice, &ListQuery::default()).unwrap();
    assert_eq!(kept.len(), 1, "the long value is imported, not remembered");
    assert_eq!((kept[0].data["value"].as_str(), kept[0].data["mapped_to"].as_str()), (Some("Fém."), Some("female")));
}
