//! Attendance tallies, summed in memory. Grouping a country's attendance
//! rows by person in SQL sorts them all; walking each session's roster
//! through the attendance index and adding each row to its person's sums
//! in a hash map reads the same rows without the sort (timings in
//! benches/README.md).

use super::Tallied;
use super::people::{FactKey, InScope};
use crate::open::Store;
use binome_domain::codes::AttendanceStatus;
use binome_domain::indicators::{Breakdown, PersonAttendance};
use std::collections::HashMap;

/// A session's roster: the attendance index answers it without a row read.
pub(super) const ROSTER: &str = "SELECT person_id, status FROM attendance WHERE session_id = ?1 AND deleted = 0";

impl Store {
    /// Adds the attendance tallies of the scope to each group and to the
    /// total. A (session, person) pair is one row, however many records a
    /// merge left in it; a person counts once in the total's persons trained.
    pub(super) fn attendance(&self, in_scope: &mut InScope, by: &[Breakdown], into: &mut Tallied) -> crate::Result<()> {
        let mut facts: HashMap<FactKey, PersonAttendance> = HashMap::new();
        // (counted, excused) per person of a session.
        let fold = |r: &rusqlite::Row, seen: &mut (bool, bool)| {
            let status = AttendanceStatus::from_code(r.get_ref(1)?.as_str()?);
            seen.0 |= status.is_some_and(AttendanceStatus::is_counted);
            seen.1 |= status == Some(AttendanceStatus::Excused);
            Ok(())
        };
        self.fold_sessions(in_scope, ROSTER, "computing attendance indicators", fold, |session, person_id, seen| {
            let sums = facts.entry(FactKey::new(person_id, session, by)).or_default();
            sums.add_pair(seen.0, seen.1, session.minutes, session.hours_per_day);
        })?;

        in_scope.for_each_person(facts, |person, facts| {
            into.total.persons_trained += u64::from(facts.iter().any(|(_, sums)| sums.trained));
            for (key, sums) in facts {
                let group = into.groups.entry(person.group_key(by, key)).or_default();
                group.persons_trained += u64::from(sums.trained);
                sums.add_to(group);
                sums.add_to(&mut into.total);
            }
        })
    }
}
