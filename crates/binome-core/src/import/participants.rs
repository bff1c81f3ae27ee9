//! One row of a participant list: a person, created or (already on this
//! mission's list under the same name) updated, and enrolled.

use super::{ImportKind, RowContext, link, summary};
use crate::app::Binome;
use crate::error::CoreError;
use binome_domain::names::match_key;
use binome_domain::{Input, Kind};

impl Binome {
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
        let existing = match rows.mission.clone() {
            Some(mission) => {
                let key =
                    match_key(input.get("family_name").map_or("", |s| s), input.get("given_names").map_or("", |s| s));
                match self.participants_by_key(&mission, &mut rows.participants).get(&key).map(Vec::as_slice) {
                    Some([one]) => self.store.get(Kind::Person, one)?,
                    _ => None,
                }
            }
            None => None,
        };
        match self.prepare(Kind::Person, &input, existing.as_ref()) {
            Ok(person) => {
                if person.is_new {
                    rows.new_people.push(summary(&person.id, &person.data));
                }
                if let Some(mission) = &rows.mission {
                    rows.prepared.push(link(Kind::Enrolment, mission, &person.id));
                }
                rows.prepared.push(person);
            }
            Err(problems) => rows.refused(line, problems.0, &|field| field.to_owned()),
        }
        Ok(())
    }
}
