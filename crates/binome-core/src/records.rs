//! Adding, editing, deleting and reading records of every kind. Input is
//! read by the domain; what needs other records (references, a session
//! inside its mission, attendance of an enrolled participant) is checked
//! here, and every problem is reported together before anything is written.

use crate::app::Binome;
use crate::error::{CoreError, Result};
use binome_domain::codes::ReviewStatus;
use binome_domain::framework::RatingScale;
use binome_domain::ids::natural_id_with;
use binome_domain::input::parse_input_partial;
use binome_domain::kind::FieldType;
use binome_domain::{Input, Kind, Problem, ProblemCode, Problems, Row, natural_id, new_id};
use binome_store::{ListQuery, StoredRow};
use serde_json::Value;
use uuid::Uuid;

/// A record ready to be written: its id and its normalised fields.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub kind: Kind,
    pub id: String,
    pub data: Row,
    pub is_new: bool,
}

pub(crate) fn text<'a>(row: &'a Row, field: &str) -> Option<&'a str> {
    row.get(field).and_then(Value::as_str)
}

impl Binome {
    /// Creates (`id` none) or edits a record from what a form typed, and
    /// returns it as the form shows it.
    pub fn save_form(&mut self, kind: Kind, id: Option<&str>, input: &Input) -> Result<crate::views::RecordView> {
        let row = match id {
            Some(id) => self.edit(kind, id, input)?,
            None => self.add(kind, input)?,
        };
        Ok(self.record_view(&row))
    }

    /// The one live record that `text` designates (id, id prefix, code or name).
    pub fn resolve(&self, kind: Kind, text: &str) -> Result<String> {
        let ids = self.store.resolve(kind, text)?;
        match ids.len() {
            0 => Err(CoreError::NotFound { kind, text: text.to_owned() }),
            1 => Ok(ids.into_iter().next().expect("one id")),
            _ => Err(CoreError::Ambiguous { kind, text: text.to_owned(), candidates: ids }),
        }
    }

    pub fn get(&self, kind: Kind, text: &str) -> Result<StoredRow> {
        let id = self.resolve(kind, text)?;
        self.store.get(kind, &id)?.ok_or(CoreError::NotFound { kind, text: text.to_owned() })
    }

    pub fn list(&self, kind: Kind, query: &ListQuery) -> Result<Vec<StoredRow>> {
        Ok(self.store.list(kind, query)?)
    }

    pub fn add(&mut self, kind: Kind, input: &Input) -> Result<StoredRow> {
        let prepared = self.prepare(kind, input, None)?.map_err(|problems| CoreError::Invalid { kind, problems })?;
        self.save(&[prepared]).map(|mut rows| rows.remove(0))
    }

    pub fn edit(&mut self, kind: Kind, target: &str, input: &Input) -> Result<StoredRow> {
        let existing = self.get(kind, target)?;
        let prepared =
            self.prepare(kind, input, Some(&existing))?.map_err(|problems| CoreError::Invalid { kind, problems })?;
        self.save(&[prepared]).map(|mut rows| rows.remove(0))
    }

    /// Marks a record deleted. It stays in the store and its history.
    pub fn delete(&mut self, kind: Kind, target: &str) -> Result<StoredRow> {
        let id = self.resolve(kind, target)?;
        let existing = self.get(kind, &id)?;
        self.check_role(kind, &existing.data)?;
        let now = self.now_millis();
        let row = self.store.write(now, |w| w.delete(kind, &id))?;
        row.ok_or(CoreError::NotFound { kind, text: target.to_owned() })
    }

    /// Writes prepared records in one transaction. A laptop writes only
    /// what its role allows (the same rule every receiver applies).
    pub fn save(&mut self, records: &[Prepared]) -> Result<Vec<StoredRow>> {
        for p in records {
            self.check_role(p.kind, &p.data)?;
        }
        let now = self.now_millis();
        self.store
            .write(now, |w| records.iter().map(|p| w.put(p.kind, &p.id, &p.data).map_err(CoreError::from)).collect())
    }

    /// Refuses a local write this laptop's role may not make (the rule
    /// every receiver applies to its versions too).
    pub(crate) fn check_role(&self, kind: Kind, data: &Row) -> Result<()> {
        let role = self.device()?.role;
        if role.may_write(kind, data) {
            return Ok(());
        }
        Err(CoreError::RoleForbids { role, kind })
    }

