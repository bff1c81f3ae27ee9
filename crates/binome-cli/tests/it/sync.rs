//! Laptops exchanging bundles through everything the road does to them:
//! first contact and trust, replays, tampering, truncation, the wrong
//! recipient, a revoked laptop, concurrent edits, a process killed midway.

use crate::support::{Store, error_code};
use serde_json::{Value, json};

/// Makes `a` and `b` trust each other, as people do after reading their
/// fingerprints over the phone.
pub(crate) fn introduce(a: &Store, b: &Store) {
    for (from, to) in [(a, b), (b, a)] {
        let hello = from.file("hello.binome");
        from.ok(&["bundle", "export", "--out", &hello]);
        let out = to.json(&["bundle", "import", &hello]);
        assert_eq!(out["outcome"], "device_introduced", "{out}");
        let name = from.json(&["device", "show"])["name"].as_str().unwrap().to_owned();
        to.ok(&["devices", "trust", &name]);
    }
}

fn name(store: &Store) -> String {
    store.json(&["device", "show"])["name"].as_str().unwrap().to_owned()
}

/// Exports everything `from` holds for `to`, and imports it there.
/// A bundle from `from` to `to`, imported: what the import did, as its
/// `--json` outcome says it.
pub(crate) fn send(from: &Store, to: &Store) -> Value {
    let file = from.file("out.binome");
    from.ok(&["bundle", "export", "--out", &file, "--to", &name(to)]);
    to.json(&["bundle", "import", &file])
}

/// Whether `outcome` is a bundle of `sender` applied (not quarantined,
/// not already imported).
#[track_caller]
pub(crate) fn assert_applied_from(outcome: &Value, sender: &str) {
    assert_eq!((outcome["outcome"].as_str(), outcome["sender"].as_str()), (Some("applied"), Some(sender)), "{outcome}");
}

#[test]
fn expert_referent_and_coordinator_go_through_a_mission_and_back() {
    let expert = Store::named("portable-expert", "Claire Durand", "expert");
    let referent = Store::named("portable-referent", "Abdel Haggar", "referent");
    let coordinator = Store::named("bureau-ndjamena", "Fatimé Ngaba", "coordinator");
    introduce(&expert, &referent);
    introduce(&expert, &coordinator);
    introduce(&referent, &coordinator);

    expert.ok(&["demo", "--scale", "mission"]);
    assert_applied_from(&send(&expert, &referent), "portable-expert");

    // The referent validates a session the expert submitted.
    let submitted = referent.json(&["sessions", "list"]);
    let session =
        submitted.as_array().unwrap().iter().find(|s| s["data"]["status"] == "submitted").expect("a submitted session")
            ["id"]
            .as_str()
            .unwrap()
            .to_owned();
    referent.ok(&[
        "reviews",
        "add",
        "--session",
        &session,
        "--decision",
        "returned",
        "--comment",
        "Liste de présence incomplète",
    ]);
    send(&referent, &expert);
    let shown = expert.json(&["sessions", "show", &session]);
    assert_eq!(shown["review_status"], "returned", "the expert sees the referent's decision: {shown}");

    // The coordinator gets the referent's bundle first, the expert's later.
    send(&referent, &coordinator);
    send(&expert, &coordinator);
    assert_eq!(coordinator.dump(), expert.dump());
    assert_eq!(referent.dump(), expert.dump());
    let review = coordinator.json(&["reviews", "list"]);
    let authors: Vec<&str> = review.as_array().unwrap().iter().map(|r| r["author"].as_str().unwrap()).collect();
    assert!(authors.contains(&"Abdel Haggar"), "relayed versions keep their author: {authors:?}");
}

#[test]
fn a_replayed_bundle_is_already_imported() {
    let (a, b) = (Store::named("a", "A", "expert"), Store::named("b", "B", "coordinator"));
    introduce(&a, &b);
    a.ok(&["demo", "--scale", "mission"]);
    let file = a.file("m.binome");
    a.ok(&["bundle", "export", "--out", &file, "--to", "b"]);
    b.ok(&["bundle", "import", &file]);
    let before = b.dump();
    let again = b.json(&["bundle", "import", &file]);
    assert_eq!(again["outcome"], "already_imported", "{again}");
    assert_eq!(b.dump(), before);
}

