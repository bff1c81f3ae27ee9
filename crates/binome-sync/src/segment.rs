//! Origin signatures. A device signs its own versions in segments: up to
//! [`SEGMENT_LEAVES`] pairs (counter, hash of the version's line), one
//! ed25519 signature over them all. A relayer forwards any subset of an
//! origin's versions with the segments that hold them, and every receiver
//! checks each version against its origin's key, whoever sent the bundle.
//!
//! Why segments and not a signature per version: checking a signature per
//! version would cost as much as the whole import of a country's bundle; a
//! segment costs one signature per 256 versions and a hash per version
//! (`docs/bundle-format.md` has the figures). Why not a Merkle tree: each
//! version would carry its path, more bytes than the whole leaf list once
//! a relayer forwards most of a segment, which it nearly always does.

use crate::error::BundleError;
use crate::keys::DeviceKeys;
use crate::lines::write_signed_line;
use binome_store::RemoteVersion;
use ed25519_dalek::{Signature, Signer, VerifyingKey};
use sha2::{Digest, Sha256};

/// Leaves in a segment at most.
pub const SEGMENT_LEAVES: usize = 256;
const DOMAIN: &[u8] = b"binome-segment-v1\0";
const LEAF_BYTES: usize = 8 + LEAF_HASH_BYTES;
/// A leaf keeps the first 16 bytes of the SHA-256: forging a version for a
/// signed leaf is a second-preimage search of 2^128, and each byte saved is
/// two million bytes of a country's bundle that zstd cannot compress.
pub const LEAF_HASH_BYTES: usize = 16;

pub type LeafHash = [u8; LEAF_HASH_BYTES];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The device that made and signed these versions.
    pub origin: String,
    /// (the origin's counter of the version, the hash of its line), by
    /// increasing counter.
    pub leaves: Vec<(u64, LeafHash)>,
    pub signature: [u8; 64],
}

/// What a segment's signature covers: a fixed prefix, the origin id, a
/// zero byte, the leaf count, then each leaf (counter as 8 big-endian
/// bytes, hash as 16 bytes).
fn signed_bytes(origin: &str, leaves: &[(u64, LeafHash)]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(DOMAIN.len() + origin.len() + 5 + leaves.len() * LEAF_BYTES);
    bytes.extend_from_slice(DOMAIN);
    bytes.extend_from_slice(origin.as_bytes());
    bytes.push(0);
    bytes.extend_from_slice(&(leaves.len() as u32).to_be_bytes());
    bytes.extend_from_slice(&leaves_blob(leaves));
    bytes
}

/// Leaves as stored and carried: 24 bytes each.
pub fn leaves_blob(leaves: &[(u64, LeafHash)]) -> Vec<u8> {
    let mut blob = Vec::with_capacity(leaves.len() * LEAF_BYTES);
    for (counter, hash) in leaves {
        blob.extend_from_slice(&counter.to_be_bytes());
        blob.extend_from_slice(hash);
    }
    blob
}

pub fn leaves_from_blob(blob: &[u8]) -> Option<Vec<(u64, LeafHash)>> {
    if blob.len() % LEAF_BYTES != 0 {
        return None;
    }
    Some(
        blob.chunks_exact(LEAF_BYTES)
            .map(|leaf| {
                let counter = u64::from_be_bytes(leaf[..8].try_into().expect("8 bytes"));
                (counter, leaf[8..].try_into().expect("16 bytes"))
            })
            .collect(),
    )
}

/// The hash a version is signed under: the first 16 bytes of the SHA-256
/// of its signed line, as [`crate::lines::write_signed_line`] writes it
/// (`docs/bundle-format.md`, "Origin signatures").
pub fn line_hash(signed: &[u8]) -> LeafHash {
    Sha256::digest(signed)[..LEAF_HASH_BYTES].try_into().expect("16 bytes")
}

/// [`line_hash`] of a version's signed line.
pub fn version_hash(version: &RemoteVersion) -> LeafHash {
    let mut line = Vec::with_capacity(512);
    write_signed_line(version, &mut line).expect("a version serialises");
    line_hash(&line)
}

