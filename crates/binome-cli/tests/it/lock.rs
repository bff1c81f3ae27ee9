//! The store's passphrase from the command line: scripts give it in
//! `BINOME_PASSPHRASE`, a wrong or missing one leaves the store locked
//! (exit 5), and `binome passphrase change` seals the key anew.

use crate::support::Store;

const LOCKED: i32 = 5;

#[test]
fn a_wrong_or_missing_passphrase_leaves_the_store_locked() {
    let store = Store::new();
    let wrong = store.cmd(&["--json", "persons", "list"]).env("BINOME_PASSPHRASE", "pas la bonne").output().unwrap();
    assert_eq!(wrong.status.code(), Some(LOCKED));
    assert!(wrong.stdout.is_empty(), "nothing of the store is printed");
    // No variable and no terminal to ask at (a script, a cron job).
    let missing = store.cmd(&["persons", "list"]).env_remove("BINOME_PASSPHRASE").output().unwrap();
    assert_eq!(missing.status.code(), Some(LOCKED));
    let said = String::from_utf8_lossy(&missing.stderr);
    assert!(said.contains("BINOME_PASSPHRASE"), "the refusal names the variable: {said}");
}

#[test]
fn a_new_store_wants_a_passphrase_of_eight_characters_at_least() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store { dir };
    let mut short = store.cmd(&["init", "--name", "a", "--author", "A", "--role", "expert"]);
    let out = short.env("BINOME_PASSPHRASE", "court").output().unwrap();
    assert_eq!(out.status.code(), Some(LOCKED));
    assert!(!store.path().exists(), "no store was made");
}

#[test]
fn the_passphrase_changes_and_only_the_new_one_opens_the_store() {
    let store = Store::new();
    store.add("persons", &["--family-name", "MAHAMAT", "--given-names", "Zénaba"]);
    let changed =
        store.cmd(&["passphrase", "change"]).env("BINOME_NEW_PASSPHRASE", "une phrase nouvelle").output().unwrap();
    assert!(changed.status.success(), "{}", String::from_utf8_lossy(&changed.stderr));
    assert_eq!(store.cmd(&["persons", "list"]).output().unwrap().status.code(), Some(LOCKED), "the old one is refused");
    let listed =
        store.cmd(&["--json", "persons", "list"]).env("BINOME_PASSPHRASE", "une phrase nouvelle").output().unwrap();
    assert!(listed.status.success());
    let persons: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(persons[0]["data"]["family_name"], "MAHAMAT");
    // A new passphrase too short is refused, and the one in place stays.
    let short = store
        .cmd(&["passphrase", "change"])
        .env("BINOME_PASSPHRASE", "une phrase nouvelle")
        .env("BINOME_NEW_PASSPHRASE", "court")
        .output()
        .unwrap();
    assert_eq!(short.status.code(), Some(LOCKED));
    let still = store.cmd(&["persons", "list"]).env("BINOME_PASSPHRASE", "une phrase nouvelle").output().unwrap();
    assert!(still.status.success(), "the passphrase in place still opens the store");
}

/// The app keeps its store open while the CLI reads it: what the app has
/// just written is what the CLI lists.
#[test]
fn the_cli_beside_the_open_app_reads_what_the_app_just_wrote() {
    use binome_core::domain::{Input, Kind};
    let store = Store::new();
    let passphrase = binome_core::vault::Passphrase::new(crate::support::PASSPHRASE);
    let mut app = binome_core::Binome::unlock(&store.path(), &passphrase).unwrap();
    for n in 0..5 {
        let input: Input = [("family_name".to_owned(), format!("ECRIT-{n}"))].into_iter().collect();
        app.add(Kind::Person, &input).unwrap();
        assert_eq!(store.count("persons"), n + 1, "the CLI sees the app's write {n}");
    }
}

/// `binome unlock --from-kit KIT --store TARGET` on `coordinator`'s
/// laptop, setting `new_passphrase`.
fn reset_with_kit(coordinator: &Store, kit: &str, target: &str, new_passphrase: &str) -> std::process::Output {
    coordinator
        .cmd(&["unlock", "--from-kit", kit, "--store", target])
        .env("BINOME_NEW_PASSPHRASE", new_passphrase)
        .output()
        .unwrap()
}