#[test]
fn an_export_leaves_the_bundle_alone_in_its_folder_and_nothing_when_it_fails() {
    let (a, b) = (Store::named("a", "A", "expert"), Store::named("b", "B", "coordinator"));
    introduce(&a, &b);
    a.ok(&["demo", "--scale", "mission"]);
    let outbox = a.dir.path().join("envoi");
    std::fs::create_dir(&outbox).unwrap();
    let file = outbox.join("m.binome").to_string_lossy().into_owned();
    a.ok(&["bundle", "export", "--out", &file, "--to", "b"]);
    let left: Vec<String> =
        std::fs::read_dir(&outbox).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(left, ["m.binome"], "work files left beside the bundle");
    b.ok(&["bundle", "import", &file]);
    assert_eq!(b.count("sessions"), a.count("sessions"));

    // An export that cannot be written says where, and leaves nothing.
    let before = std::fs::read(&file).unwrap();
    let missing = a.dir.path().join("absent").join("m.binome").to_string_lossy().into_owned();
    let err = a.refused(&["bundle", "export", "--out", &missing, "--to", "b"], 4, "io");
    assert!(err.contains("absent"), "{err}");
    assert!(!a.dir.path().join("absent").exists());
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

/// A change made to a bundle file on its way.
type Damage = Box<dyn Fn(&mut Vec<u8>)>;

fn damaged(a: &Store, receiver: &str, damage: impl Fn(&mut Vec<u8>)) -> (Store, String) {
    let b = Store::named(receiver, "B", "coordinator");
    introduce(a, &b);
    let file = a.file("m.binome");
    a.ok(&["bundle", "export", "--out", &file, "--to", receiver]);
    let mut bytes = std::fs::read(&file).unwrap();
    damage(&mut bytes);
    std::fs::write(&file, bytes).unwrap();
    (b, file)
}

#[test]
fn tampered_or_truncated_bundles_are_refused_and_nothing_changes() {
    let a = Store::named("a", "A", "expert");
    a.ok(&["demo", "--scale", "mission"]);
    let cases: [(&str, Damage, &str); 3] = [
        (
            "header",
            // The sender's clock, a year later: the header still reads,
            // its signature no longer matches.
            Box::new(|b: &mut Vec<u8>| {
                let key = b"\"created_at\": \"20";
                let at = b.windows(key.len()).position(|w| w == key).unwrap() + key.len();
                b[at] = if b[at] == b'9' { b'0' } else { b[at] + 1 };
            }),
            "bundle-bad-signature",
        ),
        (
            "payload",
            Box::new(|b: &mut Vec<u8>| {
                let at = b.len() - 2000;
                b[at] ^= 0x40;
            }),
            "bundle-payload-mismatch",
        ),
        ("truncated", Box::new(|b: &mut Vec<u8>| b.truncate(b.len() / 2)), "bundle-unreadable"),
    ];
    for (what, damage, expected) in cases {
        let (b, file) = damaged(&a, &format!("b-{what}"), damage);
        b.refused_whole(&["bundle", "import", &file], 1, expected);
    }
}

#[test]
fn a_bundle_for_someone_else_is_not_readable_here() {
    let (a, b, c) =
        (Store::named("a", "A", "expert"), Store::named("b", "B", "referent"), Store::named("c", "C", "coordinator"));
    introduce(&a, &b);
    introduce(&a, &c);
    a.ok(&["demo", "--scale", "mission"]);
    let file = a.file("for-b.binome");
    a.ok(&["bundle", "export", "--out", &file, "--to", "b"]);
    c.refused_whole(&["bundle", "import", &file], 1, "bundle-not-for-us");
}

#[test]
fn two_laptops_with_the_same_name_are_told_apart_by_fingerprint() {
    let a = Store::named("a", "A", "expert");
    let (b1, b2) = (Store::named("b", "B", "referent"), Store::named("b", "B", "referent"));
    introduce(&a, &b1);
    let hello = b2.file("hello.binome");
    b2.ok(&["bundle", "export", "--out", &hello]);
    a.ok(&["bundle", "import", &hello]);
    let err = a.refused(&["devices", "trust", "b"], 3, "sync-ambiguous-device");
    let fingerprint_of = |s: &Store| s.json(&["device", "show"])["fingerprint"].as_str().unwrap().to_owned();
    let fingerprint = fingerprint_of(&b2);
    assert!(err.contains(&fingerprint) && err.contains(&fingerprint_of(&b1)), "both candidates are shown: {err}");
    a.ok(&["devices", "trust", &fingerprint]);
}

#[test]
fn a_revoked_laptop_is_refused() {
    let (a, b) = (Store::named("a", "A", "expert"), Store::named("b", "B", "coordinator"));
    introduce(&a, &b);
    a.ok(&["demo", "--scale", "mission"]);
    let file = a.file("m.binome");
    a.ok(&["bundle", "export", "--out", &file, "--to", "b"]);
    b.ok(&["devices", "revoke", "a"]);
    b.refused(&["bundle", "import", &file], 1, "sync-revoked");
}

fn programme(store: &Store, code: &str) {
    store.ok(&["programmes", "add", "--code", code, "--name", code, "--country", "TD", "--start-date", "01/01/2019"]);
}

fn has_programme(store: &Store, code: &str) -> bool {
    store.json(&["programmes", "list"]).as_array().unwrap().iter().any(|p| p["data"]["code"] == code)
}

/// The coordinator revokes a lost laptop. Its work from before still
/// reaches everyone through a colleague's bundles, with the colleague's
/// own work; what it made after is left out; the revocation travels to
/// the colleague, whose laptop then refuses the lost one's bundles too.
#[test]
fn a_revocation_travels_and_stops_only_the_revoked_laptop_s_later_work() {
    let lost = Store::named("portable-perdu", "Claire Durand", "expert");
    let colleague = Store::named("portable-collegue", "Paul Martin", "expert");
    let office = Store::named("bureau-ndjamena", "Fatimé Ngaba", "coordinator");
    introduce(&lost, &colleague);
    introduce(&lost, &office);
    introduce(&colleague, &office);
    programme(&lost, "AVANT");
    send(&lost, &colleague);
    send(&lost, &office);

    // The revocation accepts the lost laptop's versions up to the last the
    // office holds.
    office.ok(&["devices", "revoke", "portable-perdu"]);
    programme(&lost, "APRES");
    send(&lost, &colleague);
    programme(&colleague, "COLLEGUE");
    let out = send(&colleague, &office);
    assert!(out["after_revocation"].as_u64() > Some(0), "the lost laptop's later versions are left out: {out}");
    assert!(
        has_programme(&office, "COLLEGUE"),
        "the colleague's bundle, carrying the lost laptop's earlier work, came through"
    );
    assert!(has_programme(&office, "AVANT"));
    assert!(!has_programme(&office, "APRES"), "but not what it made after its revocation");

    // The office's next bundle carries the revocation to the colleague.
    send(&office, &colleague);
    let devices = colleague.json(&["devices", "list"]);
    let revoked = devices.as_array().unwrap().iter().find(|d| d["name"] == "portable-perdu").unwrap();
    assert_eq!(revoked["trust"], "revoked");
    let file = lost.file("apres.binome");
    lost.ok(&["bundle", "export", "--out", &file, "--to", "portable-collegue"]);
    colleague.refused_whole(&["bundle", "import", &file], 1, "sync-revoked");

    // Found again: trusting it back takes a confirmation.
    office.refused(&["devices", "trust", "portable-perdu"], 1, "sync-revoked-needs-confirmation");
    office.ok(&["devices", "trust", "portable-perdu", "--malgre-revocation"]);
    let devices = office.json(&["devices", "list"]);
    let found = devices.as_array().unwrap().iter().find(|d| d["name"] == "portable-perdu").unwrap();
    assert_eq!(found["trust"], "trusted");
}

#[test]
fn an_unknown_laptop_waits_in_quarantine_until_trusted() {
    let (a, b) = (Store::named("a", "A", "expert"), Store::named("b", "B", "coordinator"));
    // b knows a's keys only from a's first bundle; a needs b's to encrypt for it.
    let hello = b.file("hello.binome");
    b.ok(&["bundle", "export", "--out", &hello]);
    a.ok(&["bundle", "import", &hello]);
    a.ok(&["devices", "trust", "b"]);
    a.ok(&["demo", "--scale", "mission"]);
    let file = a.file("m.binome");
    a.ok(&["bundle", "export", "--out", &file, "--to", "b"]);
    let out = b.json(&["bundle", "import", &file]);
    let fingerprint = a.json(&["device", "show"])["fingerprint"].clone();
    assert_eq!(
        (&out["outcome"], &out["name"], &out["fingerprint"]),
        (&json!("quarantined"), &json!("a"), &fingerprint)
    );
    assert_eq!(b.count("sessions"), 0, "nothing applied before trust");
    let waiting = b.json(&["bundle", "quarantine"]);
    let waiting: Vec<&Value> = waiting.as_array().unwrap().iter().map(|w| &w["bundle_id"]).collect();
    assert_eq!(waiting, [&out["bundle_id"]], "the bundle waits for its sender");
    b.ok(&["devices", "trust", "a"]);
    assert_eq!(b.count("sessions"), 12, "trusting its sender imports the bundle that waited");
    assert_eq!(b.json(&["bundle", "quarantine"]), json!([]));
}

#[test]
fn concurrent_edits_become_a_conflict_settled_on_both_laptops() {
    let (a, b) = (Store::named("a", "A", "expert"), Store::named("b", "B", "coordinator"));
    introduce(&a, &b);
    a.ok(&["demo", "--scale", "mission"]);
    send(&a, &b);
    let mission = a.json(&["missions", "list"])[0]["id"].as_str().unwrap().to_owned();
    a.ok(&["missions", "edit", &mission, "--title", "SONU — titre de l'expert"]);
    b.ok(&["missions", "edit", &mission, "--title", "SONU — titre du coordinateur"]);
    send(&a, &b);
    send(&b, &a);
    assert_eq!(a.dump(), b.dump());
    let conflicts = a.json(&["conflicts", "list"]);
    assert_eq!(conflicts.as_array().unwrap().len(), 1, "{conflicts}");
    let heads = a.json(&["conflicts", "show", "missions", &mission]);
    let keep =
        heads.as_array().unwrap().iter().position(|h| h["data"]["title"] == "SONU — titre du coordinateur").unwrap();
    a.ok(&["conflicts", "resolve", "missions", &mission, "--keep", &keep.to_string()]);
    send(&a, &b);
    for store in [&a, &b] {
        assert!(store.json(&["conflicts", "list"]).as_array().unwrap().is_empty());
        assert_eq!(store.json(&["missions", "show", &mission])["data"]["title"], "SONU — titre du coordinateur");
    }
    assert_eq!(a.dump(), b.dump());
}

#[test]
fn a_dry_run_previews_and_writes_nothing() {
    let (a, b) = (Store::named("a", "A", "expert"), Store::named("b", "B", "coordinator"));
    introduce(&a, &b);
    a.ok(&["demo", "--scale", "mission"]);
    let file = a.file("m.binome");
    a.ok(&["bundle", "export", "--out", &file, "--to", "b"]);
    let before = b.dump();
    let out = b.json(&["bundle", "import", &file, "--dry-run"]);
    assert_eq!((&out["dry_run"], &out["counts"]["sessions"]["new"]), (&json!(true), &json!(12)), "{out}");
    assert_eq!(b.dump(), before);
    let out = b.json(&["bundle", "import", &file]);
    assert_applied_from(&out, "a");
}

#[test]
fn an_import_killed_midway_leaves_the_store_as_it_was() {
    let (a, b) = (Store::named("a", "A", "expert"), Store::named("b", "B", "coordinator"));
    introduce(&a, &b);
    a.ok(&["demo", "--scale", "programme"]);
    let file = a.file("big.binome");
    a.ok(&["bundle", "export", "--out", &file, "--to", "b"]);
    let before = b.dump();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("binome"))
        .env("BINOME_PASSPHRASE", crate::support::PASSPHRASE)
        .args(["--db", b.path().to_str().unwrap(), "bundle", "import", &file])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let finished_first = child.try_wait().unwrap().is_some();
    child.kill().unwrap();
    child.wait().unwrap();
    let after = b.dump();
    if finished_first {
        assert_ne!(after, before, "the import had completed before the kill");
    } else {
        assert_eq!(after, before, "killed midway: nothing of the bundle is in the store");
        b.ok(&["bundle", "import", &file]);
        assert_eq!(b.dump(), a.dump(), "the same bundle imports cleanly afterwards");
    }
}

