//! The indicators straight from the store's queries, without the compact
//! copy of the facts: the reference the fast path is checked against, for
//! every breakdown, on a programme's worth of demo data.

use super::{FrameworkRules, report};
use crate::app::Binome;
use crate::error::Result;
use binome_domain::framework::assessment_level;
use binome_domain::indicators::{AssessmentFact, Breakdown, Scope, Tallies, competency_tallies};
use binome_domain::input::parse_date;
use binome_store::AssessmentRow;
use std::collections::{BTreeMap, HashMap};

use super::IndicatorReport;

impl Binome {
    /// The same report straight from the store's indicator queries: the
    /// reference the fast path is checked against.
    pub(crate) fn indicators_split_by_queries(&self, scope: &Scope, by: &[Breakdown]) -> Result<IndicatorReport> {
        let (mut groups, mut total) = self.store.indicator_tallies(scope, by)?;

        let rules = self.framework_rules()?;
        // Each assessment's level is computed once, then tallied for the
        // total and for its group.
        let mut facts = assessment_facts(self.store.assessments_in_scope(scope, by)?, &rules);
        if !by.is_empty() {
            facts.sort_by(|a, b| a.0.cmp(&b.0));
            for chunk in facts.chunk_by(|a, b| a.0 == b.0) {
                let mut group: Vec<AssessmentFact> = chunk.iter().map(|(_, f)| f.clone()).collect();
                apply_competencies(groups.entry(chunk[0].0.clone()).or_default(), &mut group);
            }
        }
        let mut all: Vec<AssessmentFact> = facts.into_iter().map(|(_, f)| f).collect();
        apply_competencies(&mut total, &mut all);
        self.add_missions(scope, by, &mut groups, &mut total)?;
        Ok(report(scope, by, groups, total))
    }
}

/// Each assessment that rates something, with its group key and level.
fn assessment_facts(
    rows: Vec<AssessmentRow>,
    rules: &HashMap<String, FrameworkRules>,
) -> Vec<(String, AssessmentFact)> {
    let competencies: HashMap<(&str, &str), (&FrameworkRules, &binome_domain::framework::Competency)> =
        super::competencies_of(rules).collect();
    rows.into_iter()
        .filter_map(|row| {
            let (framework, competency) = competencies.get(&(row.framework_id.as_str(), row.competency_id.as_str()))?;
            // Ratings that do not read rate nothing, as in the facts' levels.
            let ratings: BTreeMap<String, String> = serde_json::from_str(&row.ratings).ok()?;
            let fact = AssessmentFact {
                date: parse_date(&row.date)?,
                stamp: row.hlc,
                level: assessment_level(&framework.scale, competency, &ratings),
                pass_rank: framework.scale.pass_rank(),
                person: row.person_id,
                competency: row.competency_id,
            };
            Some((row.key, fact))
        })
        .collect()
}

fn apply_competencies(tallies: &mut Tallies, facts: &mut [AssessmentFact]) {
    let (pairs, acquired, multi, progressed) = competency_tallies(facts);
    tallies.competency_pairs = pairs;
    tallies.competencies_acquired = acquired;
    tallies.progression_pairs = multi;
    tallies.progressed_pairs = progressed;
}

#[cfg(test)]
mod tests {
    use crate::app::Binome;
    use crate::demo::DemoScale;
    use binome_domain::Kind;
    use binome_domain::indicators::{Breakdown, Scope};
    use binome_store::{DeviceRole, ListQuery};
    use chrono::NaiveDate;
    use serde_json::Value;

    /// Equal JSON, numbers equal to a part in a billion (sums of
    /// percentages are added in another order by each path).
    fn same(a: &Value, b: &Value, path: &str) {
        match (a, b) {
            (Value::Number(x), Value::Number(y)) => {
                let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
                assert!((x - y).abs() <= 1e-9 * x.abs().max(1.0), "{path}: {x} (fast) against {y} (queries)");
            }
            (Value::Object(x), Value::Object(y)) => {
                assert_eq!(x.keys().collect::<Vec<_>>(), y.keys().collect::<Vec<_>>(), "{path}");
                for (k, v) in x {
                    same(v, &y[k], &format!("{path}.{k}"));
                }
            }
            (Value::Array(x), Value::Array(y)) => {
                assert_eq!(x.len(), y.len(), "{path}: how many groups");
                for (i, (v, w)) in x.iter().zip(y).enumerate() {
                    same(v, w, &format!("{path}[{i}]"));
                }
            }
            _ => assert_eq!(a, b, "{path}"),
        }
    }

