//! Reads every fact the dashboard counts into a [`FactTable`], one query a
//! table, each row borrowed from SQLite rather than copied; and tells when
//! the store has changed since (every record write appends to the change
//! log, locally or from a bundle).

use super::{PERSON_GROUPS, dimension_expr};
use crate::error::{Doing, StoreError};
use crate::open::Store;
use binome_domain::facts::{AssessmentRecord, FactTable, Interner, PersonGroups, SessionRecord};
use binome_domain::indicators::Breakdown;
use binome_domain::{AttendanceStatus, Phase, ReviewStatus};
use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use std::collections::HashMap;

/// The last entry of the change log. Another mark means the records may
/// have changed; a restored backup has another last entry too (its clock
/// stamps and times differ), even where its numbering meets today's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChangeMark {
    seq: i64,
    hlc: i64,
    recorded_at: i64,
}

/// How an assessment's level is read: its framework, competency and
/// ratings (JSON) give (level, pass rank), or `None` when the framework
/// does not define the competency (the assessment does not count).
pub type AssessLevel<'a> = dyn FnMut(&str, &str, &str) -> Option<(Option<usize>, usize)> + Send + 'a;

const LIVE_SESSIONS: &str = "
    SELECT s.id, s.date, s.duration, m.programme_id, m.id, pr.hours_per_day, pr.pass_mark, st.status
    FROM sessions s
    JOIN missions m ON m.id = s.mission_id AND m.deleted = 0
    JOIN programmes pr ON pr.id = m.programme_id AND pr.deleted = 0
    JOIN session_status st ON st.session_id = s.id
    WHERE s.deleted = 0";

// Live attendance, scores and assessments are read from their compact
// copies (migration 0010), ids numbered: a fraction of the pages the
// records take, which an encrypted store decrypts one by one.
pub(super) const LIVE_ATTENDANCE: &str = "SELECT session_n, person_n, status FROM attendance_facts";

const LIVE_SCORES: &str = "SELECT session_n, person_n, phase, score, max_score FROM score_facts";

const LIVE_ASSESSMENTS: &str =
    "SELECT person_n, framework_n, competency_n, mission_n, date, hlc, ratings FROM assessment_facts";

/// Live frameworks by number, with their programme ("" for none).
const LIVE_FRAMEWORKS: &str = "SELECT k.n, COALESCE(f.programme_id, '')
    FROM frameworks f JOIN fact_keys k ON k.id = f.id WHERE f.deleted = 0";

/// Missions by number, with their programme (an assessment's, before its framework's).
const MISSION_PROGRAMMES: &str = "SELECT k.n, m.programme_id FROM missions m JOIN fact_keys k ON k.id = m.id";

fn live_persons_sql() -> String {
    format!(
        "SELECT p.id, {}, {}, {}, {}, {} FROM persons p {PERSON_GROUPS} WHERE p.deleted = 0",
        dimension_expr(Breakdown::Sex),
        dimension_expr(Breakdown::Cadre),
        dimension_expr(Breakdown::Category),
        dimension_expr(Breakdown::Facility),
        dimension_expr(Breakdown::Level),
    )
}

fn corrupt(table: &str, id: &str, column: &str) -> StoreError {
    StoreError::Corrupt { table: table.to_owned(), id: id.to_owned(), column: column.to_owned() }
}

fn date(table: &str, id: &str, text: &str) -> crate::Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| corrupt(table, id, "date"))
}

/// A text column borrowed from the row; "" for NULL.
fn text<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> rusqlite::Result<&'r str> {
    let value = r.get_ref(i)?;
    if value == rusqlite::types::ValueRef::Null { Ok("") } else { Ok(value.as_str()?) }
}

impl Store {
    /// The change log's last entry; `None` in a store never written.
    pub fn last_change(&self) -> crate::Result<Option<ChangeMark>> {
        self.conn
            .prepare_cached("SELECT seq, hlc, recorded_at FROM change_log ORDER BY seq DESC LIMIT 1")
            .doing("reading the change log")?
            .query_row([], |r| Ok(ChangeMark { seq: r.get(0)?, hlc: r.get(1)?, recorded_at: r.get(2)? }))
            .optional()
            .doing("reading the change log")
    }

    /// Every live fact the indicators count. Assessments are read on a
    /// second connection, in a thread of their own, while this one reads
    /// attendance and scores: a laptop's two cores halve a country's
    /// first dashboard. Each connection reads in a transaction of its own;
    /// a write landing between their starts moves the change log, so the
    /// next report reads everything again.
    pub fn read_facts(&self, assess: &mut AssessLevel<'_>) -> crate::Result<FactTable> {
        let mut table = FactTable::new();
        // Inside a write already begun (or in memory), one connection sees
        // it all: read in order.
        // A second connection only lets two tables be read side by side;
        // if it cannot be opened, one connection reads them in turn.
        let second = if self.conn.is_autocommit() { self.reopen().ok() } else { None };
        // It reads each page once: no cache of its own to fill.
        if let Some(second) = &second {
            second.set_cache_mib(2)?;
        }
        let Some(second) = second else {
            self.read_in_order(&mut table, |table, read| read.read_assessments(table, assess))?;
            table.finish();
            return Ok(table);
        };
        std::thread::scope(|threads| {
            let assessments = threads.spawn(move || second.in_transaction(|s| s.assessment_records(assess)));
            let here = self.in_transaction(|s| {
                s.read_persons(&mut table)?;
                s.read_sessions(&mut table)?;
                let keys = s.fact_keys()?;
                s.read_attendance(&keys, &mut table)?;
                s.read_scores(&keys, &mut table)
            });
            let read = assessments.join().expect("reading assessments does not panic");
            here?;
            read?.add_to(&mut table);
            Ok::<_, StoreError>(())
        })?;
        table.finish();
        Ok(table)
    }

