//! A participant list is imported in memory that does not grow with its
//! rows: the heap this process takes while checking, then writing, a list
//! of 40,000 rows is counted by the test's allocator (the whole list held
//! as cells and records took 2.8 KB a row, 110 MB here). One test only in
//! this binary, so that nothing else allocates while it measures.

use binome_core::Binome;
use binome_core::import::{ImportKind, ImportOptions};
use binome_store::DeviceRole;
use std::io::Write;

#[path = "support/heap.rs"]
mod heap;
use heap::heap_growth;

/// A laptop's store, encrypted under a key of the tests' own (the
/// passphrase that would seal it is the vault's tests' business).
fn open_store(path: &std::path::Path) -> binome_core::Result<Binome> {
    Binome::open_with_key(path, &binome_core::StoreKey::from_bytes([1; 32]))
}

const ROWS: usize = 40_000;
const MAX_HEAP: usize = 32 << 20;

#[test]
fn a_long_list_is_checked_and_written_without_holding_it() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("liste.csv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&list).unwrap());
    out.write_all("Nom;Prénom(s);Sexe;Service\r\n".as_bytes()).unwrap();
    for n in 0..ROWS {
        write!(out, "NGARADOUM;Zénaba {n};F;Maternité\r\n").unwrap();
    }
    drop(out);
    let mut b = open_store(&dir.path().join("store.sqlite3")).unwrap();
    b.init("Coordination", "Awa", DeviceRole::Coordinator).unwrap();

    let dry_run = ImportOptions { dry_run: true, ..ImportOptions::default() };
    let (checked, peak) = heap_growth(|| b.import_file(ImportKind::Participants, &list, &dry_run).unwrap());
    assert_eq!((checked.created, checked.written), (ROWS, false));
    assert!(peak < MAX_HEAP, "checking took {} MB", peak >> 20);

    let (written, peak) =
        heap_growth(|| b.import_file(ImportKind::Participants, &list, &ImportOptions::default()).unwrap());
    assert_eq!((written.created, written.written), (ROWS, true));
    assert!(peak < MAX_HEAP, "importing took {} MB", peak >> 20);
    assert_eq!(b.store().count(binome_core::domain::Kind::Person).unwrap() as usize, ROWS);
}
