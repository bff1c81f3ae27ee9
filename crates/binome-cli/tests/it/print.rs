//! Printed documents, read back with poppler (`pdftotext`, `pdftoppm`):
//! the text a reader expects, embedded fonts, and pages that render.

use crate::support::{Store, french};
use std::process::Command;

fn demo() -> Store {
    let store = Store::new();
    store.ok(&["demo", "--seed", "4", "--scale", "mission"]);
    store
}

/// The text of a PDF, as `pdftotext -layout` extracts it.
pub(crate) fn pdf_text(path: &str) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout", path, "-"])
        .output()
        .expect("pdftotext runs (Debian package poppler-utils, installed by scripts/test.sh)");
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Renders every page; poppler says nothing on a sound file.
fn renders(path: &str, dir: &std::path::Path) -> usize {
    let out = Command::new("pdftoppm").args(["-r", "40", "-png", path]).arg(dir.join("page")).output().unwrap();
    assert!(out.status.success(), "pdftoppm failed");
    assert!(out.stderr.is_empty(), "pdftoppm complained: {}", String::from_utf8_lossy(&out.stderr));
    std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().starts_with("page"))
        .count()
}

fn fonts_are_embedded(path: &str) {
    let out = Command::new("pdffonts").arg(path).output().unwrap();
    let listing = String::from_utf8(out.stdout).unwrap();
    let fonts: Vec<&str> = listing.lines().skip(2).collect();
    assert!(!fonts.is_empty(), "{listing}");
    assert!(fonts.iter().all(|l| l.split_whitespace().nth(4) == Some("yes")), "every font embedded: {listing}");
}

fn first(store: &Store, args: &[&str], field: &str) -> String {
    store.json(args)[0][field].as_str().unwrap().to_owned()
}

#[test]
fn the_attendance_sheet_lists_every_expected_participant_with_a_signature_column() {
    let store = demo();
    let session = first(&store, &["session", "list"], "id");
    let path = store.file("emargement.pdf");
    let said = store.ok(&["print", "attendance-sheet", "--session", &session, "--out", &path]);
    assert_eq!(said.trim(), french("print-written", &[("path", &path)]));
    let text = pdf_text(&path);
    assert!(text.contains(&french("print-sheet-title", &[])), "{text}");
    assert!(text.contains("Signature"));
    assert!(text.contains("PASST2-2019-0001"));
    let enrolled = store.json(&["enrolment", "list", "--mission", "PASST2-2019-0001"]);
    for enrolment in enrolled.as_array().unwrap() {
        let person = store.json(&["person", "show", enrolment["data"]["person_id"].as_str().unwrap()]);
        let family = person["data"]["family_name"].as_str().unwrap();
        assert!(text.contains(family), "{family} is on the sheet");
    }
    assert!(text.contains("30 participant·e·s attendu·e·s"), "{text}");
    fonts_are_embedded(&path);
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(renders(&path, dir.path()), 2, "30 rows with room to sign take two pages");
}

#[test]
fn the_certificate_names_the_person_the_sessions_and_the_hours() {
    let store = demo();
    let person = first(&store, &["enrolment", "list", "--mission", "PASST2-2019-0001"], "id");
    let person = store.json(&["enrolment", "show", &person])["data"]["person_id"].as_str().unwrap().to_owned();
    let shown = store.json(&["person", "show", &person]);
    let name = format!(
        "{} {}",
        shown["data"]["family_name"].as_str().unwrap(),
        shown["data"]["given_names"].as_str().unwrap()
    );
    let path = store.file("attestation.pdf");
    store.ok(&["print", "certificate", "--person", &person, "--mission", "PASST2-2019-0001", "--out", &path]);
    let text = pdf_text(&path);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Attestation de formation"), "{flat}");
    assert!(flat.contains(&format!("Nous attestons que {name}")), "{flat}");
    // Hours: the sessions this person attended, from the store.
    let sessions = store.json(&["session", "list", "--mission", "PASST2-2019-0001"]);
    let mut minutes = 0;
    for session in sessions.as_array().unwrap() {
        let marks = store.json(&["attendance", "list", "--session", session["id"].as_str().unwrap()]);
        let attended = marks.as_array().unwrap().iter().any(|a| {
            a["data"]["person_id"] == person.as_str()
                && matches!(a["data"]["status"].as_str(), Some("present" | "late" | "left_early"))
        });
        if attended {
            minutes += session["data"]["duration"].as_i64().unwrap();
        }
    }
    let hours = format!("{}", minutes as f64 / 60.0).replace('.', ",");
    assert!(flat.contains(&format!("Total : {hours} heures de formation")), "{hours} h in {flat}");
    fonts_are_embedded(&path);
    let dir = tempfile::tempdir().unwrap();
    assert!(renders(&path, dir.path()) >= 1);
}

#[test]
fn the_mission_report_holds_the_figures_the_cli_computes_and_the_debrief() {
    let store = demo();
    store.ok(&[
        "mission",
        "edit",
        "PASST2-2019-0001",
        "--debrief",
        "Équipe très impliquée ; le matériel de réanimation manque encore.",
        "--recommendations",
        "Prévoir deux tables de réanimation.",
    ]);
    let path = store.file("bilan.pdf");
    store.ok(&["print", "mission-report", "--mission", "PASST2-2019-0001", "--out", &path]);
    let text = pdf_text(&path);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Bilan de mission — PASST2-2019-0001",
        "Équipe",
        "Chiffres de la mission",
        "Taux de présence par séance",
        "Résultats moyens des pré- et post-tests",
        "Personnes formées par profession",
        "Validations des référent·e·s",
        "Équipe très impliquée ; le matériel de réanimation manque encore.",
        "Prévoir deux tables de réanimation.",
    ] {
        assert!(flat.contains(expected), "{expected:?} in {flat}");
    }
    let report = store.json(&["indicators", "--mission", "PASST2-2019-0001"]);
    let trained = report["total"]["persons_trained"].as_u64().unwrap();
    assert!(flat.contains(&format!("Personnes formées {trained}")), "{trained} persons trained in {flat}");
    let person_hours = report["total"]["person_hours"].as_f64().unwrap();
    let shown = format!("{}", (person_hours * 10.0).round() / 10.0).replace('.', ",");
    assert!(flat.contains(&format!("Heures-personnes {shown}")), "{shown} person-hours in {flat}");
    fonts_are_embedded(&path);
    let dir = tempfile::tempdir().unwrap();
    assert!(renders(&path, dir.path()) >= 2);
}

#[test]
fn documents_print_in_english_too() {
    let store = demo();
    let path = store.file("report.pdf");
    store.ok(&["--lang", "en", "print", "mission-report", "--mission", "PASST2-2019-0001", "--out", &path]);
    let text = pdf_text(&path);
    assert!(text.contains("Mission report"), "{text}");
    assert!(text.contains("Attendance rate per session"));
}
