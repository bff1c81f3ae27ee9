//! Competency grids: rating a person criterion by criterion against a
//! framework, during a session (training) or between missions (follow-up),
//! with the level computed as each rating is saved; and a person's
//! progression across missions and follow-up visits.

use super::{RecordView, stored_code, text};
use crate::app::Binome;
use crate::error::{CoreError, Result};
use binome_domain::codes::AssessmentContext;
use binome_domain::framework::{Competency, Framework, assessment_level};
use binome_domain::{Kind, Problem, ProblemCode, Problems};
use binome_store::{ListQuery, StoredRow};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

#[cfg(feature = "ts")]
use ts_rs::TS;

/// Where an assessment is made: a session of a mission, or a follow-up
/// visit on a date.
#[derive(Debug, Clone)]
pub enum GridContext {
    Session(String),
    FollowUp(String),
}

/// One competency's current assessment in a grid.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct CompetencyRating {
    pub competency_id: String,
    pub assessment_id: Option<String>,
    /// Criterion id → level code (or the scale's "not observed").
    pub ratings: BTreeMap<String, String>,
    /// The level reached, as DOMAIN.md computes it; none until something is observed.
    pub level: Option<String>,
    pub level_label: Option<String>,
    pub passed: Option<bool>,
}

/// A person's grid for one framework in one context.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct CompetencyGrid {
    pub framework: Framework,
    pub person: RecordView,
    pub context: AssessmentContext,
    /// The assessments' date, dd/mm/yyyy.
    pub date: String,
    pub competencies: Vec<CompetencyRating>,
}

/// One assessment in a person's history.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct ProgressionStep {
    /// dd/mm/yyyy.
    pub date: String,
    pub context: AssessmentContext,
    pub mission: Option<String>,
    pub level: Option<String>,
    pub level_label: Option<String>,
    pub passed: Option<bool>,
}

/// A person's assessments of one competency, oldest first.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct ProgressionRow {
    pub framework: String,
    pub competency_id: String,
    pub competency: String,
    pub steps: Vec<ProgressionStep>,
    /// Latest level above the first (DOMAIN.md's progression); none with one step.
    pub progressed: Option<bool>,
}

pub(crate) fn ratings_of(row: &StoredRow) -> BTreeMap<String, String> {
    row.data
        .get("ratings")
        .and_then(Value::as_object)
        .map(|m| m.iter().filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned()))).collect())
        .unwrap_or_default()
}

fn french_date(iso: &str) -> String {
    binome_domain::input::parse_date(iso).map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_else(|| iso.to_owned())
}

/// The level reached with these ratings: (code, label, passed).
pub(crate) fn level_of(
    framework: &Framework,
    competency: &Competency,
    ratings: &BTreeMap<String, String>,
) -> (Option<String>, Option<String>, Option<bool>) {
    match assessment_level(&framework.scale, competency, ratings) {
        Some(rank) => {
            let level = &framework.scale.levels[rank];
            (Some(level.code.clone()), Some(level.label.clone()), Some(rank >= framework.scale.pass_rank()))
        }
        None => (None, None, None),
    }
}

impl Binome {
    /// A framework as its document, from its record.
    pub fn framework(&self, framework_id: &str) -> Result<Framework> {
        framework_from_row(&self.get(Kind::Framework, framework_id)?)
    }

    /// The assessments of a person in one framework and context, by competency.
    pub(crate) fn grid_assessments(
        &self,
        person_id: &str,
        framework_id: &str,
        context: &GridContext,
        date: &str,
    ) -> Result<BTreeMap<String, StoredRow>> {
        let query = ListQuery { equals: vec![("person_id", person_id.to_owned())], ..ListQuery::default() };
        let mut found = BTreeMap::new();
        for row in self.store.list(Kind::Assessment, &query)? {
            let same_context = match context {
                GridContext::Session(session) => text(&row, "session_id") == Some(session.as_str()),
                GridContext::FollowUp(_) => {
                    stored_code(&row, "context", AssessmentContext::from_code)? == AssessmentContext::FollowUp
                        && text(&row, "date") == Some(date)
                }
            };
            if same_context && text(&row, "framework_id") == Some(framework_id) {
                let competency = text(&row, "competency_id").unwrap_or_default().to_owned();
                // Two laptops may each have started the same grid: the later one shows.
                let keep = found.get(&competency).is_none_or(|kept: &StoredRow| kept.hlc < row.hlc);
                if keep {
                    found.insert(competency, row);
                }
            }
        }
        Ok(found)
    }

    /// The ISO date of the context: the session's, or the visit's.
    pub(crate) fn context_date(&self, context: &GridContext) -> Result<String> {
        match context {
            GridContext::Session(session) => {
                let session = self.get(Kind::Session, session)?;
                Ok(text(&session, "date").unwrap_or_default().to_owned())
            }
            GridContext::FollowUp(date) => match binome_domain::input::parse_date(date) {
                Some(date) => Ok(date.format("%Y-%m-%d").to_string()),
                None => {
                    let mut problems = Problems::default();
                    problems.push(Problem::new("date", ProblemCode::InvalidDate, date.as_str()));
                    Err(CoreError::Invalid { kind: Kind::Assessment, problems })
                }
            },
        }
    }

