//! The common indicators of DOMAIN.md, with one meaning everywhere. The
//! store sums what SQL sums well ([`Tallies`]); this module turns the sums
//! into indicators and holds the rules SQL cannot say simply (competency
//! levels over time, days of a mission inside a period).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// What a report is split by. A person's sex, profession and facility are
/// those recorded on the person when the report is made. A profession is
/// read by its title (`Cadre`: the programme's own title, or one of the
/// professions every programme knows) or by its common category
/// (`Category`, an ISCO-08 health occupation), which adds up across
/// programmes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Breakdown {
    Sex,
    Cadre,
    Category,
    Facility,
    Level,
    Programme,
    Month,
}

impl Breakdown {
    pub const ALL: &'static [Breakdown] = &[
        Breakdown::Sex,
        Breakdown::Cadre,
        Breakdown::Category,
        Breakdown::Facility,
        Breakdown::Level,
        Breakdown::Programme,
        Breakdown::Month,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Breakdown::Sex => "sex",
            Breakdown::Cadre => "cadre",
            Breakdown::Category => "category",
            Breakdown::Facility => "facility",
            Breakdown::Level => "level",
            Breakdown::Programme => "programme",
            Breakdown::Month => "month",
        }
    }

    pub fn parse(text: &str) -> Option<Breakdown> {
        Breakdown::ALL.iter().copied().find(|b| b.code() == text)
    }

    /// Sessions and missions have no sex or cadre: their indicators are
    /// only split by programme and month.
    pub fn splits_sessions(self) -> bool {
        matches!(self, Breakdown::Programme | Breakdown::Month)
    }
}

/// Which records a report covers. Dates are inclusive.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Scope {
    pub programme_id: Option<String>,
    pub mission_id: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Scope {
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| date >= f) && self.to.is_none_or(|t| date <= t)
    }
}

/// Sums for one group of a report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Tallies {
    pub sessions: u64,
    pub training_minutes: i64,
    pub persons_trained: u64,
    pub person_minutes: i64,
    /// Already divided by each programme's hours per day.
    pub person_days: f64,
    pub counted_attendances: u64,
    pub attendance_rows: u64,
    pub excused_rows: u64,
    pub scored_pairs: u64,
    pub pre_percent_sum: f64,
    pub post_percent_sum: f64,
    pub passed_pairs: u64,
    pub submitted_sessions: u64,
    pub validated_sessions: u64,
    pub competency_pairs: u64,
    pub competencies_acquired: u64,
    pub progression_pairs: u64,
    pub progressed_pairs: u64,
    pub missions: u64,
    pub expert_days: i64,
}

/// One person's attendance over the sessions summed together (a group,
/// a month...): DOMAIN.md's rules for one (session, person) pair, however
/// many rows a merge left in it, in [`PersonAttendance::add_pair`].
#[derive(Debug, Clone, Copy, Default)]
pub struct PersonAttendance {
    pub trained: bool,
    pub minutes: i64,
    pub days: f64,
    pub counted: u64,
    pub rows: u64,
    /// Excused and not otherwise counted in the same session.
    pub excused: u64,
}

impl PersonAttendance {
    /// A session where any of the pair's rows was counted (present, late,
    /// left early) or, failing that, excused.
    pub fn add_pair(&mut self, counted: bool, excused: bool, minutes: i64, hours_per_day: f64) {
        self.rows += 1;
        if counted {
            self.trained = true;
            self.counted += 1;
            self.minutes += minutes;
            self.days += minutes as f64 / 60.0 / hours_per_day;
        } else if excused {
            self.excused += 1;
        }
    }

    /// Adds these sums to a group's tallies (not its persons trained,
    /// which count persons, not sums).
    pub fn add_to(&self, tallies: &mut Tallies) {
        tallies.person_minutes += self.minutes;
        tallies.person_days += self.days;
        tallies.counted_attendances += self.counted;
        tallies.attendance_rows += self.rows;
        tallies.excused_rows += self.excused;
    }
}