    fn first(b: &Binome, kind: Kind) -> String {
        b.store().list_by_id(kind, &ListQuery::default()).unwrap()[0].id.clone()
    }

    #[test]
    fn the_fast_path_equals_the_queries_for_every_breakdown_and_scope_of_a_programme() {
        let mut b = Binome::open_in_memory().unwrap();
        b.init("bureau", "C", DeviceRole::Coordinator).unwrap();
        b.load_demo(11, DemoScale::Programme).unwrap();
        // What the plain queries handle and a copy could miss: a merge, a
        // deleted person and session, a person edited after the facts.
        let persons = b.store().list_by_id(Kind::Person, &ListQuery::default()).unwrap();
        b.merge_persons(&crate::PersonMerge {
            kept_id: persons[1].id.clone(),
            merged_id: persons[2].id.clone(),
            reason: None,
        })
        .unwrap();
        b.delete(Kind::Person, &persons[3].id).unwrap();
        b.delete(Kind::Session, &first(&b, Kind::Session)).unwrap();
        let sex = if persons[4].data["sex"] == "female" { "male" } else { "female" };
        b.edit(Kind::Person, &persons[4].id, &[("sex".to_owned(), sex.to_owned())].into_iter().collect()).unwrap();
        // And what the store's compact copies must follow: an attendance
        // and a score deleted, a status changed, an assessment deleted, a
        // framework deleted with every assessment made with it.
        let attendance = b.store().list_by_id(Kind::Attendance, &ListQuery::default()).unwrap();
        b.delete(Kind::Attendance, &attendance[0].id).unwrap();
        let status = if attendance[1].data["status"] == "absent" { "present" } else { "absent" };
        let edit = [("status".to_owned(), status.to_owned())].into_iter().collect();
        b.edit(Kind::Attendance, &attendance[1].id, &edit).unwrap();
        b.delete(Kind::TestScore, &first(&b, Kind::TestScore)).unwrap();
        b.delete(Kind::Assessment, &first(&b, Kind::Assessment)).unwrap();
        let frameworks = b.store().list_by_id(Kind::Framework, &ListQuery::default()).unwrap();
        assert!(frameworks.len() > 1, "the demo has frameworks to spare: {}", frameworks.len());
        b.delete(Kind::Framework, &frameworks[0].id).unwrap();

        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        let scopes = [
            Scope::default(),
            Scope { programme_id: Some(first(&b, Kind::Programme)), ..Scope::default() },
            Scope { mission_id: Some(first(&b, Kind::Mission)), ..Scope::default() },
            Scope { from: date(2019, 1, 1), to: date(2020, 6, 30), ..Scope::default() },
            Scope { mission_id: Some("no-such-mission".into()), ..Scope::default() },
        ];
        let mut splits: Vec<Vec<Breakdown>> = vec![vec![]];
        splits.extend(Breakdown::ALL.iter().map(|b| vec![*b]));
        splits.push(vec![Breakdown::Facility, Breakdown::Sex]);
        splits.push(vec![Breakdown::Programme, Breakdown::Month]);
        for scope in &scopes {
            for by in &splits {
                let fast = b.indicators_split(scope, by).unwrap();
                let queries = b.indicators_split_by_queries(scope, by).unwrap();
                let what = format!("{scope:?} by {by:?}");
                same(&serde_json::to_value(&fast).unwrap(), &serde_json::to_value(&queries).unwrap(), &what);
                if scope == &Scope::default() && !by.is_empty() {
                    assert!(fast.groups.len() > 1, "{what} splits the demo");
                }
            }
        }
        let whole = b.indicators_split(&Scope::default(), &[]).unwrap().total;
        assert!(whole.competency_pairs > 0 && whole.scored_pairs > 0 && whole.persons_trained > 100);
    }
}