    pub fn competency_grid(
        &self,
        person_id: &str,
        framework_id: &str,
        context: &GridContext,
    ) -> Result<CompetencyGrid> {
        let person = self.get(Kind::Person, person_id)?;
        let framework = self.framework(framework_id)?;
        let date = self.context_date(context)?;
        let assessments = self.grid_assessments(&person.id, &framework.id, context, &date)?;
        let competencies = framework
            .competencies()
            .map(|competency| {
                let assessment = assessments.get(&competency.id);
                let ratings = assessment.map(ratings_of).unwrap_or_default();
                let (level, level_label, passed) = level_of(&framework, competency, &ratings);
                CompetencyRating {
                    competency_id: competency.id.clone(),
                    assessment_id: assessment.map(|a| a.id.clone()),
                    ratings,
                    level,
                    level_label,
                    passed,
                }
            })
            .collect();
        Ok(CompetencyGrid {
            person: self.record_view(&person),
            context: match context {
                GridContext::Session(_) => AssessmentContext::Training,
                GridContext::FollowUp(_) => AssessmentContext::FollowUp,
            },
            date: french_date(&date),
            framework,
            competencies,
        })
    }

    /// Every competency a person was assessed on, each with its steps in
    /// date order, across missions and follow-up visits.
    pub fn progression(&self, person_id: &str) -> Result<Vec<ProgressionRow>> {
        let person = self.get(Kind::Person, person_id)?;
        let query = ListQuery { equals: vec![("person_id", person.id.clone())], ..ListQuery::default() };
        let mut assessments = self.store.list(Kind::Assessment, &query)?;
        assessments.sort_by(|a, b| text(a, "date").cmp(&text(b, "date")).then(a.hlc.cmp(&b.hlc)));
        let mut frameworks: BTreeMap<String, Option<Framework>> = BTreeMap::new();
        let mut rows: Vec<ProgressionRow> = Vec::new();
        for row in &assessments {
            let framework_id = text(row, "framework_id").unwrap_or_default().to_owned();
            let framework = match frameworks.entry(framework_id.clone()) {
                std::collections::btree_map::Entry::Occupied(known) => known.into_mut(),
                std::collections::btree_map::Entry::Vacant(slot) => slot.insert(match self.framework(&framework_id) {
                    Ok(framework) => Some(framework),
                    // Bundles arrive in any order: an assessment may come
                    // before its framework, and waits for it.
                    Err(CoreError::NotFound { .. }) => None,
                    Err(other) => return Err(other),
                }),
            };
            let Some(framework) = framework.as_ref() else { continue };
            let competency_id = text(row, "competency_id").unwrap_or_default();
            let Some(competency) = framework.competency(competency_id) else { continue };
            let (level, level_label, passed) = level_of(framework, competency, &ratings_of(row));
            let step = ProgressionStep {
                date: french_date(text(row, "date").unwrap_or_default()),
                context: stored_code(row, "context", AssessmentContext::from_code)?,
                mission: text(row, "mission_id").map(|m| self.label_of(Kind::Mission, m)),
                level,
                level_label,
                passed,
            };
            match rows.iter_mut().find(|r| r.competency_id == competency.id) {
                Some(existing) => existing.steps.push(step),
                None => rows.push(ProgressionRow {
                    framework: framework.code.clone(),
                    competency_id: competency.id.clone(),
                    competency: format!("{} — {}", competency.code, competency.name),
                    steps: vec![step],
                    progressed: None,
                }),
            }
        }
        for row in &mut rows {
            let rank = |step: &ProgressionStep| {
                let framework = frameworks.values().flatten().find(|f| f.code == row.framework)?;
                framework.scale.rank(step.level.as_deref()?)
            };
            if row.steps.len() >= 2 {
                let first = rank(&row.steps[0]);
                let last = rank(&row.steps[row.steps.len() - 1]);
                row.progressed = match (first, last) {
                    (Some(first), Some(last)) => Some(last > first),
                    _ => None,
                };
            }
        }
        Ok(rows)
    }
}

/// A stored framework read whole: one reader for every screen, export and
/// figure, and a scale or domains that do not read are an error, never a
/// framework quietly left out.
pub(crate) fn framework_from_row(row: &StoredRow) -> Result<Framework> {
    let part = |name: &str| row.data.get(name).cloned().unwrap_or(Value::Null);
    let broken = |_| {
        let mut problems = Problems::default();
        problems.push(Problem::new("domains", ProblemCode::UnknownValue, row.id.as_str()));
        CoreError::Invalid { kind: Kind::Framework, problems }
    };
    Ok(Framework {
        id: row.id.clone(),
        code: text(row, "code").unwrap_or_default().to_owned(),
        name: text(row, "name").unwrap_or_default().to_owned(),
        scale: serde_json::from_value(part("scale")).map_err(broken)?,
        domains: serde_json::from_value(part("domains")).map_err(broken)?,
    })
}