    /// Reads and checks one record against the store, without writing:
    /// the record ready, or every problem of its input. The outer error is
    /// the store failing while it checks, never told as a problem of the
    /// input (a disk error is not "not found").
    pub fn prepare(
        &self,
        kind: Kind,
        input: &Input,
        existing: Option<&StoredRow>,
    ) -> Result<std::result::Result<Prepared, Problems>> {
        let mut problems = Problems::default();
        let mut resolved = input.clone();
        if kind == Kind::Assessment {
            self.expand_positional_ratings(&mut resolved, existing)?;
        }
        for spec in kind.fields() {
            let Some(raw) = input.get(spec.name).map(|s| s.trim()).filter(|s| !s.is_empty()) else { continue };
            match spec.ty {
                FieldType::Ref(target) => match self.resolve_for_field(spec.name, target, raw)? {
                    Ok(id) => {
                        resolved.insert(spec.name.to_owned(), id);
                    }
                    Err(p) => {
                        problems.push(p);
                        resolved.remove(spec.name);
                    }
                },
                FieldType::RefList(target) => {
                    let mut ids = Vec::new();
                    for part in raw.split([',', ';']).map(str::trim).filter(|p| !p.is_empty()) {
                        match self.resolve_for_field(spec.name, target, part)? {
                            Ok(id) => ids.push(id),
                            Err(p) => problems.push(p),
                        }
                    }
                    resolved.insert(spec.name.to_owned(), ids.join(","));
                }
                _ => {}
            }
        }
        let flagged: Vec<String> = problems.0.iter().map(|p| p.field.clone()).collect();
        let (data, found) = parse_input_partial(kind, &resolved, existing.map(|e| &e.data));
        problems.0.extend(found.0.into_iter().filter(|p| !flagged.contains(&p.field)));
        let id = match existing {
            Some(e) => e.id.clone(),
            None => record_id(kind, &data),
        };
        self.check_against_store(kind, &id, &data, existing.is_none(), &mut problems)?;
        if !problems.is_empty() {
            return Ok(Err(problems));
        }
        let is_new = existing.is_none() && self.store.get(kind, &id)?.is_none();
        Ok(problems.into_result(Prepared { kind, id, data, is_new }))
    }

    /// The id a reference field names, or the problem with what was typed.
    fn resolve_for_field(&self, field: &str, target: Kind, raw: &str) -> Result<std::result::Result<String, Problem>> {
        let problem = |code| Problem::new(field, code, raw).with("target", target.name());
        if let Ok(uuid) = Uuid::parse_str(raw) {
            let id = uuid.hyphenated().to_string();
            return Ok(match self.store.get(target, &id)? {
                Some(row) if row.deleted => Err(problem(ProblemCode::Deleted)),
                Some(_) => Ok(id),
                None => Err(problem(ProblemCode::NotFound)),
            });
        }
        match self.resolve(target, raw) {
            Ok(id) => Ok(Ok(id)),
            Err(CoreError::Ambiguous { .. }) => Ok(Err(problem(ProblemCode::Ambiguous))),
            Err(CoreError::NotFound { .. }) => Ok(Err(problem(ProblemCode::NotFound))),
            Err(other) => Err(other),
        }
    }