/// The number of versions a bundle carries, from its header.
fn carried(store: &Store, file: &str) -> u64 {
    store.json(&["bundle", "inspect", file])["counts"].as_object().unwrap().values().map(|v| v.as_u64().unwrap()).sum()
}

#[test]
fn later_bundles_carry_only_what_the_recipient_has_not_acknowledged() {
    let (a, b) = (Store::named("a", "A", "expert"), Store::named("b", "B", "coordinator"));
    introduce(&a, &b);
    a.ok(&["demo", "--scale", "mission"]);
    let first = a.file("1.binome");
    a.ok(&["bundle", "export", "--out", &first, "--to", "b"]);
    b.ok(&["bundle", "import", &first]);
    let everything = carried(&a, &first);
    assert!(everything > 600, "{everything}");

    // b's bundle back acknowledges the first one.
    let back = b.file("back.binome");
    b.ok(&["bundle", "export", "--out", &back, "--to", "a"]);
    a.ok(&["bundle", "import", &back]);

    let session = a.json(&["sessions", "list"])[0]["id"].as_str().unwrap().to_owned();
    a.ok(&["sessions", "edit", &session, "--notes", "Salle de naissance, 8 participantes"]);
    let second = a.file("2.binome");
    let report = a.json(&["bundle", "export", "--out", &second, "--to", "b"]);
    assert_eq!(report["incremental"], true);
    assert_eq!(carried(&a, &second), 1, "only the edited session");

    // That bundle is lost on the way; the next one covers it again.
    let person = a.json(&["persons", "list"])[0]["id"].as_str().unwrap().to_owned();
    a.ok(&["persons", "edit", &person, "--phone", "+235 66 00 11 22"]);
    let third = a.file("3.binome");
    a.ok(&["bundle", "export", "--out", &third, "--to", "b"]);
    assert_eq!(carried(&a, &third), 2, "the lost edit and the new one");
    b.ok(&["bundle", "import", &third]);
    assert_eq!(b.dump(), a.dump());

    let full = a.file("full.binome");
    a.ok(&["bundle", "export", "--out", &full, "--to", "b", "--full"]);
    assert_eq!(carried(&a, &full), everything);
}