fn exit_of(out: &std::process::Output) -> Option<i32> {
    out.status.code()
}

/// An expert forgets the passphrase: the kit written once the coordinator
/// was trusted lets that coordinator, and no other laptop, set a new one.
#[test]
fn a_forgotten_passphrase_is_reset_by_the_coordinator_through_the_kit_and_by_nobody_else() {
    let expert = Store::named("portable-expert", "Claire Durand", "expert");
    let office = Store::named("bureau-ndjamena", "Fatimé Ngaba", "coordinator");
    let stranger = Store::named("autre-bureau", "Inconnu", "coordinator");
    let kit = expert.dir.path().join("kit-de-recuperation.json");
    assert!(!kit.exists(), "no kit before a coordinator is trusted");
    let refused = expert.cmd(&["recovery-kit"]).output().unwrap();
    assert_eq!(exit_of(&refused), Some(LOCKED), "no kit without a coordinator");
    crate::sync::introduce(&expert, &office);
    assert!(kit.exists(), "the kit is written as soon as a coordinator is trusted");
    let (copy, page) = (expert.file("kit.json"), expert.file("kit.pdf"));
    let written = expert.json(&["recovery-kit", "--out", &copy, "--pdf", &page]);
    assert_eq!(written["coordinators"], serde_json::json!(["bureau-ndjamena"]));
    let printed = crate::print::pdf_text(&page);
    assert!(printed.contains("bureau-ndjamena") && printed.contains("Claire Durand"), "{printed}");
    // The store key is in the kit sealed only: not in hex, not in base64.
    let passphrase = binome_core::vault::Passphrase::new(crate::support::PASSPHRASE);
    let key = binome_core::vault::unseal_key(&expert.path(), &passphrase).unwrap();
    let kit_text = std::fs::read_to_string(&copy).unwrap();
    assert!(!kit_text.contains(&hex::encode(key.as_bytes())));
    let b64 = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, key.as_bytes());
    assert!(!kit_text.contains(&b64[..20]), "the key in base64 in the kit");
    expert.add("persons", &["--family-name", "MAHAMAT", "--given-names", "Zénaba"]);
    let kit = kit.to_string_lossy().into_owned();
    let target = expert.path().to_string_lossy().into_owned();

    // Another coordinator's laptop cannot open it.
    let theirs = reset_with_kit(&stranger, &kit, &target, "une phrase du voleur");
    assert_eq!(exit_of(&theirs), Some(LOCKED));
    // The trusted coordinator sets a new passphrase; the old one (forgotten)
    // no longer opens the store, the new one does, with its records.
    let reset = reset_with_kit(&office, &kit, &target, "une phrase du bureau");
    assert!(reset.status.success(), "{}", String::from_utf8_lossy(&reset.stderr));
    assert_eq!(exit_of(&expert.cmd(&["persons", "list"]).output().unwrap()), Some(LOCKED));
    let listed = expert.cmd(&["--json", "persons", "list"]).env("BINOME_PASSPHRASE", "une phrase du bureau").output();
    let persons: serde_json::Value = serde_json::from_slice(&listed.unwrap().stdout).unwrap();
    assert_eq!(persons[0]["data"]["family_name"], "MAHAMAT");

    // The key file lost as well: the kit makes it again.
    std::fs::remove_file(format!("{target}.cle")).unwrap();
    let again = reset_with_kit(&office, &kit, &target, "une troisième phrase");
    assert!(again.status.success(), "{}", String::from_utf8_lossy(&again.stderr));
    let opened = expert.cmd(&["persons", "list"]).env("BINOME_PASSPHRASE", "une troisième phrase").output().unwrap();
    assert!(opened.status.success());
}

