//! The indicator queries are tuned for country scale; whatever shape they
//! take, their figures must equal a plain count over the records, for the
//! total and for every breakdown.

use binome_core::domain::Kind;
use binome_core::domain::codes::AttendanceStatus;
use binome_core::domain::indicators::{Breakdown, Scope};
use binome_core::{AttendanceMark, Binome, DeviceRole};
use binome_store::ListQuery;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};

mod support;

/// Persons trained, person-hours and scored pairs per group key, counted
/// row by row.
struct Oracle {
    trained: BTreeMap<String, BTreeSet<String>>,
    minutes: BTreeMap<String, i64>,
    rows: BTreeMap<String, u64>,
    pairs: BTreeMap<String, u64>,
    post_percent_sum: BTreeMap<String, f64>,
}

fn text(row: &binome_store::StoredRow, field: &str) -> String {
    row.data.get(field).and_then(Value::as_str).unwrap_or_default().to_owned()
}

fn oracle(b: &Binome, by: Option<Breakdown>) -> Oracle {
    let live = |kind| b.store().list_by_id(kind, &ListQuery::default()).unwrap();
    let programmes: BTreeSet<String> = live(Kind::Programme).into_iter().map(|r| r.id).collect();
    let missions: HashMap<String, String> = live(Kind::Mission)
        .into_iter()
        .filter(|m| programmes.contains(&text(m, "programme_id")))
        .map(|m| (m.id.clone(), text(&m, "programme_id")))
        .collect();
    let sessions: HashMap<String, (String, String, i64)> = live(Kind::Session)
        .into_iter()
        .filter_map(|s| {
            let programme = missions.get(&text(&s, "mission_id"))?.clone();
            let duration = s.data.get("duration").and_then(Value::as_i64).unwrap_or_default();
            Some((s.id.clone(), (programme, text(&s, "date"), duration)))
        })
        .collect();
    let persons: HashMap<String, binome_store::StoredRow> =
        live(Kind::Person).into_iter().map(|p| (p.id.clone(), p)).collect();
    let levels: HashMap<String, String> =
        live(Kind::Organisation).into_iter().map(|o| (o.id.clone(), text(&o, "level"))).collect();
    let professions: HashMap<String, String> =
        live(Kind::Profession).into_iter().map(|p| (p.id.clone(), text(&p, "category"))).collect();
    let key_of = |person: &binome_store::StoredRow, programme: &str, date: &str| match by {
        None => String::new(),
        Some(Breakdown::Sex) => text(person, "sex"),
        Some(Breakdown::Cadre) => {
            Some(text(person, "profession_id")).filter(|id| !id.is_empty()).unwrap_or(text(person, "cadre"))
        }
        Some(Breakdown::Category) => match professions.get(&text(person, "profession_id")) {
            Some(category) => category.clone(),
            None => binome_core::domain::Cadre::parse(&text(person, "cadre"))
                .map(|c| c.occupation().code().to_owned())
                .unwrap_or_default(),
        },
        Some(Breakdown::Facility) => text(person, "organisation_id"),
        Some(Breakdown::Level) => levels.get(&text(person, "organisation_id")).cloned().unwrap_or_default(),
        Some(Breakdown::Programme) => programme.to_owned(),
        Some(Breakdown::Month) => date[..7].to_owned(),
    };
    let mut oracle = Oracle {
        trained: BTreeMap::new(),
        minutes: BTreeMap::new(),
        rows: BTreeMap::new(),
        pairs: BTreeMap::new(),
        post_percent_sum: BTreeMap::new(),
    };
    for a in live(Kind::Attendance) {
        let Some((programme, date, duration)) = sessions.get(&text(&a, "session_id")) else { continue };
        let person_id = text(&a, "person_id");
        let Some(person) = persons.get(&person_id) else { continue };
        let key = key_of(person, programme, date);
        *oracle.rows.entry(key.clone()).or_default() += 1;
        if matches!(text(&a, "status").as_str(), "present" | "late" | "left_early") {
            oracle.trained.entry(key.clone()).or_default().insert(person_id);
            *oracle.minutes.entry(key).or_default() += duration;
        }
    }
    // (session, person) -> (pre, post) percentages.
    let mut tests: BTreeMap<(String, String), (Option<f64>, Option<f64>)> = BTreeMap::new();
    for t in live(Kind::TestScore) {
        let number = |f: &str| t.data.get(f).and_then(Value::as_f64).unwrap_or_default();
        let percent = number("score") * 100.0 / number("max_score");
        let pair = tests.entry((text(&t, "session_id"), text(&t, "person_id"))).or_default();
        if text(&t, "phase") == "pre" { pair.0 = Some(percent) } else { pair.1 = Some(percent) }
    }
    for ((session_id, person_id), (pre, post)) in tests {
        let (Some((programme, date, _)), Some(person)) = (sessions.get(&session_id), persons.get(&person_id)) else {
            continue;
        };
        if let (Some(_), Some(post)) = (pre, post) {
            let key = key_of(person, programme, date);
            *oracle.pairs.entry(key.clone()).or_default() += 1;
            *oracle.post_percent_sum.entry(key).or_default() += post;
        }
    }
    oracle
}

