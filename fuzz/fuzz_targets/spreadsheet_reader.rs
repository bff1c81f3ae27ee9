//! A host hospital's list, as any bytes: the first byte picks how the file
//! is named (CSV, XLSX, XLS, ODS, as the import picks its reader), the
//! rest is the file. Reading it and finding its header must end in rows or
//! a typed refusal, within the readers' bounds: never a panic, never a hang.

#![no_main]

use binome_core::sheet::{find_header, read_rows};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

const EXTENSIONS: [&str; 4] = ["csv", "xlsx", "xls", "ods"];

fuzz_target!(|data: &[u8]| {
    let Some((&which, file)) = data.split_first() else { return };
    let extension = EXTENSIONS[usize::from(which) % EXTENSIONS.len()];
    // The readers take a path, as the import does: one file per process.
    let path = std::env::temp_dir().join(format!("binome-fuzz-{}.{extension}", std::process::id()));
    std::fs::write(&path, file).expect("the temporary folder takes a file");
    read_to_the_end(&path);
    let _ = std::fs::remove_file(&path);
});

fn read_to_the_end(path: &Path) {
    let Ok((source, rows)) = read_rows(path, None) else { return };
    let heading_score = |cells: &[String]| cells.iter().filter(|c| !c.is_empty()).count();
    let Ok((_, rows)) = find_header(source, rows, heading_score) else { return };
    // A bad row ends the pass, as it ends an import.
    for row in rows {
        if row.is_err() {
            break;
        }
    }
}
