//! One row of a session list: a session of the row's mission, or of the
//! mission the import is for.

use super::{ImportKind, RowContext};
use crate::app::Binome;
use binome_domain::{Input, Kind};

impl Binome {
    pub(super) fn session_row(
        &self,
        rows: &mut RowContext,
        line: usize,
        cells: &[String],
    ) -> Result<(), crate::CoreError> {
        let mut input = Input::new();
        for (column, _) in ImportKind::Sessions.columns() {
            if let Some(value) = rows.columns.get(column, cells) {
                input.insert(column.to_string(), value.into_owned());
            }
        }
        self.map_values(rows, &mut input)?;
        if !input.contains_key("mission_id") {
            if let Some(mission) = &rows.mission {
                input.insert("mission_id".into(), mission.clone());
            }
        }
        match self.prepare(Kind::Session, &input, None)? {
            Ok(session) => rows.prepared.push(session),
            Err(problems) => rows.refused(line, problems.0, &|field| field.to_owned()),
        }
        Ok(())
    }
}