/// A programme's own titles on some of the demo's midwives and nurses
/// ("SFDE", "ATS"), the others keeping a profession every programme knows.
fn give_local_titles(b: &mut Binome) -> (String, String) {
    let programme = b.store().list_by_id(Kind::Programme, &ListQuery::default()).unwrap()[0].id.clone();
    let mut profession = |title: &str, category: &str| {
        let input = [("programme_id", programme.as_str()), ("title", title), ("category", category)]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        b.add(Kind::Profession, &input).unwrap().id
    };
    let sfde = profession("SFDE", "2222");
    let ats = profession("ATS", "3221");
    let persons = b.store().list_by_id(Kind::Person, &ListQuery::default()).unwrap();
    let mut given = 0;
    for (i, person) in persons.iter().enumerate() {
        let title = match text(person, "cadre").as_str() {
            "sage_femme" if i % 2 == 0 => &sfde,
            "infirmier" if i % 2 == 0 => &ats,
            _ => continue,
        };
        let input = [("profession_id".to_owned(), title.clone())].into_iter().collect();
        b.edit(Kind::Person, &person.id, &input).unwrap();
        given += 1;
    }
    assert!(given > 10, "the demo has midwives and nurses to give titles to");
    (sfde, ats)
}

#[test]
fn a_programme_s_titles_and_the_common_list_add_up_in_their_category() {
    let mut b = Binome::open_in_memory().unwrap();
    b.init("bureau", "C", DeviceRole::Coordinator).unwrap();
    b.load_demo(3, binome_core::demo::DemoScale::Programme).unwrap();
    let (sfde, ats) = give_local_titles(&mut b);

    let by_title = b.indicators(&Scope::default(), Some(Breakdown::Cadre)).unwrap();
    let by_category = b.indicators(&Scope::default(), Some(Breakdown::Category)).unwrap();
    let trained = |report: &binome_core::indicators::IndicatorReport, key: &str| {
        report.groups.iter().find(|g| g.key == key).map_or(0, |g| g.indicators.persons_trained)
    };
    let sfde_group = by_title.groups.iter().find(|g| g.key == sfde).expect("SFDE trained");
    assert_eq!(sfde_group.label, "SFDE", "a local title is shown as written");
    assert!(trained(&by_title, "sage_femme") > 0, "midwives without a local title remain");
    assert_eq!(
        trained(&by_category, "2222"),
        trained(&by_title, &sfde) + trained(&by_title, "sage_femme"),
        "SFDE and the common list's midwives are one category"
    );
    assert_eq!(trained(&by_category, "3221"), trained(&by_title, &ats), "ATS is a nursing associate");
    assert_eq!(trained(&by_category, "2221"), trained(&by_title, "infirmier") + trained(&by_title, "anesthesiste"));
    let total: u64 = by_category.groups.iter().map(|g| g.indicators.persons_trained).sum();
    assert_eq!(total, by_category.total.persons_trained, "a person is in one category");
}

#[test]
fn every_breakdown_equals_a_count_over_the_records() {
    let mut b = Binome::open_in_memory().unwrap();
    b.init("bureau", "C", DeviceRole::Coordinator).unwrap();
    b.load_demo(7, binome_core::demo::DemoScale::Programme).unwrap();
    give_local_titles(&mut b);

    let all = oracle(&b, None);
    let report = b.indicators(&Scope::default(), None).unwrap();
    assert_eq!(report.total.persons_trained, all.trained[""].len() as u64);
    assert!((report.total.person_hours - all.minutes[""] as f64 / 60.0).abs() < 1e-6);
    assert_eq!(report.total.scored_pairs, all.pairs[""]);

    for &by in Breakdown::ALL {
        let expected = oracle(&b, Some(by));
        let report = b.indicators(&Scope::default(), Some(by)).unwrap();
        assert_eq!(report.total.persons_trained, all.trained[""].len() as u64, "{by:?} total");
        if !by.splits_sessions() {
            // A person is in one group: their (person, competency) pairs too.
            let pairs: u64 = report.groups.iter().map(|g| g.indicators.competency_pairs).sum();
            assert!(report.total.competency_pairs > 0, "the demo rates competencies");
            assert_eq!(pairs, report.total.competency_pairs, "{by:?}: competency pairs add up");
        }
        let attended: Vec<&String> = expected.rows.keys().collect();
        let shown: Vec<&String> =
            report.groups.iter().filter(|g| g.indicators.attendance_rate.is_some()).map(|g| &g.key).collect();
        assert_eq!(shown, attended, "{by:?}: the groups with attendance");
        assert!(expected.trained.len() > 1, "{by:?} splits the demo");
        for group in &report.groups {
            let trained = expected.trained.get(&group.key).map_or(0, BTreeSet::len) as u64;
            assert_eq!(group.indicators.persons_trained, trained, "{by:?} {}", group.key);
            let pairs = expected.pairs.get(&group.key).copied().unwrap_or_default();
            assert_eq!(group.indicators.scored_pairs, pairs, "{by:?} {}: pre/post pairs", group.key);
            if pairs > 0 {
                let mean = expected.post_percent_sum[&group.key] / pairs as f64;
                let shown = group.indicators.post_mean_percent.expect("a post-test mean");
                assert!((shown - mean).abs() < 1e-6, "{by:?} {}: post-test mean {shown}, counted {mean}", group.key);
            }
            let minutes = expected.minutes.get(&group.key).copied().unwrap_or_default();
            assert!(
                (group.indicators.person_hours - minutes as f64 / 60.0).abs() < 1e-6,
                "{by:?} {}: {} h, counted {} min",
                group.key,
                group.indicators.person_hours,
                minutes
            );
        }
    }
}

