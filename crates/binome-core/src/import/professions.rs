//! A programme's own professions in a list: the titles its people use
//! ("SFDE", "ATS", "Matrone") are found in the programme's list whatever
//! their accents or case, and a title the list lacks is added to it with
//! its common category once the person says which (or, with
//! `--create-missing`, when the title leaves no doubt: "SFDE" is a
//! midwife).

use super::RowContext;
use super::report::{CreatedProfession, ProgrammeProfession};
use super::values::value_key;
use crate::app::Binome;
use crate::error::CoreError;
use binome_domain::{Cadre, HealthOccupation, Input, Kind};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;

#[cfg(feature = "ts")]
use ts_rs::TS;

/// A profession to add to the programme for a title its list lacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct NewProfession {
    /// The common category, an ISCO-08 code (`2222`, `3221`, …).
    pub category: String,
}

/// The programme's professions by folded title and by id.
#[derive(Default)]
pub(crate) struct ProfessionIndex {
    by_title: HashMap<String, String>,
    stored: std::collections::HashSet<String>,
    pub(crate) listed: Vec<ProgrammeProfession>,
}

impl ProfessionIndex {
    pub(crate) fn new(listed: Vec<ProgrammeProfession>) -> ProfessionIndex {
        let by_title = listed.iter().map(|p| (value_key(&p.title), p.id.clone())).collect();
        let stored = listed.iter().map(|p| p.id.clone()).collect();
        ProfessionIndex { by_title, stored, listed }
    }

    /// The profession whose title `raw` is, or whose id it is.
    pub(crate) fn find(&self, raw: &str) -> Option<&str> {
        if let Some(id) = self.by_title.get(&value_key(raw)) {
            return Some(id);
        }
        self.listed.iter().find(|p| p.id == raw.trim()).map(|p| p.id.as_str())
    }

    /// Whether the profession is in the store (not created by this import).
    pub(crate) fn is_stored(&self, id: &str) -> bool {
        self.stored.contains(id)
    }

    /// The title closest to `raw`, if close: proposed, never chosen.
    pub(crate) fn closest(&self, raw: &str) -> Option<&str> {
        let wanted = value_key(raw);
        self.listed
            .iter()
            .map(|p| (strsim::normalized_damerau_levenshtein(&wanted, &value_key(&p.title)), p.id.as_str()))
            .filter(|(score, _)| *score >= 0.75)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, id)| id)
    }
}

/// The category a title leaves no doubt about ("SFDE" → 2222), for a
/// title that is not one of the professions every programme knows.
pub fn category_of_title(title: &str) -> Option<&'static str> {
    if Cadre::parse(title).is_some() {
        return None;
    }
    HealthOccupation::parse(title).map(HealthOccupation::code)
}

impl Binome {
    /// The live professions of a programme, by title.
    pub fn programme_professions(&self, programme_id: &str) -> Result<Vec<ProgrammeProfession>, CoreError> {
        let query = binome_store::ListQuery {
            equals: vec![("programme_id", programme_id.to_owned())],
            ..binome_store::ListQuery::default()
        };
        let text = |row: &binome_store::StoredRow, field: &str| {
            row.data.get(field).and_then(Value::as_str).unwrap_or_default().to_owned()
        };
        Ok(self
            .store
            .list(Kind::Profession, &query)?
            .into_iter()
            .filter(|row| !row.deleted)
            .map(|row| ProgrammeProfession {
                id: row.id.clone(),
                title: text(&row, "title"),
                category: text(&row, "category"),
            })
            .collect())
    }

    /// A profession of the import's programme, prepared for its transaction.
    pub(super) fn new_profession(
        &self,
        rows: &mut RowContext,
        title: &str,
        category: &str,
    ) -> Result<Result<String, binome_domain::Problems>, CoreError> {
        let Some(programme_id) = rows.programme.clone() else {
            return Ok(Err(binome_domain::Problems(vec![binome_domain::Problem::new(
                "programme_id",
                binome_domain::ProblemCode::Required,
                "",
            )])));
        };
        let mut input = Input::new();
        input.insert("programme_id".into(), programme_id);
        input.insert("title".into(), title.trim().to_owned());
        input.insert("category".into(), category.to_owned());
        let profession = match self.prepare(Kind::Profession, &input, None)? {
            Ok(profession) => profession,
            Err(problems) => return Ok(Err(problems)),
        };
        let id = profession.id.clone();
        let category = profession.data.get("category").and_then(Value::as_str).unwrap_or(category).to_owned();
        rows.professions.listed.push(ProgrammeProfession {
            id: id.clone(),
            title: title.trim().to_owned(),
            category: category.clone(),
        });
        rows.professions.by_title.insert(value_key(title), id.clone());
        rows.created_professions.push((id.clone(), CreatedProfession { title: title.trim().to_owned(), category }));
        rows.prepared.push(profession);
        Ok(Ok(id))
    }
}
