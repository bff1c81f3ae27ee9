//! The mapping step between reading a row and checking it: the person's
//! value choices are checked and set up once, then every row's values of
//! closed fields and facilities go through them.

use super::professions::category_of_title;
use super::values::{MAPPABLE_FIELDS, Mapped, NewRecord, level_from_name, value_key, vocabulary};
use super::{CreatedFacility, ImportError, RowContext, ValueChoice};
use crate::app::Binome;
use crate::error::CoreError;
use binome_domain::{Input, Kind};
use binome_store::{ListQuery, RememberedValue};
use serde_json::Value;

/// Records this import creates that a row names.
#[derive(Default)]
pub(super) struct Pending {
    pub facility: Option<String>,
    pub profession: Option<String>,
}

impl Pending {
    /// Names them on the row's record once it is checked.
    pub(super) fn fill(self, data: &mut binome_domain::Row) {
        if let Some(id) = self.facility {
            data.insert("organisation_id".into(), Value::String(id));
        }
        if let Some(id) = self.profession {
            data.insert("profession_id".into(), Value::String(id));
        }
    }
}

impl Binome {
    /// The mission's programme: (id, country code).
    pub(super) fn programme_of(&self, mission_id: &str) -> Result<Option<(String, Option<String>)>, CoreError> {
        let Some(mission) = self.store.get(Kind::Mission, mission_id)? else { return Ok(None) };
        let Some(programme_id) = mission.data.get("programme_id").and_then(Value::as_str) else { return Ok(None) };
        let country = self
            .store
            .get(Kind::Programme, programme_id)?
            .and_then(|p| p.data.get("country").and_then(Value::as_str).map(str::to_owned));
        Ok(Some((programme_id.to_owned(), country)))
    }

    /// The country of every programme, when they all have the same.
    pub(super) fn only_country(&self) -> Result<Option<String>, CoreError> {
        let countries: std::collections::BTreeSet<String> = self
            .store
            .list(Kind::Programme, &ListQuery::default())?
            .into_iter()
            .filter(|row| !row.deleted)
            .filter_map(|row| row.data.get("country")?.as_str().map(str::to_owned))
            .collect();
        Ok(if countries.len() == 1 { countries.into_iter().next() } else { None })
    }

    /// (id, name) of every facility not deleted.
    pub(super) fn facility_names(&self) -> Result<Vec<(String, String)>, CoreError> {
        Ok(self
            .store
            .list(Kind::Organisation, &ListQuery::default())?
            .into_iter()
            .filter(|row| !row.deleted)
            .filter_map(|row| Some((row.id.clone(), row.data.get("name")?.as_str()?.to_owned())))
            .collect())
    }

    /// Checks the person's choices and puts them over the remembered ones;
    /// returns them as they are to be remembered once the import is written.
    pub(super) fn apply_value_choices(
        &self,
        rows: &mut RowContext,
        choices: &[ValueChoice],
    ) -> Result<Vec<RememberedValue>, CoreError> {
        let mut remembered = Vec::new();
        for choice in choices {
            let refused = |target: &str| ImportError::Choice {
                field: choice.field.clone(),
                value: choice.value.clone(),
                target: target.to_owned(),
            };
            if !MAPPABLE_FIELDS.contains(&choice.field.as_str()) {
                return Err(refused(choice.to.as_deref().unwrap_or_default()).into());
            }
            let target = match (&choice.create, &choice.to) {
                (Some(NewRecord::Profession(new)), _) if choice.field == "cadre" => {
                    let id =
                        self.new_profession(rows, &choice.value, &new.category)?.map_err(|_| refused(&new.category))?;
                    rows.values.set(&choice.field, &choice.value, Mapped::Profession(id.clone()));
                    id
                }
                (None, Some(to)) if choice.field == "cadre" && rows.professions.find(to).is_some() => {
                    let id = rows.professions.find(to).expect("found above").to_owned();
                    rows.values.set(&choice.field, &choice.value, Mapped::Profession(id.clone()));
                    id
                }
                (Some(NewRecord::Facility(new)), _) if choice.field == "organisation_id" => {
                    let id = self
                        .new_facility(rows, &choice.value, &new.level, new.city.as_deref())?
                        .map_err(|_| refused(&new.level))?;
                    rows.values.set(&choice.field, &choice.value, Mapped::NewFacility(id.clone()));
                    id
                }
                (None, Some(to)) if choice.field == "organisation_id" => {
                    let id = match rows.facilities.find(to) {
                        Some(id) => id.to_owned(),
                        None => self.resolve(Kind::Organisation, to).map_err(|_| refused(to))?,
                    };
                    rows.values.set(&choice.field, &choice.value, Mapped::Value(id.clone()));
                    id
                }
                (None, Some(to)) => {
                    let code = vocabulary(&choice.field)
                        .and_then(|v| (v.parse)(to))
                        .map(str::to_owned)
                        .ok_or_else(|| refused(to))?;
                    rows.values.set(&choice.field, &choice.value, Mapped::Value(code.clone()));
                    code
                }
                _ => return Err(refused("").into()),
            };
            remembered.push(RememberedValue {
                field: choice.field.clone(),
                value_key: value_key(&choice.value),
                value: choice.value.clone(),
                target,
            });
        }
        Ok(remembered)
    }

