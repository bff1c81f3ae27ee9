//! One row of a week's attendance register: a participant, and a column
//! per day whose cell is the status at that day's session of the mission
//! (P, A, R, "présent"…). An empty cell records nothing.

use super::RowContext;
use super::columns::register_day;
use crate::app::Binome;
use crate::error::CoreError;
use binome_domain::{Input, Kind, Problem, ProblemCode};
use binome_store::ListQuery;
use chrono::Datelike;
use serde_json::Value;

impl Binome {
    /// The mission's sessions on the day a register column names.
    fn sessions_on(&self, mission_id: &str, heading: &str) -> Result<Vec<String>, CoreError> {
        let Some(mission) = self.store.get(Kind::Mission, mission_id)? else { return Ok(Vec::new()) };
        let start = mission.data.get("start_date").and_then(Value::as_str).and_then(binome_domain::input::parse_date);
        let year = start.map_or(2000, |d| d.year());
        let Some(day) = register_day(heading, year) else { return Ok(Vec::new()) };
        let query = ListQuery { equals: vec![("mission_id", mission_id.to_owned())], ..ListQuery::default() };
        Ok(self
            .store
            .list(Kind::Session, &query)?
            .into_iter()
            .filter(|s| !s.deleted)
            .filter(|s| s.data.get("date").and_then(Value::as_str) == Some(day.format("%Y-%m-%d").to_string().as_str()))
            .map(|s| s.id)
            .collect())
    }

    pub(super) fn register_row(&self, rows: &mut RowContext, line: usize, cells: &[String]) -> Result<(), CoreError> {
        let Some(mission_id) = rows.mission.clone() else {
            rows.problem(line, "mission_id", Problem::new("mission_id", ProblemCode::Required, ""));
            return Ok(());
        };
        let Some(person_id) = self.participant_named(rows, &mission_id, line, cells)? else { return Ok(()) };
        for (index, heading) in rows.columns.session_days() {
            let Some(status) = cells.get(index).filter(|c| !c.trim().is_empty()).cloned() else { continue };
            if !rows.sessions_by_day.contains_key(&heading) {
                let sessions = self.sessions_on(&mission_id, &heading)?;
                rows.sessions_by_day.insert(heading.clone(), sessions);
            }
            let session_id = match rows.sessions_by_day[&heading].as_slice() {
                [one] => one.clone(),
                [] => {
                    let problem = Problem::new("session_id", ProblemCode::NotFound, &heading).with("target", "session");
                    rows.problems.push(super::RowProblem { line, column: heading.clone(), problem });
                    continue;
                }
                _ => {
                    let problem =
                        Problem::new("session_id", ProblemCode::Ambiguous, &heading).with("target", "session");
                    rows.problems.push(super::RowProblem { line, column: heading.clone(), problem });
                    continue;
                }
            };
            let mut input = Input::new();
            input.insert("status".into(), status);
            self.map_values(rows, &mut input)?;
            input.insert("session_id".into(), session_id);
            input.insert("person_id".into(), person_id.clone());
            let result = self.prepare_mark(Kind::Attendance, &input)?;
            match result {
                Ok(record) => rows.prepared.push(record),
                Err(problems) => {
                    for problem in problems.0 {
                        rows.problems.push(super::RowProblem { line, column: heading.clone(), problem });
                    }
                }
            }
        }
        Ok(())
    }
}
