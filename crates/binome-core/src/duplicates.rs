//! Probable duplicate persons, and merging them. Matching is the domain's
//! ([`binome_domain::names`]); a merge is a record of its own that syncs,
//! so who was who is never lost and every laptop reaches the same result.

use crate::app::Binome;
use crate::error::Result;
use binome_domain::names::{match_key, phone_key};
use binome_domain::{Input, Kind};
use binome_store::{PersonSummary, StoredRow};
use std::collections::{BTreeMap, HashMap};

pub(crate) mod pair;
pub use pair::{DuplicatePair, DuplicateReason};

/// Beyond this many people under one key (a very common name at country
/// scale), each is paired with the first only, to keep the list readable.
const FULL_PAIRING_LIMIT: usize = 12;

/// Pairs of probable duplicates among `persons`.
pub fn duplicate_pairs(persons: &[PersonSummary]) -> Vec<DuplicatePair> {
    let mut by_key: HashMap<(DuplicateReason, String), Vec<usize>> = HashMap::new();
    for (i, p) in persons.iter().enumerate() {
        let name = match_key(&p.family_name, &p.given_names);
        if !name.is_empty() {
            by_key.entry((DuplicateReason::Name, name)).or_default().push(i);
        }
        if let Some(phone) = p.phone.as_deref().and_then(phone_key) {
            by_key.entry((DuplicateReason::Phone, phone)).or_default().push(i);
        }
    }
    let mut pairs: BTreeMap<(usize, usize), Vec<DuplicateReason>> = BTreeMap::new();
    for ((reason, _), members) in by_key.iter().filter(|(_, m)| m.len() > 1) {
        let full = members.len() <= FULL_PAIRING_LIMIT;
        for (x, &a) in members.iter().enumerate() {
            for &b in members.iter().skip(x + 1) {
                if full || x == 0 {
                    let reasons = pairs.entry((a.min(b), a.max(b))).or_default();
                    if !reasons.contains(reason) {
                        reasons.push(*reason);
                        reasons.sort();
                    }
                }
            }
        }
    }
    // Two different known phone numbers say "two people who share a name".
    let phones_differ = |a: usize, b: usize| match (
        persons[a].phone.as_deref().and_then(phone_key),
        persons[b].phone.as_deref().and_then(phone_key),
    ) {
        (Some(x), Some(y)) => x != y,
        _ => false,
    };
    pairs
        .into_iter()
        .filter(|((a, b), reasons)| reasons.contains(&DuplicateReason::Phone) || !phones_differ(*a, *b))
        .map(|((a, b), reasons)| DuplicatePair { first: persons[a].clone(), second: persons[b].clone(), reasons })
        .collect()
}

impl Binome {
    /// Probable duplicates among live, unmerged persons.
    pub fn find_duplicates(&self) -> Result<Vec<DuplicatePair>> {
        Ok(duplicate_pairs(&self.store.active_persons()?))
    }

    /// Records that the merged person is the kept one: from then on the
    /// merged person's attendance, scores and assessments count for the
    /// kept one. Nothing is rewritten.
    pub fn merge_persons(&mut self, merge: &PersonMerge) -> Result<StoredRow> {
        self.add(Kind::PersonMerge, &merge.input())
    }
}

/// Two records of one person, one kept and the other counted as it. Named
/// fields, since both are person ids and swapped they merge the wrong way.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PersonMerge {
    pub kept_id: String,
    pub merged_id: String,
    /// Why, if someone said (the CLI's `--reason`).
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(default)]
    pub reason: Option<String>,
}

impl PersonMerge {
    /// The merge record it writes, checked like any other input.
    fn input(&self) -> Input {
        let mut input = Input::new();
        input.insert("kept_id".into(), self.kept_id.clone());
        input.insert("merged_id".into(), self.merged_id.clone());
        if let Some(reason) = &self.reason {
            input.insert("reason".into(), reason.clone());
        }
        input
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: &str, family: &str, given: &str, phone: Option<&str>) -> PersonSummary {
        PersonSummary {
            id: id.into(),
            family_name: family.into(),
            given_names: given.into(),
            phone: phone.map(Into::into),
            sex: None,
            cadre: None,
            organisation_id: None,
        }
    }

    #[test]
    fn variants_and_shared_phones_are_paired_once() {
        let persons = [
            person("1", "Mahamat", "Abakar", Some("+235 66 12 34 56")),
            person("2", "MAHAMMAT", "Abbakar", Some("66123456")),
            person("3", "Ngaba", "Fatimé", None),
            person("4", "Doumbia", "Aïssata", Some("66 12 34 56")),
            person("5", "Ngaba", "Fatime", Some("62 00 00 01")),
            person("6", "NGABA", "Fatimé", Some("62 00 00 02")),
        ];
        let pairs = duplicate_pairs(&persons);
        let ids: Vec<_> =
            pairs.iter().map(|p| (p.first.id.as_str(), p.second.id.as_str(), p.reasons.clone())).collect();
        assert_eq!(
            ids,
            vec![
                ("1", "2", vec![DuplicateReason::Name, DuplicateReason::Phone]),
                ("1", "4", vec![DuplicateReason::Phone]),
                ("2", "4", vec![DuplicateReason::Phone]),
                ("3", "5", vec![DuplicateReason::Name]),
                ("3", "6", vec![DuplicateReason::Name]),
            ]
        );
    }
}