#[test]
fn a_watched_folder_sorts_bundles_into_imported_and_rejected() {
    let (a, b) = (Store::named("a", "A", "expert"), Store::named("b", "B", "coordinator"));
    introduce(&a, &b);
    a.ok(&["demo", "--scale", "mission"]);
    let stick = b.dir.path().join("cle-usb");
    std::fs::create_dir_all(&stick).unwrap();
    let good = stick.join("mission.binome");
    a.ok(&["bundle", "export", "--out", good.to_str().unwrap(), "--to", "b"]);
    let broken = stick.join("abime.binome");
    let bytes = std::fs::read(&good).unwrap();
    std::fs::write(&broken, &bytes[..bytes.len() / 3]).unwrap();
    std::fs::write(stick.join("notes.txt"), "pas un lot").unwrap();

    let out = b.ok(&["--json", "bundle", "watch", stick.to_str().unwrap(), "--once"]);
    let mut each: Vec<Value> =
        out.lines().map(|line| serde_json::from_str(line).expect("a JSON line a file")).collect();
    each.sort_by_key(|file| file["file"].as_str().map(str::to_owned));
    assert_eq!(each.len(), 2, "one line a bundle, none for other files: {out}");
    assert_eq!(each[0], json!({ "file": "abime.binome", "refused": "bundle-unreadable" }));
    assert_eq!(each[1]["file"], "mission.binome");
    assert_applied_from(&each[1]["outcome"], "a");
    assert!(stick.join("imported/mission.binome").exists());
    assert!(stick.join("rejected/abime.binome").exists());
    let reason = std::fs::read_to_string(stick.join("rejected/abime.binome.raison.txt")).unwrap();
    assert_eq!(error_code(&reason), Some("bundle-unreadable"), "the note beside it says why: {reason}");
    assert!(stick.join("notes.txt").exists(), "other files are left alone");
    assert_eq!(b.count("sessions"), 12);
}

