//! A host hospital's list, as any bytes: the first byte picks how the file
//! is named (CSV, XLSX, XLS, ODS, as the import picks its reader), the
//! rest is the file. Reading it and finding its header must end in rows or
//! a typed refusal, within the readers' bounds: never a panic, never a hang.

#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

const EXTENSIONS: [&str; 4] = ["csv", "xlsx", "xls", "ods"];

fuzz_target!(|data: &[u8]| {
    let Some((&which, file)) = data.split_first() else { return };
    let path = common::scratch_file(EXTENSIONS[usize::from(which) % EXTENSIONS.len()]);
    std::fs::write(&path, file).expect("the temporary folder takes a file");
    common::read_to_the_end(&path);
    let _ = std::fs::remove_file(&path);
});
