//! A hostile bundle is refused within 100 MB of memory, whatever it holds:
//! the heap this process takes while refusing each one is counted by the
//! test's allocator (`support/heap.rs`). One test only in this binary, so
//! that nothing else allocates while it measures.

use binome_core::CoreError;
use binome_sync::{BundleError, Limit};
use std::io::Read;

#[path = "support/crafting.rs"]
mod crafting;
mod support;

use crafting::*;

#[path = "support/heap.rs"]
mod heap;
use heap::heap_growth;

const MAX_HEAP: usize = 100 << 20;

#[test]
fn every_hostile_bundle_is_refused_within_a_hundred_megabytes() {
    let mut laptops = laptops();
    let origin = laptops.expert_id();
    let start = programme_line_open_in_its_name(&origin);
    // A 900 MB review comment on one line (the 31 KB bundle).
    let mut long_line = start.as_bytes().chain(std::io::repeat(b'a').take(900 << 20)).chain(&b"\"}}\n"[..]);
    let long_line = laptops.crafted(&mut long_line, &[("programmes", 1)], |_| {});
    let mut blank = std::io::repeat(b'\n').take(500 << 20);
    let blank = laptops.crafted(&mut blank, &[], |_| {});
    // Half a gigabyte of lines under a header that declares ten bytes.
    let line = programme_line(&origin, PROGRAMME, "Appui santé Tchad") + "\n";
    let repeated = line.as_bytes().repeat((500 << 20) / line.len());
    let mut many = repeated.as_slice();
    let undeclared = laptops.crafted(&mut many, &[("programmes", 1)], |h| h.payload.plain_bytes = Some(10));
    drop(repeated);
    let mut stranger = stranger(laptops.dir.path(), 1);
    let too_large = {
        let keys = stranger.keys().unwrap();
        let outgoing = outgoing(&mut stranger, &mut laptops.office);
        let size = binome_core::sync::QUARANTINE_MAX_BUNDLE_BYTES + (1 << 20);
        let bytes = binome_sync::crafted::crafted_bundle(
            outgoing,
            &mut Noise(0x9E37_79B9_7F4A_7C15).take(size),
            Default::default(),
            0,
            &keys,
            |_| {},
        )
        .unwrap();
        let path = laptops.dir.path().join("large.binome");
        std::fs::write(&path, bytes).unwrap();
        path
    };

    let (error, heap) = heap_growth(|| laptops.refused(&long_line));
    assert!(matches!(error, CoreError::Bundle(BundleError::TooLarge { limit: Limit::Line, .. })), "{error:?}");
    assert!(heap < MAX_HEAP, "a 900 MB line took {} MB", heap >> 20);
    let (error, heap) = heap_growth(|| laptops.refused(&blank));
    assert!(matches!(error, CoreError::Bundle(BundleError::BadPayload { line: 1, .. })), "{error:?}");
    assert!(heap < MAX_HEAP, "500 MB of blank lines took {} MB", heap >> 20);
    let (error, heap) = heap_growth(|| laptops.refused(&undeclared));
    assert!(matches!(error, CoreError::Bundle(BundleError::TooLarge { limit: Limit::Plaintext, .. })), "{error:?}");
    assert!(heap < MAX_HEAP, "500 MB beyond the declared size took {} MB", heap >> 20);
    let (error, heap) = heap_growth(|| laptops.office.import_bundle(&too_large, false));
    assert!(error.is_err(), "a stranger's bundle too large for the quarantine is refused");
    assert!(
        heap < MAX_HEAP,
        "a stranger's {} MB bundle took {} MB",
        std::fs::metadata(&too_large).unwrap().len() >> 20,
        heap >> 20
    );
}
