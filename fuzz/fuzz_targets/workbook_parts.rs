//! A workbook's XML, damaged anywhere: the Moundou list as `.xlsx` or
//! `.ods` with one of its parts (the first byte picks which) spliced by the
//! fuzzer — from a position, some bytes removed and the fuzzer's put in
//! their place — and zipped again. Random bytes rarely make a zip that
//! inflates; this puts hostile XML past the zip, in front of calamine's XML
//! readers and the bounds checked before them, and starts from a real list
//! so the readers go deep without a seed corpus.

#![no_main]

mod common;
mod splice;

use libfuzzer_sys::fuzz_target;
use std::io::{Cursor, Read, Write};

const XLSX: &[u8] = include_bytes!("../../tests/fixtures/participants-moundou.xlsx");
const ODS: &[u8] = include_bytes!("../../tests/fixtures/participants-moundou.ods");
/// A hidden first sheet and cells merged down: the sheet's merges and the
/// workbook's sheet states are read too.
const MERGED_XLSX: &[u8] = include_bytes!("../../tests/fixtures/participants-merged.xlsx");
const MERGED_ODS: &[u8] = include_bytes!("../../tests/fixtures/participants-merged.ods");

/// (the workbook, its part the fuzzer writes, the file's extension)
const PARTS: [(&[u8], &str, &str); 8] = [
    (XLSX, "xl/worksheets/sheet2.xml", "xlsx"),
    (XLSX, "xl/sharedStrings.xml", "xlsx"),
    (XLSX, "xl/workbook.xml", "xlsx"),
    (XLSX, "xl/styles.xml", "xlsx"),
    (ODS, "content.xml", "ods"),
    (MERGED_XLSX, "xl/worksheets/sheet2.xml", "xlsx"),
    (MERGED_XLSX, "xl/workbook.xml", "xlsx"),
    (MERGED_ODS, "content.xml", "ods"),
];

/// The workbook with `part` spliced by `splice` (two bytes of position,
/// two of how many bytes to remove, then the bytes to put in), its other
/// parts as they were.
fn with_part(workbook: &[u8], part: &str, splice: &[u8]) -> Vec<u8> {
    let mut source = zip::ZipArchive::new(Cursor::new(workbook)).expect("the fixture is a zip");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for index in 0..source.len() {
        let mut entry = source.by_index(index).expect("the fixture's entries read");
        let name = entry.name().to_owned();
        let mut original = Vec::new();
        entry.read_to_end(&mut original).expect("the fixture's entries inflate");
        let body = if name == part { splice::spliced(&original, splice) } else { original };
        out.start_file(name.as_str(), stored).expect("an entry starts");
        out.write_all(&body).expect("an entry is written");
    }
    out.finish().expect("the zip closes").into_inner()
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, body)) = data.split_first() else { return };
    let (workbook, part, extension) = PARTS[usize::from(which) % PARTS.len()];
    let path = common::scratch_file(extension);
    std::fs::write(&path, with_part(workbook, part, body)).expect("the temporary folder takes a file");
    common::read_to_the_end(&path);
    let _ = std::fs::remove_file(&path);
});
