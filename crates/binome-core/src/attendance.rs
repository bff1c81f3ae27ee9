//! Marking attendance: one tick saved at once, or everyone not yet marked
//! present in one transaction (the roster's "tous présents").

use crate::app::Binome;
use crate::error::{CoreError, Result};
use crate::views::{RecordView, RosterView};
use binome_domain::codes::AttendanceStatus;
use binome_domain::{Input, Kind};

impl Binome {
    /// Marks one participant; saved at once, in its own transaction.
    pub fn mark_attendance(
        &mut self,
        session_id: &str,
        person_id: &str,
        status: AttendanceStatus,
    ) -> Result<RecordView> {
        let input: Input = [
            ("session_id".to_owned(), session_id.to_owned()),
            ("person_id".to_owned(), person_id.to_owned()),
            ("status".to_owned(), status.code().to_owned()),
        ]
        .into_iter()
        .collect();
        let row = self.add(Kind::Attendance, &input)?;
        Ok(self.record_view(&row))
    }

    /// Marks every participant not yet marked as present, in one transaction.
    pub fn mark_all_present(&mut self, session_id: &str) -> Result<RosterView> {
        let roster = self.roster(session_id)?;
        let mut prepared = Vec::new();
        for row in roster.rows.iter().filter(|r| r.status.is_none()) {
            let input: Input = [
                ("session_id".to_owned(), roster.session.id.clone()),
                ("person_id".to_owned(), row.person_id.clone()),
                ("status".to_owned(), AttendanceStatus::Present.code().to_owned()),
            ]
            .into_iter()
            .collect();
            prepared.push(
                self.prepare(Kind::Attendance, &input, None)?
                    .map_err(|problems| CoreError::Invalid { kind: Kind::Attendance, problems })?,
            );
        }
        self.save(&prepared)?;
        self.roster(&roster.session.id)
    }
}
