//! Indicators on a small mission computed by hand from DOMAIN.md's
//! definitions. The expected figures are written out with their arithmetic.

use crate::support::{Store, asset, mission, participant, workshop_fields};
use serde_json::Value;

struct Dataset {
    store: Store,
    zenaba: String,
    twin: String,
    s1: String,
    s2: String,
}

/// Mission 04–15/03/2019 (12 days); experts E (lead) and X, referent R.
/// A = MAHAMAT Zénaba (F, midwife), B = ISSA Ali (M, nurse),
/// C = NGABA Fatimé (F, midwife), D = ADOUM Halimé (F, doctor),
/// C2 = NGABBA Fatime (F): C registered twice.
/// S1 05/03 2h submitted: A present, B late, C absent, D excused.
/// S2 06/03 3h submitted: A present, B left early, C present, D absent.
/// S3 07/03 1h30 draft:  A present, B absent, C2 present.
/// S4 08/03 2h deleted:  A present (never counts).
/// Scores (over 20) at S1: A 10 → 18, B 8 → 14, C pre 12 only, D post 16 only.
/// Reviews: S1 validated, S2 returned.
/// Assessments (REF-SMNI): A on GATPA 14/03 "competent", A again 15/03
/// "proficient"; B on HPP 14/03 "needs improvement".
fn dataset() -> Dataset {
    let store = Store::new();
    let m = mission(&store);
    let e =
        store.add("persons", &["--family-name", "DURAND", "--given-names", "Claire", "--role", "expert", "--sex", "F"]);
    let x =
        store.add("persons", &["--family-name", "MARTIN", "--given-names", "Paul", "--role", "expert", "--sex", "M"]);
    let r = store
        .add("persons", &["--family-name", "HAGGAR", "--given-names", "Abdel", "--role", "referent", "--sex", "M"]);
    store.add("team", &["--mission", &m.mission, "--person", &e, "--team-role", "lead"]);
    store.add("team", &["--mission", &m.mission, "--person", &x, "--team-role", "expert"]);
    store.add("team", &["--mission", &m.mission, "--person", &r, "--team-role", "technical_referent"]);
    let a = participant(&store, &m.mission, "MAHAMAT", "Zénaba", "F", "sage-femme");
    let b = participant(&store, &m.mission, "ISSA", "Ali", "M", "infirmier");
    let c = participant(&store, &m.mission, "NGABA", "Fatimé", "F", "sage-femme");
    let d = participant(&store, &m.mission, "ADOUM", "Halimé", "F", "médecin");
    let c2 = participant(&store, &m.mission, "NGABBA", "Fatime", "F", "sage-femme");
    store.ok(&["persons", "edit", &a, "--organisation", &m.host]);
    store.ok(&["persons", "edit", &b, "--organisation", &m.host]);

    let session = |title: &str, date: &str, duration: &str| {
        store.add("sessions", &workshop_fields(&m.mission, title, date, duration))
    };
    let s1 = session("GATPA", "05/03/2019", "2h");
    let s2 = session("HPP", "06/03/2019", "3h");
    let s3 = session("Partogramme", "07/03/2019", "1h30");
    let s4 = session("Annulée", "08/03/2019", "2h");
    let mark = |s: &str, p: &str, status: &str| {
        store.add("attendance", &["--session", s, "--person", p, "--status", status]);
    };
    for (p, st) in [(&a, "present"), (&b, "late"), (&c, "absent"), (&d, "excused")] {
        mark(&s1, p, st);
    }
    for (p, st) in [(&a, "present"), (&b, "left_early"), (&c, "present"), (&d, "absent")] {
        mark(&s2, p, st);
    }
    for (p, st) in [(&a, "present"), (&b, "absent"), (&c2, "present")] {
        mark(&s3, p, st);
    }
    mark(&s4, &a, "present");
    store.ok(&["sessions", "delete", &s4]);
    let score = |p: &str, phase: &str, v: &str| {
        store.add("scores", &["--session", &s1, "--person", p, "--phase", phase, "--score", v, "--max-score", "20"]);
    };
    score(&a, "pre", "10");
    score(&a, "post", "18");
    score(&b, "pre", "8");
    score(&b, "post", "14");
    score(&c, "pre", "12");
    score(&d, "post", "16");
    store.ok(&["sessions", "edit", &s1, "--status", "submitted"]);
    store.ok(&["sessions", "edit", &s2, "--status", "submitted"]);
    store.add("reviews", &["--session", &s1, "--decision", "validated", "--reviewer", &r]);
    store.add(
        "reviews",
        &["--session", &s2, "--decision", "returned", "--reviewer", &r, "--comment", "Notes manquantes"],
    );
    store.ok(&["frameworks", "import", asset("frameworks/smni.json").to_str().unwrap(), "--programme", "PASST2"]);
    let assess = |p: &str, competency: &str, date: &str, ratings: &str| {
        store.add(
            "assessments",
            &[
                "--person",
                p,
                "--framework",
                "REF-SMNI",
                "--competency",
                competency,
                "--date",
                date,
                "--mission",
                &m.mission,
                "--ratings",
                ratings,
            ],
        );
    };
    // GATPA criteria 2, 3, 4 are critical: lowest of (competent, proficient, proficient) = competent.
    assess(
        &a,
        "GATPA",
        "14/03/2019",
        "1=proficient;2=competent;3=proficient;4=proficient;5=needs_improvement;6=not_observed",
    );
    assess(&a, "GATPA", "15/03/2019", "1=proficient;2=proficient;3=proficient;4=proficient");
    // HPP criteria 2, 3, 4 are critical: observed 2 (needs improvement) and 3 (competent).
    assess(&b, "HPP", "14/03/2019", "1=proficient;2=needs_improvement;3=competent;4=not_observed");
    Dataset { store, zenaba: c, twin: c2, s1, s2 }
}

