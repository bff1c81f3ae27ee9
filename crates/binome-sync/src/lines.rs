//! One payload line per row version:
//! `{"p":segment,"t":table,"id":…,"vv":{device:counter},"hlc":…,"o":origin,"a":author,"del":bool,"d":{fields}}`,
//! or per origin segment. Fields this Binôme does not know are carried in
//! `d` and kept.

use crate::BundleError;
use crate::segment::{LEAF_HASH_BYTES, LeafHash, SEGMENT_LEAVES, Segment, leaves_blob, leaves_from_blob};
use binome_domain::{Kind, VersionVector};
use binome_store::{RemoteVersion, VersionMeta, split_fields};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::collections::BTreeMap;

pub fn to_line(version: &RemoteVersion) -> String {
    let mut line = Vec::new();
    write_signed_line(version, &mut line).expect("a version serialises");
    String::from_utf8(line).expect("JSON is UTF-8")
}

/// A line as it is written: the version's parts borrowed, not copied.
#[derive(Serialize)]
struct OutgoingLine<'a> {
    t: &'a str,
    id: &'a str,
    vv: &'a VersionVector,
    hlc: i64,
    o: &'a str,
    a: &'a str,
    del: bool,
    d: Fields<'a>,
}

/// A version's fields with those from a newer Binôme among them, in one
/// object whose keys are sorted as a JSON map's would be.
struct Fields<'a>(&'a Map<String, Value>, Option<&'a Map<String, Value>>);

impl Serialize for Fields<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.1.filter(|extra| !extra.is_empty()) {
            None => self.0.serialize(serializer),
            Some(extra) => {
                let mut merged: BTreeMap<&str, &Value> = self.0.iter().map(|(k, v)| (k.as_str(), v)).collect();
                merged.extend(extra.iter().map(|(k, v)| (k.as_str(), v)));
                merged.serialize(serializer)
            }
        }
    }
}

/// Appends the line a version's origin signs (without the newline): its
/// canonical form, without a proof (`docs/bundle-format.md`).
pub fn write_signed_line(version: &RemoteVersion, out: &mut Vec<u8>) -> serde_json::Result<()> {
    let line = OutgoingLine {
        t: version.kind.table(),
        id: &version.id,
        vv: &version.meta.vv,
        hlc: version.meta.hlc,
        o: &version.meta.origin,
        a: &version.meta.author,
        del: version.meta.deleted,
        d: Fields(&version.data, version.extra.as_ref()),
    };
    serde_json::to_writer(out, &line)
}

/// The start of a proven line: `{"p":`, the segment's number, a comma.
const PROOF_OPENING: &str = "{\"p\":";

/// Appends a signed line as it travels (without the newline): with the
/// number of the segment line that proves it put first, so that a reader
/// finds the signed bytes by cutting that number out, with no
/// re-serialising.
pub fn write_proven_line(signed: &[u8], proof: u32, out: &mut Vec<u8>) {
    use std::io::Write;
    out.extend_from_slice(PROOF_OPENING.as_bytes());
    write!(out, "{proof},").expect("a Vec takes every byte");
    out.extend_from_slice(&signed[1..]);
}

/// A proven line's segment number and signed bytes (`{` then what follows
/// the number's comma), if it starts with a proof.
fn split_proof(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix(PROOF_OPENING)?;
    let comma = rest.find(',')?;
    Some((&rest[..comma], &rest[comma + 1..]))
}

/// A segment line as it is written.
#[derive(Serialize)]
struct OutgoingSegmentLine<'a> {
    seg: SegmentParts<'a>,
}

#[derive(Serialize, Deserialize)]
struct SegmentParts<'a> {
    #[serde(borrow)]
    o: Cow<'a, str>,
    /// The leaves, 24 bytes each, hex: the counters' leading zero bytes
    /// then compress away, which base64 would scatter.
    #[serde(borrow)]
    leaves: Cow<'a, str>,
    /// The ed25519 signature, hex.
    #[serde(borrow)]
    sig: Cow<'a, str>,
}

/// Appends a segment's line (without the newline) to `out`.
pub fn write_segment_line(segment: &Segment, out: &mut Vec<u8>) -> serde_json::Result<()> {
    let leaves = hex::encode(leaves_blob(&segment.leaves));
    let signature = hex::encode(segment.signature);
    let line = OutgoingSegmentLine {
        seg: SegmentParts { o: Cow::Borrowed(&segment.origin), leaves: leaves.into(), sig: signature.into() },
    };
    serde_json::to_writer(out, &line)
}

