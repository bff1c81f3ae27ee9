//! A session's screens: the attendance roster and the pre/post score grid.

use super::{RecordView, fold};
use crate::app::Binome;
use crate::error::Result;
use binome_domain::codes::AttendanceStatus;
use binome_domain::{Kind, Row};
use binome_store::{ListQuery, StoredRow};
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;

#[cfg(feature = "ts")]
use ts_rs::TS;

/// One expected participant of a session and their attendance.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct RosterRow {
    pub person_id: String,
    pub name: String,
    /// The programme profession's title, or the code of a profession
    /// every programme knows.
    pub cadre: Option<String>,
    pub organisation: Option<String>,
    /// None if not yet marked.
    pub status: Option<AttendanceStatus>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct RosterView {
    pub session: RecordView,
    pub mission: RecordView,
    pub rows: Vec<RosterRow>,
}

/// One participant's pre and post test.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct ScoreRow {
    pub person_id: String,
    pub name: String,
    pub pre: Option<f64>,
    pub pre_max: Option<f64>,
    pub post: Option<f64>,
    pub post_max: Option<f64>,
    /// Post minus pre, in percentage points of each test's maximum.
    pub gain: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct ScoreGrid {
    pub session: RecordView,
    pub rows: Vec<ScoreRow>,
    /// The average gain over participants with both tests.
    pub average_gain: Option<f64>,
    /// The maximum score last used, offered for new entries.
    pub default_max: f64,
}

impl Binome {
    fn mission_participants(&self, mission_id: &str) -> Result<Vec<StoredRow>> {
        let query = ListQuery { equals: vec![("mission_id", mission_id.to_owned())], ..ListQuery::default() };
        let mut persons = Vec::new();
        for enrolment in self.store.list(Kind::Enrolment, &query)? {
            let Some(person_id) = enrolment.data.get("person_id").and_then(Value::as_str) else { continue };
            if let Some(person) = self.store.get(Kind::Person, person_id)?.filter(|p| !p.deleted) {
                persons.push(person);
            }
        }
        persons.sort_by_key(|p| fold(&self.person_label(&p.id)));
        Ok(persons)
    }

    fn session_rows(&self, kind: Kind, session_id: &str) -> Result<Vec<StoredRow>> {
        let query = ListQuery { equals: vec![("session_id", session_id.to_owned())], ..ListQuery::default() };
        Ok(self.store.list(kind, &query)?)
    }

    /// The session's expected participants (enrolled in its mission) with
    /// their attendance so far.
    pub fn roster(&self, session: &str) -> Result<RosterView> {
        let session = self.get(Kind::Session, session)?;
        let mission_id = session.data.get("mission_id").and_then(Value::as_str).unwrap_or_default().to_owned();
        let mission = self.get(Kind::Mission, &mission_id)?;
        let marks: HashMap<String, Row> = self
            .session_rows(Kind::Attendance, &session.id)?
            .into_iter()
            .filter_map(|a| Some((a.data.get("person_id")?.as_str()?.to_owned(), a.data)))
            .collect();
        let rows = self
            .mission_participants(&mission_id)?
            .into_iter()
            .map(|person| {
                let mark = marks.get(&person.id);
                let field = |row: &Row, name: &str| row.get(name).and_then(Value::as_str).map(str::to_owned);
                RosterRow {
                    name: self.person_label(&person.id),
                    cadre: field(&person.data, "profession_id")
                        .map(|id| self.label_of(Kind::Profession, &id))
                        .or_else(|| field(&person.data, "cadre")),
                    organisation: field(&person.data, "organisation_id")
                        .map(|id| self.label_of(Kind::Organisation, &id)),
                    status: mark.and_then(|m| m.get("status")?.as_str()).and_then(AttendanceStatus::from_code),
                    note: mark.and_then(|m| field(m, "note")),
                    person_id: person.id,
                }
            })
            .collect();
        Ok(RosterView { session: self.record_view(&session), mission: self.record_view(&mission), rows })
    }

    pub fn score_grid(&self, session: &str) -> Result<ScoreGrid> {
        let session = self.get(Kind::Session, session)?;
        let mission_id = session.data.get("mission_id").and_then(Value::as_str).unwrap_or_default().to_owned();
        let mut scores: HashMap<(String, String), (f64, f64)> = HashMap::new();
        let mut default_max = 20.0;
        for row in self.session_rows(Kind::TestScore, &session.id)? {
            let get_text = |name: &str| row.data.get(name).and_then(Value::as_str).unwrap_or_default().to_owned();
            let get_num = |name: &str| row.data.get(name).and_then(Value::as_f64).unwrap_or_default();
            default_max = get_num("max_score");
            scores.insert((get_text("person_id"), get_text("phase")), (get_num("score"), get_num("max_score")));
        }
        let rows: Vec<ScoreRow> = self
            .mission_participants(&mission_id)?
            .into_iter()
            .map(|person| {
                let pre = scores.get(&(person.id.clone(), "pre".to_owned())).copied();
                let post = scores.get(&(person.id.clone(), "post".to_owned())).copied();
                let gain = match (pre, post) {
                    (Some((a, am)), Some((b, bm))) if am > 0.0 && bm > 0.0 => {
                        Some(hundredths(100.0 * (b / bm - a / am)))
                    }
                    _ => None,
                };
                ScoreRow {
                    name: self.person_label(&person.id),
                    person_id: person.id,
                    pre: pre.map(|p| p.0),
                    pre_max: pre.map(|p| p.1),
                    post: post.map(|p| p.0),
                    post_max: post.map(|p| p.1),
                    gain,
                }
            })
            .collect();
        let gains: Vec<f64> = rows.iter().filter_map(|r| r.gain).collect();
        let average_gain = (!gains.is_empty()).then(|| hundredths(gains.iter().sum::<f64>() / gains.len() as f64));
        Ok(ScoreGrid { session: self.record_view(&session), rows, average_gain, default_max })
    }
}

/// Points to the hundredth: what a grid shows, without binary noise
/// (13.5/20 − 10/20 is 17.500000000000004 in floating point).
fn hundredths(points: f64) -> f64 {
    (points * 100.0).round() / 100.0
}
