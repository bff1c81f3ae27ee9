//! Pre/post score tallies, summed in memory as attendance is: each
//! session's scores through their covering index, a (session, person) pair
//! counting when it has both tests.

use super::Tallied;
use super::people::{FactKey, InScope};
use crate::open::Store;
use binome_domain::indicators::{Breakdown, Tallies};
use std::collections::HashMap;

/// A session's scores: the test_scores index answers it without a row read.
pub(super) const SESSION_SCORES: &str =
    "SELECT person_id, phase, score, max_score FROM test_scores WHERE session_id = ?1 AND deleted = 0";

#[derive(Default)]
struct Sums {
    pairs: u64,
    pre_percent: f64,
    post_percent: f64,
    passed: u64,
}

fn add(tallies: &mut Tallies, sums: &Sums) {
    tallies.scored_pairs += sums.pairs;
    tallies.pre_percent_sum += sums.pre_percent;
    tallies.post_percent_sum += sums.post_percent;
    tallies.passed_pairs += sums.passed;
}

/// The best pre and post percentages of a person in one session.
fn keep_best(best: &mut Option<f64>, percent: f64) {
    *best = Some(best.map_or(percent, |b| b.max(percent)));
}

impl Store {
    /// Adds the pre/post tallies of the scope to each group and to the total.
    pub(super) fn scores(&self, in_scope: &mut InScope, by: &[Breakdown], into: &mut Tallied) -> crate::Result<()> {
        let mut facts: HashMap<FactKey, Sums> = HashMap::new();
        // The best (pre, post) percentages per person of a session.
        let fold = |r: &rusqlite::Row, pair: &mut (Option<f64>, Option<f64>)| {
            let is_pre = r.get_ref(1)?.as_str()? == "pre";
            let score: f64 = r.get(2)?;
            let max_score: f64 = r.get(3)?;
            keep_best(if is_pre { &mut pair.0 } else { &mut pair.1 }, score * 100.0 / max_score);
            Ok(())
        };
        self.fold_sessions(
            in_scope,
            SESSION_SCORES,
            "computing score indicators",
            fold,
            |session, person_id, pair| {
                let (Some(pre), Some(post)) = pair else { return };
                let sums = facts.entry(FactKey::new(person_id, session, by)).or_default();
                sums.pairs += 1;
                sums.pre_percent += pre;
                sums.post_percent += post;
                sums.passed += u64::from(post >= session.pass_mark);
            },
        )?;

        in_scope.for_each_person(facts, |person, facts| {
            for (key, sums) in facts {
                add(into.groups.entry(person.group_key(by, key)).or_default(), sums);
                add(&mut into.total, sums);
            }
        })
    }
}