#[test]
fn a_revoked_coordinator_no_longer_opens_the_kit() {
    let expert = Store::named("portable-expert", "Claire Durand", "expert");
    let office = Store::named("bureau-ndjamena", "Fatimé Ngaba", "coordinator");
    crate::sync::introduce(&expert, &office);
    assert!(expert.dir.path().join("kit-de-recuperation.json").exists());
    expert.ok(&["devices", "revoke", "bureau-ndjamena"]);
    assert_eq!(exit_of(&expert.cmd(&["recovery-kit"]).output().unwrap()), Some(LOCKED), "no coordinator left");
    let key_file = std::fs::read_to_string(expert.path().with_extension("sqlite3.cle")).unwrap();
    assert!(!key_file.contains("recovery"), "the seal to the revoked coordinator is gone: {key_file}");
}

/// The tired expert undoes the last import after revoking the lost
/// coordinator: the backup is from before the revocation, the revocation
/// stays (and with it the kit nobody opens).
#[test]
fn a_restore_from_before_a_revocation_keeps_the_coordinator_revoked() {
    let expert = Store::named("portable-expert", "Claire Durand", "expert");
    let office = Store::named("bureau-ndjamena", "Fatimé Ngaba", "coordinator");
    crate::sync::introduce(&expert, &office);
    office.add("persons", &["--family-name", "NGARADOUM", "--given-names", "Achta"]);
    crate::sync::send(&office, &expert);
    let backups = expert.json(&["backup", "list"]);
    let before_import = backups[0]["name"].as_str().unwrap().to_owned();
    expert.ok(&["devices", "revoke", "bureau-ndjamena"]);

    expert.ok(&["backup", "restore", &before_import]);
    let devices = expert.json(&["devices", "list"]);
    let office_seen = devices.as_array().unwrap().iter().find(|d| d["name"] == "bureau-ndjamena").unwrap();
    assert_eq!(office_seen["trust"], "revoked", "{devices}");
    assert_eq!(exit_of(&expert.cmd(&["recovery-kit"]).output().unwrap()), Some(LOCKED), "no coordinator left");
    let persons = expert.json(&["persons", "list"]);
    assert_eq!(persons.as_array().unwrap().len(), 0, "the import was undone: {persons}");
}

