//! Rating a competency criterion by criterion from the grid: the
//! assessment is created on the first rating, then edited, and its level
//! computed as each rating is saved.

use crate::app::Binome;
use crate::error::Result;
use crate::views::competency::{level_of, ratings_of};
use crate::views::text;
use crate::views::{CompetencyRating, GridContext};
use binome_domain::framework::Competency;
use binome_domain::{Input, Kind};

impl Binome {
    /// Rates one criterion and saves it at once: the competency's assessment
    /// in this context is created on the first rating, then edited.
    pub fn rate_criterion(
        &mut self,
        person_id: &str,
        framework_id: &str,
        context: &GridContext,
        competency_id: &str,
        criterion_id: &str,
        level: &str,
    ) -> Result<CompetencyRating> {
        let person = self.get(Kind::Person, person_id)?;
        let framework = self.framework(framework_id)?;
        let date = self.context_date(context)?;
        let existing = self.grid_assessments(&person.id, &framework.id, context, &date)?.remove(competency_id);
        let mut ratings = existing.as_ref().map(ratings_of).unwrap_or_default();
        ratings.insert(criterion_id.to_owned(), level.to_owned());
        let ratings_json = serde_json::to_string(&ratings).unwrap_or_default();
        let saved = match existing {
            Some(row) => {
                let input: Input = [("ratings".to_owned(), ratings_json)].into_iter().collect();
                self.edit(Kind::Assessment, &row.id, &input)?
            }
            None => {
                let mut input: Input = [
                    ("person_id", person.id.clone()),
                    ("framework_id", framework.id.clone()),
                    ("competency_id", competency_id.to_owned()),
                    ("date", date.clone()),
                    ("ratings", ratings_json),
                ]
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect();
                match context {
                    GridContext::Session(session_id) => {
                        let session = self.get(Kind::Session, session_id)?;
                        input.insert("context".into(), "training".into());
                        input.insert("session_id".into(), session.id.clone());
                        input.insert("mission_id".into(), text(&session, "mission_id").unwrap_or_default().to_owned());
                    }
                    GridContext::FollowUp(_) => {
                        input.insert("context".into(), "follow_up".into());
                    }
                }
                self.add(Kind::Assessment, &input)?
            }
        };
        let competency = framework.competency(competency_id).cloned().unwrap_or_else(|| Competency {
            id: competency_id.to_owned(),
            code: String::new(),
            name: String::new(),
            criteria: Vec::new(),
        });
        let ratings = ratings_of(&saved);
        let (level, level_label, passed) = level_of(&framework, &competency, &ratings);
        Ok(CompetencyRating {
            competency_id: competency.id,
            assessment_id: Some(saved.id),
            ratings,
            level,
            level_label,
            passed,
        })
    }
}
