//! Test support, never in the product (feature `test-support`): bundles
//! written the way a hostile but trusted laptop would write them — any
//! payload bytes, any header — and still correctly signed and encrypted,
//! so that a test reaches the checks behind the signature.

use crate::error::BundleError;
use crate::format::{Header, Outgoing, header_for, seal_header};
use crate::keys::DeviceKeys;
use crate::lines::{write_proven_line, write_segment_line, write_signed_line};
use crate::payload::PayloadWriter;
use crate::segment::{SEGMENT_LEAVES, Segment, line_hash};
use binome_store::RemoteVersion;
use std::collections::BTreeMap;
use std::io::{Cursor, Read};

/// A signed bundle whose payload is `plaintext` as given (JSON Lines or
/// not), whose header counts `counts` and `segments`, and whose header
/// `edit` may change in any way before it is signed.
pub fn crafted_bundle(
    outgoing: Outgoing,
    plaintext: &mut dyn Read,
    counts: BTreeMap<String, u64>,
    segments: u64,
    keys: &DeviceKeys,
    edit: impl FnOnce(&mut Header),
) -> Result<Vec<u8>, BundleError> {
    let mut writer = PayloadWriter::new(Vec::new(), &outgoing.recipients)?;
    writer.push_raw(plaintext)?;
    let (payload, mut written) = writer.finish()?;
    written.counts = counts;
    written.segments = segments;
    let mut header = header_for(outgoing, written);
    edit(&mut header);
    Ok(seal_header(header, &mut payload.as_slice(), keys, Cursor::new(Vec::new()))?.into_inner())
}

/// Payload lines for `versions`, all made by `origin` and signed with its
/// `keys` as its own export would sign them (what a laptop holding those
/// keys can always do); returns the lines and how many segments they hold.
pub fn signed_lines(versions: &[RemoteVersion], keys: &DeviceKeys) -> (Vec<u8>, u64) {
    let mut out = Vec::new();
    let mut segments = 0;
    for chunk in versions.chunks(SEGMENT_LEAVES) {
        let origin = &chunk[0].meta.origin;
        let mut chunk: Vec<(u64, Vec<u8>)> = chunk
            .iter()
            .map(|v| {
                let mut line = Vec::new();
                write_signed_line(v, &mut line).expect("a version serialises");
                (v.meta.vv.get(origin), line)
            })
            .collect();
        chunk.sort_by_key(|(counter, _)| *counter);
        let leaves = chunk.iter().map(|(counter, line)| (*counter, line_hash(line))).collect();
        let segment = Segment::sign(origin, leaves, keys);
        write_segment_line(&segment, &mut out).expect("a segment serialises");
        out.push(b'\n');
        for (_, line) in chunk {
            write_proven_line(&line, segments as u32, &mut out);
            out.push(b'\n');
        }
        segments += 1;
    }
    (out, segments)
}