    fn read_in_order(
        &self,
        table: &mut FactTable,
        assessments: impl FnOnce(&mut FactTable, &Store) -> crate::Result<()>,
    ) -> crate::Result<()> {
        self.in_transaction(|s| {
            s.read_persons(table)?;
            s.read_sessions(table)?;
            let keys = s.fact_keys()?;
            s.read_attendance(&keys, table)?;
            s.read_scores(&keys, table)?;
            assessments(table, s)
        })
    }

    /// `read` in a read transaction, or in the write already begun.
    fn in_transaction<T>(&self, read: impl FnOnce(&Store) -> crate::Result<T>) -> crate::Result<T> {
        if !self.conn.is_autocommit() {
            return read(self);
        }
        let tx = self.conn.unchecked_transaction().doing("reading the facts")?;
        let out = read(self)?;
        tx.finish().doing("reading the facts")?;
        Ok(out)
    }

    fn read_persons(&self, table: &mut FactTable) -> crate::Result<()> {
        let mut stmt = self.conn.prepare(&live_persons_sql()).doing("reading persons' groups")?;
        let mut rows = stmt.query([]).doing("reading persons' groups")?;
        while let Some(r) = rows.next().doing("reading persons' groups")? {
            let groups = PersonGroups {
                sex: text(r, 1).doing("reading persons' groups")?,
                cadre: text(r, 2).doing("reading persons' groups")?,
                category: text(r, 3).doing("reading persons' groups")?,
                facility: text(r, 4).doing("reading persons' groups")?,
                level: text(r, 5).doing("reading persons' groups")?,
            };
            table.add_person(text(r, 0).doing("reading persons' groups")?, groups);
        }
        let mut stmt =
            self.conn.prepare("SELECT person_id, canonical_id FROM person_aliases").doing("checking person merges")?;
        let mut rows = stmt.query([]).doing("checking person merges")?;
        while let Some(r) = rows.next().doing("checking person merges")? {
            table.add_merge(text(r, 0).doing("checking person merges")?, text(r, 1).doing("checking person merges")?);
        }
        Ok(())
    }

    fn read_sessions(&self, table: &mut FactTable) -> crate::Result<()> {
        const DOING: &str = "reading sessions";
        let mut stmt = self.conn.prepare(LIVE_SESSIONS).doing(DOING)?;
        let mut rows = stmt.query([]).doing(DOING)?;
        while let Some(r) = rows.next().doing(DOING)? {
            let id = text(r, 0).doing(DOING)?;
            let status = text(r, 7).doing(DOING)?;
            table.add_session(SessionRecord {
                id,
                date: date("sessions", id, text(r, 1).doing(DOING)?)?,
                minutes: r.get(2).doing(DOING)?,
                programme_id: text(r, 3).doing(DOING)?,
                mission_id: text(r, 4).doing(DOING)?,
                hours_per_day: r.get(5).doing(DOING)?,
                pass_mark: r.get(6).doing(DOING)?,
                status: ReviewStatus::from_code(status).ok_or_else(|| corrupt("sessions", id, "status"))?,
            });
        }
        Ok(())
    }

    fn read_attendance(&self, keys: &FactKeys, table: &mut FactTable) -> crate::Result<()> {
        const DOING: &str = "reading attendance";
        let mut stmt = self.conn.prepare(LIVE_ATTENDANCE).doing(DOING)?;
        let mut rows = stmt.query([]).doing(DOING)?;
        while let Some(r) = rows.next().doing(DOING)? {
            let (session, person) = (keys.id(r, 0, "attendance")?, keys.id(r, 1, "attendance")?);
            let status = AttendanceStatus::from_code(text(r, 2).doing(DOING)?)
                .ok_or_else(|| corrupt("attendance", &format!("{session}/{person}"), "status"))?;
            table.add_attendance(session, person, status);
        }
        Ok(())
    }

    fn read_scores(&self, keys: &FactKeys, table: &mut FactTable) -> crate::Result<()> {
        const DOING: &str = "reading test scores";
        let mut stmt = self.conn.prepare(LIVE_SCORES).doing(DOING)?;
        let mut rows = stmt.query([]).doing(DOING)?;
        while let Some(r) = rows.next().doing(DOING)? {
            let (session, person) = (keys.id(r, 0, "test_scores")?, keys.id(r, 1, "test_scores")?);
            let phase = Phase::from_code(text(r, 2).doing(DOING)?)
                .ok_or_else(|| corrupt("test_scores", &format!("{session}/{person}"), "phase"))?;
            table.add_score(session, person, phase, r.get(3).doing(DOING)?, r.get(4).doing(DOING)?);
        }
        Ok(())
    }

