//! One row of a participant list: a person, created or (already on this
//! mission's list under the same name) updated, and enrolled.

use super::{ImportKind, RowContext, link, summary};
use crate::app::Binome;
use crate::error::CoreError;
use binome_domain::names::{match_key, phone_key};
use binome_domain::{Input, Kind, Problem, ProblemCode};
use std::collections::HashMap;

impl Binome {
    fn known_people<'r>(
        &self,
        rows: &'r mut RowContext,
    ) -> Result<&'r HashMap<(String, String), Vec<String>>, CoreError> {
        if rows.known_people.is_none() {
            let mut known: HashMap<(String, String), Vec<String>> = HashMap::new();
            for person in self.store.active_persons()? {
                let Some(phone) = person.phone.as_deref().and_then(phone_key) else { continue };
                known.entry((match_key(&person.family_name, &person.given_names), phone)).or_default().push(person.id);
            }
            rows.known_people = Some(known);
        }
        Ok(rows.known_people.as_ref().expect("filled above"))
    }

    pub(super) fn participant_row(
        &self,
        rows: &mut RowContext,
        line: usize,
        cells: &[String],
    ) -> Result<(), CoreError> {
        let mut input = Input::new();
        for (column, _) in ImportKind::Participants.columns() {
            if let Some(value) = rows.columns.get(column, cells) {
                input.insert(column.to_string(), value.into_owned());
            }
        }
        let pending = self.map_values(rows, &mut input)?;
        // Without a country, a number without its `+` code cannot be read:
        // it is kept as typed.
        let readable = |raw: &str| {
            rows.country.is_some() || (raw.trim_start().starts_with('+') || raw.trim_start().starts_with("00"))
        };
        let phone_problem = match input.get("phone").cloned().filter(|raw| readable(raw)) {
            Some(raw) => match crate::phones::international(&raw, rows.country.as_deref()) {
                Ok(number) => {
                    input.insert("phone".into(), number);
                    None
                }
                Err(crate::phones::PhoneRefusal::Invalid { country }) => {
                    input.remove("phone");
                    let problem = Problem::new("phone", ProblemCode::InvalidPhone, raw);
                    Some(match country {
                        Some(country) => problem.with("country", country),
                        None => problem,
                    })
                }
            },
            None => None,
        };
        let key = match_key(input.get("family_name").map_or("", |s| s), input.get("given_names").map_or("", |s| s));
        let on_this_mission: Option<String> = match rows.mission.clone() {
            Some(mission) => {
                match self.participants_by_key(&mission, &mut rows.participants)?.get(&key).map(Vec::as_slice) {
                    Some([one]) => Some(one.clone()),
                    _ => None,
                }
            }
            None => None,
        };
        // Elsewhere in the store, the same name and the same phone number
        // are the same person (a namesake without the number is a new one,
        // offered as a possible duplicate).
        let elsewhere = match (&on_this_mission, input.get("phone").and_then(|p| phone_key(p))) {
            (None, Some(phone)) => {
                let known = self.known_people(rows)?;
                match known.get(&(key.clone(), phone)).map(Vec::as_slice) {
                    Some([one]) => Some(one.clone()),
                    _ => None,
                }
            }
            _ => None,
        };
        let existing = match on_this_mission.or(elsewhere) {
            Some(id) => self.store.get(Kind::Person, &id)?,
            None => None,
        };
        match (self.prepare(Kind::Person, &input, existing.as_ref())?, phone_problem) {
            (Ok(mut person), None) => {
                pending.fill(&mut person.data);
                if person.is_new && rows.keep_new_people && rows.new_people.len() < super::DUPLICATE_CANDIDATES {
                    rows.new_people.push(summary(&person.id, &person.data));
                }
                if let Some(mission) = &rows.mission {
                    rows.prepared.push(link(Kind::Enrolment, mission, &person.id));
                }
                rows.prepared.push(person);
            }
            (Ok(_), Some(phone)) => rows.refused(line, vec![phone], &|field| field.to_owned()),
            (Err(problems), phone) => {
                rows.refused(line, problems.0.into_iter().chain(phone).collect(), &|field| field.to_owned())
            }
        }
        Ok(())
    }
}