impl Segment {
    /// Signs `leaves` (counters increasing) as a segment of `origin`.
    pub fn sign(origin: &str, leaves: Vec<(u64, LeafHash)>, keys: &DeviceKeys) -> Segment {
        let signature = keys.signing.sign(&signed_bytes(origin, &leaves)).to_bytes();
        Segment { origin: origin.to_owned(), leaves, signature }
    }

    /// Checks the signature with the origin's key, and the shape: one to
    /// [`SEGMENT_LEAVES`] leaves, counters strictly increasing.
    pub fn verify(&self, origin_key: &OriginKey) -> Result<(), BundleError> {
        let bad = || BundleError::BadSegment { origin: self.origin.clone(), first_counter: self.first_counter() };
        if self.leaves.is_empty() || self.leaves.len() > SEGMENT_LEAVES {
            return Err(bad());
        }
        if self.leaves.windows(2).any(|pair| pair[0].0 >= pair[1].0) {
            return Err(bad());
        }
        origin_key
            .0
            .verify_strict(&signed_bytes(&self.origin, &self.leaves), &Signature::from_bytes(&self.signature))
            .map_err(|_| bad())
    }

    /// The segment's name: SHA-256 of what its signature covers, so two
    /// segments are one only if they sign the same leaves of one origin.
    pub fn id(&self) -> [u8; 32] {
        Sha256::digest(signed_bytes(&self.origin, &self.leaves)).into()
    }

    pub fn first_counter(&self) -> u64 {
        self.leaves.first().map_or(0, |leaf| leaf.0)
    }

    pub fn last_counter(&self) -> u64 {
        self.leaves.last().map_or(0, |leaf| leaf.0)
    }

    /// The hash signed for the origin's version `counter`, if this segment holds it.
    pub fn leaf(&self, counter: u64) -> Option<&LeafHash> {
        self.leaves.binary_search_by_key(&counter, |leaf| leaf.0).ok().map(|i| &self.leaves[i].1)
    }
}

/// The public key a device signs its segments with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OriginKey(VerifyingKey);

impl OriginKey {
    /// From its hex form, as device records and certificates hold it.
    pub fn from_hex(hex_key: &str) -> Option<OriginKey> {
        let bytes: [u8; 32] = hex::decode(hex_key).ok()?.try_into().ok()?;
        VerifyingKey::from_bytes(&bytes).ok().map(OriginKey)
    }

    pub fn of(keys: &DeviceKeys) -> OriginKey {
        OriginKey(keys.signing.verifying_key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaves(counters: &[u64]) -> Vec<(u64, LeafHash)> {
        counters.iter().map(|&c| (c, Sha256::digest(c.to_be_bytes())[..LEAF_HASH_BYTES].try_into().unwrap())).collect()
    }

    #[test]
    fn a_segment_verifies_with_its_origin_key_only() {
        let (origin, other) = (DeviceKeys::generate(), DeviceKeys::generate());
        let segment = Segment::sign("device-a", leaves(&[1, 2, 5]), &origin);
        assert!(segment.verify(&OriginKey::of(&origin)).is_ok());
        assert!(segment.verify(&OriginKey::of(&other)).is_err());
        assert_eq!(segment.leaf(5), Some(&leaves(&[5])[0].1));
        assert_eq!(segment.leaf(3), None);
    }

    #[test]
    fn any_change_to_a_segment_breaks_its_signature() {
        let keys = DeviceKeys::generate();
        let key = OriginKey::of(&keys);
        let segment = Segment::sign("device-a", leaves(&[1, 2]), &keys);
        let mut shortened = segment.clone();
        shortened.leaves.pop();
        let mut moved = segment.clone();
        moved.origin = "device-b".into();
        let mut swapped = segment.clone();
        swapped.leaves[1].1 = leaves(&[9])[0].1;
        let mut recounted = segment.clone();
        recounted.leaves[1].0 = 3;
        for changed in [shortened, moved, swapped, recounted] {
            assert!(changed.verify(&key).is_err(), "{changed:?}");
        }
    }

    #[test]
    fn leaves_travel_as_twenty_four_bytes_each() {
        let original = leaves(&[1, 7, 1 << 40]);
        let blob = leaves_blob(&original);
        assert_eq!(blob.len(), 72);
        assert_eq!(leaves_from_blob(&blob).unwrap(), original);
        assert!(leaves_from_blob(&blob[..71]).is_none());
    }
}