/// What a payload line holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Version(RemoteVersion, Option<Proof>),
    /// An origin's signature over versions that follow it (and maybe others).
    Segment(Segment),
}

/// What proves a version line: the number of a segment line before it in
/// the payload (0 for the first), and the hash of the bytes its origin
/// signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Proof {
    pub segment: u32,
    pub hash: LeafHash,
}

/// A line as it is read: the envelope typed, the fields as JSON. Text the
/// envelope only looks at is borrowed from the line, not copied.
#[derive(Deserialize)]
struct IncomingLine<'a> {
    #[serde(borrow)]
    t: Option<Cow<'a, str>>,
    id: Option<String>,
    vv: Option<VersionVector>,
    hlc: Option<i64>,
    o: Option<String>,
    a: Option<String>,
    del: Option<bool>,
    d: Option<Map<String, Value>>,
    p: Option<u32>,
    #[serde(borrow)]
    seg: Option<SegmentParts<'a>>,
}

/// The highest counter a version vector may hold: more than any laptop
/// will ever count, and still exact as a JavaScript number. Beyond it a
/// device's next counter could overflow.
pub const MAX_COUNTER: u64 = 1 << 53;

/// Row and device ids are UUIDs (36 characters) or hex device ids (32).
const MAX_ID_BYTES: usize = 64;
/// A person's name as a local edit allows it (200 characters of 4 bytes).
const MAX_AUTHOR_BYTES: usize = 800;

/// Reads one version line; `Ok(None)` for a table this Binôme does not
/// know (from a newer one), which is skipped rather than refused, and for
/// a segment line.
pub fn parse_line(text: &str, line: usize) -> Result<Option<RemoteVersion>, BundleError> {
    Ok(match parse_item(text, line)? {
        Some(Item::Version(version, _)) => Some(version),
        _ => None,
    })
}

/// Reads one line, a version or a segment; `Ok(None)` for a table this
/// Binôme does not know.
pub fn parse_item(text: &str, line: usize) -> Result<Option<Item>, BundleError> {
    let bad = |detail: &str| BundleError::BadPayload { line, detail: detail.to_owned() };
    // Parsed straight into its parts rather than into a JSON tree first:
    // two million lines in a country's bundle.
    let parts: IncomingLine<'_> = serde_json::from_str(text).map_err(|e| bad(&e.to_string()))?;
    if let Some(segment) = parts.seg {
        return segment_from(segment).map(|s| Some(Item::Segment(s))).ok_or_else(|| bad("malformed segment"));
    }
    let table = parts.t.ok_or_else(|| bad("no table"))?;
    let Some(kind) = Kind::from_table(&table) else { return Ok(None) };
    let id = parts.id.ok_or_else(|| bad("no id"))?;
    let origin = parts.o.ok_or_else(|| bad("no origin"))?;
    if id.len() > MAX_ID_BYTES || origin.len() > MAX_ID_BYTES {
        return Err(bad("an id longer than 64 bytes"));
    }
    if parts.a.as_ref().is_some_and(|author| author.len() > MAX_AUTHOR_BYTES) {
        return Err(bad("an author name longer than 800 bytes"));
    }
    let vv = parts.vv.ok_or_else(|| bad("bad version vector"))?;
    if vv.0.is_empty() {
        return Err(bad("empty version vector"));
    }
    if vv.0.values().any(|&counter| counter > MAX_COUNTER) {
        return Err(bad("a counter beyond 2^53"));
    }
    if vv.get(&origin) == 0 {
        return Err(bad("the origin is missing from the version vector"));
    }
    let proof = match parts.p {
        None => None,
        Some(segment) => {
            // What the origin signed is the line without its proof; the
            // proof must come first for those bytes to be cut out as they are.
            let (number, rest) = split_proof(text).ok_or_else(|| bad("a proof that does not open the line"))?;
            if number.parse::<u32>().ok() != Some(segment) || !number.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad("a proof that does not open the line"));
            }
            let mut hasher = Sha256::new();
            hasher.update(b"{");
            hasher.update(rest.as_bytes());
            Some(Proof { segment, hash: hasher.finalize()[..LEAF_HASH_BYTES].try_into().expect("16 bytes") })
        }
    };
    let fields = parts.d.ok_or_else(|| bad("no fields"))?;
    let (data, extra) = split_fields(kind, fields);
    Ok(Some(Item::Version(
        RemoteVersion {
            kind,
            id,
            data,
            extra,
            meta: VersionMeta {
                vv,
                hlc: parts.hlc.ok_or_else(|| bad("no stamp"))?,
                origin,
                author: parts.a.unwrap_or_default(),
                deleted: parts.del.ok_or_else(|| bad("no deletion flag"))?,
                proof: None,
            },
        },
        proof,
    )))
}