#[test]
fn a_mission_bundle_carries_that_mission_and_what_it_needs() {
    let (a, b) = (Store::named("a", "A", "expert"), Store::named("b", "B", "coordinator"));
    introduce(&a, &b);
    a.ok(&["demo", "--scale", "programme"]);
    let code = "PASA2-2019-0004";
    // The programme's own titles travel with its missions, a participant's
    // with them; another programme's stay home.
    let programme = a.json(&["missions", "show", code])["data"]["programme_id"].as_str().unwrap().to_owned();
    let other = a
        .json(&["programmes", "list"])
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] != programme.as_str())
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let sfde = a.json(&["professions", "add", "--programme", &programme, "--title", "SFDE", "--category", "2222"]);
    a.ok(&["professions", "add", "--programme", &programme, "--title", "ATS", "--category", "3221"]);
    a.ok(&["professions", "add", "--programme", &other, "--title", "IDE", "--category", "2221"]);
    // How the programme's lists write a value, and another programme's.
    for (of, value) in [(&programme, "Fém."), (&other, "Masc.")] {
        let key = value.to_lowercase().trim_end_matches('.').to_owned();
        a.ok(&[
            "value-choices",
            "add",
            "--programme",
            of,
            "--field",
            "sex",
            "--value-key",
            &key,
            "--value",
            value,
            "--mapped-to",
            "F",
        ]);
    }
    let participant =
        a.json(&["enrolments", "list", "--mission", code])[0]["data"]["person_id"].as_str().unwrap().to_owned();
    a.ok(&["persons", "edit", &participant, "--profession", sfde["id"].as_str().unwrap()]);
    let file = a.file("mission.binome");
    a.ok(&["bundle", "export", "--out", &file, "--to", "b", "--mission", code]);
    let header = a.json(&["bundle", "inspect", &file]);
    assert_eq!(header["counts"]["missions"], 1);
    assert_eq!(header["counts"]["programmes"], 1);
    assert_eq!(header["counts"]["professions"], 2, "{header}");
    assert_eq!(header["counts"]["value_choices"], 1, "only its programme's: {header}");
    assert!(std::fs::metadata(&file).unwrap().len() < 100 * 1024, "one mission fits a WhatsApp message");
    b.ok(&["bundle", "import", &file]);
    assert_eq!(b.count("missions"), 1);
    let mission = &b.json(&["missions", "show", code]);
    let report = b.json(&["indicators", "--mission", code]);
    let there = a.json(&["indicators", "--mission", code]);
    assert_eq!(report["total"], there["total"], "the mission's figures are the same on both laptops: {mission}");
    assert_eq!(b.json(&["check"]), json!([]), "nothing the mission needs is missing");
    for by in ["cadre", "category"] {
        let here = b.json(&["indicators", "--mission", code, "--by", by]);
        let there = a.json(&["indicators", "--mission", code, "--by", by]);
        assert_eq!(here["groups"], there["groups"], "by {by}, the same groups on both laptops");
    }
    assert!(
        b.json(&["indicators", "--mission", code, "--by", "cadre"])["groups"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g["label"] == "SFDE"),
        "the local title is read on the coordinator's laptop"
    );
}

#[test]
fn a_referent_laptop_reviews_but_does_not_rewrite_sessions() {
    let (expert, referent) = (Store::named("expert", "E", "expert"), Store::named("referent", "R", "referent"));
    introduce(&expert, &referent);
    expert.ok(&["demo", "--scale", "mission"]);
    send(&expert, &referent);
    let session = referent.json(&["sessions", "list"])[0]["id"].as_str().unwrap().to_owned();
    referent.refused(&["sessions", "edit", &session, "--title", "Autre titre"], 1, "role-forbids");
    let submitted = referent.json(&["sessions", "list"]);
    let submitted = submitted.as_array().unwrap().iter().find(|s| s["data"]["status"] == "submitted").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    referent.ok(&["reviews", "add", "--session", &submitted, "--decision", "validated"]);
}

