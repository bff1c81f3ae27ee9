//! What the attendance and score tallies share: the sessions in scope,
//! whose facts are summed together, and the group a person falls in.

use super::{KEY_SEPARATOR, PERSON_GROUPS, SESSIONS_IN_SCOPE, ScopeParams, dimension_expr};
use crate::error::Doing;
use crate::open::Store;
use binome_domain::indicators::{Breakdown, Scope};
use rusqlite::{CachedStatement, OptionalExtension};
use std::collections::HashMap;

/// A live person's group dimensions.
pub(super) fn person_dimensions_sql() -> String {
    format!(
        "SELECT {sex}, {cadre}, {category}, {facility}, {level} FROM persons p {PERSON_GROUPS} WHERE p.id = ?1 AND p.deleted = 0",
        sex = dimension_expr(Breakdown::Sex),
        cadre = dimension_expr(Breakdown::Cadre),
        category = dimension_expr(Breakdown::Category),
        facility = dimension_expr(Breakdown::Facility),
        level = dimension_expr(Breakdown::Level),
    )
}

/// A live session in scope, of a live mission and programme.
pub(super) struct SessionFacts {
    pub id: String,
    pub month: String,
    pub programme_id: String,
    pub minutes: i64,
    pub hours_per_day: f64,
    pub pass_mark: f64,
}

/// Whose facts are summed together: a person (the one kept after merges),
/// within one programme or month when the breakdown splits on it.
#[derive(PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) struct FactKey {
    pub person_id: String,
    programme_id: Option<String>,
    month: Option<String>,
}

impl FactKey {
    pub fn new(person_id: String, session: &SessionFacts, by: &[Breakdown]) -> FactKey {
        FactKey {
            person_id,
            programme_id: by.contains(&Breakdown::Programme).then(|| session.programme_id.clone()),
            month: by.contains(&Breakdown::Month).then(|| session.month.clone()),
        }
    }
}

/// A person's dimensions, "" when unknown.
pub(super) struct PersonDimensions {
    sex: String,
    cadre: String,
    category: String,
    organisation_id: String,
    level: String,
}

impl PersonDimensions {
    /// The group key of a fact: its dimensions joined by [`KEY_SEPARATOR`].
    pub fn group_key(&self, by: &[Breakdown], fact: &FactKey) -> String {
        let mut key = String::new();
        for (i, b) in by.iter().enumerate() {
            if i > 0 {
                key.push(KEY_SEPARATOR);
            }
            key.push_str(match b {
                Breakdown::Sex => &self.sex,
                Breakdown::Cadre => &self.cadre,
                Breakdown::Category => &self.category,
                Breakdown::Facility => &self.organisation_id,
                Breakdown::Level => &self.level,
                Breakdown::Programme => fact.programme_id.as_deref().unwrap_or_default(),
                Breakdown::Month => fact.month.as_deref().unwrap_or_default(),
            });
        }
        key
    }
}

/// What the attendance and score tallies read once for both: the sessions
/// in scope, merged persons, and each person's groups as they are met.
pub(super) struct InScope<'s> {
    pub sessions: Vec<SessionFacts>,
    /// Merged persons and the one each was merged into.
    pub canonical: HashMap<String, String>,
    pub persons: Persons<'s>,
}

/// Reads persons' dimensions by id, each once for all the tallies.
pub(super) struct Persons<'s> {
    statement: CachedStatement<'s>,
    read: HashMap<String, Option<PersonDimensions>>,
}

impl InScope<'_> {
    /// Hands each live person's facts to `each` with the person's groups,
    /// the person's record read once; facts are sorted so that sums are
    /// added in the same order on every run. A deleted person's facts no
    /// longer count.
    pub fn for_each_person<S>(
        &mut self,
        facts: HashMap<FactKey, S>,
        mut each: impl FnMut(&PersonDimensions, &[(FactKey, S)]),
    ) -> crate::Result<()> {
        let mut facts: Vec<(FactKey, S)> = facts.into_iter().collect();
        facts.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for one_person in facts.chunk_by(|a, b| a.0.person_id == b.0.person_id) {
            if let Some(person) = self.persons.dimensions(&one_person[0].0.person_id)? {
                each(person, one_person);
            }
        }
        Ok(())
    }
}

impl Persons<'_> {
    /// The dimensions of a live person; `None` for a deleted or unknown one,
    /// whose facts no longer count.
    pub fn dimensions(&mut self, person_id: &str) -> crate::Result<Option<&PersonDimensions>> {
        if !self.read.contains_key(person_id) {
            let found = self
                .statement
                .query_row([person_id], |r| {
                    let text = |i| r.get::<_, Option<String>>(i).map(Option::unwrap_or_default);
                    Ok(PersonDimensions {
                        sex: text(0)?,
                        cadre: text(1)?,
                        category: text(2)?,
                        organisation_id: text(3)?,
                        level: text(4)?,
                    })
                })
                .optional()
                .doing("reading a person's groups")?;
            self.read.insert(person_id.to_owned(), found);
        }
        Ok(self.read[person_id].as_ref())
    }
}

impl Store {
    pub(super) fn in_scope(&self, scope: &Scope) -> crate::Result<InScope<'_>> {
        let statement = self.conn.prepare_cached(&person_dimensions_sql()).doing("preparing indicators")?;
        Ok(InScope {
            sessions: self.sessions_in_scope(scope)?,
            canonical: self.canonical_persons()?,
            persons: Persons { statement, read: HashMap::new() },
        })
    }

    fn sessions_in_scope(&self, scope: &Scope) -> crate::Result<Vec<SessionFacts>> {
        self.all(SESSIONS_IN_SCOPE, ScopeParams::new(scope).named().as_slice(), "reading sessions", |r| {
            Ok(SessionFacts {
                id: r.get("id")?,
                month: r.get("month")?,
                programme_id: r.get("programme_id")?,
                minutes: r.get("duration")?,
                hours_per_day: r.get("hours_per_day")?,
                pass_mark: r.get("pass_mark")?,
            })
        })
    }

    fn canonical_persons(&self) -> crate::Result<HashMap<String, String>> {
        let merged =
            self.all("SELECT person_id, canonical_id FROM person_aliases", [], "checking person merges", |r| {
                r.try_into()
            })?;
        Ok(merged.into_iter().collect())
    }
}

impl Store {
    /// Walks each session in scope through `per_session` (one session's
    /// rows, a person id first), folding each row into its person's value
    /// for that session, then hands the session's values to `done` before
    /// the next one. A merged person's rows fold into the person they were
    /// merged into, so a (session, person) pair is one value however many
    /// records the merge left in it.
    pub(super) fn fold_sessions<P: Default>(
        &self,
        in_scope: &InScope,
        per_session: &str,
        doing: &'static str,
        mut fold: impl FnMut(&rusqlite::Row, &mut P) -> rusqlite::Result<()>,
        mut done: impl FnMut(&SessionFacts, String, P),
    ) -> crate::Result<()> {
        let mut statement = self.conn.prepare_cached(per_session).doing(doing)?;
        let mut in_session: HashMap<String, P> = HashMap::new();
        for session in &in_scope.sessions {
            let mut rows = statement.query([&session.id]).doing(doing)?;
            while let Some(r) = rows.next().doing(doing)? {
                let person_id: String = r.get(0).doing(doing)?;
                let person_id = in_scope.canonical.get(&person_id).cloned().unwrap_or(person_id);
                fold(r, in_session.entry(person_id).or_default()).doing(doing)?;
            }
            for (person_id, value) in in_session.drain() {
                done(session, person_id, value);
            }
        }
        Ok(())
    }
}
