//! One payload line per row version:
//! `{"t":table,"id":…,"vv":{device:counter},"hlc":…,"o":origin,"a":author,"del":bool,"d":{fields}}`.
//! Fields this Binôme does not know are carried in `d` and kept.

use crate::BundleError;
use crate::segment::{SEGMENT_LEAVES, Segment, leaves_blob, leaves_from_blob};
use binome_domain::{Kind, VersionVector};
use binome_store::{RemoteVersion, VersionMeta, split_fields};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::collections::BTreeMap;

pub fn to_line(version: &RemoteVersion) -> String {
    let mut line = Vec::new();
    write_line(version, &mut line).expect("a version serialises");
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
    /// The id of the segment that proves it, hex; absent from what is hashed.
    #[serde(skip_serializing_if = "Option::is_none")]
    p: Option<String>,
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

/// Appends a version's line (without the newline) to `out`, with the id of
/// the segment that proves it when known.
pub fn write_line(version: &RemoteVersion, out: &mut Vec<u8>) -> serde_json::Result<()> {
    write_line_with(version, out, true)
}

/// The line a version's origin signs: without its proof.
pub(crate) fn write_signed_line(version: &RemoteVersion, out: &mut Vec<u8>) -> serde_json::Result<()> {
    write_line_with(version, out, false)
}

fn write_line_with(version: &RemoteVersion, out: &mut Vec<u8>, with_proof: bool) -> serde_json::Result<()> {
    let line = OutgoingLine {
        t: version.kind.table(),
        id: &version.id,
        vv: &version.meta.vv,
        hlc: version.meta.hlc,
        o: &version.meta.origin,
        a: &version.meta.author,
        del: version.meta.deleted,
        d: Fields(&version.data, version.extra.as_ref()),
        p: version.meta.proof.as_ref().filter(|_| with_proof).map(hex::encode),
    };
    serde_json::to_writer(out, &line)
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
    Version(RemoteVersion),
    /// An origin's signature over versions that follow it (and maybe others).
    Segment(Segment),
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
    #[serde(borrow)]
    p: Option<Cow<'a, str>>,
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
        Some(Item::Version(version)) => Some(version),
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
    let fields = parts.d.ok_or_else(|| bad("no fields"))?;
    let (data, extra) = split_fields(kind, fields);
    Ok(Some(Item::Version(RemoteVersion {
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
            proof: match parts.p {
                Some(hex_id) => Some(
                    hex::decode(hex_id.as_bytes())
                        .ok()
                        .filter(|id| id.len() == 32)
                        .ok_or_else(|| bad("a proof that is not a segment id"))?,
                ),
                None => None,
            },
        },
    })))
}

fn segment_from(parts: SegmentParts<'_>) -> Option<Segment> {
    if parts.o.len() > MAX_ID_BYTES {
        return None;
    }
    if parts.leaves.len() > SEGMENT_LEAVES * 24 * 2 {
        return None;
    }
    let blob = hex::decode(parts.leaves.as_bytes()).ok()?;
    if blob.len() > SEGMENT_LEAVES * 24 {
        return None;
    }
    let signature: [u8; 64] = hex::decode(parts.sig.as_bytes()).ok()?.try_into().ok()?;
    Some(Segment { origin: parts.o.into_owned(), leaves: leaves_from_blob(&blob)?, signature })
}
