//! What the spreadsheet targets share: a file read as the import reads it.

use binome_core::sheet::{HiddenRows, find_header, read_rows};
use std::path::{Path, PathBuf};

/// The file the readers are given, named with `extension` (which picks the
/// reader, as in the import): one per process, the readers take a path.
pub fn scratch_file(extension: &str) -> PathBuf {
    std::env::temp_dir().join(format!("binome-fuzz-{}.{extension}", std::process::id()))
}

/// Reads the file through the header search to its last row, as an
/// import's first pass does: rows or a typed refusal, never a panic.
pub fn read_to_the_end(path: &Path) {
    // The reader catches calamine's panics on damaged records and refuses
    // the file, as the app does; libFuzzer's panic hook would abort on
    // them all the same. Without it, a panic the reader lets out still
    // reaches libfuzzer-sys, which reports it as a crash.
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let Ok((source, rows)) = read_rows(path, None, HiddenRows::Read) else { return };
    let heading_score = |cells: &[String]| cells.iter().filter(|c| !c.is_empty()).count();
    let Ok((_, rows)) = find_header(source, rows, heading_score) else { return };
    // A bad row ends the pass, as it ends an import.
    for row in rows {
        if row.is_err() {
            break;
        }
    }
}
