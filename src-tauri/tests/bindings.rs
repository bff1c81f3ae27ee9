//! The UI's TypeScript types must be the Rust types of today.

use binome_desktop::bindings::{BINDINGS_PATH, typescript};
use std::path::PathBuf;

#[test]
fn committed_bindings_match_the_rust_types() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join(BINDINGS_PATH);
    let expected = typescript();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &expected).expect("bindings written");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == expected,
        "{BINDINGS_PATH} is stale: run `UPDATE_BINDINGS=1 cargo test -p binome-desktop --test bindings` and commit it"
    );
}
