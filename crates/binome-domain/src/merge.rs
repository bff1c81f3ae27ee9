//! How an incoming version of a row meets the versions already there.
//!
//! A row's heads are the versions that no other known version dominates.
//! That set depends only on which versions a device has seen, not on the
//! order they came in, so devices that saw the same bundles agree. One head
//! is shown (the winner); several heads with different values are a
//! conflict that a person settles with an edit, whose version then
//! dominates them all.

use crate::version::{VersionOrder, VersionVector};

/// One version, as the merge sees it. `content` is a canonical text of the
/// values (sorted JSON), so equal values compare equal.
#[derive(Debug, Clone, Copy)]
pub struct VersionRef<'a> {
    pub vv: &'a VersionVector,
    pub hlc: i64,
    pub origin: &'a str,
    pub deleted: bool,
    pub content: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeOutcome {
    /// Seen already, or older than what is there: nothing changes.
    AlreadyKnown,
    /// The same version (origin device and its counter) with other values:
    /// a forgery or a bug, refused.
    Forged,
    /// The incoming version becomes a head; these existing heads stay
    /// (the others are dominated by it and go).
    Apply { keep: Vec<usize> },
}

fn same_values(a: &VersionRef<'_>, b: &VersionRef<'_>) -> bool {
    a.deleted == b.deleted && a.content == b.content
}

pub fn merge(heads: &[VersionRef<'_>], incoming: &VersionRef<'_>) -> MergeOutcome {
    let own_counter = incoming.vv.get(incoming.origin);
    for head in heads {
        let same_version = head.origin == incoming.origin && head.vv.get(head.origin) == own_counter;
        match incoming.vv.compare(head.vv) {
            VersionOrder::Equal if same_values(head, incoming) && head.hlc == incoming.hlc => {
                return MergeOutcome::AlreadyKnown;
            }
            VersionOrder::Equal => return MergeOutcome::Forged,
            _ if same_version => return MergeOutcome::Forged,
            VersionOrder::DominatedBy => return MergeOutcome::AlreadyKnown,
            VersionOrder::Dominates | VersionOrder::Concurrent => {}
        }
    }
    let keep = heads
        .iter()
        .enumerate()
        .filter(|(_, head)| incoming.vv.compare(head.vv) != VersionOrder::Dominates)
        .map(|(i, _)| i)
        .collect();
    MergeOutcome::Apply { keep }
}

/// The head every device shows: a live version before a deletion (an edit
/// wins over a concurrent delete), then the latest HLC, then the origin.
pub fn winner(heads: &[VersionRef<'_>]) -> usize {
    (0..heads.len())
        .max_by(|&a, &b| {
            let key = |h: &VersionRef<'_>| (!h.deleted, h.hlc, h.origin.to_owned());
            key(&heads[a]).cmp(&key(&heads[b]))
        })
        .expect("a row has at least one head")
}

/// Several heads whose values differ: a person must choose.
pub fn is_conflict(heads: &[VersionRef<'_>]) -> bool {
    heads.iter().skip(1).any(|h| !same_values(h, &heads[0]))
}

/// The version a local edit of a row with these heads gets before its own
/// counter is added: it has seen them all, so it settles any conflict.
pub fn merged_vv<'a>(heads: impl IntoIterator<Item = &'a VersionVector>) -> VersionVector {
    heads.into_iter().fold(VersionVector::default(), |acc, vv| acc.merged(vv))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vv(pairs: &[(&str, u64)]) -> VersionVector {
        VersionVector(pairs.iter().map(|(d, c)| (d.to_string(), *c)).collect())
    }

    fn v<'a>(vv: &'a VersionVector, hlc: i64, origin: &'a str, content: &'a str) -> VersionRef<'a> {
        VersionRef { vv, hlc, origin, deleted: false, content }
    }

    #[test]
    fn a_replayed_version_is_already_known() {
        let a1 = vv(&[("a", 1)]);
        assert_eq!(merge(&[v(&a1, 10, "a", "x")], &v(&a1, 10, "a", "x")), MergeOutcome::AlreadyKnown);
    }

    #[test]
    fn the_same_version_with_other_values_is_forged() {
        let a1 = vv(&[("a", 1)]);
        assert_eq!(merge(&[v(&a1, 10, "a", "x")], &v(&a1, 10, "a", "y")), MergeOutcome::Forged);
        let a1b1 = vv(&[("a", 1), ("b", 1)]);
        assert_eq!(merge(&[v(&a1, 10, "a", "x")], &v(&a1b1, 11, "a", "x")), MergeOutcome::Forged);
    }

    #[test]
    fn a_later_version_replaces_and_a_concurrent_one_joins() {
        let a1 = vv(&[("a", 1)]);
        let a2 = vv(&[("a", 2)]);
        let a1b1 = vv(&[("a", 1), ("b", 1)]);
        assert_eq!(merge(&[v(&a1, 10, "a", "x")], &v(&a2, 20, "a", "y")), MergeOutcome::Apply { keep: vec![] });
        assert_eq!(merge(&[v(&a2, 20, "a", "y")], &v(&a1b1, 5, "b", "z")), MergeOutcome::Apply { keep: vec![0] });
        assert_eq!(merge(&[v(&a2, 20, "a", "y")], &v(&a1, 10, "a", "x")), MergeOutcome::AlreadyKnown);
    }

    #[test]
    fn a_laptop_two_years_behind_still_wins_over_what_it_edited() {
        // b's clock is far behind, but its version has seen a's: it dominates.
        let a1 = vv(&[("a", 1)]);
        let a1b1 = vv(&[("a", 1), ("b", 1)]);
        assert_eq!(
            merge(&[v(&a1, 1_000_000, "a", "x")], &v(&a1b1, 10, "b", "y")),
            MergeOutcome::Apply { keep: vec![] }
        );
    }

    #[test]
    fn an_edit_wins_over_a_concurrent_delete_and_is_shown_as_a_conflict() {
        let a2 = vv(&[("a", 2)]);
        let a1b1 = vv(&[("a", 1), ("b", 1)]);
        let edit = v(&a2, 10, "a", "x");
        let delete = VersionRef { deleted: true, ..v(&a1b1, 99, "b", "x") };
        assert_eq!(winner(&[delete, edit]), 1);
        assert!(is_conflict(&[delete, edit]));
        let same = v(&a1b1, 99, "b", "x");
        assert!(!is_conflict(&[same, edit]), "concurrent versions with equal values are no conflict");
    }
}
