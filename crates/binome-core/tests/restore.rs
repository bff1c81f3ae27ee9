//! A laptop going back to a backup: its counters never go back with it, so
//! what it writes next reaches its peers, and backups themselves are kept,
//! ordered and restorable whatever its clock did.

use binome_core::backups::BackupReason;
use binome_core::domain::{Input, Kind};
use binome_core::{Binome, CoreError, DeviceRole, DeviceTrust, StoreError};
use std::path::Path;
use std::sync::atomic::{AtomicI64, Ordering};
use support::{dump, expert_and_office, introduce, open_store};

mod support;

const NOW: i64 = 1_763_900_000_000;
const YEAR: i64 = 365 * 86_400_000;

fn input(pairs: &[(&str, &str)]) -> Input {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

/// Two laptops that trust each other.
struct Pair {
    dir: tempfile::TempDir,
    expert: Binome,
    office: Binome,
}

impl Pair {
    fn new() -> Pair {
        let dir = tempfile::tempdir().unwrap();
        let (expert, office) = expert_and_office(dir.path());
        Pair { dir, expert, office }
    }

    fn file(&self, name: &str) -> std::path::PathBuf {
        self.dir.path().join(name)
    }

    fn expert_to_office(&mut self) {
        let file = self.file("to-office.binome");
        self.expert.export_bundle(&file, &["bureau-ndjamena".to_owned()], false).unwrap();
        self.office.import_bundle(&file, false).unwrap();
    }

    fn office_to_expert(&mut self) {
        let file = self.file("to-expert.binome");
        self.office.export_bundle(&file, &["portable-expert".to_owned()], false).unwrap();
        self.expert.import_bundle(&file, false).unwrap();
    }
}

fn add_programme(binome: &mut Binome, code: &str, name: &str) {
    let fields = [("code", code), ("name", name), ("country", "TD"), ("start_date", "01/01/2019")];
    binome.add(Kind::Programme, &input(&fields)).unwrap();
}

fn title(binome: &Binome, code: &str) -> String {
    binome.get(Kind::Programme, code).unwrap().data["name"].as_str().unwrap().to_owned()
}

fn rename(binome: &mut Binome, code: &str, name: &str) {
    binome.edit(Kind::Programme, code, &input(&[("name", name)])).unwrap();
}

/// The expert's programme reaches the office, the office's answer comes
/// back (the expert's store is backed up before that import), and the
/// expert then renames the programme `edits` times and sends it, restores
/// the backup, renames it once more and sends again.
fn restore_then_edit(edits: usize) -> Pair {
    let mut pair = Pair::new();
    add_programme(&mut pair.expert, "PASST2", "Appui santé Tchad");
    add_programme(&mut pair.expert, "PASA2", "Appui santé Guinée");
    pair.expert_to_office();
    pair.office_to_expert();
    let backup = pair.expert.backups().unwrap()[0].name.clone();

    for n in 0..edits {
        rename(&mut pair.expert, "PASST2", &format!("Intitulé perdu {n}"));
    }
    rename(&mut pair.expert, "PASA2", "Appui santé Guinée, phase 2");
    pair.expert_to_office();

    pair.expert.restore(&backup).unwrap();
    assert_eq!(title(&pair.expert, "PASST2"), "Appui santé Tchad", "the backup is back in place");
    rename(&mut pair.expert, "PASST2", "Appui aux soins de santé au Tchad");
    pair.expert_to_office();
    pair.office_to_expert();
    pair.expert_to_office();
    pair
}

#[test]
fn one_edit_after_the_backup_then_a_restore_still_syncs() {
    let pair = restore_then_edit(1);
    assert_eq!(title(&pair.office, "PASST2"), "Appui aux soins de santé au Tchad", "the edit made after the restore");
    assert_eq!(title(&pair.expert, "PASA2"), "Appui santé Guinée, phase 2", "the work the restore undid came back");
    assert_eq!(dump(&pair.expert), dump(&pair.office));
}

#[test]
fn two_edits_after_the_backup_then_a_restore_lose_nothing() {
    let pair = restore_then_edit(2);
    assert_eq!(title(&pair.office, "PASST2"), "Appui aux soins de santé au Tchad", "the edit made after the restore");
    assert_eq!(title(&pair.expert, "PASST2"), "Appui aux soins de santé au Tchad");
    assert_eq!(dump(&pair.expert), dump(&pair.office));
}

#[test]
fn own_versions_coming_back_raise_the_counter() {
    let mut pair = Pair::new();
    add_programme(&mut pair.expert, "PASST2", "Appui santé Tchad");
    pair.expert_to_office();
    let counter = pair.expert.device().unwrap().counter;
    // The store as it was before the programme existed: a copy of another
    // laptop's backup would be refused, so the expert's own one.
    pair.office_to_expert();
    let backup = pair.expert.backups().unwrap().last().unwrap().name.clone();
    pair.expert.restore(&backup).unwrap();
    assert_eq!(pair.expert.device().unwrap().counter, counter, "a restore keeps the higher counter");
}

static CLOCK: AtomicI64 = AtomicI64::new(NOW);

fn settable_clock() -> i64 {
    CLOCK.load(Ordering::SeqCst)
}

/// `count` imports into the office, each bringing one more programme.
fn imports(pair: &mut Pair, from: usize, count: usize) {
    for n in from..from + count {
        let code = format!("P{n:02}");
        add_programme(&mut pair.expert, &code, "Programme");
        pair.expert_to_office();
    }
}

#[test]
fn twenty_five_imports_keep_the_ten_newest_and_each_restores() {
    let mut pair = Pair::new();
    let before = pair.office.backups().unwrap().len();
    imports(&mut pair, 0, 25);
    let backups = pair.office.backups().unwrap();
    assert_eq!(backups.len(), binome_core::backups::BACKUPS_KEPT);
    let newest = backups[0].sequence;
    assert_eq!(newest as usize, before + 25, "the backup just taken is kept");
    let sequences: Vec<u64> = backups.iter().map(|b| b.sequence).collect();
    assert_eq!(sequences, (newest - 9..=newest).rev().collect::<Vec<_>>(), "the ten newest, newest first");

    // Each kept backup is the store as it was before its import: one
    // programme fewer than imports so far.
    for backup in &backups {
        pair.office.restore(&backup.name).unwrap();
        let programmes = pair.office.store().count(Kind::Programme).unwrap();
        assert_eq!(programmes as u64, backup.sequence - before as u64 - 1, "{}", backup.name);
    }
    let names: Vec<String> = pair.office.backups().unwrap().into_iter().map(|b| b.name).collect();
    for backup in &backups {
        assert!(names.contains(&backup.name), "a restore prunes nothing: {} is still there", backup.name);
    }
    assert!(names.iter().filter(|n| n.contains("avant-restauration")).count() >= 10, "every pre-restore backup stays");
}

#[test]
fn a_backup_taken_by_hand_outlives_a_day_of_imports_and_goes_only_with_newer_ones_by_hand() {
    use binome_core::backups::{BACKUPS_KEPT, BACKUPS_KEPT_BY_HAND};
    let mut pair = Pair::new();
    imports(&mut pair, 0, 2);
    let by_hand = pair.office.back_up_by_hand().unwrap()[0].name.clone();
    imports(&mut pair, 2, BACKUPS_KEPT + 15);
    let names = |pair: &Pair| -> Vec<String> { pair.office.backups().unwrap().into_iter().map(|b| b.name).collect() };
    let listed = names(&pair);
    assert!(listed.contains(&by_hand), "{by_hand} was pruned by imports: {listed:?}");
    assert_eq!(listed.len(), BACKUPS_KEPT + 1, "the ten newest before imports, and the one by hand");
    pair.office.restore(&by_hand).unwrap();
    assert_eq!(pair.office.store().count(Kind::Programme).unwrap(), 2, "the store as it was when taken");

    // Newer ones by hand (the restore took one of its own kind before it)
    // push it out; the backups taken before imports stay as they were.
    let before_imports: Vec<String> = listed.iter().filter(|n| n.contains("import-bundle")).cloned().collect();
    for _ in 0..BACKUPS_KEPT_BY_HAND {
        pair.office.back_up_by_hand().unwrap();
    }
    let listed = names(&pair);
    assert!(!listed.contains(&by_hand), "{listed:?}");
    let kept_by_hand = listed.iter().filter(|n| !n.contains("import-bundle")).count();
    assert_eq!(kept_by_hand, BACKUPS_KEPT_BY_HAND, "{listed:?}");
    let still_before_imports: Vec<String> = listed.iter().filter(|n| n.contains("import-bundle")).cloned().collect();
    assert_eq!(still_before_imports, before_imports);
}

#[test]
fn a_clock_years_ahead_then_right_does_not_prune_the_newest_backups() {
    let dir = tempfile::tempdir().unwrap();
    let mut pair = Pair::new();
    pair.office = open_store(pair.office.store().path()).unwrap().with_clock(settable_clock);
    let _ = dir;
    CLOCK.store(NOW + 2 * YEAR, Ordering::SeqCst);
    imports(&mut pair, 0, 6);
    CLOCK.store(NOW, Ordering::SeqCst);
    imports(&mut pair, 6, 8);
    let backups = pair.office.backups().unwrap();
    assert_eq!(backups.len(), binome_core::backups::BACKUPS_KEPT);
    // The newest backup is the one before the last import, taken with the
    // clock set right: restoring it leaves 13 programmes.
    pair.office.restore(&backups[0].name).unwrap();
    assert_eq!(pair.office.store().count(Kind::Programme).unwrap(), 13);
}

/// Where the office keeps its backups.
fn backup_dir(binome: &Binome) -> std::path::PathBuf {
    binome.store().path().parent().unwrap().join(binome_core::backups::BACKUP_DIR)
}

#[test]
fn an_interrupted_backup_is_never_listed_and_goes_at_the_next_one() {
    let mut pair = Pair::new();
    imports(&mut pair, 0, 1);
    let first = pair.office.backups().unwrap()[0].sequence;
    let dir = backup_dir(&pair.office);
    let leftover = dir.join(".store-000099-20261201-084400000-import-bundle.sqlite3.part");
    std::fs::write(&leftover, b"SQLite format 3\0 cut short").unwrap();
    let listed: Vec<String> = pair.office.backups().unwrap().into_iter().map(|b| b.name).collect();
    assert!(listed.iter().all(|n| !n.contains("000099")), "{listed:?}");
    imports(&mut pair, 1, 1);
    assert!(!leftover.exists(), "the work file of the interrupted backup was removed");
    assert_eq!(pair.office.backups().unwrap()[0].sequence, first + 1, "numbering ignores the interrupted one");
}

#[test]
fn two_stores_in_one_folder_keep_their_own_backups() {
    let dir = tempfile::tempdir().unwrap();
    let mut mine = support::open_store(&dir.path().join("binome.sqlite3")).unwrap();
    let mut copy = support::open_store(&dir.path().join("copie-expert.sqlite3")).unwrap();
    mine.init("bureau-ndjamena", "Fatimé Ngaba", binome_core::DeviceRole::Coordinator).unwrap();
    copy.init("portable-expert", "Claire Durand", binome_core::DeviceRole::Expert).unwrap();
    let kept = copy.backup(BackupReason::ByHand).unwrap().unwrap();
    // The copy's import cut short, its backup's work file left behind.
    let working = kept.with_file_name(".copie-expert-000002-20261201-084400000-import-bundle.sqlite3.part");
    std::fs::write(&working, b"cut short").unwrap();
    for _ in 0..binome_core::backups::BACKUPS_KEPT_BY_HAND + 2 {
        mine.backup(BackupReason::ByHand).unwrap();
    }
    let copies: Vec<String> = copy.backups().unwrap().into_iter().map(|b| b.name).collect();
    assert_eq!(
        copies,
        [kept.file_name().unwrap().to_string_lossy().into_owned()],
        "the other store's rotation kept it"
    );
    assert!(working.exists(), "the other store's work file is its own to remove");
    let mine_listed = mine.backups().unwrap();
    assert_eq!(mine_listed.len(), binome_core::backups::BACKUPS_KEPT_BY_HAND);
    assert!(mine_listed.iter().all(|b| b.name.starts_with("binome-")), "{mine_listed:?}");
}

#[test]
fn a_truncated_backup_is_refused_and_the_store_is_left_as_it_was() {
    let mut pair = Pair::new();
    imports(&mut pair, 0, 2);
    let newest = pair.office.backups().unwrap()[0].clone();
    let bytes = std::fs::read(&newest.path).unwrap();
    std::fs::write(&newest.path, &bytes[..bytes.len() / 3]).unwrap();
    let before = dump(&pair.office);
    match pair.office.restore(&newest.name) {
        Err(CoreError::Store(StoreError::NotABackup { .. })) => {}
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(dump(&pair.office), before);
}

/// A backup changed outside Binôme, with the store's own key (a copy of
/// the folder by someone who had it, or a plain file put back by hand): a
/// trigger that empties a table at every tick once restored, a view in a
/// table's place, an index gone. Each is refused naming what differs, and
/// the store is left as it was.
#[test]
fn a_backup_whose_schema_was_changed_outside_binome_is_refused_naming_what_differs() {
    let changes = [
        ("CREATE TRIGGER quiet AFTER INSERT ON attendance BEGIN DELETE FROM persons; END;", "trigger quiet"),
        ("DROP TABLE quarantine; CREATE VIEW quarantine AS SELECT 1 AS bundle_id;", "view quarantine"),
        ("DROP INDEX missions_programme;", "index missions_programme"),
    ];
    for (sql, object) in changes {
        let mut pair = Pair::new();
        imports(&mut pair, 0, 2);
        let newest = pair.office.backups().unwrap()[0].clone();
        let conn = binome_store::raw_connection(&newest.path, &binome_core::StoreKey::from_bytes([1; 32])).unwrap();
        conn.execute_batch(sql).unwrap();
        drop(conn);
        let before = dump(&pair.office);
        match pair.office.restore(&newest.name) {
            Err(error @ CoreError::Store(StoreError::BackupAltered { .. })) => {
                assert_eq!(error.code(), "backup-altered");
                let CoreError::Store(StoreError::BackupAltered { object: named, .. }) = error else { unreachable!() };
                assert_eq!(named, object);
            }
            other => panic!("expected a refusal of {object}, got {other:?}"),
        }
        assert_eq!(dump(&pair.office), before, "{object}");
    }
}

/// Sets a backup's schema version, as a newer Binôme would have written it.
fn set_schema(path: &Path, version: u32) {
    let conn = binome_store::raw_connection(path, &binome_core::StoreKey::from_bytes([1; 32])).unwrap();
    conn.execute_batch(&format!("PRAGMA user_version = {version}")).unwrap();
}

#[test]
fn a_backup_from_a_newer_binome_is_refused() {
    let mut pair = Pair::new();
    imports(&mut pair, 0, 2);
    let newest = pair.office.backups().unwrap()[0].clone();
    set_schema(&newest.path, 99);
    let before = dump(&pair.office);
    match pair.office.restore(&newest.name) {
        Err(CoreError::Store(StoreError::NewerSchema { found: 99, .. })) => {}
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(dump(&pair.office), before);
    assert_eq!(pair.office.store().schema_version().unwrap(), binome_store::SCHEMA_VERSION);
}

#[test]
fn a_backup_from_an_older_schema_is_migrated_on_restore() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/store-v2.sqlite3");
    let store_path = dir.path().join("store.sqlite3");
    std::fs::copy(&fixture, &store_path).unwrap();
    let mut binome = open_store(&store_path).unwrap();
    let sessions = binome.store().count(Kind::Session).unwrap();
    assert!(sessions > 0);
    let backups = dir.path().join(binome_core::backups::BACKUP_DIR);
    std::fs::create_dir_all(&backups).unwrap();
    std::fs::copy(&fixture, backups.join("store-000001-20260101-000000000-import-bundle.sqlite3")).unwrap();
    let mission = binome.list(Kind::Mission, &Default::default()).unwrap()[0].id.clone();
    binome.delete(Kind::Mission, &mission).unwrap();

    // A backup from before encryption, put back by hand: encrypted, then restored.
    binome.restore("import-bundle").unwrap();
    assert_eq!(binome.store().schema_version().unwrap(), binome_store::SCHEMA_VERSION);
    assert!(!binome.get(Kind::Mission, &mission).unwrap().deleted, "the mission is back");
    assert_eq!(binome.store().count(Kind::Session).unwrap(), sessions);
    // Still writable after the migration.
    binome.edit(Kind::Mission, &mission, &input(&[("title", "Mission restaurée")])).unwrap();
}

/// The code of a refusal, for the assertions below.
fn refusal_code(error: CoreError) -> String {
    error.code().to_owned()
}

#[test]
fn a_laptop_revoked_after_the_backup_is_still_revoked_once_it_is_restored() {
    let mut pair = Pair::new();
    pair.office.backup(BackupReason::ByHand).unwrap();
    pair.office.revoke_device("portable-expert").unwrap();
    pair.office.restore("manuelle").unwrap();

    let expert = pair.office.find_device("portable-expert").unwrap();
    assert_eq!(expert.trust, DeviceTrust::Revoked, "the restore brought the lost laptop's trust back");
    let to_lost = pair.file("to-lost.binome");
    let refused = pair.office.export_bundle(&to_lost, &["portable-expert".to_owned()], false).unwrap_err();
    assert_eq!(refusal_code(refused), "sync-unknown-recipient", "a bundle is encrypted to the lost laptop again");
    // The coordinator's revocation still travels in what the office sends.
    let to_all = pair.file("to-all.binome");
    pair.office.export_bundle(&to_all, &[], false).unwrap();
    let header = pair.office.inspect_bundle(&to_all).unwrap();
    assert_eq!(header.revocations.len(), 1, "the signed revocation is no longer passed on");
    // And what the lost laptop signs from now on is refused.
    add_programme(&mut pair.expert, "PASST2", "Appui santé Tchad");
    let late = pair.file("late.binome");
    pair.expert.export_bundle(&late, &["bureau-ndjamena".to_owned()], false).unwrap();
    assert_eq!(refusal_code(pair.office.import_bundle(&late, false).unwrap_err()), "sync-revoked");
}

/// A restore cut short once the backup's pages are copied, before what a
/// restore keeps is written (a power cut, a full disk): the store on disk
/// is as it was, the lost laptop still revoked, the counter where it was
/// (one taken back would give two versions one name); no scratch copy is
/// left beside it, and the next restore goes through.
#[test]
fn a_restore_cut_short_before_it_keeps_the_counters_and_refusals_leaves_the_store_as_it_was() {
    let mut pair = Pair::new();
    pair.office.backup(BackupReason::ByHand).unwrap();
    pair.office.revoke_device("portable-expert").unwrap();
    add_programme(&mut pair.office, "PASST2", "Appui santé Tchad");
    let (before, counter) = (dump(&pair.office), pair.office.device().unwrap().counter);
    let path = pair.office.store_path().to_owned();

    binome_store::failpoints::fail_next_restore_before_keeping();
    assert!(pair.office.restore("manuelle").is_err());

    let on_disk = open_store(&path).unwrap();
    assert_eq!(dump(&on_disk), before, "the store took the backup's pages all the same");
    assert_eq!(on_disk.device().unwrap().counter, counter, "the device's counter went back");
    assert_eq!(on_disk.find_device("portable-expert").unwrap().trust, DeviceTrust::Revoked);
    drop(on_disk);
    let beside: Vec<String> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("restauration") && !name.starts_with("sauvegardes"))
        .collect();
    assert!(beside.is_empty(), "a scratch copy was left beside the store: {beside:?}");

    pair.office.restore("manuelle").unwrap();
    assert!(pair.office.get(Kind::Programme, "PASST2").is_err(), "the backup is from before the programme");
    assert_eq!(pair.office.find_device("portable-expert").unwrap().trust, DeviceTrust::Revoked);
    assert!(pair.office.device().unwrap().counter >= counter);
}

#[test]
fn undoing_the_import_that_brought_a_revocation_keeps_the_revocation() {
    let mut pair = Pair::new();
    let before_meeting = pair.expert.backup(BackupReason::ByHand).unwrap().unwrap();
    let mut lost = open_store(&pair.file("lost/store.sqlite3")).unwrap();
    lost.init("portable-perdu", "Paul Martin", DeviceRole::Expert).unwrap();
    let hello = pair.file("hello-lost.binome");
    introduce(&mut lost, &mut pair.office, "portable-perdu", &hello);
    introduce(&mut lost, &mut pair.expert, "portable-perdu", &hello);
    introduce(&mut pair.expert, &mut lost, "portable-expert", &hello);
    pair.office.revoke_device("portable-perdu").unwrap();
    pair.office_to_expert();
    assert_eq!(pair.expert.find_device("portable-perdu").unwrap().trust, DeviceTrust::Revoked);

    // The expert undoes that import: the backup taken just before it.
    let before_import = pair.expert.backups().unwrap()[0].name.clone();
    assert!(before_import.contains("import-bundle"), "{before_import}");
    pair.expert.restore(&before_import).unwrap();

    assert_eq!(pair.expert.find_device("portable-perdu").unwrap().trust, DeviceTrust::Revoked);
    add_programme(&mut lost, "PASST2", "Appui santé Tchad");
    let late = pair.file("late.binome");
    lost.export_bundle(&late, &["portable-expert".to_owned()], false).unwrap();
    assert_eq!(refusal_code(pair.expert.import_bundle(&late, false).unwrap_err()), "sync-revoked");

    // Further back, before the expert ever met the lost laptop: it comes
    // back known, and revoked.
    pair.expert.restore(&before_meeting.file_name().unwrap().to_string_lossy()).unwrap();
    assert_eq!(pair.expert.find_device("portable-perdu").unwrap().trust, DeviceTrust::Revoked);
    assert_eq!(refusal_code(pair.expert.import_bundle(&late, false).unwrap_err()), "sync-revoked");
}

#[test]
fn a_laptop_refused_after_the_backup_is_still_refused_once_it_is_restored() {
    let mut pair = Pair::new();
    let mut impostor = open_store(&pair.file("impostor/store.sqlite3")).unwrap();
    impostor.init("bureau-moundou", "Inconnu", DeviceRole::Coordinator).unwrap();
    let hello_office = pair.file("hello-office.binome");
    introduce(&mut pair.office, &mut impostor, "bureau-ndjamena", &hello_office);
    let hello = pair.file("impostor-0.binome");
    impostor.export_bundle(&hello, &[], false).unwrap();
    pair.office.import_bundle(&hello, false).unwrap();
    add_programme(&mut impostor, "FAUX", "Programme douteux");
    let first = pair.file("impostor-1.binome");
    impostor.export_bundle(&first, &["bureau-ndjamena".to_owned()], false).unwrap();
    pair.office.import_bundle(&first, false).unwrap();
    assert_eq!(pair.office.quarantined().unwrap().len(), 1, "its bundle waits for a decision");
    let backup = pair.office.backup(BackupReason::ByHand).unwrap().unwrap();
    pair.office.reject_device("bureau-moundou").unwrap();

    pair.office.restore(&backup.file_name().unwrap().to_string_lossy()).unwrap();
    assert_eq!(pair.office.find_device("bureau-moundou").unwrap().trust, DeviceTrust::Rejected);
    assert!(pair.office.quarantined().unwrap().is_empty(), "its bundle is offered again");
    add_programme(&mut impostor, "FAUX2", "Autre programme douteux");
    let second = pair.file("impostor-2.binome");
    impostor.export_bundle(&second, &["bureau-ndjamena".to_owned()], false).unwrap();
    assert_eq!(refusal_code(pair.office.import_bundle(&second, false).unwrap_err()), "sync-rejected");
}

/// The laptops a programme's pseudonym key is sealed to now, by device id.
fn key_holders(binome: &Binome) -> Vec<String> {
    let keys = binome.store().list(Kind::PseudonymKey, &binome_core::ListQuery::default()).unwrap();
    let [key] = keys.as_slice() else { panic!("one programme, one key: {keys:?}") };
    let holders = key.data["sealed_for"].as_array().unwrap();
    holders.iter().map(|h| h["device"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn a_coordinator_revoked_after_the_backup_is_no_longer_sealed_a_pseudonym_key_once_it_is_restored() {
    let mut pair = Pair::new();
    let mut colleague = open_store(&pair.file("colleague/store.sqlite3")).unwrap();
    colleague.init("bureau-conakry", "Mamadou Diallo", DeviceRole::Coordinator).unwrap();
    add_programme(&mut pair.office, "PASST2", "Appui santé Tchad");
    let programme = pair.office.get(Kind::Programme, "PASST2").unwrap().id;
    pair.office.pseudonym_keys(std::slice::from_ref(&programme)).unwrap();
    let hello = pair.file("hello-colleague.binome");
    introduce(&mut colleague, &mut pair.office, "bureau-conakry", &hello);
    let colleague_id = colleague.device().unwrap().device_id.clone();
    assert!(key_holders(&pair.office).contains(&colleague_id), "a trusted coordinator holds the key");
    let backup = pair.office.backup(BackupReason::ByHand).unwrap().unwrap();
    pair.office.revoke_device("bureau-conakry").unwrap();
    assert!(!key_holders(&pair.office).contains(&colleague_id));

    pair.office.restore(&backup.file_name().unwrap().to_string_lossy()).unwrap();
    assert!(!key_holders(&pair.office).contains(&colleague_id), "the key is sealed to the lost laptop again");
}
