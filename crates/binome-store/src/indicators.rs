//! The sums behind the common indicators, one SQL pass each. Definitions
//! are DOMAIN.md's; the ratios are computed by `binome_domain::indicators`.
//! Deleted records never count; persons count once after merges.

use crate::error::Doing;
use crate::open::Store;
use binome_domain::indicators::{Breakdown, Scope, Tallies};
use std::collections::BTreeMap;

/// Tallies per group key ("" when not split, or when the value is unknown).
pub type GroupTallies = BTreeMap<String, Tallies>;

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

/// One dimension of a group key: `x` is the fact (with month and
/// programme_id), `p` the person, `o` the person's organisation.
fn dimension_expr(by: Breakdown) -> &'static str {
    match by {
        Breakdown::Sex => "COALESCE(p.sex, '')",
        Breakdown::Cadre => "COALESCE(p.cadre, '')",
        Breakdown::Facility => "COALESCE(p.organisation_id, '')",
        Breakdown::Level => "COALESCE(o.level, '')",
        Breakdown::Programme => "x.programme_id",
        Breakdown::Month => "x.month",
    }
}

/// The fact columns a breakdown splits on besides the person, for the
/// GROUP BY that gathers a person's facts before their record is read.
fn session_dimensions(by: &[Breakdown]) -> String {
    by.iter()
        .filter(|b| b.splits_sessions())
        .map(|b| match b {
            Breakdown::Programme => ", programme_id",
            _ => ", month",
        })
        .collect()
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

fn scope_params(scope: &Scope) -> [(&'static str, Option<String>); 4] {
    [
        (":from", scope.from.map(|d| d.format("%Y-%m-%d").to_string())),
        (":to", scope.to.map(|d| d.format("%Y-%m-%d").to_string())),
        (":programme", scope.programme_id.clone()),
        (":mission", scope.mission_id.clone()),
    ]
}

/// Attendance tallies per group key, and for the whole scope.
///
/// Facts are gathered per person (and per programme or month when the
/// breakdown splits on them) before the person's record is read: a
/// country holds a million attendance rows but a hundred thousand
/// persons, and reading each person once instead of once per row is most
/// of the cost (13 s to 3 s at country scale).
fn attendance_sql(key: &str, session_dims: &str, merges_exist: bool) -> String {
    // A natural key makes (session, person) unique; only merged persons
    // can meet twice in one session, and then they count once.
    let attendance_rows = if merges_exist {
        "SELECT sc.month, sc.duration, sc.programme_id, sc.hours_per_day,
                COALESCE(al.canonical_id, a.person_id) AS person_id,
                MAX(a.status IN ('present', 'late', 'left_early')) AS counted,
                MAX(a.status = 'excused') AS excused
         FROM attendance a
         JOIN sc ON sc.id = a.session_id
         LEFT JOIN person_aliases al ON al.person_id = a.person_id
         WHERE a.deleted = 0
         GROUP BY sc.id, COALESCE(al.canonical_id, a.person_id)"
    } else {
        "SELECT sc.month, sc.duration, sc.programme_id, sc.hours_per_day, a.person_id,
                a.status IN ('present', 'late', 'left_early') AS counted,
                a.status = 'excused' AS excused
         FROM attendance a
         JOIN sc ON sc.id = a.session_id
         WHERE a.deleted = 0"
    };
    // x: one row per person (and session dimension); y: the same with its
    // group key. The total's distinct persons come from y without a
    // second pass over attendance.
    format!(
        "WITH sc AS MATERIALIZED ({SESSIONS_IN_SCOPE}),
         f AS ({attendance_rows}),
         x AS (
            SELECT person_id{session_dims},
                   MAX(counted) AS trained,
                   COALESCE(SUM(CASE WHEN counted THEN duration END), 0) AS minutes,
                   COALESCE(SUM(CASE WHEN counted THEN duration / 60.0 / hours_per_day END), 0.0) AS days,
                   SUM(counted) AS counted, COUNT(*) AS rows_, SUM(excused AND NOT counted) AS excused
            FROM f
            GROUP BY person_id{session_dims}
         ),
         y AS MATERIALIZED (
            SELECT {key} AS k, x.person_id, x.trained, x.minutes, x.days, x.counted, x.rows_, x.excused
            FROM x
            JOIN persons p ON p.id = x.person_id AND p.deleted = 0
            LEFT JOIN organisations o ON o.id = p.organisation_id
         )
         SELECT 0, k, SUM(trained), SUM(minutes), SUM(days), SUM(counted), SUM(rows_), SUM(excused) FROM y GROUP BY k
         UNION ALL
         SELECT 1, '', COUNT(DISTINCT CASE WHEN trained THEN person_id END), COALESCE(SUM(minutes), 0),
                COALESCE(SUM(days), 0.0), COALESCE(SUM(counted), 0), COALESCE(SUM(rows_), 0), COALESCE(SUM(excused), 0) FROM y"
    )
}

/// Pre/post score tallies per group key. A (session, person) pair counts
/// when it has both tests; pairs are summed per person (and session
/// dimension) before the person's record is read, as for attendance.
fn scores_sql(key: &str, session_dims: &str) -> String {
    format!(
        "WITH sc AS MATERIALIZED ({SESSIONS_IN_SCOPE}),
         f AS (
            SELECT sc.month, sc.programme_id, sc.pass_mark,
                   COALESCE(al.canonical_id, t.person_id) AS person_id,
                   MAX(CASE WHEN t.phase = 'pre' THEN t.score * 100.0 / t.max_score END) AS pre,
                   MAX(CASE WHEN t.phase = 'post' THEN t.score * 100.0 / t.max_score END) AS post
            FROM test_scores t
            JOIN sc ON sc.id = t.session_id
            LEFT JOIN person_aliases al ON al.person_id = t.person_id
            WHERE t.deleted = 0
            GROUP BY sc.id, COALESCE(al.canonical_id, t.person_id)
         ),
         x AS (
            SELECT person_id{session_dims}, COUNT(*) AS pairs, SUM(pre) AS pre, SUM(post) AS post,
                   SUM(post >= pass_mark) AS passed
            FROM f
            WHERE pre IS NOT NULL AND post IS NOT NULL
            GROUP BY person_id{session_dims}
         )
         SELECT {key} AS k, SUM(x.pairs), SUM(x.pre), SUM(x.post), SUM(x.passed)
         FROM x
         JOIN persons p ON p.id = x.person_id AND p.deleted = 0
         LEFT JOIN organisations o ON o.id = p.organisation_id
         GROUP BY k"
    )
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
    /// Tallies per group and for the whole scope, in one pass per table.
    /// Session tallies are split only when the breakdown splits sessions.
    pub fn indicator_tallies(&self, scope: &Scope, by: &[Breakdown]) -> crate::Result<(GroupTallies, Tallies)> {
        let mut groups = GroupTallies::new();
        let mut total = Tallies::default();
        let params = scope_params(scope);
        let params: Vec<(&str, &dyn rusqlite::ToSql)> =
            params.iter().map(|(k, v)| (*k, v as &dyn rusqlite::ToSql)).collect();
        let key = key_expr(by);
        let merges_exist: bool = self
            .conn
            .query_row("SELECT EXISTS (SELECT 1 FROM person_aliases)", [], |r| r.get(0))
            .doing("checking person merges")?;
        let attendance_sql = attendance_sql(&key, &session_dimensions(by), merges_exist);
        let mut stmt = self.conn.prepare_cached(&attendance_sql).doing("preparing attendance indicators")?;
        let mut rows = stmt.query(params.as_slice()).doing("computing attendance indicators")?;
        while let Some(r) = rows.next().doing("computing attendance indicators")? {
            let is_total: i64 = r.get(0).doing("reading a group")?;
            let t =
                if is_total == 1 { &mut total } else { groups.entry(r.get(1).doing("reading a group")?).or_default() };
            t.persons_trained = r.get::<_, i64>(2).doing("reading persons trained")? as u64;
            t.person_minutes = r.get(3).doing("reading person-hours")?;
            t.person_days = r.get(4).doing("reading person-days")?;
            t.counted_attendances = r.get::<_, i64>(5).doing("reading attendances")? as u64;
            t.attendance_rows = r.get::<_, i64>(6).doing("reading attendances")? as u64;
            t.excused_rows = r.get::<_, i64>(7).doing("reading attendances")? as u64;
        }
        drop(rows);

        let scores_sql = scores_sql(&key, &session_dimensions(by));
        let mut stmt = self.conn.prepare_cached(&scores_sql).doing("preparing score indicators")?;
        let mut rows = stmt.query(params.as_slice()).doing("computing score indicators")?;
        while let Some(r) = rows.next().doing("computing score indicators")? {
            let t = groups.entry(r.get(0).doing("reading a group")?).or_default();
            t.scored_pairs = r.get::<_, i64>(1).doing("reading score pairs")? as u64;
            t.pre_percent_sum = r.get(2).doing("reading pre scores")?;
            t.post_percent_sum = r.get(3).doing("reading post scores")?;
            t.passed_pairs = r.get::<_, i64>(4).doing("reading passes")? as u64;
            // A (session, person) pair belongs to exactly one group: totals add up.
            total.scored_pairs += t.scored_pairs;
            total.pre_percent_sum += t.pre_percent_sum;
            total.post_percent_sum += t.post_percent_sum;
            total.passed_pairs += t.passed_pairs;
        }
        drop(rows);

        let session_key = if by.is_empty() || splits_sessions(by) { key.as_str() } else { "''" };
        let sessions_sql = sessions_sql(session_key);
        let mut stmt = self.conn.prepare_cached(&sessions_sql).doing("preparing session indicators")?;
        let mut rows = stmt.query(params.as_slice()).doing("computing session indicators")?;
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
             LEFT JOIN organisations o ON o.id = p.organisation_id
             WHERE (:programme IS NULL OR x.programme_id = :programme)",
            key = key_expr(by)
        );
        let params = scope_params(scope);
        let params: Vec<(&str, &dyn rusqlite::ToSql)> =
            params.iter().map(|(k, v)| (*k, v as &dyn rusqlite::ToSql)).collect();
        let mut stmt = self.conn.prepare_cached(&sql).doing("preparing assessments")?;
        let rows = stmt
            .query_map(params.as_slice(), |r| {
                Ok(AssessmentRow {
                    key: r.get(0)?,
                    person_id: r.get(1)?,
                    framework_id: r.get(2)?,
                    competency_id: r.get(3)?,
                    date: r.get(4)?,
                    hlc: r.get(5)?,
                    ratings: r.get(6)?,
                })
            })
            .doing("reading assessments")?;
        rows.collect::<Result<_, _>>().doing("reading assessments")
    }

    /// Live missions of the scope's programme or mission (the period is
    /// applied by the caller, which clips days to it).
    pub fn missions_in_scope(&self, scope: &Scope) -> crate::Result<Vec<MissionRow>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT m.id, m.programme_id, m.start_date, m.end_date,
                        (SELECT COUNT(DISTINCT COALESCE(al.canonical_id, t.person_id)) FROM team_members t
                         LEFT JOIN person_aliases al ON al.person_id = t.person_id
                         WHERE t.mission_id = m.id AND t.deleted = 0 AND t.team_role IN ('lead', 'expert'))
                 FROM missions m
                 JOIN programmes pr ON pr.id = m.programme_id AND pr.deleted = 0
                 WHERE m.deleted = 0 AND m.status != 'cancelled'
                   AND (:programme IS NULL OR m.programme_id = :programme)
                   AND (:mission IS NULL OR m.id = :mission)
                   AND (:from IS NULL OR m.end_date >= :from) AND (:to IS NULL OR m.start_date <= :to)",
            )
            .doing("preparing missions")?;
        let params = scope_params(scope);
        let params: Vec<(&str, &dyn rusqlite::ToSql)> =
            params.iter().map(|(k, v)| (*k, v as &dyn rusqlite::ToSql)).collect();
        let rows = stmt
            .query_map(params.as_slice(), |r| {
                Ok(MissionRow {
                    id: r.get(0)?,
                    programme_id: r.get(1)?,
                    start_date: r.get(2)?,
                    end_date: r.get(3)?,
                    experts: r.get(4)?,
                })
            })
            .doing("reading missions")?;
        rows.collect::<Result<_, _>>().doing("reading missions")
    }
}