    fn check_against_store(
        &self,
        kind: Kind,
        id: &str,
        data: &Row,
        creating: bool,
        problems: &mut Problems,
    ) -> Result<()> {
        match kind {
            Kind::Programme | Kind::Mission | Kind::Framework => {
                if let Some(code) = text(data, "code") {
                    let mut clash = false;
                    for other in self.store.resolve(kind, code)?.into_iter().filter(|other| other != id) {
                        let row = self.store.get(kind, &other)?;
                        clash |=
                            row.is_some_and(|r| text(&r.data, "code").is_some_and(|c| c.eq_ignore_ascii_case(code)));
                    }
                    if clash {
                        problems.push(Problem::new("code", ProblemCode::AlreadyExists, code));
                    }
                }
            }
            Kind::Session => {
                let (Some(mission_id), Some(date)) = (text(data, "mission_id"), text(data, "date")) else {
                    return Ok(());
                };
                if let Some(mission) = self.store.get(Kind::Mission, mission_id)? {
                    let (start, end) = (
                        text(&mission.data, "start_date").unwrap_or(""),
                        text(&mission.data, "end_date").unwrap_or(""),
                    );
                    if date < start || date > end {
                        problems.push(
                            Problem::new("date", ProblemCode::SessionOutsideMission, date)
                                .with("start", start)
                                .with("end", end),
                        );
                    }
                }
            }
            Kind::Attendance | Kind::TestScore => {
                let (Some(session_id), Some(person_id)) = (text(data, "session_id"), text(data, "person_id")) else {
                    return Ok(());
                };
                // An unknown session is the reference check's problem, told already.
                let Some(session) = self.store.get(Kind::Session, session_id)? else { return Ok(()) };
                let mission_id = text(&session.data, "mission_id").unwrap_or_default().to_owned();
                if !self.is_enrolled(&mission_id, person_id)? {
                    problems.push(Problem::new(
                        "person_id",
                        ProblemCode::NotAParticipant,
                        self.person_label(person_id),
                    ));
                }
            }
            Kind::Review => {
                if let Some(session_id) = text(data, "session_id") {
                    if creating && self.session_status(session_id)? == Some(ReviewStatus::Draft) {
                        problems.push(Problem::new("session_id", ProblemCode::SessionNotSubmitted, session_id));
                    }
                }
            }
            Kind::PersonMerge => {
                if let Some(merged) = text(data, "merged_id") {
                    if creating && self.store.canonical_person(merged)? != merged {
                        problems.push(Problem::new("merged_id", ProblemCode::AlreadyMerged, self.person_label(merged)));
                    }
                }
            }
            Kind::Assessment => self.check_ratings(data, problems)?,
            // What an erasure blanked is not typed back in.
            Kind::Person if !creating && self.store.is_erased(id)? => {
                let mut erased = data.clone();
                binome_domain::erasure::erase(id, &mut erased);
                for field in binome_domain::erasure::PERSONAL_FIELDS {
                    let given = |row: &Row| row.get(*field).filter(|v| !v.is_null()).cloned();
                    if given(data) != given(&erased) {
                        let typed = text(data, field).unwrap_or_default();
                        problems.push(Problem::new(field, ProblemCode::Erased, typed));
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn is_enrolled(&self, mission_id: &str, person_id: &str) -> Result<bool> {
        let id = natural_id(Kind::Enrolment.table(), &[&parse_uuid(mission_id), &parse_uuid(person_id)]);
        Ok(self.store.get(Kind::Enrolment, &id.hyphenated().to_string())?.is_some_and(|row| !row.deleted))
    }

    /// The status a session shows (the expert's, or the latest review's).
    pub fn session_status(&self, session_id: &str) -> Result<Option<ReviewStatus>> {
        Ok(self.store.session_status(session_id)?)
    }

    /// A person's name as lists show it. Only a label: a person this laptop
    /// cannot read (unknown, or the store failing) is named by the id, and
    /// whatever the label is for still says what it has to say.
    pub fn person_label(&self, person_id: &str) -> String {
        match self.store.get(Kind::Person, person_id) {
            Ok(Some(p)) => person_name(&p.data),
            _ => person_id.to_owned(),
        }
    }

    /// A framework's scale and tree, `None` if there is no such framework.
    fn framework_parts(
        &self,
        framework_id: &str,
    ) -> Result<Option<(RatingScale, Vec<binome_domain::framework::Domain>)>> {
        let Some(row) = self.store.get(Kind::Framework, framework_id)? else { return Ok(None) };
        let corrupt = |column: &str| {
            CoreError::Store(binome_store::StoreError::Corrupt {
                table: Kind::Framework.table().into(),
                id: framework_id.into(),
                column: column.into(),
            })
        };
        let part = |column: &str| row.data.get(column).cloned().ok_or_else(|| corrupt(column));
        let scale = serde_json::from_value(part("scale")?).map_err(|_| corrupt("scale"))?;
        let domains = serde_json::from_value(part("domains")?).map_err(|_| corrupt("domains"))?;
        Ok(Some((scale, domains)))
    }

    /// "1=competent; 2=not_observed" → {criterion id: level}, by position in
    /// the competency, so a CLI user need not type criterion ids.
    fn expand_positional_ratings(&self, input: &mut Input, existing: Option<&StoredRow>) -> Result<()> {
        let Some(raw) = input.get("ratings").map(|s| s.trim().to_owned()) else { return Ok(()) };
        if raw.is_empty() || raw.starts_with('{') {
            return Ok(());
        }
        let field = |name: &str| {
            input.get(name).cloned().or_else(|| existing.and_then(|e| text(&e.data, name).map(str::to_owned)))
        };
        let (Some(framework), Some(competency)) = (field("framework_id"), field("competency_id")) else {
            return Ok(());
        };
        // What cannot be expanded is left as typed, for the field checks to
        // report: an unknown or ambiguous framework, an unknown competency.
        let framework_id = match self.resolve(Kind::Framework, &framework) {
            Ok(id) => id,
            Err(CoreError::NotFound { .. } | CoreError::Ambiguous { .. }) => return Ok(()),
            Err(other) => return Err(other),
        };
        let Some((_, domains)) = self.framework_parts(&framework_id)? else { return Ok(()) };
        let Some(comp) = domains
            .iter()
            .flat_map(|d| &d.competencies)
            .find(|c| c.id == competency || c.code.eq_ignore_ascii_case(&competency))
        else {
            return Ok(());
        };
        input.insert("competency_id".into(), comp.id.clone());
        let mut map = serde_json::Map::new();
        for part in raw.split([';', ',']).map(str::trim).filter(|p| !p.is_empty()) {
            let Some((position, level)) = part.split_once('=') else { continue };
            let key = position
                .trim()
                .parse::<usize>()
                .ok()
                .and_then(|n| comp.criteria.get(n.wrapping_sub(1)))
                .map_or_else(|| position.trim().to_owned(), |c| c.id.clone());
            map.insert(key, Value::String(level.trim().to_owned()));
        }
        input.insert("ratings".into(), Value::Object(map).to_string());
        Ok(())
    }

    fn check_ratings(&self, data: &Row, problems: &mut Problems) -> Result<()> {
        let Some(framework_id) = text(data, "framework_id") else { return Ok(()) };
        // An unknown framework is the reference check's problem, told already.
        let Some((scale, domains)) = self.framework_parts(framework_id)? else { return Ok(()) };
        let competency_id = text(data, "competency_id").unwrap_or_default();
        let Some(comp) = domains
            .iter()
            .flat_map(|d| &d.competencies)
            .find(|c| c.id == competency_id || c.code.eq_ignore_ascii_case(competency_id))
        else {
            problems
                .push(Problem::new("competency_id", ProblemCode::NotFound, competency_id).with("target", "framework"));
            return Ok(());
        };
        let Some(ratings) = data.get("ratings").and_then(Value::as_object) else { return Ok(()) };
        for (criterion, level) in ratings {
            if !comp.criteria.iter().any(|c| &c.id == criterion) {
                problems.push(Problem::new("ratings", ProblemCode::UnknownCriterion, criterion.as_str()));
            }
            let level = level.as_str().unwrap_or_default();
            if !scale.is_known(level) {
                let mut allowed: Vec<&str> = scale.levels.iter().map(|l| l.code.as_str()).collect();
                allowed.push(&scale.not_observed);
                problems.push(
                    Problem::new("ratings", ProblemCode::UnknownValue, level).with("allowed", allowed.join(", ")),
                );
            }
        }
        Ok(())
    }
}

fn parse_uuid(text: &str) -> Uuid {
    Uuid::parse_str(text).unwrap_or_default()
}

/// "FAMILY Given", as every list and document names a person.
pub fn person_name(data: &Row) -> String {
    let family = text(data, "family_name").unwrap_or_default();
    match text(data, "given_names") {
        Some(given) => format!("{family} {given}"),
        None => family.to_owned(),
    }
}

/// A natural-key record's id derives from its key; others get a fresh UUIDv7.
pub fn record_id(kind: Kind, data: &Row) -> String {
    let key_uuid = |field: &str| parse_uuid(text(data, field).unwrap_or_default());
    let id = match kind {
        Kind::TeamMember | Kind::Enrolment => {
            natural_id(kind.table(), &[&key_uuid("mission_id"), &key_uuid("person_id")])
        }
        Kind::Attendance => natural_id(kind.table(), &[&key_uuid("session_id"), &key_uuid("person_id")]),
        Kind::TestScore => natural_id_with(
            kind.table(),
            &[&key_uuid("session_id"), &key_uuid("person_id")],
            text(data, "phase").unwrap_or_default(),
        ),
        // Two laptops that add "SFDE" to a programme add one profession.
        Kind::Profession => natural_id_with(
            kind.table(),
            &[&key_uuid("programme_id")],
            &crate::import::value_key(text(data, "title").unwrap_or_default()),
        ),
        // Two laptops that map "SFDE" for a programme map one value.
        Kind::ValueChoice => natural_id_with(
            kind.table(),
            &[&key_uuid("programme_id")],
            &format!(
                "{}\u{1f}{}",
                text(data, "field").unwrap_or_default(),
                text(data, "value_key").unwrap_or_default()
            ),
        ),
        // Two coordinators who erase one person record one erasure.
        Kind::Erasure => natural_id(kind.table(), &[&key_uuid("person_id")]),
        // One key per programme, whichever coordinator made it first.
        Kind::PseudonymKey => natural_id(kind.table(), &[&key_uuid("programme_id")]),
        _ => new_id(),
    };
    id.hyphenated().to_string()
}