#[test]
fn a_bundle_with_versions_its_origin_may_not_make_is_refused_whole() {
    let (expert, referent) = (Store::named("expert", "E", "expert"), Store::named("referent", "R", "referent"));
    introduce(&expert, &referent);
    // Demo data written on a referent's laptop: sessions a referent may not make.
    referent.ok(&["demo", "--scale", "mission"]);
    let file = referent.file("wrong.binome");
    referent.ok(&["bundle", "export", "--out", &file, "--to", "expert"]);
    expert.refused_whole(&["bundle", "import", &file], 1, "sync-role-forbids");
}

/// Who wrote a relayed version must be checked, not taken from the relayer:
/// a coordinator who never met the expert, and whom no trusted coordinator
/// told about the expert, refuses the expert's versions by name.
#[test]
fn versions_relayed_from_a_device_nobody_vouches_for_are_refused_by_name() {
    let expert = Store::named("expert", "Claire Durand", "expert");
    let referent = Store::named("referent", "Abdel Haggar", "referent");
    let coordinator = Store::named("coordinator", "Fatimé Ngaba", "coordinator");
    introduce(&expert, &referent);
    introduce(&referent, &coordinator);
    expert.ok(&["demo", "--scale", "mission"]);
    send(&expert, &referent);
    let before = coordinator.dump();
    let file = referent.file("relay.binome");
    referent.ok(&["bundle", "export", "--out", &file, "--to", "coordinator"]);
    let err = coordinator.refused(&["bundle", "import", &file], 1, "sync-unverified-origin");
    let expert_id = expert.json(&["device", "show"])["device_id"].as_str().unwrap().to_owned();
    assert!(err.contains(&expert_id), "the refusal names the origin: {err}");
    assert_eq!(coordinator.dump(), before, "nothing of the relayed bundle was applied");
    let devices = coordinator.json(&["devices", "list"]);
    assert!(devices.as_array().unwrap().iter().all(|d| d["name"] != "expert"), "the expert was not made known");
}

/// The programme's office in N'Djamena enrolled the expert; headquarters
/// trusts that office, never met the expert, and receives the expert's work
/// through the referent: the certificate travels with it and vouches.
#[test]
fn a_referent_forwards_an_expert_s_work_to_a_coordinator_who_trusts_the_expert_s_enrolment() {
    let office = Store::named("bureau-ndjamena", "Fatimé Ngaba", "coordinator");
    let expert = Store::named("expert", "Claire Durand", "expert");
    let referent = Store::named("referent", "Abdel Haggar", "referent");
    let headquarters = Store::named("siege-paris", "Hélène Martin", "coordinator");
    introduce(&office, &expert);
    introduce(&expert, &referent);
    introduce(&referent, &headquarters);
    introduce(&office, &headquarters);
    let certificate = office.file("expert.cert");
    office.ok(&["devices", "enrol", "expert", "--role", "expert", "--out", &certificate]);
    expert.ok(&["device", "install-certificate", &certificate]);

    expert.ok(&["demo", "--scale", "mission"]);
    send(&expert, &referent);
    send(&referent, &headquarters);
    assert_eq!(headquarters.dump(), expert.dump());
    let devices = headquarters.json(&["devices", "list"]);
    let relayed = devices.as_array().unwrap().iter().find(|d| d["name"] == "expert").expect("the expert is known now");
    assert_eq!(relayed["trust"], "relayed");
    assert_eq!(relayed["role"], "expert");
}

/// `from`'s hello bundle, imported by `to`; returns what `to` printed.
fn hello(from: &Store, to: &Store) -> String {
    let file = from.file("hello.binome");
    from.ok(&["bundle", "export", "--out", &file]);
    to.ok(&["bundle", "import", &file])
}

#[test]
fn a_device_enrolled_by_a_trusted_coordinator_is_trusted_on_sight() {
    let coordinator = Store::named("bureau-ndjamena", "Fatimé Ngaba", "coordinator");
    let expert = Store::named("portable-expert", "Claire Durand", "expert");
    let referent = Store::named("portable-referent", "Abdel Haggar", "referent");
    introduce(&coordinator, &expert);
    hello(&referent, &coordinator);
    let certificate = coordinator.file("referent.cert");
    coordinator.ok(&["devices", "enrol", "portable-referent", "--role", "referent", "--out", &certificate]);
    let certified: Value = serde_json::from_slice(&std::fs::read(&certificate).unwrap()).unwrap();
    assert_eq!(
        (&certified["body"]["name"], &certified["body"]["role"]),
        (&json!("portable-referent"), &json!("referent")),
        "{certified}"
    );
    referent.ok(&["device", "install-certificate", &certificate]);

    // The expert never called the referent: the certificate is enough.
    hello(&expert, &referent);
    referent.ok(&["devices", "trust", "portable-expert"]);
    let file = referent.file("to-expert.binome");
    referent.ok(&["bundle", "export", "--out", &file, "--to", "portable-expert"]);
    assert_applied_from(&expert.json(&["bundle", "import", &file]), "portable-referent");
    let devices = expert.json(&["devices", "list"]);
    let known = devices.as_array().unwrap().iter().find(|d| d["name"] == "portable-referent").unwrap();
    assert_eq!((known["trust"].as_str(), known["role"].as_str()), (Some("trusted"), Some("referent")));

    // Only a coordinator enrols.
    expert.refused(
        &["devices", "enrol", "portable-referent", "--role", "coordinator", "--out", &expert.file("x.cert")],
        1,
        "coordinator-only",
    );
}