    fn read_assessments(&self, table: &mut FactTable, assess: &mut AssessLevel<'_>) -> crate::Result<()> {
        self.assessment_records(assess)?.add_to(table);
        Ok(())
    }

    fn assessment_records(&self, assess: &mut AssessLevel<'_>) -> crate::Result<Assessments> {
        const DOING: &str = "reading assessments";
        let keys = self.fact_keys()?;
        let numbered = |sql, doing| -> crate::Result<HashMap<i64, String>> {
            Ok(self.all(sql, [], doing, |r| r.try_into())?.into_iter().collect())
        };
        let frameworks = numbered(LIVE_FRAMEWORKS, "reading frameworks")?;
        let missions = numbered(MISSION_PROGRAMMES, "reading missions")?;
        let mut stmt = self.conn.prepare(LIVE_ASSESSMENTS).doing(DOING)?;
        let mut rows = stmt.query([]).doing(DOING)?;
        let mut read = Assessments::default();
        while let Some(r) = rows.next().doing(DOING)? {
            // An assessment of a deleted framework does not count.
            let Some(framework_programme) = frameworks.get(&r.get(1).doing(DOING)?) else { continue };
            let (person, framework) = (keys.id(r, 0, "assessments")?, keys.id(r, 1, "assessments")?);
            let competency = keys.id(r, 2, "assessments")?;
            let Some((level, pass_rank)) = assess(framework, competency, text(r, 6).doing(DOING)?) else {
                continue;
            };
            let mission_n: Option<i64> = r.get(3).doing(DOING)?;
            let mission = mission_n.map(|_| keys.id(r, 3, "assessments")).transpose()?;
            let programme = mission_n.and_then(|n| missions.get(&n)).unwrap_or(framework_programme);
            let row = ReadAssessment {
                person: read.ids.intern(person),
                competency: read.ids.intern(competency),
                date: date("assessments", &format!("{person}/{competency}"), text(r, 4).doing(DOING)?)?,
                stamp: r.get(5).doing(DOING)?,
                level,
                pass_rank,
                // As before the copies: an empty mission is none.
                mission: mission.filter(|m| !m.is_empty()).map(|m| read.ids.intern(m)),
                programme: read.ids.intern(programme),
            };
            read.rows.push(row);
        }
        Ok(read)
    }

    /// Every numbered id of the facts.
    fn fact_keys(&self) -> crate::Result<FactKeys> {
        const DOING: &str = "reading the facts' ids";
        let mut ids = Vec::new();
        let mut stmt = self.conn.prepare("SELECT n, id FROM fact_keys ORDER BY n").doing(DOING)?;
        let mut rows = stmt.query([]).doing(DOING)?;
        while let Some(r) = rows.next().doing(DOING)? {
            let n = usize::try_from(r.get::<_, i64>(0).doing(DOING)?).map_err(|_| corrupt("fact_keys", "", "n"))?;
            if n >= ids.len() {
                ids.resize(n + 1, None);
            }
            ids[n] = Some(text(r, 1).doing(DOING)?.to_owned());
        }
        Ok(FactKeys { ids })
    }
}

/// The facts' ids by number (`fact_keys`); `None` where no id has the number.
struct FactKeys {
    ids: Vec<Option<String>>,
}

impl FactKeys {
    /// The id numbered in column `i` of a row of `table`'s facts.
    fn id(&self, r: &rusqlite::Row<'_>, i: usize, table: &str) -> crate::Result<&str> {
        let n: i64 = r.get(i).doing("reading the facts")?;
        usize::try_from(n)
            .ok()
            .and_then(|n| self.ids.get(n)?.as_deref())
            .ok_or_else(|| corrupt(table, &n.to_string(), "fact_keys"))
    }
}

/// Assessments read on the second connection, handed to the table once
/// both are done; their ids numbered once each, not copied row by row (a
/// country's 355,000 rows name 100,000 persons and a few competencies).
#[derive(Default)]
struct Assessments {
    ids: Interner,
    rows: Vec<ReadAssessment>,
}

struct ReadAssessment {
    person: u32,
    competency: u32,
    date: NaiveDate,
    stamp: i64,
    level: Option<usize>,
    pass_rank: usize,
    mission: Option<u32>,
    programme: u32,
}

impl Assessments {
    fn add_to(&self, table: &mut FactTable) {
        for row in &self.rows {
            table.add_assessment(AssessmentRecord {
                person_id: self.ids.name(row.person),
                competency_id: self.ids.name(row.competency),
                date: row.date,
                stamp: row.stamp,
                level: row.level,
                pass_rank: row.pass_rank,
                mission_id: row.mission.map(|m| self.ids.name(m)),
                programme_id: self.ids.name(row.programme),
            });
        }
    }
}
