//! The facts the dashboard reads, held compactly in memory: every live
//! session with its roster and scores, every rated assessment, every
//! person's groups, ids replaced by small integers. A dashboard of a
//! country (a million attendance rows) is then one pass over arrays
//! instead of a million index lookups in the store; the store stays the
//! one source of truth and the caller rebuilds this copy when the store
//! has changed (`binome-core`'s `indicators/facts.rs`).
//!
//! The sums are DOMAIN.md's, as `binome-store`'s indicator queries make
//! them; a test in `binome-core` compares both for every breakdown.

use crate::codes::{AttendanceStatus, Phase, ReviewStatus};
use crate::indicators::{Breakdown, CompetencyCount, PairRun, PersonAttendance, Scope, Tallies};
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, HashMap};

type Idx = u32;

/// See the workspace's note on `foldhash`.
type Map<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// Strings numbered in the order they are first met.
#[derive(Debug, Default)]
pub struct Interner {
    numbers: Map<Box<str>, Idx>,
    names: Vec<Box<str>>,
}

impl Interner {
    pub fn intern(&mut self, name: &str) -> Idx {
        if let Some(&i) = self.numbers.get(name) {
            return i;
        }
        let i = Idx::try_from(self.names.len()).expect("fewer than 4 billion distinct ids");
        self.names.push(name.into());
        self.numbers.insert(name.into(), i);
        i
    }

    fn find(&self, name: &str) -> Option<Idx> {
        self.numbers.get(name).copied()
    }

    /// The string numbered `i`; panics on a number this interner did not give.
    pub fn name(&self, i: Idx) -> &str {
        &self.names[i as usize]
    }

    fn len(&self) -> usize {
        self.names.len()
    }
}

/// A person's groups as the store reads them, "" when unknown.
#[derive(Debug, Clone, Copy, Default)]
pub struct PersonGroups<'a> {
    pub sex: &'a str,
    pub cadre: &'a str,
    pub category: &'a str,
    pub facility: &'a str,
    pub level: &'a str,
}

/// A live session of a live mission and programme.
#[derive(Debug, Clone, Copy)]
pub struct SessionRecord<'a> {
    pub id: &'a str,
    pub date: NaiveDate,
    pub programme_id: &'a str,
    pub mission_id: &'a str,
    pub minutes: i64,
    pub hours_per_day: f64,
    pub pass_mark: f64,
    pub status: ReviewStatus,
}

/// A live assessment of a live framework, its level already computed.
#[derive(Debug, Clone, Copy)]
pub struct AssessmentRecord<'a> {
    pub person_id: &'a str,
    pub competency_id: &'a str,
    pub date: NaiveDate,
    /// Orders two assessments of the same day (the record's clock stamp).
    pub stamp: i64,
    pub level: Option<usize>,
    pub pass_rank: usize,
    pub mission_id: Option<&'a str>,
    /// The mission's programme, else the framework's.
    pub programme_id: &'a str,
}

#[derive(Debug)]
struct SessionFact {
    date: NaiveDate,
    month: Month,
    programme: Idx,
    mission: Idx,
    minutes: i64,
    hours_per_day: f64,
    pass_mark: f64,
    status: ReviewStatus,
    roster: Vec<(Idx, AttendanceStatus)>,
    /// (person, phase, percent of the maximum).
    scores: Vec<(Idx, Phase, f64)>,
}

#[derive(Debug)]
struct AssessmentFact {
    person: Idx,
    competency: Idx,
    date: NaiveDate,
    stamp: i64,
    level: Option<usize>,
    pass_rank: usize,
    mission: Option<Idx>,
    programme: Idx,
}

/// A yyyy-mm month as one number, for grouping without strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Month(u32);

impl Month {
    fn of(date: NaiveDate) -> Month {
        Month(date.year() as u32 * 12 + date.month0())
    }

    fn key(self) -> String {
        format!("{:04}-{:02}", self.0 / 12, self.0 % 12 + 1)
    }
}

/// The compact copy of the facts. Fill it with the `add_` methods (persons
/// and sessions first), call [`FactTable::finish`], then ask for tallies.
#[derive(Debug, Default)]
pub struct FactTable {
    persons: Interner,
    /// Per person: the indexes of its groups' values, `None` when the
    /// person is not live (its facts no longer count).
    groups: Vec<Option<[Idx; 5]>>,
    /// Per person: the person it counts as after merges.
    canonical: Vec<Idx>,
    values: Interner,
    programmes: Interner,
    missions: Interner,
    competencies: Interner,
    session_ids: Interner,
    sessions: Vec<SessionFact>,
    /// The session the last attendance row or score was of: rows come
    /// session by session, so most need no lookup.
    last_session: Option<(Box<str>, Option<Idx>)>,
    assessments: Vec<AssessmentFact>,
}

