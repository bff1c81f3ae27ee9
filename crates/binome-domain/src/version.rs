//! How versions of a synced row are ordered. Causality is decided by the
//! version vector ({device → counter}), never by clocks: field laptops run
//! months off. The hybrid logical clock only orders concurrent versions
//! deterministically, so every device shows the same winner.

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct VersionVector(pub BTreeMap<String, u64>);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VersionOrder {
    Equal,
    /// Self has seen everything the other has, and more.
    Dominates,
    DominatedBy,
    Concurrent,
}

impl VersionVector {
    pub fn get(&self, device: &str) -> u64 {
        self.0.get(device).copied().unwrap_or(0)
    }

    pub fn set(&mut self, device: &str, counter: u64) {
        self.0.insert(device.to_owned(), counter);
    }

    pub fn compare(&self, other: &VersionVector) -> VersionOrder {
        let (mut greater, mut less) = (false, false);
        for device in self.0.keys().chain(other.0.keys()) {
            match self.get(device).cmp(&other.get(device)) {
                Ordering::Greater => greater = true,
                Ordering::Less => less = true,
                Ordering::Equal => {}
            }
        }
        match (greater, less) {
            (false, false) => VersionOrder::Equal,
            (true, false) => VersionOrder::Dominates,
            (false, true) => VersionOrder::DominatedBy,
            (true, true) => VersionOrder::Concurrent,
        }
    }

    /// The pointwise maximum: a version that has seen both.
    pub fn merged(&self, other: &VersionVector) -> VersionVector {
        let mut out = self.clone();
        for (device, &counter) in &other.0 {
            let entry = out.0.entry(device.clone()).or_insert(0);
            *entry = (*entry).max(counter);
        }
        out
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.0).expect("a map of strings to integers serialises")
    }

    pub fn from_json(text: &str) -> Option<VersionVector> {
        serde_json::from_str(text).ok().map(VersionVector)
    }
}

/// A hybrid logical clock stamp: milliseconds since 1970 in the high bits,
/// a counter in the low 16, so it stays one sortable integer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Hlc(pub i64);

/// A remote stamp further ahead than this is kept on its row but does not
/// drag the local clock forward.
pub const MAX_FUTURE_DRIFT_MS: i64 = 24 * 60 * 60 * 1000;

impl Hlc {
    const COUNTER_BITS: u32 = 16;

    pub fn from_parts(millis: i64, counter: u16) -> Hlc {
        Hlc((millis << Self::COUNTER_BITS) | i64::from(counter))
    }

    pub fn millis(self) -> i64 {
        self.0 >> Self::COUNTER_BITS
    }

    /// The next local stamp: after the last one even if the wall clock went
    /// backwards (a laptop whose clock was reset still orders its own edits).
    pub fn tick(last: Hlc, now_millis: i64) -> Hlc {
        let wall = Hlc::from_parts(now_millis, 0);
        if wall > last { wall } else { Hlc(last.0 + 1) }
    }

    /// The local clock after seeing `remote`; the flag is set when the remote
    /// stamp was too far in the future to be followed.
    pub fn observe(last: Hlc, remote: Hlc, now_millis: i64) -> (Hlc, bool) {
        if remote.millis() > now_millis + MAX_FUTURE_DRIFT_MS { (last, true) } else { (last.max(remote), false) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vv(pairs: &[(&str, u64)]) -> VersionVector {
        VersionVector(pairs.iter().map(|(d, c)| (d.to_string(), *c)).collect())
    }

    #[test]
    fn version_vectors_order_by_causality() {
        assert_eq!(vv(&[("a", 1)]).compare(&vv(&[("a", 1)])), VersionOrder::Equal);
        assert_eq!(vv(&[("a", 2)]).compare(&vv(&[("a", 1)])), VersionOrder::Dominates);
        assert_eq!(vv(&[("a", 1)]).compare(&vv(&[("a", 1), ("b", 1)])), VersionOrder::DominatedBy);
        assert_eq!(vv(&[("a", 2)]).compare(&vv(&[("a", 1), ("b", 1)])), VersionOrder::Concurrent);
        assert_eq!(vv(&[("a", 2)]).merged(&vv(&[("a", 1), ("b", 1)])), vv(&[("a", 2), ("b", 1)]));
    }

    #[test]
    fn a_clock_set_back_still_moves_forward() {
        let last = Hlc::from_parts(1_800_000_000_000, 0);
        let next = Hlc::tick(last, 1_700_000_000_000);
        assert!(next > last);
    }

    #[test]
    fn a_stamp_from_far_in_the_future_is_not_followed() {
        let now = 1_700_000_000_000;
        let last = Hlc::from_parts(now, 0);
        let (kept, warned) = Hlc::observe(last, Hlc::from_parts(now + 2 * MAX_FUTURE_DRIFT_MS, 0), now);
        assert_eq!((kept, warned), (last, true));
        let (moved, warned) = Hlc::observe(last, Hlc::from_parts(now + 1000, 3), now);
        assert_eq!((moved, warned), (Hlc::from_parts(now + 1000, 3), false));
    }
}