    /// A host facility prepared for this import's transaction.
    fn new_facility(
        &self,
        rows: &mut RowContext,
        name: &str,
        level: &str,
        city: Option<&str>,
    ) -> Result<Result<String, binome_domain::Problems>, CoreError> {
        let mut input = Input::new();
        input.insert("name".into(), name.trim().to_owned());
        input.insert("kind".into(), "host".into());
        input.insert("level".into(), level.to_owned());
        if let Some(city) = city.filter(|c| !c.trim().is_empty()) {
            input.insert("city".into(), city.trim().to_owned());
        }
        if let Some(country) = &rows.country {
            input.insert("country".into(), country.clone());
        }
        let facility = match self.prepare(Kind::Organisation, &input, None)? {
            Ok(facility) => facility,
            Err(problems) => return Ok(Err(problems)),
        };
        let id = facility.id.clone();
        let shown = CreatedFacility {
            name: name.trim().to_owned(),
            level: facility.data.get("level").and_then(Value::as_str).unwrap_or(level).to_owned(),
            city: city.map(str::to_owned),
        };
        rows.created.push((id.clone(), shown));
        rows.prepared.push(facility);
        Ok(Ok(id))
    }

    /// Puts each mapped value in its cell's place; returns the records
    /// this import creates that the row names (they are not in the store
    /// yet, so the row is checked without them).
    pub(super) fn map_values(&self, rows: &mut RowContext, input: &mut Input) -> Result<Pending, CoreError> {
        let mut pending = Pending::default();
        for field in MAPPABLE_FIELDS {
            let Some(raw) = input.get(*field).cloned() else { continue };
            match rows.values.get(field, &raw).cloned() {
                // A remembered title points at a profession of the programme.
                Some(Mapped::Value(target)) if *field == "cadre" && rows.professions.find(&target).is_some() => {
                    input.remove(*field);
                    input.insert("profession_id".into(), target);
                }
                Some(Mapped::Profession(id)) => name_profession(rows, input, &mut pending, id),
                Some(Mapped::Value(target)) => {
                    input.insert(field.to_string(), target);
                }
                Some(Mapped::NewFacility(id)) => {
                    input.remove(*field);
                    pending.facility = Some(id);
                }
                None if *field == "cadre" => {
                    if let Some(id) = rows.professions.find(&raw).map(str::to_owned) {
                        name_profession(rows, input, &mut pending, id);
                    } else if let Some(category) = category_of_title(&raw).filter(|_| rows.create_missing) {
                        // On failure the row's own check names the problem.
                        if let Ok(id) = self.new_profession(rows, &raw, category)? {
                            rows.values.set(field, &raw, Mapped::Profession(id.clone()));
                            input.remove(*field);
                            pending.profession = Some(id);
                        }
                    }
                }
                None if *field == "organisation_id" => {
                    if let Some(id) = rows.facilities.find(&raw) {
                        input.insert(field.to_string(), id.to_owned());
                    } else if rows.create_missing && self.store.resolve(Kind::Organisation, &raw)?.is_empty() {
                        // On failure the row's own check names the problem.
                        if let Ok(id) = self.new_facility(rows, &raw, level_from_name(&raw), None)? {
                            rows.values.set(field, &raw, Mapped::NewFacility(id.clone()));
                            input.remove(*field);
                            pending.facility = Some(id);
                        }
                    }
                }
                None => {}
            }
        }
        Ok(pending)
    }
}

/// The row names a programme profession instead of a profession of
/// today's list: in the store, or created by this import (then set once
/// the row is checked).
fn name_profession(rows: &RowContext, input: &mut Input, pending: &mut Pending, id: String) {
    input.remove("cadre");
    if rows.professions.is_stored(&id) {
        input.insert("profession_id".into(), id);
    } else {
        pending.profession = Some(id);
    }
}
