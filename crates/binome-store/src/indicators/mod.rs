//! The sums behind the common indicators. Definitions are DOMAIN.md's; the
//! ratios are computed by `binome_domain::indicators`. Deleted records never
//! count; persons count once after merges. Attendance and scores are read
//! session by session and summed per person in memory (`attendance.rs`,
//! `scores.rs`); sessions, assessments and missions in one query each.

use crate::error::Doing;
use crate::open::Store;
use binome_domain::indicators::{Breakdown, Scope, Tallies};
use std::collections::BTreeMap;

pub use facts::{AssessLevel, ChangeMark};

mod attendance;
pub(crate) mod compact;
mod facts;
mod people;
mod scores;

/// Tallies per group key ("" when not split, or when the value is unknown).
pub type GroupTallies = BTreeMap<String, Tallies>;

/// What the indicator passes add to: each group's tallies and the total.
#[derive(Default)]
pub(super) struct Tallied {
    pub groups: GroupTallies,
    pub total: Tallies,
}

/// Sessions in scope, joined to their (live) mission and programme.
const SESSIONS_IN_SCOPE: &str = "
    SELECT s.id, s.date, substr(s.date, 1, 7) AS month, s.duration, m.programme_id, pr.hours_per_day, pr.pass_mark
    FROM sessions s
    JOIN missions m ON m.id = s.mission_id AND m.deleted = 0
    JOIN programmes pr ON pr.id = m.programme_id AND pr.deleted = 0
    WHERE s.deleted = 0
      AND (:from IS NULL OR s.date >= :from) AND (:to IS NULL OR s.date <= :to)
      AND (:programme IS NULL OR m.programme_id = :programme)
      AND (:mission IS NULL OR m.id = :mission)";

/// What a person `p`'s groups are read from besides the person: `o`
/// their organisation, `pf` their programme's profession.
const PERSON_GROUPS: &str = "LEFT JOIN organisations o ON o.id = p.organisation_id
    LEFT JOIN professions pf ON pf.id = p.profession_id";

/// A person's common category: their programme profession's, or the one
/// the domain gives the profession every programme knows.
fn category_expr() -> &'static str {
    static EXPR: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        let cases: String = binome_domain::Cadre::ALL
            .iter()
            .map(|cadre| format!(" WHEN '{}' THEN '{}'", cadre.code(), cadre.occupation().code()))
            .collect();
        format!("COALESCE(pf.category, CASE p.cadre{cases} END, '')")
    });
    &EXPR
}

/// One dimension of a group key: `x` is the fact (with month and
/// programme_id), `p` the person and [`PERSON_GROUPS`].
fn dimension_expr(by: Breakdown) -> &'static str {
    match by {
        Breakdown::Sex => "COALESCE(p.sex, '')",
        Breakdown::Cadre => "COALESCE(p.profession_id, p.cadre, '')",
        Breakdown::Category => category_expr(),
        Breakdown::Facility => "COALESCE(p.organisation_id, '')",
        Breakdown::Level => "COALESCE(o.level, '')",
        Breakdown::Programme => "x.programme_id",
        Breakdown::Month => "x.month",
    }
}

/// The separator of a key split by several dimensions ("facility|sex").
pub const KEY_SEPARATOR: char = '|';

/// The group key of a row: its dimensions joined by [`KEY_SEPARATOR`].
fn key_expr(by: &[Breakdown]) -> String {
    if by.is_empty() {
        return "''".to_owned();
    }
    by.iter().map(|b| dimension_expr(*b)).collect::<Vec<_>>().join(" || '|' || ")
}

/// Sessions and missions are split only when every dimension splits them.
fn splits_sessions(by: &[Breakdown]) -> bool {
    !by.is_empty() && by.iter().all(|b| b.splits_sessions())
}

/// One assessment in scope, for the competency indicators.
#[derive(Debug, Clone)]
pub struct AssessmentRow {
    pub key: String,
    pub person_id: String,
    pub framework_id: String,
    pub competency_id: String,
    pub date: String,
    pub hlc: i64,
    pub ratings: String,
}

