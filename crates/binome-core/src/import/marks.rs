//! One row of an attendance or a scores sheet: what one participant of the
//! session got. The same fact imported again edits the same record.

use super::{ImportKind, RowContext};
use crate::app::Binome;
use crate::error::CoreError;
use binome_domain::codes::Phase;
use binome_domain::names::match_key;
use binome_domain::{Input, Kind, Problem, ProblemCode};
use serde_json::Value;

impl Binome {
    /// The mission's one participant the row names, or none with the
    /// row's problem noted (no such participant, or several).
    pub(super) fn participant_named(
        &self,
        rows: &mut RowContext,
        mission_id: &str,
        line: usize,
        cells: &[String],
    ) -> Result<Option<String>, CoreError> {
        let family = rows.columns.get("family_name", cells).unwrap_or_default().into_owned();
        let given = rows.columns.get("given_names", cells).unwrap_or_default().into_owned();
        let shown = format!("{family} {given}").trim().to_owned();
        let ids = self
            .participants_by_key(mission_id, &mut rows.participants)?
            .get(&match_key(&family, &given))
            .cloned()
            .unwrap_or_default();
        Ok(match ids.as_slice() {
            [one] => Some(one.clone()),
            [] => {
                rows.problem(line, "family_name", Problem::new("person_id", ProblemCode::NotAParticipant, shown));
                None
            }
            _ => {
                let problem = Problem::new("person_id", ProblemCode::Ambiguous, shown).with("target", "person");
                rows.problem(line, "family_name", problem);
                None
            }
        })
    }

    /// An attendance or a score, as an edit of the one already recorded
    /// for the same session, person (and phase) if there is one.
    pub(super) fn prepare_mark(
        &self,
        kind: Kind,
        input: &Input,
    ) -> Result<Result<crate::records::Prepared, binome_domain::Problems>, CoreError> {
        Ok(match self.prepare(kind, input, None)? {
            Ok(probe) if !probe.is_new => {
                let existing = self.store.get(kind, &probe.id)?;
                self.prepare(kind, input, existing.as_ref())?
            }
            other => other,
        })
    }

    pub(super) fn mark_row(
        &self,
        kind: ImportKind,
        rows: &mut RowContext,
        line: usize,
        cells: &[String],
    ) -> Result<(), CoreError> {
        let session_id = match rows.columns.get("session_id", cells) {
            Some(text) => match self.resolve(Kind::Session, &text) {
                Ok(id) => id,
                // A store that cannot be read is not a row's problem.
                Err(CoreError::NotFound { .. } | CoreError::Ambiguous { .. }) => {
                    let problem = Problem::new("session_id", ProblemCode::NotFound, text).with("target", "session");
                    rows.problem(line, "session_id", problem);
                    return Ok(());
                }
                Err(other) => return Err(other),
            },
            None => match rows.session.clone() {
                Some(id) => id,
                None => {
                    rows.problem(line, "session_id", Problem::new("session_id", ProblemCode::Required, ""));
                    return Ok(());
                }
            },
        };
        let mission_id = self
            .store
            .get(Kind::Session, &session_id)?
            .and_then(|s| s.data.get("mission_id").and_then(Value::as_str).map(str::to_owned))
            .unwrap_or_default();
        let Some(person_id) = self.participant_named(rows, &mission_id, line, cells)? else { return Ok(()) };
        let cell = |column: &str| rows.columns.get(column, cells).map(|c| c.into_owned());
        // (record input, the sheet column of each of its fields)
        let mut records: Vec<(Input, &[(&str, &str)])> = Vec::new();
        let record_kind = if kind == ImportKind::Attendance {
            let mut input = Input::new();
            input.insert("status".into(), cell("status").unwrap_or_default());
            if let Some(note) = cell("note") {
                input.insert("note".into(), note);
            }
            records.push((input, &[("status", "status"), ("note", "note")]));
            Kind::Attendance
        } else {
            for (column, phase) in [("pre_score", Phase::Pre), ("post_score", Phase::Post)] {
                let Some(score) = cell(column) else { continue };
                let mut input = Input::new();
                input.insert("phase".into(), phase.code().into());
                input.insert("score".into(), score);
                let heading_maximum = rows.columns.heading_maximum(column).map(str::to_owned);
                input.insert("max_score".into(), cell("max_score").or(heading_maximum).unwrap_or_default());
                let columns: &[(&str, &str)] = match phase {
                    Phase::Pre => &[("score", "pre_score")],
                    Phase::Post => &[("score", "post_score")],
                };
                records.push((input, columns));
            }
            Kind::TestScore
        };
        for (mut input, column_of_field) in records {
            self.map_values(rows, &mut input)?;
            input.insert("session_id".into(), session_id.clone());
            input.insert("person_id".into(), person_id.clone());
            let result = self.prepare_mark(record_kind, &input)?;
            match result {
                Ok(record) => rows.prepared.push(record),
                Err(problems) => rows.refused(line, problems.0, &|field| {
                    column_of_field.iter().find(|(f, _)| *f == field).map_or(field, |(_, c)| c).to_owned()
                }),
            }
        }
        Ok(())
    }
}