#[test]
fn a_certificate_from_a_coordinator_nobody_trusts_changes_nothing() {
    let expert = Store::named("portable-expert", "Claire Durand", "expert");
    let impostor = Store::named("faux-bureau", "X", "coordinator");
    let referent = Store::named("portable-referent", "Y", "referent");
    hello(&referent, &impostor);
    let certificate = impostor.file("referent.cert");
    impostor.ok(&["devices", "enrol", "portable-referent", "--role", "referent", "--out", &certificate]);
    referent.ok(&["device", "install-certificate", &certificate]);
    hello(&expert, &referent);
    referent.ok(&["devices", "trust", "portable-expert"]);
    let file = referent.file("to-expert.binome");
    referent.ok(&["bundle", "export", "--out", &file, "--to", "portable-expert"]);
    let out = expert.json(&["bundle", "import", &file]);
    assert_eq!(out["outcome"], "quarantined", "an impostor's certificate earns no trust: {out}");
}

#[test]
fn an_expert_enrolled_for_one_mission_may_change_only_that_mission() {
    let coordinator = Store::named("bureau", "C", "coordinator");
    let expert = Store::named("portable-expert", "E", "expert");
    // Both hold the same planned missions (same seed, same ids).
    coordinator.ok(&["demo", "--scale", "programme"]);
    expert.ok(&["demo", "--scale", "programme"]);
    hello(&expert, &coordinator);
    let certificate = coordinator.file("expert.cert");
    coordinator.ok(&[
        "devices",
        "enrol",
        "portable-expert",
        "--role",
        "expert",
        "--mission",
        "PASA2-2019-0004",
        "--out",
        &certificate,
    ]);
    expert.ok(&["device", "install-certificate", &certificate]);
    hello(&coordinator, &expert);
    expert.ok(&["devices", "trust", "bureau"]);

    let everything = expert.file("all.binome");
    expert.ok(&["bundle", "export", "--out", &everything, "--to", "bureau", "--full"]);
    coordinator.refused_whole(&["bundle", "import", &everything], 1, "sync-outside-missions");

    let one = expert.file("one.binome");
    expert.ok(&["bundle", "export", "--out", &one, "--to", "bureau", "--mission", "PASA2-2019-0004"]);
    assert_applied_from(&coordinator.json(&["bundle", "import", &one]), "portable-expert");
}

/// Every index of a store file, by name, with its SQL.
fn indexes(path: &std::path::Path) -> Vec<(String, String)> {
    let conn = crate::support::raw(path);
    let mut stmt = conn
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<Result<_, _>>().unwrap()
}

#[test]
fn a_first_import_loaded_in_bulk_ends_with_every_index_of_the_store() {
    let (a, b) = (Store::named("a", "A", "coordinator"), Store::named("b", "B", "coordinator"));
    introduce(&a, &b);
    // Thousands of attendance rows: their table is filled first, its index built after.
    a.ok(&["demo", "--scale", "programme"]);
    let fresh = indexes(&b.path());
    assert!(fresh.iter().any(|(name, _)| name == "attendance_session"));
    send(&a, &b);
    assert_eq!(indexes(&b.path()), fresh);
    assert_eq!(b.dump(), a.dump());
}

/// The ids of the first two sessions other than `besides`.
fn two_sessions_besides(store: &Store, besides: &str) -> (String, String) {
    let sessions = store.json(&["sessions", "list"]);
    let mut ids = sessions.as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).filter(|id| *id != besides);
    (ids.next().unwrap().to_owned(), ids.next().unwrap().to_owned())
}

fn title_of(store: &Store, session: &str) -> String {
    store.json(&["sessions", "show", session])["data"]["title"].as_str().unwrap().to_owned()
}