/// A live mission with the number of experts on its team.
#[derive(Debug, Clone)]
pub struct MissionRow {
    pub id: String,
    pub programme_id: String,
    pub start_date: String,
    pub end_date: String,
    pub experts: i64,
}

/// A scope as the queries' named parameters (`:from`, `:to`, `:programme`,
/// `:mission`; NULL where the scope leaves one open).
pub(super) struct ScopeParams([(&'static str, Option<String>); 4]);

impl ScopeParams {
    pub(super) fn new(scope: &Scope) -> ScopeParams {
        ScopeParams([
            (":from", scope.from.map(|d| d.format("%Y-%m-%d").to_string())),
            (":to", scope.to.map(|d| d.format("%Y-%m-%d").to_string())),
            (":programme", scope.programme_id.clone()),
            (":mission", scope.mission_id.clone()),
        ])
    }

    pub(super) fn named(&self) -> [(&str, &dyn rusqlite::ToSql); 4] {
        self.0.each_ref().map(|(name, value)| (*name, value as &dyn rusqlite::ToSql))
    }
}

/// Session tallies per group key ('' unless the breakdown splits sessions).
fn sessions_sql(session_key: &str) -> String {
    format!(
        "WITH x AS ({SESSIONS_IN_SCOPE})
         SELECT {session_key} AS k, COUNT(*), COALESCE(SUM(x.duration), 0),
                COALESCE(SUM(st.status != 'draft'), 0), COALESCE(SUM(st.status = 'validated'), 0)
         FROM x JOIN session_status st ON st.session_id = x.id
         GROUP BY k"
    )
}

impl Store {
    /// Tallies per group and for the whole scope. Session tallies are split only when the breakdown splits sessions.
    pub fn indicator_tallies(&self, scope: &Scope, by: &[Breakdown]) -> crate::Result<(GroupTallies, Tallies)> {
        let mut in_scope = self.in_scope(scope)?;
        let mut tallied = Tallied::default();
        self.attendance(&mut in_scope, by, &mut tallied)?;
        self.scores(&mut in_scope, by, &mut tallied)?;
        let Tallied { mut groups, mut total } = tallied;

        let params = ScopeParams::new(scope);
        let key = key_expr(by);
        let session_key = if by.is_empty() || splits_sessions(by) { key.as_str() } else { "''" };
        let sessions_sql = sessions_sql(session_key);
        let mut stmt = self.conn.prepare_cached(&sessions_sql).doing("preparing session indicators")?;
        let mut rows = stmt.query(params.named().as_slice()).doing("computing session indicators")?;
        while let Some(r) = rows.next().doing("computing session indicators")? {
            let t = Tallies {
                sessions: r.get::<_, i64>(1).doing("reading sessions")? as u64,
                training_minutes: r.get(2).doing("reading training hours")?,
                submitted_sessions: r.get::<_, i64>(3).doing("reading submissions")? as u64,
                validated_sessions: r.get::<_, i64>(4).doing("reading validations")? as u64,
                ..Tallies::default()
            };
            total.sessions += t.sessions;
            total.training_minutes += t.training_minutes;
            total.submitted_sessions += t.submitted_sessions;
            total.validated_sessions += t.validated_sessions;
            if splits_sessions(by) {
                let g = groups.entry(r.get(0).doing("reading a group")?).or_default();
                g.sessions = t.sessions;
                g.training_minutes = t.training_minutes;
                g.submitted_sessions = t.submitted_sessions;
                g.validated_sessions = t.validated_sessions;
            }
        }
        drop(rows);
        if by.is_empty() {
            groups.clear();
        }
        Ok((groups, total))
    }

    /// Assessments dated in scope, each with its group key.
    pub fn assessments_in_scope(&self, scope: &Scope, by: &[Breakdown]) -> crate::Result<Vec<AssessmentRow>> {
        let sql = format!(
            "WITH x AS (
                SELECT a.*, substr(a.date, 1, 7) AS month, COALESCE(al.canonical_id, a.person_id) AS canonical_id,
                       COALESCE(m.programme_id, f.programme_id, '') AS programme_id
                FROM assessments a
                JOIN frameworks f ON f.id = a.framework_id AND f.deleted = 0
                LEFT JOIN missions m ON m.id = a.mission_id
                LEFT JOIN person_aliases al ON al.person_id = a.person_id
                WHERE a.deleted = 0
                  AND (:from IS NULL OR a.date >= :from) AND (:to IS NULL OR a.date <= :to)
                  AND (:mission IS NULL OR a.mission_id = :mission)
             )
             SELECT {key} AS k, x.canonical_id, x.framework_id, x.competency_id, x.date, x.hlc, x.ratings
             FROM x
             JOIN persons p ON p.id = x.canonical_id AND p.deleted = 0
             {PERSON_GROUPS}
             WHERE (:programme IS NULL OR x.programme_id = :programme)",
            key = key_expr(by)
        );
        self.all(&sql, ScopeParams::new(scope).named().as_slice(), "reading assessments", |r| {
            let (key, person_id, framework_id, competency_id, date, hlc, ratings) = r.try_into()?;
            Ok(AssessmentRow { key, person_id, framework_id, competency_id, date, hlc, ratings })
        })
    }

    /// Live missions of the scope's programme or mission (the period is
    /// applied by the caller, which clips days to it).
    pub fn missions_in_scope(&self, scope: &Scope) -> crate::Result<Vec<MissionRow>> {
        let sql = "SELECT m.id, m.programme_id, m.start_date, m.end_date,
                          (SELECT COUNT(DISTINCT COALESCE(al.canonical_id, t.person_id)) FROM team_members t
                           LEFT JOIN person_aliases al ON al.person_id = t.person_id
                           WHERE t.mission_id = m.id AND t.deleted = 0 AND t.team_role IN ('lead', 'expert'))
                   FROM missions m
                   JOIN programmes pr ON pr.id = m.programme_id AND pr.deleted = 0
                   WHERE m.deleted = 0 AND m.status != 'cancelled'
                     AND (:programme IS NULL OR m.programme_id = :programme)
                     AND (:mission IS NULL OR m.id = :mission)
                     AND (:from IS NULL OR m.end_date >= :from) AND (:to IS NULL OR m.start_date <= :to)";
        self.all(sql, ScopeParams::new(scope).named().as_slice(), "reading missions", |r| {
            let (id, programme_id, start_date, end_date, experts) = r.try_into()?;
            Ok(MissionRow { id, programme_id, start_date, end_date, experts })
        })
    }
}

impl Store {
    /// `EXPLAIN QUERY PLAN` of each indicator query for a breakdown, as
    /// (query, plan lines): what benches/README.md writes down.
    pub fn indicator_query_plans(&self, by: &[Breakdown]) -> crate::Result<Vec<(&'static str, Vec<String>)>> {
        let key = key_expr(by);
        let session_key = if by.is_empty() || splits_sessions(by) { key.as_str() } else { "''" };
        let queries = [
            ("attendance and scores: the sessions in scope", SESSIONS_IN_SCOPE.to_owned()),
            ("attendance: each session's roster", attendance::ROSTER.to_owned()),
            ("attendance and scores: each person's groups", people::person_dimensions_sql()),
            ("scores: each session's scores", scores::SESSION_SCORES.to_owned()),
            ("sessions", sessions_sql(session_key)),
        ];
        let params = ScopeParams::new(&Scope::default());
        let mut plans = Vec::new();
        for (name, sql) in queries {
            let mut stmt = self.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).doing("explaining a query")?;
            let detail = |r: &rusqlite::Row| r.get::<_, String>(3);
            // The per-session and per-person statements take one id.
            let lines = if sql.contains("?1") {
                stmt.query_map([""], detail).doing("explaining a query")?.collect::<Result<Vec<_>, _>>()
            } else {
                stmt.query_map(params.named().as_slice(), detail)
                    .doing("explaining a query")?
                    .collect::<Result<Vec<_>, _>>()
            }
            .doing("explaining a query")?;
            plans.push((name, lines));
        }
        Ok(plans)
    }
}
