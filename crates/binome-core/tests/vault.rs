//! The lock on a store as a thief, a forgetful user and an upgrade meet
//! it: nothing readable in any file Binôme leaves on the disk, the right
//! passphrase and only it opens the store, and a store from before
//! encryption is encrypted on its first unlock with all its backups.

use binome_core::backups::BackupReason;
use binome_core::vault::{BEFORE_ENCRYPTION, Passphrase, StoreState, key_file_path, store_state, unseal_key};
use binome_core::{Binome, CoreError, DeviceRole};
use std::path::{Path, PathBuf};

const PASSPHRASE: &str = "la case de Mme Acta";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(name)
}

fn holds(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Every file under `dir`, as a thief copying the laptop's folder gets them.
fn every_file(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() { files.extend(every_file(&path)) } else { files.push(path) }
    }
    files
}

fn assert_nothing_readable(dir: &Path, secrets: &[&[u8]]) {
    for file in every_file(dir) {
        let bytes = std::fs::read(&file).unwrap();
        for secret in secrets {
            assert!(!holds(&bytes, secret), "{} holds {:?} in clear", file.display(), String::from_utf8_lossy(secret));
        }
        assert!(!bytes.starts_with(b"SQLite format 3"), "{} is plain SQLite", file.display());
    }
}

fn persons_in(conn: &rusqlite::Connection) -> (i64, String) {
    conn.query_row("SELECT count(*), (SELECT family_name FROM persons ORDER BY id LIMIT 1) FROM persons", [], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
    .unwrap()
}

#[test]
fn a_new_store_reveals_no_name_and_no_key_and_opens_with_its_passphrase_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("binome.sqlite3");
    assert_eq!(store_state(&path).unwrap(), StoreState::New);
    let mut binome = Binome::set_up(&path, &Passphrase::new(PASSPHRASE)).unwrap();
    binome.init("portable-expert", "Achta Mahamat Saleh", DeviceRole::Expert).unwrap();
    binome.backup(BackupReason::ByHand).unwrap();
    let key = unseal_key(&path, &Passphrase::new(PASSPHRASE)).unwrap();
    // What a thief copies while the app runs: the store, its WAL, the key
    // file, the backups.
    let hex_key = hex_of(key.as_bytes());
    assert_nothing_readable(dir.path(), &[b"Achta Mahamat Saleh", key.as_bytes(), hex_key.as_bytes()]);
    drop(binome);
    assert_eq!(store_state(&path).unwrap(), StoreState::Locked);
    let wrong = Binome::unlock(&path, &Passphrase::new("la case de Mme Achta")).err().expect("refused");
    assert_eq!(wrong.code(), "wrong-passphrase");
    let reopened = Binome::unlock(&path, &Passphrase::new(PASSPHRASE)).unwrap();
    assert_eq!(reopened.device().unwrap().author, "Achta Mahamat Saleh");
}

fn hex_of(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn every_plain_store_is_encrypted_on_its_first_unlock_with_its_backups_and_keeps_its_records() {
    for name in ["store-v1.sqlite3", "store-v2.sqlite3", "store-v4.sqlite3", "store-v5.sqlite3", "store-v6.sqlite3"] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("binome.sqlite3");
        std::fs::copy(fixture(name), &path).unwrap();
        // A backup the earlier Binôme took, in clear like its store.
        let backups = dir.path().join("sauvegardes");
        std::fs::create_dir(&backups).unwrap();
        let older = backups.join("binome-000001-20190301-080000000-import-tableur.sqlite3");
        std::fs::copy(fixture(name), &older).unwrap();
        let (count, family_name) = persons_in(&rusqlite::Connection::open(&path).unwrap());
        assert!(count > 0 && holds(&std::fs::read(&path).unwrap(), family_name.as_bytes()), "{name}: a name in clear");
        assert_eq!(store_state(&path).unwrap(), StoreState::Unprotected, "{name}");

        let mut binome = Binome::set_up(&path, &Passphrase::new(PASSPHRASE)).unwrap();
        assert_eq!(binome.store().schema_version().unwrap(), binome_store::SCHEMA_VERSION, "{name}");
        assert_nothing_readable(dir.path(), &[family_name.as_bytes()]);
        let key = unseal_key(&path, &Passphrase::new(PASSPHRASE)).unwrap();
        assert_eq!(persons_in(&binome_store::raw_connection(&path, &key).unwrap()), (count, family_name.clone()));
        // The older backup was encrypted in place, and one more taken of the
        // store as it was; both restore.
        let names: Vec<String> = binome.backups().unwrap().into_iter().map(|b| b.name).collect();
        assert_eq!(names.len(), 2, "{name}: {names:?}");
        assert!(names[0].ends_with(&format!("-{BEFORE_ENCRYPTION}.sqlite3")), "{name}: {names:?}");
        binome.restore("import-tableur").unwrap();
        binome.restore(BEFORE_ENCRYPTION).unwrap();
        assert_eq!(persons_in(&binome_store::raw_connection(&path, &key).unwrap()).0, count, "{name}");
    }
}

#[test]
fn an_encryption_cut_short_is_finished_at_the_next_unlock() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("binome.sqlite3");
    std::fs::copy(fixture("store-v6.sqlite3"), &path).unwrap();
    drop(Binome::set_up(&path, &Passphrase::new(PASSPHRASE)).unwrap());
    // The laptop went off before the encrypted store took the plain one's
    // place: the key file is written, the store still plain.
    std::fs::copy(fixture("store-v6.sqlite3"), &path).unwrap();
    assert_eq!(store_state(&path).unwrap(), StoreState::Locked);
    let reopened = Binome::unlock(&path, &Passphrase::new(PASSPHRASE)).unwrap();
    assert_eq!(reopened.device().unwrap().name, "fixture-v6");
    assert_nothing_readable(dir.path(), &[b"fixture-v6"]);
}