fn group<'r>(
    report: &'r binome_core::indicators::IndicatorReport,
    key: &str,
) -> &'r binome_core::domain::indicators::Indicators {
    &report.groups.iter().find(|g| g.key == key).unwrap_or_else(|| panic!("a group {key}")).indicators
}

/// The dashboard is counted over a copy of the facts kept between reports
/// (`indicators/facts.rs`); every kind of write must show in the next one,
/// read on another connection to the store as the app's reports are.
#[test]
fn a_tick_an_edit_a_merge_and_an_import_show_in_the_next_report() {
    let dir = tempfile::tempdir().unwrap();
    let (mut expert, mut office) = support::expert_and_office(dir.path());
    expert.load_demo(5, binome_core::demo::DemoScale::Mission).unwrap();
    let reports = expert.reopen().unwrap();
    let by_sex = |b: &Binome| b.indicators(&Scope::default(), Some(Breakdown::Sex)).unwrap();
    let before = by_sex(&reports);

    // A woman present at two sessions or more.
    let attendance = expert.store().list_by_id(Kind::Attendance, &ListQuery::default()).unwrap();
    let present = |person: &str| -> Vec<String> {
        attendance
            .iter()
            .filter(|a| text(a, "person_id") == person && text(a, "status") == "present")
            .map(|a| text(a, "session_id"))
            .collect()
    };
    let persons = expert.store().list_by_id(Kind::Person, &ListQuery::default()).unwrap();
    let woman =
        persons.iter().find(|p| text(p, "sex") == "female" && present(&p.id).len() >= 2).expect("a trained woman");
    let session_id = present(&woman.id)[0].clone();
    let session = expert.store().get(Kind::Session, &session_id).unwrap().unwrap();
    let minutes = session.data["duration"].as_i64().unwrap();

    expert
        .mark_attendance(&AttendanceMark {
            session_id: session_id.clone(),
            person_id: woman.id.clone(),
            status: AttendanceStatus::Absent,
        })
        .unwrap();
    let ticked = by_sex(&reports);
    assert!(
        (before.total.person_hours - ticked.total.person_hours - minutes as f64 / 60.0).abs() < 1e-9,
        "one absence takes its session's hours off: {} then {}",
        before.total.person_hours,
        ticked.total.person_hours
    );
    assert_eq!(
        group(&ticked, "female").persons_trained,
        group(&before, "female").persons_trained,
        "still trained elsewhere"
    );

    expert.edit(Kind::Person, &woman.id, &[("sex".to_owned(), "M".to_owned())].into_iter().collect()).unwrap();
    let edited = by_sex(&reports);
    assert_eq!(group(&edited, "female").persons_trained, group(&ticked, "female").persons_trained - 1);
    assert_eq!(group(&edited, "male").persons_trained, group(&ticked, "male").persons_trained + 1);

    let other = persons
        .iter()
        .find(|p| p.id != woman.id && text(p, "sex") == "male" && !present(&p.id).is_empty())
        .expect("a trained man");
    expert
        .merge_persons(&binome_core::PersonMerge {
            kept_id: woman.id.clone(),
            merged_id: other.id.clone(),
            reason: None,
        })
        .unwrap();
    let merged = by_sex(&reports);
    assert_eq!(merged.total.persons_trained, edited.total.persons_trained - 1, "two records, one person");

    let empty = office.indicators(&Scope::default(), None).unwrap();
    assert_eq!(empty.total.persons_trained, 0);
    let bundle = dir.path().join("mission.binome");
    expert.export_bundle(&bundle, &["bureau-ndjamena".to_owned()], false).unwrap();
    office.import_bundle(&bundle, false).unwrap();
    let imported = office.indicators(&Scope::default(), None).unwrap();
    assert_eq!(imported.total.persons_trained, merged.total.persons_trained, "the import is counted");
}
