//! `--json` is for scripts: a command that does something prints one JSON
//! document of what it did, and nothing else on standard output.

use crate::support::Store;
use crate::sync::{introduce, send};
use serde_json::{Value, json};

fn written(out: &Value, path: &str) {
    assert_eq!(out["written"], path, "{out}");
    assert_eq!(out["bytes"], std::fs::metadata(path).unwrap().len(), "{out}");
}

#[test]
fn files_written_by_exports_and_prints_are_reported_as_json() {
    let store = Store::new();
    store.ok(&["demo", "--scale", "mission"]);
    let workbook = store.file("bailleur.xlsx");
    written(&store.json(&["export", "xlsx", "--out", &workbook]), &workbook);
    let csv = store.file("indicateurs.csv");
    written(&store.json(&["export", "csv", "--out", &csv]), &csv);
    let session = store.json(&["sessions", "list"])[0]["id"].as_str().unwrap().to_owned();
    let sheet = store.file("emargement.pdf");
    written(&store.json(&["print", "attendance-sheet", "--session", &session, "--out", &sheet]), &sheet);
    let template = store.file("correspondance.json");
    assert_eq!(store.json(&["dhis2", "template", "--out", &template]), json!({ "written": template }));
    assert!(std::path::Path::new(&template).exists());
}

#[test]
fn what_is_done_to_a_device_is_reported_as_json() {
    let (office, laptop) =
        (Store::named("bureau", "Fatimé", "coordinator"), Store::named("terrain", "Claire", "expert"));
    let hello = laptop.file("hello.binome");
    laptop.ok(&["bundle", "export", "--out", &hello]);
    office.json(&["bundle", "import", &hello]);
    assert_eq!(office.json(&["devices", "trust", "terrain"]), json!({ "trusted": "terrain", "imported": [] }));
    let certificate = office.file("terrain.cert");
    assert_eq!(
        office.json(&["devices", "enrol", "terrain", "--role", "referent", "--out", &certificate]),
        json!({ "enrolled": "terrain", "role": "referent", "certificate": certificate })
    );
    assert_eq!(
        laptop.json(&["device", "install-certificate", &certificate]),
        json!({ "issuer": "bureau", "role": "referent" })
    );
    assert_eq!(office.json(&["devices", "revoke", "terrain"]), json!({ "revoked": "terrain" }));
    let fingerprint = laptop.json(&["device", "show"])["fingerprint"].clone();
    assert_eq!(
        office.json(&["devices", "forget", "terrain"]),
        json!({ "forgotten": "terrain", "fingerprint": fingerprint })
    );
}

#[test]
fn a_restored_backup_and_a_changed_passphrase_are_reported_as_json() {
    let (office, laptop) =
        (Store::named("bureau", "Fatimé", "coordinator"), Store::named("terrain", "Claire", "expert"));
    introduce(&office, &laptop);
    laptop.ok(&["demo", "--scale", "mission"]);
    send(&laptop, &office);
    let backups = office.json(&["backup"]);
    let name = backups[0]["name"].as_str().expect("an import keeps a backup of the store before it").to_owned();
    assert_eq!(office.json(&["backup", "restore", &name]), json!({ "restored": name }));
    assert_eq!(office.count("sessions"), 0, "the store as it was before the mission's bundle");
    let changed = office
        .cmd(&["--json", "passphrase", "change"])
        .env("BINOME_NEW_PASSPHRASE", "une autre phrase de passe assez longue")
        .output()
        .unwrap();
    assert!(changed.status.success(), "{}", String::from_utf8_lossy(&changed.stderr));
    assert_eq!(serde_json::from_slice::<Value>(&changed.stdout).unwrap(), json!({ "passphrase_changed": true }));
}