fn close(value: &Value, expected: f64) -> bool {
    value.as_f64().is_some_and(|v| (v - expected).abs() < 1e-9)
}

#[track_caller]
fn assert_close(value: &Value, expected: f64, what: &str) {
    assert!(close(value, expected), "{what}: expected {expected}, got {value}");
}

#[test]
fn totals_match_the_hand_computation() {
    let data = dataset();
    let report = data.store.json(&["indicators", "--mission", "M-2019-03"]);
    let t = &report["total"];
    assert_eq!(t["sessions"], 3, "S4 is deleted");
    // Counted: S1 A, B; S2 A, B, C; S3 A, C2 → persons A, B, C, C2.
    assert_eq!(t["persons_trained"], 4);
    assert_close(&t["training_hours"], 2.0 + 3.0 + 1.5, "training hours");
    // 2h × 2 + 3h × 3 + 1.5h × 2 = 16 person-hours; ÷ 7 h a day.
    assert_close(&t["person_hours"], 16.0, "person-hours");
    assert_close(&t["person_days"], 16.0 / 7.0, "person-days");
    // 7 counted ÷ (11 rows − 1 excused).
    assert_close(&t["attendance_rate"], 0.7, "attendance rate");
    // Pairs with both scores: A (50 % → 90 %) and B (40 % → 70 %).
    assert_eq!(t["scored_pairs"], 2);
    assert_close(&t["pre_mean_percent"], 45.0, "mean pre");
    assert_close(&t["post_mean_percent"], 80.0, "mean post");
    assert_close(&t["gain_points"], 35.0, "gain");
    assert_close(&t["pass_rate"], 0.5, "pass rate (A's 90 % ≥ 80 %, B's 70 % is not)");
    // (A, GATPA) latest proficient ≥ competent; (B, HPP) needs improvement.
    assert_eq!(t["competency_pairs"], 2);
    assert_close(&t["competencies_acquired_rate"], 0.5, "competencies acquired");
    assert_close(&t["progression_rate"], 1.0, "A went from competent to proficient");
    // S1 validated, S2 returned, S3 draft: 1 ÷ 2.
    assert_close(&t["sessions_validated_rate"], 0.5, "sessions validated");
    assert_eq!(t["missions"], 1);
    assert_eq!(t["expert_days"], 24, "2 experts × 12 days; the referent is not an expert");
}

