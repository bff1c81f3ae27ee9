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