#[derive(Default, Clone, Copy)]
struct ScoreSums {
    pairs: u64,
    pre_percent: f64,
    post_percent: f64,
    passed: u64,
}

/// Whose facts are summed together: a person, within one programme or
/// month when the breakdown splits on it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct FactKey {
    person: Idx,
    programme: Option<Idx>,
    month: Option<u32>,
}

/// A group as numbers: one per dimension of the breakdown.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct GroupKey([u32; Breakdown::ALL.len()]);

/// What the scope asks for, as numbers; `None` inside an `Option` is an id
/// this table does not know, which nothing matches.
struct Filter {
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    programme: Option<Option<Idx>>,
    mission: Option<Option<Idx>>,
}

impl Filter {
    fn admits(&self, date: NaiveDate, programme: Idx, mission: Option<Idx>) -> bool {
        self.from.is_none_or(|f| date >= f)
            && self.to.is_none_or(|t| date <= t)
            && self.programme.is_none_or(|p| p == Some(programme))
            && self.mission.is_none_or(|m| m.is_some() && m == mission)
    }
}

impl FactTable {
    pub fn new() -> FactTable {
        FactTable::default()
    }

    fn person(&mut self, id: &str) -> Idx {
        let i = self.persons.intern(id);
        if i as usize == self.groups.len() {
            self.groups.push(None);
            self.canonical.push(i);
        }
        i
    }

    /// A live person and its groups.
    pub fn add_person(&mut self, id: &str, groups: PersonGroups<'_>) {
        let i = self.person(id);
        let values = [groups.sex, groups.cadre, groups.category, groups.facility, groups.level];
        self.groups[i as usize] = Some(values.map(|v| self.values.intern(v)));
    }

    /// `merged` counts as `kept` (the end of its chain of merges).
    pub fn add_merge(&mut self, merged: &str, kept: &str) {
        let (merged, kept) = (self.person(merged), self.person(kept));
        self.canonical[merged as usize] = kept;
    }

    pub fn add_session(&mut self, s: SessionRecord<'_>) {
        self.last_session = None;
        let id = self.session_ids.intern(s.id);
        let fact = SessionFact {
            date: s.date,
            month: Month::of(s.date),
            programme: self.programmes.intern(s.programme_id),
            mission: self.missions.intern(s.mission_id),
            minutes: s.minutes,
            hours_per_day: s.hours_per_day,
            pass_mark: s.pass_mark,
            status: s.status,
            roster: Vec::new(),
            scores: Vec::new(),
        };
        if id as usize == self.sessions.len() {
            self.sessions.push(fact);
        } else {
            self.sessions[id as usize] = fact;
        }
    }

    fn session(&mut self, id: &str) -> Option<Idx> {
        match &self.last_session {
            Some((last, found)) if **last == *id => *found,
            _ => {
                let found = self.session_ids.find(id);
                self.last_session = Some((id.into(), found));
                found
            }
        }
    }

    /// A live attendance row; rows of sessions not added are not counted.
    pub fn add_attendance(&mut self, session_id: &str, person_id: &str, status: AttendanceStatus) {
        let Some(session) = self.session(session_id) else { return };
        let person = self.person(person_id);
        self.sessions[session as usize].roster.push((person, status));
    }

    /// A live test score; scores of sessions not added are not counted.
    pub fn add_score(&mut self, session_id: &str, person_id: &str, phase: Phase, score: f64, max_score: f64) {
        let Some(session) = self.session(session_id) else { return };
        let person = self.person(person_id);
        self.sessions[session as usize].scores.push((person, phase, score * 100.0 / max_score));
    }

    pub fn add_assessment(&mut self, a: AssessmentRecord<'_>) {
        let fact = AssessmentFact {
            person: self.person(a.person_id),
            competency: self.competencies.intern(a.competency_id),
            date: a.date,
            stamp: a.stamp,
            level: a.level,
            pass_rank: a.pass_rank,
            mission: a.mission_id.map(|m| self.missions.intern(m)),
            programme: self.programmes.intern(a.programme_id),
        };
        self.assessments.push(fact);
    }

    /// Orders the assessments as the competency indicators walk them.
    pub fn finish(&mut self) {
        let canonical = &self.canonical;
        self.assessments.sort_by_key(|a| (canonical[a.person as usize], a.competency, a.date, a.stamp));
    }