#[cfg(test)]
mod tests {
    use super::GridContext;
    use crate::app::Binome;
    use crate::demo::DemoScale;
    use binome_domain::codes::AssessmentContext;

    /// The demo's first mission, a participant of it, the framework of its
    /// programme and one of its sessions.
    fn demo() -> (Binome, String, String, String) {
        let mut b = Binome::open_in_memory().unwrap();
        b.init("Coordination", "Awa", binome_store::DeviceRole::Coordinator).unwrap();
        b.load_demo(7, DemoScale::Mission).unwrap();
        let framework = b.list(binome_domain::Kind::Framework, &Default::default()).unwrap();
        let framework = framework.iter().find(|f| f.data["code"].as_str().unwrap().starts_with("REF-SMNI")).unwrap();
        let session = b.list(binome_domain::Kind::Session, &Default::default()).unwrap()[0].clone();
        let mission = session.data["mission_id"].as_str().unwrap().to_owned();
        let enrolment = b
            .list(
                binome_domain::Kind::Enrolment,
                &binome_store::ListQuery { equals: vec![("mission_id", mission)], ..Default::default() },
            )
            .unwrap()[0]
            .clone();
        let person = enrolment.data["person_id"].as_str().unwrap().to_owned();
        (b, person, framework.id.clone(), session.id)
    }

    #[test]
    fn the_level_follows_the_critical_criteria_as_each_is_rated() {
        let (mut b, person, framework, session) = demo();
        let context = GridContext::Session(session.clone());
        // A new follow-up context for a clean grid, since the demo already assessed some.
        let visit = GridContext::FollowUp("15/06/2031".into());
        let grid = b.competency_grid(&person, &framework, &visit).unwrap();
        let gatpa = grid.framework.competency("GATPA").unwrap().clone();
        assert!(grid.competencies.iter().all(|c| c.level.is_none()), "nothing rated yet on that visit");

        let rate = |b: &mut Binome, n: usize, level: &str| {
            b.rate_criterion(&person, &framework, &visit, &gatpa.id, &gatpa.criteria[n].id, level).unwrap()
        };
        // A non-critical criterion alone sets the level while no critical one is observed.
        let after = rate(&mut b, 0, "proficient");
        assert_eq!(after.level.as_deref(), Some("proficient"));
        // Once a critical one is observed, only critical ones count.
        let after = rate(&mut b, 1, "competent");
        assert_eq!(after.level.as_deref(), Some("competent"));
        assert_eq!(after.passed, Some(true));
        let after = rate(&mut b, 2, "needs_improvement");
        assert_eq!(after.level.as_deref(), Some("needs_improvement"));
        assert_eq!(after.passed, Some(false));
        // "Not observed" leaves the criterion out.
        let after = rate(&mut b, 2, "not_observed");
        assert_eq!(after.level.as_deref(), Some("competent"));

        let reread = b.competency_grid(&person, &framework, &visit).unwrap();
        let row = reread.competencies.iter().find(|c| c.competency_id == gatpa.id).unwrap();
        assert_eq!(row.ratings.len(), 3, "one assessment, edited, not one per click");
        assert_eq!(reread.context, AssessmentContext::FollowUp);
        assert_eq!(reread.date, "15/06/2031");
        let session_grid = b.competency_grid(&person, &framework, &context).unwrap();
        assert_eq!(session_grid.context, AssessmentContext::Training);

        let progression = b.progression(&person).unwrap();
        let steps = &progression.iter().find(|r| r.competency_id == gatpa.id).unwrap().steps;
        assert_eq!(steps.last().unwrap().date, "15/06/2031");
        assert_eq!(steps.last().unwrap().context, AssessmentContext::FollowUp);
    }

    #[test]
    fn a_level_outside_the_scale_is_refused_with_nothing_saved() {
        let (mut b, person, framework, _) = demo();
        let visit = GridContext::FollowUp("15/06/2031".into());
        let grid = b.competency_grid(&person, &framework, &visit).unwrap();
        let competency = grid.framework.competency("GATPA").unwrap().clone();
        let refused =
            b.rate_criterion(&person, &framework, &visit, &competency.id, &competency.criteria[0].id, "excellent");
        assert!(refused.is_err());
        let grid = b.competency_grid(&person, &framework, &visit).unwrap();
        assert!(grid.competencies.iter().all(|c| c.assessment_id.is_none()));
    }

    #[test]
    fn progression_compares_the_latest_level_with_the_first() {
        let (mut b, person, framework, _) = demo();
        let competency = b.framework(&framework).unwrap().competency("GATPA").unwrap().clone();
        for (date, level) in [("01/01/2001", "needs_improvement"), ("01/06/2031", "proficient")] {
            let visit = GridContext::FollowUp(date.into());
            for criterion in &competency.criteria {
                b.rate_criterion(&person, &framework, &visit, &competency.id, &criterion.id, level).unwrap();
            }
        }
        let row = b.progression(&person).unwrap().into_iter().find(|r| r.competency_id == competency.id).unwrap();
        assert_eq!(row.steps.last().unwrap().level.as_deref(), Some("proficient"));
        assert_eq!(row.progressed, Some(true));
    }
}
