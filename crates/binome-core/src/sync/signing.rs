//! Origin signatures, both ways: this laptop signs the versions it made as
//! it sends them, in segments (`docs/bundle-format.md`, "Origin
//! signatures"); it relays others' versions with the segments their
//! origins signed; and an import checks every version against the segment
//! its origin signed, whoever relays it.

use super::SyncRefusal;
use super::origins::VerifiedOrigins;
use crate::error::{CoreError, Result};
use binome_store::{RemoteVersion, SegmentRecord, Store, Writer};
use binome_sync::{
    DeviceKeys, PayloadWriter, Proof, SEGMENT_LEAVES, Segment, leaves_blob, leaves_from_blob, line_hash,
    write_signed_line,
};
use std::collections::{BTreeMap, HashMap};
use std::io::Write;

fn record_of(segment: &Segment) -> SegmentRecord {
    SegmentRecord {
        id: segment.id().to_vec(),
        origin: segment.origin.clone(),
        leaves: leaves_blob(&segment.leaves),
        signature: segment.signature.to_vec(),
    }
}

fn segment_of(record: SegmentRecord) -> Result<Segment> {
    let corrupt = || {
        CoreError::Store(binome_store::StoreError::Corrupt {
            table: "segments".into(),
            id: record.id.iter().map(|b| format!("{b:02x}")).collect(),
            column: "leaves".into(),
        })
    };
    let leaves = leaves_from_blob(&record.leaves).ok_or_else(corrupt)?;
    let signature: [u8; 64] = record.signature.as_slice().try_into().map_err(|_| corrupt())?;
    Ok(Segment { origin: record.origin, leaves, signature })
}

/// The versions of a bundle being written, each after the segment that
/// proves it: this laptop's own are signed in segments of
/// [`SEGMENT_LEAVES`] as they come, others' go with the segment their
/// origin signed, written once per bundle.
pub(super) struct Signer<'a> {
    me: &'a str,
    keys: &'a DeviceKeys,
    /// This laptop's versions waiting for their segment, with the lines
    /// it signs.
    own: Vec<(RemoteVersion, Vec<u8>)>,
    /// Segments written, by their number in the store: their number in
    /// the payload.
    written: HashMap<i64, u32>,
    line: Vec<u8>,
    /// Per origin, versions held back for want of their origin's signature
    /// (received before bundles carried one).
    pub held_back: BTreeMap<String, u64>,
    /// The origins of the versions written.
    pub origins: std::collections::BTreeSet<String>,
}

impl<'a> Signer<'a> {
    pub fn new(me: &'a str, keys: &'a DeviceKeys) -> Signer<'a> {
        Signer {
            me,
            keys,
            own: Vec::with_capacity(SEGMENT_LEAVES),
            written: HashMap::new(),
            line: Vec::with_capacity(1024),
            held_back: BTreeMap::new(),
            origins: Default::default(),
        }
    }

    pub fn push<W: Write>(
        &mut self,
        store: &Store,
        writer: &mut PayloadWriter<W>,
        version: RemoteVersion,
    ) -> Result<()> {
        if version.meta.origin == self.me {
            let mut line = Vec::with_capacity(512);
            write_signed_line(&version, &mut line).map_err(signed_line_error)?;
            self.own.push((version, line));
            if self.own.len() == SEGMENT_LEAVES {
                self.sign_own(writer)?;
            }
            return Ok(());
        }
        let Some(proof) = version.meta.proof else {
            *self.held_back.entry(version.meta.origin.clone()).or_default() += 1;
            return Ok(());
        };
        let number = match self.written.get(&proof) {
            Some(&number) => number,
            None => {
                let Some(record) = store.segment(proof)? else {
                    *self.held_back.entry(version.meta.origin.clone()).or_default() += 1;
                    return Ok(());
                };
                let number = writer.push_segment(&segment_of(record)?)?;
                self.written.insert(proof, number);
                number
            }
        };
        self.origins.insert(version.meta.origin.clone());
        self.line.clear();
        write_signed_line(&version, &mut self.line).map_err(signed_line_error)?;
        writer.push(&version, &self.line, Some(number))?;
        Ok(())
    }

    /// Writes what is left of this laptop's own versions.
    pub fn finish<W: Write>(&mut self, writer: &mut PayloadWriter<W>) -> Result<()> {
        if !self.own.is_empty() {
            self.sign_own(writer)?;
        }
        Ok(())
    }

    fn sign_own<W: Write>(&mut self, writer: &mut PayloadWriter<W>) -> Result<()> {
        let me = self.me;
        self.own.sort_by_key(|(v, _)| v.meta.vv.get(me));
        let leaves = self.own.iter().map(|(v, line)| (v.meta.vv.get(me), line_hash(line))).collect();
        let number = writer.push_segment(&Segment::sign(me, leaves, self.keys))?;
        for (version, line) in self.own.drain(..) {
            writer.push(&version, &line, Some(number))?;
        }
        self.origins.insert(me.to_owned());
        Ok(())
    }
}

fn signed_line_error(error: serde_json::Error) -> CoreError {
    CoreError::Bundle(binome_sync::BundleError::Write(error.into()))
}

/// The segments of the bundle being imported: for each segment line, in
/// order, its number in the store, and the segments themselves at hand,
/// bounded (once full it starts again: a payload brings each segment just
/// before most of the versions it signs).
#[derive(Default)]
pub(super) struct SegmentBook {
    numbers: Vec<i64>,
    held: HashMap<i64, Segment>,
}

const SEGMENTS_HELD: usize = 256;

impl SegmentBook {
    fn hold(&mut self, number: i64, segment: Segment) {
        if self.held.len() >= SEGMENTS_HELD {
            self.held.clear();
        }
        self.held.insert(number, segment);
    }

    /// A segment from the payload: verified with its origin's key, kept in
    /// the store (inside the import's transaction) and at hand.
    pub fn admit(&mut self, w: &Writer<'_>, segment: Segment, origins: &VerifiedOrigins) -> Result<()> {
        segment.verify(&origins.get(&segment.origin)?.key)?;
        let number = w.keep_segment(&record_of(&segment))?;
        self.numbers.push(number);
        self.hold(number, segment);
        Ok(())
    }

    /// Refuses a version its origin did not sign, and notes on the version
    /// the segment that proves it. Only in a bundle of the unsigned format
    /// may the sender's own versions come without a proof: its header
    /// signature is then their only one.
    pub fn check(
        &mut self,
        w: &Writer<'_>,
        version: &mut RemoteVersion,
        proof: Option<Proof>,
        unsigned_sender: Option<&str>,
    ) -> Result<()> {
        let origin = version.meta.origin.as_str();
        let unverified = || {
            CoreError::Sync(SyncRefusal::Unverified {
                device: origin.to_owned(),
                name: None,
                kind: version.kind,
                id: version.id.clone(),
            })
        };
        let Some(proof) = proof else {
            return if unsigned_sender == Some(origin) { Ok(()) } else { Err(unverified()) };
        };
        let number = *self.numbers.get(proof.segment as usize).ok_or_else(unverified)?;
        if !self.held.contains_key(&number) {
            let record = w.segment(number)?.ok_or_else(unverified)?;
            self.hold(number, segment_of(record)?);
        }
        let segment = &self.held[&number];
        let counter = version.meta.vv.get(origin);
        match segment.leaf(counter) {
            Some(hash) if segment.origin == origin && *hash == proof.hash => {
                version.meta.proof = Some(number);
                Ok(())
            }
            _ => Err(unverified()),
        }
    }
}
