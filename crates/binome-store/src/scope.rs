//! The records that belong to one mission: what a mission-scoped bundle
//! carries, so an expert's bundle holds that mission and what it needs.

use crate::error::Doing;
use crate::open::Store;
use binome_domain::Kind;
use std::collections::{HashMap, HashSet};

pub type Scope = HashMap<Kind, HashSet<String>>;

impl Store {
    fn ids(&self, sql: &str, mission_id: &str) -> crate::Result<HashSet<String>> {
        let mut stmt = self.conn.prepare_cached(sql).doing("preparing a mission scope")?;
        let rows = stmt.query_map([mission_id], |r| r.get::<_, Option<String>>(0)).doing("reading a mission scope")?;
        let mut out = HashSet::new();
        for row in rows {
            if let Some(id) = row.doing("reading a mission scope")? {
                out.insert(id);
            }
        }
        Ok(out)
    }

    /// Ids, per kind, of the records a bundle for this mission carries.
    pub fn mission_scope(&self, mission_id: &str) -> crate::Result<Scope> {
        let sessions = "SELECT id FROM sessions WHERE mission_id = ?1";
        let persons = "SELECT person_id FROM team_members WHERE mission_id = ?1
             UNION SELECT person_id FROM enrolments WHERE mission_id = ?1
             UNION SELECT reviewer_id FROM reviews WHERE session_id IN (SELECT id FROM sessions WHERE mission_id = ?1)
             UNION SELECT assessor_id FROM assessments WHERE mission_id = ?1
             UNION SELECT person_id FROM assessments WHERE mission_id = ?1";
        let mut scope = Scope::new();
        scope.insert(Kind::Mission, self.ids("SELECT id FROM missions WHERE id = ?1", mission_id)?);
        scope.insert(Kind::Programme, self.ids("SELECT programme_id FROM missions WHERE id = ?1", mission_id)?);
        scope.insert(Kind::TeamMember, self.ids("SELECT id FROM team_members WHERE mission_id = ?1", mission_id)?);
        scope.insert(Kind::Enrolment, self.ids("SELECT id FROM enrolments WHERE mission_id = ?1", mission_id)?);
        scope.insert(Kind::Session, self.ids(sessions, mission_id)?);
        for (kind, table) in
            [(Kind::Attendance, "attendance"), (Kind::TestScore, "test_scores"), (Kind::Review, "reviews")]
        {
            let sql = format!("SELECT id FROM {table} WHERE session_id IN ({sessions})");
            scope.insert(kind, self.ids(&sql, mission_id)?);
        }
        scope.insert(Kind::Assessment, self.ids("SELECT id FROM assessments WHERE mission_id = ?1", mission_id)?);
        scope.insert(
            Kind::Framework,
            self.ids(
                "SELECT framework_id FROM assessments WHERE mission_id = ?1
                 UNION SELECT f.id FROM frameworks f JOIN missions m ON m.programme_id = f.programme_id WHERE m.id = ?1",
                mission_id,
            )?,
        );
        scope.insert(Kind::Person, self.ids(persons, mission_id)?);
        scope.insert(
            Kind::Profession,
            self.ids(
                &format!(
                    "SELECT pf.id FROM professions pf JOIN missions m ON m.programme_id = pf.programme_id WHERE m.id = ?1
                     UNION SELECT profession_id FROM persons WHERE id IN ({persons})"
                ),
                mission_id,
            )?,
        );
        scope.insert(
            Kind::ValueChoice,
            self.ids(
                "SELECT v.id FROM value_choices v JOIN missions m ON m.programme_id = v.programme_id WHERE m.id = ?1",
                mission_id,
            )?,
        );
        scope.insert(
            Kind::Organisation,
            self.ids(
                &format!(
                    "SELECT host_org_id FROM missions WHERE id = ?1
                     UNION SELECT partner_org_id FROM missions WHERE id = ?1
                     UNION SELECT organisation_id FROM persons WHERE id IN ({persons})"
                ),
                mission_id,
            )?,
        );
        scope.insert(
            Kind::PersonMerge,
            self.ids(
                &format!("SELECT id FROM person_merges WHERE kept_id IN ({persons}) OR merged_id IN ({persons})"),
                mission_id,
            )?,
        );
        // An erasure goes wherever the person goes, so that no laptop keeps
        // the name of someone erased.
        scope.insert(
            Kind::Erasure,
            self.ids(&format!("SELECT id FROM erasures WHERE person_id IN ({persons})"), mission_id)?,
        );
        Ok(scope)
    }
}
