//! The compact copy of the facts a [`Binome`] counts its indicators over,
//! kept for as long as the store has not changed. Each report first reads
//! the change log's last entry (one index lookup); when it moved (a tick, an
//! import, a merge, a restore, on this connection or another), the copy is
//! read again before the report is counted, so a figure is never stale.

use super::FrameworkRules;
use crate::app::Binome;
use crate::error::Result;
use binome_domain::facts::FactTable;
use binome_domain::framework::{Competency, assessment_level};
use binome_store::ChangeMark;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, PoisonError};

/// A copy and the last change it holds (`None`: a store never written).
type ReadAt = (Option<ChangeMark>, FactTable);

/// The copy a [`Binome`] keeps between reports, if one was read.
#[derive(Default)]
pub(crate) struct FactCache(Mutex<Option<Box<ReadAt>>>);

impl Binome {
    /// Reads the facts now if the store changed since they were read, so
    /// that the next report is counted from memory: the desktop app calls
    /// it in the background as the store opens.
    pub fn prepare_dashboard(&self) -> Result<()> {
        self.with_facts(|_| ())
    }

    /// Runs `count` over the facts as the store holds them now.
    pub(crate) fn with_facts<T>(&self, count: impl FnOnce(&FactTable) -> T) -> Result<T> {
        // The mark is read before the facts: a write landing in between
        // makes the next report read them again, never the reverse.
        let mark = self.store.last_change()?;
        let mut cache = self.facts.0.lock().unwrap_or_else(PoisonError::into_inner);
        let fresh = matches!(cache.as_deref(), Some((read_at, _)) if *read_at == mark);
        if !fresh {
            // A failed read leaves no copy rather than an old one.
            *cache = None;
            *cache = Some(Box::new((mark, self.read_fact_table()?)));
        }
        let (_, table) = cache.as_deref().expect("the copy was just read");
        Ok(count(table))
    }

    fn read_fact_table(&self) -> Result<FactTable> {
        let rules = self.framework_rules()?;
        let competencies: HashMap<(&str, &str), (usize, &FrameworkRules, &Competency)> = super::competencies_of(&rules)
            .enumerate()
            .map(|(n, (key, (framework, c)))| (key, (n, framework, c)))
            .collect();
        // A competency's assessments repeat a few ratings (a handful of
        // criteria, four levels): each distinct one is read and levelled
        // once. `None`: ratings that do not read as a map, which rate
        // nothing (the assessment counts in no competency figure).
        let mut levels: Vec<HashMap<Box<str>, Option<Option<usize>>>> = vec![HashMap::new(); competencies.len()];
        let mut assess = |framework: &str, competency: &str, ratings: &str| {
            let &(n, rules, competency) = competencies.get(&(framework, competency))?;
            let level = match levels[n].get(ratings) {
                Some(level) => *level,
                None => {
                    // Ratings that do not read rate nothing: the
                    // assessment counts as not assessed.
                    let level = serde_json::from_str::<BTreeMap<String, String>>(ratings)
                        .ok()
                        .map(|read| assessment_level(&rules.scale, competency, &read));
                    levels[n].insert(ratings.into(), level);
                    level
                }
            }?;
            Some((level, rules.scale.pass_rank()))
        };
        Ok(self.store.read_facts(&mut assess)?)
    }
}