/// The kit follows the store a restore puts back: a coordinator trusted
/// after the backup is no longer trusted here, and the kit is sealed to
/// those the store trusts until that coordinator is trusted again.
#[test]
fn after_a_restore_the_kit_is_sealed_to_the_coordinators_the_store_trusts() {
    let expert = Store::named("portable-expert", "Claire Durand", "expert");
    let office = Store::named("bureau-ndjamena", "Fatimé Ngaba", "coordinator");
    let other_office = Store::named("bureau-moundou", "Ahmat Idriss", "coordinator");
    crate::sync::introduce(&expert, &office);
    expert.ok(&["backup", "create"]);
    crate::sync::introduce(&expert, &other_office);
    // The kit kept beside the store, as the last change of trust wrote it.
    let holders = |store: &Store| {
        let kit = std::fs::read_to_string(store.dir.path().join("kit-de-recuperation.json")).unwrap();
        let kit: serde_json::Value = serde_json::from_str(&kit).unwrap();
        let mut names: Vec<String> = kit["seal"]["coordinators"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap().to_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(holders(&expert), ["bureau-moundou", "bureau-ndjamena"]);
    expert.ok(&["backup", "restore", "manuelle"]);
    assert_eq!(holders(&expert), ["bureau-ndjamena"]);
}

fn family_names(persons: &serde_json::Value) -> Vec<&str> {
    let mut names: Vec<&str> =
        persons.as_array().unwrap().iter().map(|p| p["data"]["family_name"].as_str().unwrap()).collect();
    names.sort();
    names
}

fn files_in(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect()
}

/// A kit is a file that travels and stays where it went: once a
/// coordinator it was sealed to is revoked, the next unlock puts the store
/// and its backups under a new key, and the kits sent before open nothing.
#[test]
fn a_revoked_coordinator_s_old_kit_opens_neither_the_store_nor_its_backups() {
    use binome_core::vault::{Passphrase, unseal_key};
    let expert = Store::named("portable-expert", "Claire Durand", "expert");
    let office = Store::named("bureau-ndjamena", "Fatimé Ngaba", "coordinator");
    let other_office = Store::named("bureau-moundou", "Ahmat Idriss", "coordinator");
    crate::sync::introduce(&expert, &office);
    crate::sync::introduce(&expert, &other_office);
    expert.add("persons", &["--family-name", "MAHAMAT", "--given-names", "Zénaba"]);
    // A bundle with records: its import takes a backup first.
    other_office.add("persons", &["--family-name", "NGARADOUM", "--given-names", "Achta"]);
    crate::sync::send(&other_office, &expert);
    let old_kit = expert.file("kit-envoye.json");
    let sent = expert.json(&["recovery-kit", "--out", &old_kit]);
    let mut holders: Vec<&str> = sent["coordinators"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
    holders.sort();
    assert_eq!(holders, ["bureau-moundou", "bureau-ndjamena"]);
    let passphrase = Passphrase::new(crate::support::PASSPHRASE);
    let old_key = unseal_key(&expert.path(), &passphrase).unwrap();
    let backups = files_in(&expert.dir.path().join("sauvegardes"));
    assert!(!backups.is_empty(), "bundle imports took backups");

    expert.ok(&["devices", "revoke", "bureau-ndjamena"]);
    // The next command unlocks with the passphrase: the key is replaced,
    // the records are all there, the same passphrase opens them.
    let replaced = expert.cmd(&["--json", "persons", "list"]).output().unwrap();
    assert!(replaced.status.success(), "{}", String::from_utf8_lossy(&replaced.stderr));
    assert!(!replaced.stderr.is_empty(), "the person is told why this unlock takes longer");
    let persons: serde_json::Value = serde_json::from_slice(&replaced.stdout).unwrap();
    assert_eq!(family_names(&persons), ["MAHAMAT", "NGARADOUM"]);
    let again = expert.cmd(&["--json", "persons", "list"]).output().unwrap();
    assert!(again.stderr.is_empty(), "the key is replaced once: {}", String::from_utf8_lossy(&again.stderr));
    let new_key = unseal_key(&expert.path(), &passphrase).unwrap();
    assert_ne!(old_key.as_bytes(), new_key.as_bytes());
    for file in std::iter::once(expert.path()).chain(backups) {
        assert!(
            matches!(binome_store::opens_with(&file, &old_key), Err(binome_store::StoreError::WrongKey { .. })),
            "the old key still opens {}",
            file.display()
        );
        binome_store::opens_with(&file, &new_key).unwrap();
    }
    let key_file: serde_json::Value =
        serde_json::from_slice(&std::fs::read(expert.path().with_extension("sqlite3.cle")).unwrap()).unwrap();
    let office_id = office.json(&["device", "show"])["device_id"].as_str().unwrap().to_owned();
    assert!(key_file.get("previous").is_none(), "the replacement is finished: {key_file}");
    assert!(!key_file.to_string().contains(&office_id), "the new key was never sealed to the revoked office");

    // The revoked office opens its old kit, whose key opens nothing now.
    let target = expert.path().to_string_lossy().into_owned();
    let revoked = reset_with_kit(&office, &old_kit, &target, "une phrase du voleur");
    assert_eq!(exit_of(&revoked), Some(LOCKED));
    assert_eq!(crate::support::error_code(&String::from_utf8_lossy(&revoked.stderr)), Some("kit-other-store"));
    // The kit beside the store is sealed again, to the office still trusted,
    // which resets a forgotten passphrase with it.
    let new_kit = expert.file("kit-de-recuperation.json");
    let resealed: serde_json::Value = serde_json::from_slice(&std::fs::read(&new_kit).unwrap()).unwrap();
    let holders: Vec<&str> =
        resealed["seal"]["coordinators"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(holders, ["bureau-moundou"]);
    let reset = reset_with_kit(&other_office, &new_kit, &target, "une phrase du bureau");
    assert!(reset.status.success(), "{}", String::from_utf8_lossy(&reset.stderr));
    let listed = expert.cmd(&["--json", "persons", "list"]).env("BINOME_PASSPHRASE", "une phrase du bureau").output();
    let persons: serde_json::Value = serde_json::from_slice(&listed.unwrap().stdout).unwrap();
    assert_eq!(family_names(&persons), ["MAHAMAT", "NGARADOUM"]);
}