fn segment_from(parts: SegmentParts<'_>) -> Option<Segment> {
    if parts.o.len() > MAX_ID_BYTES {
        return None;
    }
    if parts.leaves.len() > SEGMENT_LEAVES * 24 * 2 || parts.leaves.len() % 2 != 0 {
        return None;
    }
    // Into a buffer sized beforehand: `hex::decode` collects byte by byte,
    // and a country's bundle carries tens of megabytes of leaves in hex.
    let mut blob = vec![0; parts.leaves.len() / 2];
    hex::decode_to_slice(parts.leaves.as_bytes(), &mut blob).ok()?;
    let mut signature = [0; 64];
    hex::decode_to_slice(parts.sig.as_bytes(), &mut signature).ok()?;
    Some(Segment { origin: parts.o.into_owned(), leaves: leaves_from_blob(&blob)?, signature })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::line_hash;

    const SIGNED: &str = r#"{"t":"programmes","id":"0190a4b2-0000-7000-8000-000000000001","vv":{"a1":3},"hlc":7,"o":"a1","a":"Claire Durand","del":false,"d":{"code":"PASST2","country":"TD","end_date":null,"funder":null,"hours_per_day":7.0,"name":"Appui","pass_mark":80.0,"start_date":"2019-01-01"}}"#;

    fn proven(segment: u32) -> String {
        let mut line = Vec::new();
        write_proven_line(SIGNED.as_bytes(), segment, &mut line);
        String::from_utf8(line).unwrap()
    }

    fn proof_of(text: &str) -> Result<Option<Proof>, BundleError> {
        Ok(match parse_item(text, 1)? {
            Some(Item::Version(_, proof)) => proof,
            other => panic!("expected a version, got {other:?}"),
        })
    }

    #[test]
    fn a_proven_line_names_its_segment_first_and_hashes_as_signed() {
        let line = proven(41);
        assert!(line.starts_with(r#"{"p":41,"t":"programmes""#), "{line}");
        let proof = proof_of(&line).unwrap().expect("a proof");
        assert_eq!(proof, Proof { segment: 41, hash: line_hash(SIGNED.as_bytes()) });
        // What it reads is what was signed: the line a writer would write.
        let Some(Item::Version(version, _)) = parse_item(&line, 1).unwrap() else { unreachable!() };
        assert_eq!(to_line(&version), SIGNED);
    }

    #[test]
    fn any_byte_changed_after_the_proof_changes_the_hash() {
        let signed = line_hash(SIGNED.as_bytes());
        let changed = proven(0).replace("Appui", "Appuj");
        assert_ne!(proof_of(&changed).unwrap().unwrap().hash, signed);
        // Same values, other bytes (a space): not what the origin signed.
        let spaced = proven(0).replace(r#""del":false"#, r#""del": false"#);
        assert_ne!(proof_of(&spaced).unwrap().unwrap().hash, signed);
    }

    #[test]
    fn a_proof_elsewhere_than_first_or_not_a_plain_number_is_refused() {
        let later = SIGNED.replace(r#""del":false"#, r#""del":false,"p":0"#);
        let padded = proven(0).replacen(r#"{"p":0,"#, r#"{"p":00,"#, 1);
        let spaced = proven(0).replacen(r#"{"p":0,"#, r#"{"p": 0,"#, 1);
        let text = proven(0).replacen(r#"{"p":0,"#, r#"{"p":"0","#, 1);
        let negative = proven(0).replacen(r#"{"p":0,"#, r#"{"p":-1,"#, 1);
        for line in [later, padded, spaced, text, negative] {
            assert!(matches!(proof_of(&line), Err(BundleError::BadPayload { line: 1, .. })), "{line}");
        }
    }

    #[test]
    fn a_line_without_proof_has_none() {
        assert_eq!(proof_of(SIGNED).unwrap(), None);
    }
}