    /// How many attendance rows the table holds (for the benchmarks).
    pub fn attendance_rows(&self) -> usize {
        self.sessions.iter().map(|s| s.roster.len()).sum()
    }

    fn filter(&self, scope: &Scope) -> Filter {
        Filter {
            from: scope.from,
            to: scope.to,
            programme: scope.programme_id.as_deref().map(|p| self.programmes.find(p)),
            mission: scope.mission_id.as_deref().map(|m| self.missions.find(m)),
        }
    }

    fn live_groups(&self, person: Idx) -> Option<&[Idx; 5]> {
        self.groups.get(person as usize)?.as_ref()
    }

    /// The group numbers of a fact: the person's values for the person's
    /// dimensions, the fact's programme and month for the others.
    fn group_key(&self, by: &[Breakdown], groups: &[Idx; 5], programme: Idx, month: Month) -> GroupKey {
        let mut key = [0; Breakdown::ALL.len()];
        for (slot, b) in key.iter_mut().zip(by) {
            *slot = match b {
                Breakdown::Sex => groups[0],
                Breakdown::Cadre => groups[1],
                Breakdown::Category => groups[2],
                Breakdown::Facility => groups[3],
                Breakdown::Level => groups[4],
                Breakdown::Programme => programme,
                Breakdown::Month => month.0,
            };
        }
        GroupKey(key)
    }

    fn key_text(&self, by: &[Breakdown], key: &GroupKey) -> String {
        let parts: Vec<String> = by
            .iter()
            .zip(key.0)
            .map(|(b, n)| match b {
                Breakdown::Programme => self.programmes.name(n).to_owned(),
                Breakdown::Month => Month(n).key(),
                _ => self.values.name(n).to_owned(),
            })
            .collect();
        parts.join("|")
    }

    /// Tallies per group ("" parts for unknown values; keys of several
    /// dimensions joined by `|`) and for the whole scope, as
    /// `binome-store`'s `indicator_tallies` plus the competency counts.
    /// Missions are not facts of this table: the caller adds them.
    pub fn tallies(&self, scope: &Scope, by: &[Breakdown]) -> (BTreeMap<String, Tallies>, Tallies) {
        let filter = self.filter(scope);
        let mut groups: Map<GroupKey, Tallies> = Map::default();
        let mut total = Tallies::default();
        let split_programme = by.contains(&Breakdown::Programme);
        let split_month = by.contains(&Breakdown::Month);
        let splits_sessions = !by.is_empty() && by.iter().all(|b| b.splits_sessions());

        let mut attendance: Map<FactKey, PersonAttendance> = Map::default();
        let mut scores: Map<FactKey, ScoreSums> = Map::default();
        let mut in_session: Vec<(Idx, AttendanceStatus)> = Vec::new();
        let mut session_scores: Vec<(Idx, Phase, f64)> = Vec::new();
        for session in self.sessions.iter().filter(|s| filter.admits(s.date, s.programme, Some(s.mission))) {
            let fact_key = |person| FactKey {
                person,
                programme: split_programme.then_some(session.programme),
                month: split_month.then_some(session.month.0),
            };
            let submitted = u64::from(session.status != ReviewStatus::Draft);
            let validated = u64::from(session.status == ReviewStatus::Validated);
            for t in std::iter::once(&mut total).chain(splits_sessions.then(|| {
                let no_person = [0; 5];
                groups.entry(self.group_key(by, &no_person, session.programme, session.month)).or_default()
            })) {
                t.sessions += 1;
                t.training_minutes += session.minutes;
                t.submitted_sessions += submitted;
                t.validated_sessions += validated;
            }

            in_session.clear();
            in_session.extend(session.roster.iter().map(|&(p, s)| (self.canonical[p as usize], s)));
            in_session.sort_unstable_by_key(|&(p, _)| p);
            for rows in in_session.chunk_by(|a, b| a.0 == b.0) {
                let counted = rows.iter().any(|(_, s)| s.is_counted());
                let excused = rows.iter().any(|(_, s)| *s == AttendanceStatus::Excused);
                let sums = attendance.entry(fact_key(rows[0].0)).or_default();
                sums.add_pair(counted, excused, session.minutes, session.hours_per_day);
            }

            session_scores.clear();
            session_scores.extend(session.scores.iter().map(|&(p, phase, pc)| (self.canonical[p as usize], phase, pc)));
            session_scores.sort_unstable_by_key(|&(p, _, _)| p);
            for rows in session_scores.chunk_by(|a, b| a.0 == b.0) {
                let best = |phase| rows.iter().filter(|r| r.1 == phase).map(|r| r.2).reduce(f64::max);
                let (Some(pre), Some(post)) = (best(Phase::Pre), best(Phase::Post)) else { continue };
                let sums = scores.entry(fact_key(rows[0].0)).or_default();
                sums.pairs += 1;
                sums.pre_percent += pre;
                sums.post_percent += post;
                sums.passed += u64::from(post >= session.pass_mark);
            }
        }

        // Sums are added person by person in one order, so that a total
        // is the same number on every run.
        let mut attendance: Vec<(FactKey, PersonAttendance)> = attendance.into_iter().collect();
        attendance.sort_unstable_by_key(|a| a.0);
        let mut trained_persons = 0;
        for one_person in attendance.chunk_by(|a, b| a.0.person == b.0.person) {
            let Some(person_groups) = self.live_groups(one_person[0].0.person) else { continue };
            trained_persons += u64::from(one_person.iter().any(|(_, s)| s.trained));
            for (key, sums) in one_person {
                let group = self.fact_group(by, person_groups, key);
                for t in [&mut total, groups.entry(group).or_default()] {
                    sums.add_to(t);
                }
                groups.entry(group).or_default().persons_trained += u64::from(sums.trained);
            }
        }
        total.persons_trained = trained_persons;

        let mut scores: Vec<(FactKey, ScoreSums)> = scores.into_iter().collect();
        scores.sort_unstable_by_key(|a| a.0);
        for (key, sums) in &scores {
            let Some(person_groups) = self.live_groups(key.person) else { continue };
            let group = self.fact_group(by, person_groups, key);
            for t in [&mut total, groups.entry(group).or_default()] {
                t.scored_pairs += sums.pairs;
                t.pre_percent_sum += sums.pre_percent;
                t.post_percent_sum += sums.post_percent;
                t.passed_pairs += sums.passed;
            }
        }

        self.competencies_into(&filter, by, &mut groups, &mut total);

        let groups = if by.is_empty() {
            BTreeMap::new()
        } else {
            groups.into_iter().map(|(key, tallies)| (self.key_text(by, &key), tallies)).collect()
        };
        (groups, total)
    }

