//! Competency frameworks (référentiels) and the level an assessment
//! reaches. A framework is one document (domains → competencies →
//! criteria) because experts write and revise it as a whole.

use crate::problem::{Problem, ProblemCode, Problems};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A rating scale: levels from lowest to highest, the value meaning "not
/// observed" (left out of every computation) and the level that passes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RatingScale {
    pub levels: Vec<ScaleLevel>,
    pub not_observed: String,
    pub pass_level: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScaleLevel {
    pub code: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Domain {
    pub id: String,
    pub name: String,
    pub competencies: Vec<Competency>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Competency {
    pub id: String,
    pub code: String,
    pub name: String,
    pub criteria: Vec<Criterion>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Criterion {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub critical: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Framework {
    pub id: String,
    pub code: String,
    pub name: String,
    pub scale: RatingScale,
    pub domains: Vec<Domain>,
}

impl RatingScale {
    /// Position of a level, lowest 0; `None` for "not observed" or unknown.
    pub fn rank(&self, code: &str) -> Option<usize> {
        if code == self.not_observed {
            return None;
        }
        self.levels.iter().position(|l| l.code == code)
    }

    pub fn pass_rank(&self) -> usize {
        self.rank(&self.pass_level).unwrap_or(self.levels.len())
    }

    pub fn is_known(&self, code: &str) -> bool {
        code == self.not_observed || self.levels.iter().any(|l| l.code == code)
    }

    pub fn check(&self, problems: &mut Problems) {
        if self.levels.is_empty() {
            problems.push(Problem::new("scale", ProblemCode::Required, "levels"));
        }
        if self.rank(&self.pass_level).is_none() {
            problems.push(
                Problem::new("scale", ProblemCode::UnknownValue, self.pass_level.as_str()).with("part", "pass_level"),
            );
        }
        if self.levels.iter().any(|l| l.code == self.not_observed) {
            problems.push(
                Problem::new("scale", ProblemCode::AlreadyExists, self.not_observed.as_str())
                    .with("part", "not_observed"),
            );
        }
    }
}

impl Framework {
    pub fn competency(&self, id_or_code: &str) -> Option<&Competency> {
        self.domains
            .iter()
            .flat_map(|d| &d.competencies)
            .find(|c| c.id == id_or_code || c.code.eq_ignore_ascii_case(id_or_code))
    }

    pub fn competencies(&self) -> impl Iterator<Item = &Competency> {
        self.domains.iter().flat_map(|d| &d.competencies)
    }
}

/// DOMAIN.md: an assessment's level is the lowest level among its observed
/// critical criteria, or among all observed criteria when none of those is
/// critical; "not observed" is left out. `None` when nothing was observed.
pub fn assessment_level(
    scale: &RatingScale,
    competency: &Competency,
    ratings: &BTreeMap<String, String>,
) -> Option<usize> {
    let observed: Vec<(bool, usize)> = competency
        .criteria
        .iter()
        .filter_map(|c| {
            let rank = scale.rank(ratings.get(&c.id)?)?;
            Some((c.critical, rank))
        })
        .collect();
    let any_critical = observed.iter().any(|(critical, _)| *critical);
    observed.iter().filter(|(critical, _)| *critical || !any_critical).map(|(_, rank)| *rank).min()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scale() -> RatingScale {
        RatingScale {
            levels: ["needs_improvement", "competent", "proficient"]
                .iter()
                .map(|c| ScaleLevel { code: c.to_string(), label: c.to_string() })
                .collect(),
            not_observed: "not_observed".into(),
            pass_level: "competent".into(),
        }
    }

    fn competency() -> Competency {
        Competency {
            id: "c".into(),
            code: "C1".into(),
            name: "Active management of third stage".into(),
            criteria: vec![
                Criterion { id: "a".into(), text: "oxytocin".into(), critical: true },
                Criterion { id: "b".into(), text: "traction".into(), critical: true },
                Criterion { id: "c".into(), text: "explain".into(), critical: false },
            ],
        }
    }

    fn ratings(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn level_is_the_lowest_observed_critical_criterion() {
        let r = ratings(&[("a", "proficient"), ("b", "competent"), ("c", "needs_improvement")]);
        assert_eq!(assessment_level(&scale(), &competency(), &r), Some(1));
    }

    #[test]
    fn not_observed_is_left_out() {
        let r = ratings(&[("a", "proficient"), ("b", "not_observed"), ("c", "needs_improvement")]);
        assert_eq!(assessment_level(&scale(), &competency(), &r), Some(2));
    }

    #[test]
    fn without_observed_critical_criteria_all_observed_count() {
        let r = ratings(&[("b", "not_observed"), ("c", "needs_improvement")]);
        assert_eq!(assessment_level(&scale(), &competency(), &r), Some(0));
        assert_eq!(assessment_level(&scale(), &competency(), &ratings(&[("a", "not_observed")])), None);
    }
}
