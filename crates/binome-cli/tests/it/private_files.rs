//! What Binôme writes is readable by the laptop's user only: on a shared
//! or lent laptop, another account must not read health workers' names
//! from the store, a backup, an export or a bundle left on the disk.

#![cfg(unix)]

use crate::support::Store;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).permissions().mode() & 0o777
}

#[test]
fn the_store_its_backups_and_every_file_written_are_the_user_s_alone() {
    let store = Store::new();
    store.ok(&["demo", "--scale", "mission"]);
    assert_eq!(mode(&store.path()), 0o600, "the store");

    // An import takes a backup first.
    let template = store.file("modele.csv");
    store.ok(&["template", "participants", "--out", &template]);
    assert_eq!(mode(Path::new(&template)), 0o600, "a template");
    let mission = store.json(&["missions", "list"])[0]["data"]["code"].as_str().unwrap().to_owned();
    let list = store.file("liste.csv");
    std::fs::write(&list, "Nom;Prénom\nNOUVELLE;Awa\n").unwrap();
    store.ok(&["import", "participants", &list, "--mission", &mission]);
    let backups = store.dir.path().join("sauvegardes");
    assert_eq!(mode(&backups), 0o700, "the backups' folder");
    let backup = std::fs::read_dir(&backups).unwrap().next().expect("a backup").unwrap().path();
    assert_eq!(mode(&backup), 0o600, "a backup");

    let workbook = store.file("bailleur.xlsx");
    store.ok(&["export", "xlsx", "--out", &workbook]);
    let csv = store.file("presences.csv");
    store.ok(&["export", "csv", "--table", "attendance", "--out", &csv]);
    let dump = store.file("dump.json");
    store.ok(&["dump", "--out", &dump]);
    for file in [&workbook, &csv, &dump] {
        assert_eq!(mode(Path::new(file)), 0o600, "{file}");
    }
}

#[test]
fn a_store_an_earlier_binome_left_readable_by_all_is_narrowed_when_opened() {
    let store = Store::new();
    for file in [store.path(), store.dir.path().join("store.sqlite3-wal")] {
        if file.exists() {
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        }
    }
    store.ok(&["device", "show"]);
    assert_eq!(mode(&store.path()), 0o600);
}

#[test]
fn a_bundle_waiting_on_the_disk_is_the_user_s_alone() {
    let store = Store::new();
    let bundle = store.file("lot.binome");
    store.ok(&["bundle", "export", "--out", &bundle]);
    assert_eq!(mode(Path::new(&bundle)), 0o600);
}
