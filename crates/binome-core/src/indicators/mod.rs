//! The common indicators for a scope, split by one breakdown, with a total
//! computed on its own (distinct persons do not add up across groups).

use crate::app::Binome;
use crate::error::Result;
use binome_domain::Kind;
use binome_domain::framework::{Competency, Domain, RatingScale};
use binome_domain::indicators::{Breakdown, Indicators, Scope, Tallies, days_inside, months_between};
use binome_domain::input::parse_date;
use binome_store::{GroupTallies, ListQuery};

#[cfg(test)]
mod by_queries;
mod facts;

pub(crate) use facts::FactCache;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IndicatorGroup {
    /// The code split on (a sex, cadre or level code, an id, a yyyy-mm month); "" when unknown.
    pub key: String,
    /// A name for ids (facility, programme); empty for codes, which front ends translate.
    pub label: String,
    pub indicators: Indicators,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IndicatorReport {
    pub scope: Scope,
    pub breakdown: Option<Breakdown>,
    pub total: Indicators,
    pub groups: Vec<IndicatorGroup>,
}

pub(crate) struct FrameworkRules {
    pub(crate) scale: RatingScale,
    pub(crate) domains: Vec<Domain>,
}

impl Binome {
    /// A report's scope from what a person typed: programme and mission as
    /// codes or ids, dates as dd/mm/yyyy. Bad dates are reported together.
    pub fn scope_from_text(
        &self,
        programme: Option<&str>,
        mission: Option<&str>,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Scope> {
        let mut problems = binome_domain::Problems::default();
        let mut date = |text: Option<&str>, field: &str| {
            let text = text.map(str::trim).filter(|t| !t.is_empty())?;
            let parsed = parse_date(text);
            if parsed.is_none() {
                problems.push(binome_domain::Problem::new(field, binome_domain::ProblemCode::InvalidDate, text));
            }
            parsed
        };
        let (from, to) = (date(from, "start_date"), date(to, "end_date"));
        if !problems.is_empty() {
            return Err(crate::error::CoreError::Invalid { kind: Kind::Programme, problems });
        }
        let resolve = |kind: Kind, text: Option<&str>| {
            text.map(str::trim).filter(|t| !t.is_empty()).map(|t| self.resolve(kind, t)).transpose()
        };
        Ok(Scope {
            programme_id: resolve(Kind::Programme, programme)?,
            mission_id: resolve(Kind::Mission, mission)?,
            from,
            to,
        })
    }

    pub fn scope_from_view(&self, text: &crate::views::ScopeText) -> Result<Scope> {
        self.scope_from_text(
            text.programme.as_deref(),
            text.mission.as_deref(),
            text.from.as_deref(),
            text.to.as_deref(),
        )
    }

    pub fn indicators(&self, scope: &Scope, by: Option<Breakdown>) -> Result<IndicatorReport> {
        let dimensions: Vec<Breakdown> = by.into_iter().collect();
        let mut report = self.indicators_split(scope, &dimensions)?;
        let labels = self.group_labels(by)?;
        for group in &mut report.groups {
            group.label = labels.get(&group.key).cloned().unwrap_or_default();
        }
        Ok(report)
    }

    /// Indicators split by several dimensions at once (a DHIS2 value is
    /// per facility and sex): group keys are the codes joined by `|`.
    /// Counted over the compact copy of the facts (`facts.rs`), rebuilt
    /// whenever the store has changed since it was made.
    pub fn indicators_split(&self, scope: &Scope, by: &[Breakdown]) -> Result<IndicatorReport> {
        let (mut groups, mut total) = self.with_facts(|facts| facts.tallies(scope, by))?;
        self.add_missions(scope, by, &mut groups, &mut total)?;
        Ok(report(scope, by, groups, total))
    }

    /// Missions and expert-days: a mission's days are clipped to the
    /// period, and split by month when the breakdown is by month.
    fn add_missions(
        &self,
        scope: &Scope,
        by: &[Breakdown],
        groups: &mut GroupTallies,
        total: &mut Tallies,
    ) -> Result<()> {
        for mission in self.store.missions_in_scope(scope)? {
            let (Some(start), Some(end)) = (parse_date(&mission.start_date), parse_date(&mission.end_date)) else {
                continue;
            };
            let days = days_inside(start, end, scope);
            if days == 0 {
                continue;
            }
            total.missions += 1;
            total.expert_days += days * mission.experts;
            match by {
                [Breakdown::Programme] => {
                    let t = groups.entry(mission.programme_id.clone()).or_default();
                    t.missions += 1;
                    t.expert_days += days * mission.experts;
                }
                [Breakdown::Month] => {
                    for (month, first, last) in months_between(start, end) {
                        let in_month = days_inside(first.max(start), last.min(end), scope);
                        if in_month > 0 {
                            let t = groups.entry(month).or_default();
                            t.missions += 1;
                            t.expert_days += in_month * mission.experts;
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    pub(crate) fn framework_rules(&self) -> Result<HashMap<String, FrameworkRules>> {
        let mut rules = HashMap::new();
        for row in self.store.list(Kind::Framework, &ListQuery::default())? {
            let framework = crate::views::competency::framework_from_row(&row)?;
            rules.insert(row.id, FrameworkRules { scale: framework.scale, domains: framework.domains });
        }
        Ok(rules)
    }

    fn group_labels(&self, by: Option<Breakdown>) -> Result<HashMap<String, String>> {
        let (kind, field) = match by {
            Some(Breakdown::Facility) => (Kind::Organisation, "name"),
            Some(Breakdown::Programme) => (Kind::Programme, "code"),
            // The keys that are not professions' ids are the codes of the
            // professions every programme knows, named by the catalogue.
            Some(Breakdown::Cadre) => (Kind::Profession, "title"),
            _ => return Ok(HashMap::new()),
        };
        let query = ListQuery { include_deleted: true, ..ListQuery::default() };
        Ok(self
            .store
            .list(kind, &query)?
            .into_iter()
            .map(|r| (r.id.clone(), r.data.get(field).and_then(|v| v.as_str()).unwrap_or_default().to_owned()))
            .collect())
    }
}

/// Every framework's competencies by (framework id, competency id), each
/// with its framework's rules: how an assessment finds its level.
pub(crate) fn competencies_of(
    rules: &HashMap<String, FrameworkRules>,
) -> impl Iterator<Item = ((&str, &str), (&FrameworkRules, &Competency))> {
    rules.iter().flat_map(|(id, framework)| {
        framework
            .domains
            .iter()
            .flat_map(|d| &d.competencies)
            .map(move |c| ((id.as_str(), c.id.as_str()), (framework, c)))
    })
}

fn report(scope: &Scope, by: &[Breakdown], groups: GroupTallies, total: Tallies) -> IndicatorReport {
    let with_sessions = by.is_empty() || by.iter().all(|b| b.splits_sessions());
    let groups = groups
        .into_iter()
        .map(|(key, tallies)| IndicatorGroup {
            label: String::new(),
            indicators: Indicators::from_tallies(&tallies, with_sessions),
            key,
        })
        .collect();
    IndicatorReport {
        scope: scope.clone(),
        breakdown: by.first().copied().filter(|_| by.len() == 1),
        total: Indicators::from_tallies(&total, true),
        groups,
    }
}