    fn fact_group(&self, by: &[Breakdown], person_groups: &[Idx; 5], key: &FactKey) -> GroupKey {
        let month = Month(key.month.unwrap_or_default());
        self.group_key(by, person_groups, key.programme.unwrap_or_default(), month)
    }

    /// The competency counts, walking the assessments in (person,
    /// competency, date) order: each group sees its pairs' runs in order.
    fn competencies_into(
        &self,
        filter: &Filter,
        by: &[Breakdown],
        groups: &mut Map<GroupKey, Tallies>,
        total: &mut Tallies,
    ) {
        type Pair = (Idx, Idx);
        let mut runs: Map<GroupKey, (Pair, PairRun, CompetencyCount)> = Map::default();
        let mut total_run: Option<(Pair, PairRun)> = None;
        let mut total_count = CompetencyCount::default();
        for a in &self.assessments {
            if !filter.admits(a.date, a.programme, a.mission) {
                continue;
            }
            let person = self.canonical[a.person as usize];
            let Some(person_groups) = self.live_groups(person) else { continue };
            let group = self.group_key(by, person_groups, a.programme, Month::of(a.date));
            groups.entry(group).or_default();
            let Some(level) = a.level else { continue };
            let pair = (person, a.competency);
            match &mut total_run {
                Some((p, run)) if *p == pair => run.add(level, a.pass_rank),
                _ => {
                    if let Some((_, run)) = total_run.replace((pair, PairRun::start(level, a.pass_rank))) {
                        total_count.close(&run);
                    }
                }
            }
            match runs.get_mut(&group) {
                Some((p, run, _)) if *p == pair => run.add(level, a.pass_rank),
                Some((p, run, count)) => {
                    count.close(run);
                    *p = pair;
                    *run = PairRun::start(level, a.pass_rank);
                }
                None => {
                    runs.insert(group, (pair, PairRun::start(level, a.pass_rank), CompetencyCount::default()));
                }
            }
        }
        if let Some((_, run)) = total_run {
            total_count.close(&run);
        }
        total_count.apply(total);
        for (group, (_, run, mut count)) in runs {
            count.close(&run);
            count.apply(groups.entry(group).or_default());
        }
    }

    /// How many persons the table knows (for the benchmarks).
    pub fn persons(&self) -> usize {
        self.persons.len()
    }
}
