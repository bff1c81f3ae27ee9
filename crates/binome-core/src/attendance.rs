//! Marking attendance: one tick saved at once, or everyone not yet marked
//! present in one transaction (the roster's "tous présents").

use crate::app::Binome;
use crate::error::{CoreError, Result};
use crate::views::{RecordView, RosterView};
use binome_domain::codes::AttendanceStatus;
use binome_domain::{Input, Kind, input_of};

/// One tick on the roster: who, at which session, and how.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AttendanceMark {
    pub session_id: String,
    pub person_id: String,
    pub status: AttendanceStatus,
}

impl AttendanceMark {
    /// The attendance record it writes, checked like any other input.
    fn input(&self) -> Input {
        input_of(&[("session_id", &self.session_id), ("person_id", &self.person_id), ("status", self.status.code())])
    }
}

impl Binome {
    /// Marks one participant; saved at once, in its own transaction.
    pub fn mark_attendance(&mut self, mark: &AttendanceMark) -> Result<RecordView> {
        let row = self.add(Kind::Attendance, &mark.input())?;
        Ok(self.record_view(&row))
    }

    /// Marks every participant not yet marked as present, in one transaction.
    pub fn mark_all_present(&mut self, session_id: &str) -> Result<RosterView> {
        let roster = self.roster(session_id)?;
        let mut prepared = Vec::new();
        for row in roster.rows.iter().filter(|r| r.status.is_none()) {
            let present = AttendanceMark {
                session_id: roster.session.id.clone(),
                person_id: row.person_id.clone(),
                status: AttendanceStatus::Present,
            };
            prepared.push(
                self.prepare(Kind::Attendance, &present.input(), None)?
                    .map_err(|problems| CoreError::Invalid { kind: Kind::Attendance, problems })?,
            );
        }
        self.save(&prepared)?;
        self.roster(&roster.session.id)
    }
}
