//! Test support, never in the product (feature `test-support`): bundles
//! written the way a hostile but trusted laptop would write them — any
//! payload bytes, any header — and still correctly signed and encrypted,
//! so that a test reaches the checks behind the signature.

use crate::error::BundleError;
use crate::format::{Header, Outgoing, header_for, seal_header};
use crate::keys::DeviceKeys;
use crate::payload::PayloadWriter;
use std::collections::BTreeMap;
use std::io::{Cursor, Read};

/// A signed bundle whose payload is `plaintext` as given (JSON Lines or
/// not), whose header counts `counts`, and whose header `edit` may change
/// in any way before it is signed.
pub fn crafted_bundle(
    outgoing: Outgoing<'_>,
    plaintext: &mut dyn Read,
    counts: BTreeMap<String, u64>,
    keys: &DeviceKeys,
    edit: impl FnOnce(&mut Header),
) -> Result<Vec<u8>, BundleError> {
    let mut writer = PayloadWriter::new(Vec::new(), &outgoing.recipients)?;
    writer.push_raw(plaintext)?;
    let (payload, mut written) = writer.finish()?;
    written.counts = counts;
    let mut header = header_for(outgoing, written);
    edit(&mut header);
    Ok(seal_header(header, &mut payload.as_slice(), keys, Cursor::new(Vec::new()))?.into_inner())
}