impl Store {
    /// `EXPLAIN QUERY PLAN` of each indicator query for a breakdown, as
    /// (query, plan lines): what benches/README.md writes down.
    pub fn indicator_query_plans(&self, by: &[Breakdown]) -> crate::Result<Vec<(&'static str, Vec<String>)>> {
        let key = key_expr(by);
        let session_key = if by.is_empty() || splits_sessions(by) { key.as_str() } else { "''" };
        let queries = [
            ("attendance", attendance_sql(&key, &session_dimensions(by), false)),
            ("attendance, after person merges", attendance_sql(&key, &session_dimensions(by), true)),
            ("pre/post scores", scores_sql(&key, &session_dimensions(by))),
            ("sessions", sessions_sql(session_key)),
        ];
        let params = scope_params(&Scope::default());
        let params: Vec<(&str, &dyn rusqlite::ToSql)> =
            params.iter().map(|(k, v)| (*k, v as &dyn rusqlite::ToSql)).collect();
        let mut plans = Vec::new();
        for (name, sql) in queries {
            let mut stmt = self.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).doing("explaining a query")?;
            let lines = stmt
                .query_map(params.as_slice(), |r| r.get::<_, String>(3))
                .doing("explaining a query")?
                .collect::<Result<Vec<_>, _>>()
                .doing("explaining a query")?;
            plans.push((name, lines));
        }
        Ok(plans)
    }
}
