//! Origin signatures, both ways: this laptop signs the versions it made as
//! it sends them, in segments (`docs/bundle-format.md`, "Origin
//! signatures"); it relays others' versions with the segments their
//! origins signed; and an import checks every version against the segment
//! its origin signed, whoever relays it.

use super::SyncRefusal;
use super::origins::VerifiedOrigins;
use crate::error::{CoreError, Result};
use binome_store::{RemoteVersion, SegmentRecord, Store, Writer};
use binome_sync::{DeviceKeys, PayloadWriter, SEGMENT_LEAVES, Segment, leaves_blob, leaves_from_blob, version_hash};
use std::collections::{BTreeMap, HashMap, HashSet};
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
    own: Vec<RemoteVersion>,
    written: HashSet<Vec<u8>>,
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
            written: HashSet::new(),
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
            self.own.push(version);
            if self.own.len() == SEGMENT_LEAVES {
                self.sign_own(writer)?;
            }
            return Ok(());
        }
        let Some(proof) = version.meta.proof.clone() else {
            *self.held_back.entry(version.meta.origin.clone()).or_default() += 1;
            return Ok(());
        };
        if !self.written.contains(&proof) {
            let Some(record) = store.segment(&proof)? else {
                *self.held_back.entry(version.meta.origin.clone()).or_default() += 1;
                return Ok(());
            };
            writer.push_segment(&segment_of(record)?)?;
            self.written.insert(proof);
        }
        self.origins.insert(version.meta.origin.clone());
        writer.push(&version)?;
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
        self.own.sort_by_key(|v| v.meta.vv.get(me));
        let leaves = self.own.iter().map(|v| (v.meta.vv.get(me), version_hash(v))).collect();
        let segment = Segment::sign(me, leaves, self.keys);
        writer.push_segment(&segment)?;
        let id = segment.id().to_vec();
        for mut version in self.own.drain(..) {
            version.meta.proof = Some(id.clone());
            writer.push(&version)?;
        }
        self.origins.insert(me.to_owned());
        Ok(())
    }
}

/// Segments at hand during an import, by id: those the bundle brought so
/// far and those looked up in the store. Bounded: once full it starts
/// again, since a payload brings each segment just before the versions it
/// signs.
#[derive(Default)]
pub(super) struct SegmentBook {
    by_id: HashMap<Vec<u8>, Segment>,
}

const SEGMENTS_HELD: usize = 256;

impl SegmentBook {
    fn hold(&mut self, id: Vec<u8>, segment: Segment) {
        if self.by_id.len() >= SEGMENTS_HELD {
            self.by_id.clear();
        }
        self.by_id.insert(id, segment);
    }

    /// A segment from the payload: verified with its origin's key, kept in
    /// the store (inside the import's transaction) and at hand.
    pub fn admit(&mut self, w: &Writer<'_>, segment: Segment, origins: &VerifiedOrigins) -> Result<()> {
        segment.verify(&origins.get(&segment.origin)?.key)?;
        let record = record_of(&segment);
        w.keep_segment(&record)?;
        self.hold(record.id, segment);
        Ok(())
    }

    /// Refuses a version its origin did not sign. Only in a bundle of the
    /// unsigned format may the sender's own versions come without a proof:
    /// its header signature is then their only one.
    pub fn check(&mut self, w: &Writer<'_>, version: &RemoteVersion, unsigned_sender: Option<&str>) -> Result<()> {
        let origin = version.meta.origin.as_str();
        let unverified = || {
            CoreError::Sync(SyncRefusal::Unverified {
                device: origin.to_owned(),
                name: None,
                table: version.kind.table().to_owned(),
                id: version.id.clone(),
            })
        };
        let Some(proof) = &version.meta.proof else {
            return if unsigned_sender == Some(origin) { Ok(()) } else { Err(unverified()) };
        };
        if !self.by_id.contains_key(proof) {
            // Kept earlier, so verified when it was.
            let record = w.segment(proof)?.ok_or_else(unverified)?;
            self.hold(proof.clone(), segment_of(record)?);
        }
        let segment = &self.by_id[proof];
        let counter = version.meta.vv.get(origin);
        match segment.leaf(counter) {
            Some(hash) if segment.origin == origin && *hash == version_hash(version) => Ok(()),
            _ => Err(unverified()),
        }
    }
}