/// The indicators of one group. Rates are fractions (0.0–1.0); `None` where
/// the denominator is zero or the breakdown does not apply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Indicators {
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub sessions: Option<u64>,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub persons_trained: u64,
    pub training_hours: Option<f64>,
    pub person_hours: f64,
    pub person_days: f64,
    pub attendance_rate: Option<f64>,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub scored_pairs: u64,
    pub pre_mean_percent: Option<f64>,
    pub post_mean_percent: Option<f64>,
    pub gain_points: Option<f64>,
    pub pass_rate: Option<f64>,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub competency_pairs: u64,
    pub competencies_acquired_rate: Option<f64>,
    pub progression_rate: Option<f64>,
    pub sessions_validated_rate: Option<f64>,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub missions: Option<u64>,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub expert_days: Option<i64>,
}

fn ratio(numerator: f64, denominator: f64) -> Option<f64> {
    (denominator > 0.0).then(|| numerator / denominator)
}

impl Indicators {
    pub fn from_tallies(t: &Tallies, with_sessions: bool) -> Indicators {
        let pairs = t.scored_pairs as f64;
        let pre = ratio(t.pre_percent_sum, pairs);
        let post = ratio(t.post_percent_sum, pairs);
        let session_level = |v| if with_sessions { Some(v) } else { None };
        Indicators {
            sessions: session_level(t.sessions),
            persons_trained: t.persons_trained,
            training_hours: with_sessions.then(|| t.training_minutes as f64 / 60.0),
            person_hours: t.person_minutes as f64 / 60.0,
            person_days: t.person_days,
            attendance_rate: ratio(
                t.counted_attendances as f64,
                t.attendance_rows.saturating_sub(t.excused_rows) as f64,
            ),
            scored_pairs: t.scored_pairs,
            pre_mean_percent: pre,
            post_mean_percent: post,
            gain_points: pre.zip(post).map(|(pre, post)| post - pre),
            pass_rate: ratio(t.passed_pairs as f64, pairs),
            competency_pairs: t.competency_pairs,
            competencies_acquired_rate: ratio(t.competencies_acquired as f64, t.competency_pairs as f64),
            progression_rate: ratio(t.progressed_pairs as f64, t.progression_pairs as f64),
            sessions_validated_rate: if with_sessions {
                ratio(t.validated_sessions as f64, t.submitted_sessions as f64)
            } else {
                None
            },
            missions: session_level(t.missions),
            expert_days: session_level(t.expert_days as u64).map(|d| d as i64),
        }
    }
}

/// One assessment as the competency indicators see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentFact {
    /// The person after merges.
    pub person: String,
    pub competency: String,
    pub date: NaiveDate,
    /// Orders two assessments of the same day (the record's clock stamp).
    pub stamp: i64,
    /// From [`crate::framework::assessment_level`]; `None`: nothing observed.
    pub level: Option<usize>,
    pub pass_rank: usize,
}

/// Competencies acquired and progression over the given assessments:
/// (pairs, acquired, pairs with two assessments or more, progressed).
pub fn competency_tallies(facts: &mut [AssessmentFact]) -> (u64, u64, u64, u64) {
    facts.sort_by(|a, b| (&a.person, &a.competency, a.date, a.stamp).cmp(&(&b.person, &b.competency, b.date, b.stamp)));
    let mut count = CompetencyCount::default();
    let rated: Vec<&AssessmentFact> = facts.iter().filter(|f| f.level.is_some()).collect();
    for group in rated.chunk_by(|a, b| a.person == b.person && a.competency == b.competency) {
        let mut run = PairRun::start(group[0].level.unwrap_or_default(), group[0].pass_rank);
        for later in &group[1..] {
            run.add(later.level.unwrap_or_default(), later.pass_rank);
        }
        count.close(&run);
    }
    (count.pairs, count.acquired, count.multi, count.progressed)
}

/// The rated assessments of one (person, competency) pair, met in date
/// order: what DOMAIN.md's two competency indicators read of them.
#[derive(Debug, Clone, Copy)]
pub struct PairRun {
    first: usize,
    latest: usize,
    pass_rank: usize,
    assessments: u32,
}