#[test]
fn a_new_passphrase_opens_the_store_and_its_backups_and_not_a_page_is_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("binome.sqlite3");
    let mut binome = Binome::set_up(&path, &Passphrase::new(PASSPHRASE)).unwrap();
    binome.init("portable-expert", "Achta", DeviceRole::Expert).unwrap();
    binome.backup(BackupReason::ByHand).unwrap();
    drop(binome);
    let before = std::fs::read(&path).unwrap();
    let binome = Binome::unlock(&path, &Passphrase::new(PASSPHRASE)).unwrap();
    let short = binome.change_passphrase(&Passphrase::new(PASSPHRASE), &Passphrase::new("court"));
    assert_eq!(short.err().map(|e| e.code()), Some("passphrase-too-short"));
    let wrong = binome.change_passphrase(&Passphrase::new("pas la bonne"), &Passphrase::new("une phrase nouvelle"));
    assert_eq!(wrong.err().map(|e| e.code()), Some("wrong-passphrase"));
    binome.change_passphrase(&Passphrase::new(PASSPHRASE), &Passphrase::new("une phrase nouvelle")).unwrap();
    drop(binome);
    assert_eq!(std::fs::read(&path).unwrap(), before, "the store's pages are the same");
    let old = Binome::unlock(&path, &Passphrase::new(PASSPHRASE)).err().expect("the old one no longer opens");
    assert_eq!(old.code(), "wrong-passphrase");
    let mut binome = Binome::unlock(&path, &Passphrase::new("une phrase nouvelle")).unwrap();
    binome.restore("manuelle").unwrap();
    assert_eq!(binome.device().unwrap().author, "Achta");
}

#[test]
fn a_store_whose_key_file_is_lost_says_so_and_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("binome.sqlite3");
    let mut binome = Binome::set_up(&path, &Passphrase::new(PASSPHRASE)).unwrap();
    binome.init("portable-expert", "Achta", DeviceRole::Expert).unwrap();
    drop(binome);
    let before = std::fs::read(&path).unwrap();
    std::fs::remove_file(key_file_path(&path)).unwrap();
    let code = |e: CoreError| e.code();
    assert_eq!(store_state(&path).err().map(|e| e.code()), Some("key-file-missing"));
    assert_eq!(Binome::set_up(&path, &Passphrase::new(PASSPHRASE)).err().map(code), Some("key-file-missing"));
    assert_eq!(Binome::unlock(&path, &Passphrase::new(PASSPHRASE)).err().map(code), Some("key-file-missing"));
    assert_eq!(std::fs::read(&path).unwrap(), before, "the encrypted store is left as it was");
}

#[test]
fn a_damaged_key_file_is_told_apart_from_a_wrong_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("binome.sqlite3");
    drop(Binome::set_up(&path, &Passphrase::new(PASSPHRASE)).unwrap());
    std::fs::write(key_file_path(&path), b"{\"format\": 1, \"store\": ").unwrap();
    let refused = Binome::unlock(&path, &Passphrase::new(PASSPHRASE)).err().expect("refused");
    assert_eq!(refused.code(), "key-file-damaged");
}

#[cfg(unix)]
#[test]
fn the_key_file_is_its_owner_s_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("binome.sqlite3");
    drop(Binome::set_up(&path, &Passphrase::new(PASSPHRASE)).unwrap());
    let mode = std::fs::metadata(key_file_path(&path)).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

/// Run as a child process by the test below: another program (the CLI
/// beside the app) opens the store, counts its persons and closes it.
#[test]
fn persons_probe_child() {
    let Some(path) = std::env::var_os("BINOME_PERSONS_PROBE") else { return };
    let binome = Binome::unlock(Path::new(&path), &Passphrase::new("une phrase nouvelle")).unwrap();
    println!("PERSONS={}", binome.store().count(binome_core::domain::Kind::Person).unwrap());
}

fn persons_another_program_sees(path: &Path) -> String {
    let probe = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "persons_probe_child", "--nocapture", "--test-threads=1"])
        .env("BINOME_PERSONS_PROBE", path)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&probe.stdout).into_owned();
    said.split_once("PERSONS=")
        .map_or(said.clone(), |(_, rest)| rest.chars().take_while(char::is_ascii_digit).collect())
}

/// Changing the passphrase in the app must not release its hold on the
/// store: the CLI closing beside it would then delete the WAL, and the
/// app's next commits with it.
#[test]
fn changing_the_passphrase_keeps_the_app_s_commits_visible_to_the_cli_beside_it() {
    use binome_core::domain::{Input, Kind};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("binome.sqlite3");
    let mut app = Binome::set_up(&path, &Passphrase::new(PASSPHRASE)).unwrap();
    app.init("portable-expert", "Achta", DeviceRole::Expert).unwrap();
    let person = |name: &str| -> Input { [("family_name".to_owned(), name.to_owned())].into_iter().collect() };
    app.add(Kind::Person, &person("PREMIER")).unwrap();
    app.change_passphrase(&Passphrase::new(PASSPHRASE), &Passphrase::new("une phrase nouvelle")).unwrap();
    assert_eq!(persons_another_program_sees(&path), "1");
    app.add(Kind::Person, &person("SECOND")).unwrap();
    assert_eq!(persons_another_program_sees(&path), "2", "the app's commit after the change is in the WAL others read");
}