/// The whole of issue 15 on four laptops: an expert, a referent and the
/// coordinator go through a mission; the expert restores a backup and
/// goes on; a lent laptop that everyone trusted goes bad, forges a relay
/// of the expert's work, is revoked, and tries again. Nothing of the
/// honest laptops' work is lost, none of the forgeries lands, and the
/// three honest stores end identical.
#[test]
fn three_laptops_and_a_hostile_fourth_go_through_a_mission_a_restore_a_revocation_and_a_forged_relay() {
    let expert = Store::named("portable-expert", "Claire Durand", "expert");
    let referent = Store::named("portable-referent", "Abdel Haggar", "referent");
    let office = Store::named("bureau-ndjamena", "Fatimé Ngaba", "coordinator");
    let lent = Store::named("portable-prete", "Invité", "expert");
    for (a, b) in [(&expert, &referent), (&expert, &office), (&referent, &office)] {
        introduce(a, b);
    }
    for honest in [&expert, &referent, &office] {
        introduce(&lent, honest);
    }

    // The mission: the expert's work reaches everyone, the referent reviews.
    expert.ok(&["demo", "--scale", "mission"]);
    for to in [&referent, &office, &lent] {
        send(&expert, to);
    }
    let submitted = referent.json(&["sessions", "list"]);
    let reviewed = submitted.as_array().unwrap().iter().find(|s| s["data"]["status"] == "submitted").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    referent.ok(&["reviews", "add", "--session", &reviewed, "--decision", "validated"]);
    send(&referent, &office);

    // The expert imports the office's bundle (a backup is taken first),
    // edits, then puts that backup back and edits again: both edits reach
    // the office, the counter never goes back.
    send(&office, &expert);
    let (session, other) = two_sessions_besides(&expert, &reviewed);
    expert.ok(&["sessions", "edit", &session, "--title", "Avant la restauration"]);
    send(&expert, &office);
    let backup = expert.json(&["backup", "list"])[0]["name"].as_str().unwrap().to_owned();
    expert.ok(&["backup", "restore", &backup]);
    expert.ok(&["sessions", "edit", &other, "--title", "Après la restauration"]);
    send(&office, &expert);
    send(&expert, &office);
    assert_eq!(title_of(&office, &session), "Avant la restauration");
    assert_eq!(title_of(&office, &other), "Après la restauration");
    assert_eq!(title_of(&expert, &session), "Avant la restauration", "the expert's own work came back");

    // The lent laptop makes one honest edit the office sees, then rewrites
    // one of the expert's sessions in its store and relays it whole.
    let person = lent.json(&["persons", "list"])[0]["id"].as_str().unwrap().to_owned();
    lent.ok(&["persons", "edit", &person, "--service", "Maternité B"]);
    send(&lent, &office);
    let conn = crate::support::raw(&lent.path());
    conn.execute("UPDATE sessions SET title = 'Séance annulée' WHERE id = ?1", [&session]).unwrap();
    drop(conn);
    let forged = lent.file("relais.binome");
    lent.ok(&["bundle", "export", "--out", &forged, "--to", "bureau-ndjamena", "--full"]);
    let before = office.dump();
    let refused = office.refused(&["bundle", "import", &forged], 1, "sync-unverified");
    assert!(refused.contains("portable-expert"), "the refusal names the origin it forged: {refused}");
    assert_eq!(office.dump(), before, "nothing of the forged relay landed");

    // The office revokes it; the revocation and its earlier honest edit
    // travel with the office's bundles; what it sends afterwards is refused.
    office.ok(&["devices", "revoke", "portable-prete"]);
    send(&office, &referent);
    send(&office, &expert);
    lent.ok(&["persons", "edit", &person, "--service", "Après révocation"]);
    let late = lent.file("tard.binome");
    lent.ok(&["bundle", "export", "--out", &late, "--to", "portable-expert"]);
    expert.refused_whole(&["bundle", "import", &late], 1, "sync-revoked");

    // The honest laptops meet once more and agree on everything.
    send(&referent, &office);
    send(&office, &expert);
    send(&expert, &referent);
    send(&referent, &office);
    send(&office, &expert);
    assert_eq!(expert.dump(), office.dump());
    assert_eq!(referent.dump(), office.dump());
    let service = office.json(&["persons", "show", &person])["data"]["service"].as_str().unwrap().to_owned();
    assert_eq!(
        service, "Maternité B",
        "the lent laptop's edit from before its revocation is kept, the later one is not"
    );
    assert_eq!(title_of(&referent, &session), "Avant la restauration");
    assert_eq!(
        office.json(&["sessions", "show", &reviewed])["review_status"],
        "validated",
        "the referent's decision stands"
    );
}

/// A laptop that restores a backup has lost the bundles it imported since,
/// though it had acknowledged them: its next bundle no longer lists them,
/// and the peer sends their contents again.
#[test]
fn what_a_restore_took_back_is_sent_again() {
    let (expert, office) = (Store::named("portable", "E", "expert"), Store::named("bureau", "C", "coordinator"));
    introduce(&expert, &office);
    programme(&office, "AVANT");
    send(&office, &expert);
    programme(&office, "PERDU");
    send(&office, &expert);
    assert!(has_programme(&expert, "PERDU"));
    send(&expert, &office);
    let backup = expert.json(&["backup", "list"])[0]["name"].as_str().unwrap().to_owned();
    expert.ok(&["backup", "restore", &backup]);
    assert!(!has_programme(&expert, "PERDU"), "the restore took it back");
    send(&expert, &office);
    send(&office, &expert);
    assert!(has_programme(&expert, "PERDU"), "the office sent it again");
    assert_eq!(expert.dump(), office.dump());
}