impl PairRun {
    pub fn start(level: usize, pass_rank: usize) -> PairRun {
        PairRun { first: level, latest: level, pass_rank, assessments: 1 }
    }

    pub fn add(&mut self, level: usize, pass_rank: usize) {
        self.latest = level;
        self.pass_rank = pass_rank;
        self.assessments += 1;
    }
}

/// Pairs counted for the competency indicators. A pair's competency is
/// acquired when its latest level reaches the pass level; it progressed
/// when, assessed twice or more, its latest level is above its first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CompetencyCount {
    pub pairs: u64,
    pub acquired: u64,
    pub multi: u64,
    pub progressed: u64,
}

impl CompetencyCount {
    pub fn close(&mut self, run: &PairRun) {
        self.pairs += 1;
        self.acquired += u64::from(run.latest >= run.pass_rank);
        if run.assessments >= 2 {
            self.multi += 1;
            self.progressed += u64::from(run.latest > run.first);
        }
    }

    pub fn apply(&self, tallies: &mut Tallies) {
        tallies.competency_pairs = self.pairs;
        tallies.competencies_acquired = self.acquired;
        tallies.progression_pairs = self.multi;
        tallies.progressed_pairs = self.progressed;
    }
}

/// Days of [start, end] inside the scope's period, both ends included.
pub fn days_inside(start: NaiveDate, end: NaiveDate, scope: &Scope) -> i64 {
    let from = scope.from.map_or(start, |f| f.max(start));
    let to = scope.to.map_or(end, |t| t.min(end));
    if to < from { 0 } else { (to - from).num_days() + 1 }
}

/// The month key (yyyy-mm) a date falls in, for the month breakdown.
pub fn month_key(date: NaiveDate) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}

/// The months a period touches, each with its first and last day.
pub fn months_between(start: NaiveDate, end: NaiveDate) -> Vec<(String, NaiveDate, NaiveDate)> {
    let mut out = Vec::new();
    let mut first = NaiveDate::from_ymd_opt(start.year(), start.month(), 1).expect("first of month exists");
    while first <= end {
        let next = if first.month() == 12 {
            NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
        }
        .expect("first of month exists");
        out.push((month_key(first), first, next.pred_opt().expect("a day before exists")));
        first = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn fact(person: &str, date: NaiveDate, level: Option<usize>) -> AssessmentFact {
        AssessmentFact { person: person.into(), competency: "c".into(), date, stamp: 0, level, pass_rank: 1 }
    }

    #[test]
    fn acquired_uses_the_latest_and_progression_compares_with_the_first() {
        let mut facts = vec![
            fact("a", d(2019, 3, 1), Some(0)),
            fact("a", d(2019, 9, 1), Some(2)),
            fact("b", d(2019, 3, 1), Some(1)),
            fact("c", d(2019, 3, 1), Some(2)),
            fact("c", d(2019, 9, 1), Some(0)),
            fact("d", d(2019, 9, 1), None),
        ];
        assert_eq!(competency_tallies(&mut facts), (3, 2, 2, 1));
    }

    #[test]
    fn attendance_rate_leaves_excused_rows_out() {
        let t = Tallies { counted_attendances: 8, attendance_rows: 12, excused_rows: 2, ..Tallies::default() };
        assert_eq!(Indicators::from_tallies(&t, true).attendance_rate, Some(0.8));
    }

    #[test]
    fn mission_days_are_clipped_to_the_period() {
        let scope = Scope { from: Some(d(2019, 3, 5)), to: Some(d(2019, 3, 31)), ..Scope::default() };
        assert_eq!(days_inside(d(2019, 3, 1), d(2019, 3, 10), &scope), 6);
        assert_eq!(days_inside(d(2019, 4, 1), d(2019, 4, 10), &scope), 0);
        assert_eq!(months_between(d(2019, 11, 20), d(2020, 1, 3)).len(), 3);
    }
}