#[test]
fn a_merge_makes_a_person_count_once() {
    let data = dataset();
    data.store.ok(&["persons", "merge", &data.zenaba, &data.twin]);
    let t = &data.store.json(&["indicators"])["total"];
    assert_eq!(t["persons_trained"], 3);
    assert_close(&t["person_hours"], 16.0, "person-hours do not change");
}

#[test]
fn records_a_merge_brings_into_one_session_count_as_one_pair() {
    let data = dataset();
    // C2 is excused at S2, where C is present; C2 has the post-test at S1,
    // where C has only the pre-test.
    data.store.add("attendance", &["--session", &data.s2, "--person", &data.twin, "--status", "excused"]);
    data.store.add(
        "scores",
        &["--session", &data.s1, "--person", &data.twin, "--phase", "post", "--score", "15", "--max-score", "20"],
    );
    data.store.ok(&["persons", "merge", &data.zenaba, &data.twin]);
    let t = &data.store.json(&["indicators"])["total"];
    // S2's C is one row, counted and so not excused: 7 counted ÷ (11 rows − 1 excused).
    assert_close(&t["attendance_rate"], 0.7, "attendance rate after the merge");
    assert_close(&t["person_hours"], 16.0, "C's S2 hours count once");
    // C's S1 pair joins the pre of one record and the post of the other:
    // A (50 → 90), B (40 → 70), C (60 → 75).
    assert_eq!(t["scored_pairs"], 3);
    assert_close(&t["pre_mean_percent"], 50.0, "mean pre");
    assert_close(&t["post_mean_percent"], 235.0 / 3.0, "mean post");
    assert_close(&t["pass_rate"], 1.0 / 3.0, "only A's 90 % reaches 80 %");
}

#[test]
fn split_by_sex() {
    let data = dataset();
    data.store.ok(&["persons", "merge", &data.zenaba, &data.twin]);
    let report = data.store.json(&["indicators", "--by", "sex"]);
    let group = |key: &str| {
        report["groups"].as_array().unwrap().iter().find(|g| g["key"] == key).unwrap()["indicators"].clone()
    };
    let women = group("female");
    // A and C (with C2): counted S1 A; S2 A, C; S3 A, C → 5 of 8 rows − 1 excused.
    assert_eq!(women["persons_trained"], 2);
    assert_close(&women["attendance_rate"], 5.0 / 7.0, "women's attendance");
    assert_close(&women["person_hours"], 6.5 + 3.0 + 1.5, "women's person-hours");
    assert_close(&women["pass_rate"], 1.0, "A passed");
    assert!(women["sessions"].is_null(), "sessions are not split by sex");
    let men = group("male");
    assert_eq!(men["persons_trained"], 1);
    assert_close(&men["attendance_rate"], 2.0 / 3.0, "men's attendance");
    assert_close(&men["person_hours"], 5.0, "men's person-hours");
    assert_close(&men["pass_rate"], 0.0, "B did not pass");
    assert_close(&men["competencies_acquired_rate"], 0.0, "B's HPP is below the pass level");
}

#[test]
fn a_period_and_a_month_breakdown() {
    let data = dataset();
    let report = data.store.json(&["indicators", "--from", "06/03/2019", "--to", "06/03/2019", "--by", "month"]);
    let t = &report["total"];
    assert_eq!(t["sessions"], 1);
    assert_close(&t["training_hours"], 3.0, "S2 only");
    assert_eq!(t["expert_days"], 2, "one day inside the period × 2 experts");
    assert_eq!(report["groups"][0]["key"], "2019-03");
    assert_eq!(report["groups"][0]["indicators"]["sessions"], 1);
}

#[test]
fn csv_output_in_the_french_excel_dialect() {
    let data = dataset();
    let out = data.store.cmd(&["indicators", "--by", "cadre", "--csv"]).output().unwrap();
    assert!(out.status.success());
    assert!(out.stdout.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(out.stdout[3..].to_vec()).unwrap();
    let header = text.lines().next().unwrap();
    assert!(header.starts_with("Groupe;Séances;Personnes formées;Heures de formation"), "{header}");
    let total = text.lines().last().unwrap();
    assert!(total.starts_with("Total;3;4;6,50;16,00;"), "{total}");
    let table = data.store.ok(&["indicators"]);
    assert!(table.contains("70,0 %"), "French percentages in the table: {table}");
}
