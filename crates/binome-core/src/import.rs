//! Spreadsheet imports of participants, sessions, attendance and test
//! scores. The whole file is read and checked first; if any row is wrong,
//! every problem is reported with its line and column and nothing is
//! written; otherwise every row lands in one transaction.

use crate::app::Binome;
use crate::duplicates::{DuplicatePair, duplicate_pairs};
use crate::records::{Prepared, record_id};
use crate::spreadsheet::{ReadError, Table, read_table, write_french_csv};
use binome_domain::codes::fold_code;
use binome_domain::names::match_key;
use binome_domain::{Input, Kind, Problem, ProblemCode, Row};
use binome_store::{ListQuery, PersonSummary};
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    Participants,
    Sessions,
    Attendance,
    Scores,
    /// A competency framework, one criterion per row.
    Frameworks,
}

impl ImportKind {
    pub const ALL: &'static [ImportKind] = &[
        ImportKind::Participants,
        ImportKind::Sessions,
        ImportKind::Attendance,
        ImportKind::Scores,
        ImportKind::Frameworks,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ImportKind::Participants => "participants",
            ImportKind::Sessions => "sessions",
            ImportKind::Attendance => "attendance",
            ImportKind::Scores => "scores",
            ImportKind::Frameworks => "frameworks",
        }
    }

    pub fn parse(text: &str) -> Option<ImportKind> {
        ImportKind::ALL.iter().copied().find(|k| k.code() == text)
    }

    /// The template's columns: (column id, required). Column ids are field
    /// names, plus `pre_score` / `post_score` for the scores sheet.
    pub fn columns(self) -> &'static [(&'static str, bool)] {
        match self {
            ImportKind::Participants => &[
                ("family_name", true),
                ("given_names", false),
                ("sex", false),
                ("cadre", false),
                ("organisation_id", false),
                ("service", false),
                ("phone", false),
                ("email", false),
            ],
            ImportKind::Sessions => &[
                ("mission_id", false),
                ("title", true),
                ("theme", false),
                ("modality", true),
                ("date", true),
                ("start_time", false),
                ("duration", true),
                ("notes", false),
            ],
            ImportKind::Attendance => &[
                ("session_id", false),
                ("family_name", true),
                ("given_names", false),
                ("status", true),
                ("note", false),
            ],
            ImportKind::Scores => &[
                ("session_id", false),
                ("family_name", true),
                ("given_names", false),
                ("pre_score", false),
                ("post_score", false),
                ("max_score", true),
            ],
            ImportKind::Frameworks => &[
                ("code", true),
                ("name", true),
                ("domain", true),
                ("competency_code", true),
                ("competency", true),
                ("criterion", true),
                ("critical", false),
                ("levels", false),
                ("pass_level", false),
            ],
        }
    }
}

/// Other headings people use for the same column.
fn column_aliases(column: &str) -> &'static [&'static str] {
    match column {
        "family_name" => &["nom de famille", "noms", "nom du participant", "surname", "last name"],
        "given_names" => &["prénom", "prenom", "prénoms", "first name", "given name"],
        "sex" => &["genre", "h/f", "f/h", "gender"],
        "cadre" => &["profession", "fonction", "qualification", "catégorie", "profil"],
        "organisation_id" => &["structure", "établissement", "formation sanitaire", "fosa", "hôpital", "facility"],
        "phone" => &["téléphone", "tél", "tel", "contact", "numéro", "mobile"],
        "email" => &["e-mail", "mail", "adresse e-mail"],
        "status" => &["présence", "statut", "émargement", "attendance"],
        "pre_score" => &["pré-test", "pre-test", "pretest", "note pré-test", "pre"],
        "post_score" => &["post-test", "posttest", "note post-test", "post"],
        "max_score" => &["note maximale", "sur", "barème", "max", "maximum"],
        "title" => &["séance", "titre", "intitulé de la séance"],
        "modality" => &["type", "modalité pédagogique"],
        "duration" => &["durée (h)", "durée en heures", "heures"],
        "session_id" => &["séance", "id séance"],
        "code" => &["code du référentiel", "référentiel"],
        "name" => &["nom du référentiel", "intitulé du référentiel"],
        "domain" => &["domaine de compétence", "module"],
        "competency_code" => &["code compétence", "code de la compétence"],
        "competency" => &["intitulé de la compétence", "compétences"],
        "criterion" => &["critère d'évaluation", "critères", "item"],
        "critical" => &["critère critique", "essentiel", "obligatoire"],
        "levels" => &["échelle", "niveaux de l'échelle"],
        "pass_level" => &["niveau de réussite", "seuil"],
        _ => &[],
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct RowProblem {
    /// The line as Excel or a text editor shows it.
    pub line: usize,
    /// The column heading as written in the file (or the template's).
    pub column: String,
    pub problem: Problem,
}

#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    pub kind: ImportKind,
    pub rows: usize,
    pub created: usize,
    pub updated: usize,
    pub problems: Vec<RowProblem>,
    /// New participants that look like persons already in the store.
    pub duplicates: Vec<DuplicatePair>,
    pub dry_run: bool,
    pub written: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {path}: {detail}")]
    Format { path: String, detail: String },
    #[error("{path}: no data rows")]
    Empty { path: String },
    #[error("{path}: required column {column:?} missing")]
    MissingColumn { path: String, column: String, kind: ImportKind },
    #[error("{} rows in error, nothing written", .report.problems.len())]
    Rows { report: Box<ImportReport> },
}

impl ImportError {
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::Format { .. } => "import-format",
            ImportError::Empty { .. } => "import-empty",
            ImportError::MissingColumn { .. } => "import-header",
            ImportError::Rows { .. } => "import-rows",
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Participants are enrolled in it; sessions without a mission column go to it.
    pub mission: Option<String>,
    /// Attendance and scores without a session column go to it.
    pub session: Option<String>,
    pub dry_run: bool,
}

/// A template: French headings, in the French Excel CSV dialect.
pub fn template(kind: ImportKind, messages: &crate::i18n::Messages) -> Vec<u8> {
    let headers: Vec<String> = kind.columns().iter().map(|(c, _)| column_label(c, messages)).collect();
    let example: Vec<String> = match kind {
        ImportKind::Participants => [
            "Mahamat",
            "Zénaba",
            "F",
            "Sage-femme",
            "Hôpital de la Mère et de l'Enfant",
            "Maternité",
            "+235 66 12 34 56",
            "",
        ]
        .map(String::from)
        .to_vec(),
        ImportKind::Sessions => [
            "",
            "Prise en charge de l'hémorragie du post-partum",
            "SONU",
            "Atelier pratique",
            "05/03/2019",
            "08:30",
            "3h",
            "",
        ]
        .map(String::from)
        .to_vec(),
        ImportKind::Attendance => ["", "Mahamat", "Zénaba", "Présent", ""].map(String::from).to_vec(),
        ImportKind::Scores => ["", "Mahamat", "Zénaba", "9", "16", "20"].map(String::from).to_vec(),
        ImportKind::Frameworks => {
            let first = [
                "REF-HPP",
                "Hémorragie du post-partum",
                "Prise en charge",
                "HPP1",
                "Reconnaître une hémorragie du post-partum",
                "Estime les pertes sanguines",
                "oui",
                "À améliorer; Exécuté correctement; Maîtrisé",
                "Exécuté correctement",
            ];
            let second = [
                "REF-HPP",
                "Hémorragie du post-partum",
                "Prise en charge",
                "HPP1",
                "Reconnaître une hémorragie du post-partum",
                "Appelle à l'aide",
                "non",
                "",
                "",
            ];
            return write_french_csv(&headers, &[first.map(String::from).to_vec(), second.map(String::from).to_vec()]);
        }
    };
    write_french_csv(&headers, &[example])
}

/// The same template as an Excel workbook: bold frozen header, an example row.
pub fn template_xlsx(kind: ImportKind, messages: &crate::i18n::Messages) -> Result<Vec<u8>, crate::error::CoreError> {
    use rust_xlsxwriter::{Format, Workbook};
    let failed = |e: rust_xlsxwriter::XlsxError| crate::error::CoreError::Spreadsheet(e.to_string());
    let csv = String::from_utf8(template(kind, messages)).unwrap_or_default();
    let table = crate::spreadsheet::read_csv(csv.as_bytes()).map_err(crate::error::CoreError::Spreadsheet)?;
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(messages.text(&format!("import-sheet-{}", kind.code()), &[])).map_err(failed)?;
    let bold = Format::new().set_bold();
    for (col, heading) in table.headers.iter().enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(0, col, heading, &bold).map_err(failed)?;
        let widest =
            table.rows.iter().filter_map(|(_, r)| r.get(col as usize)).map(|c| c.chars().count()).max().unwrap_or(0);
        sheet.set_column_width(col, (heading.chars().count().max(widest) + 2) as f64).map_err(failed)?;
    }
    for (row, (_, cells)) in table.rows.iter().enumerate() {
        for (col, cell) in cells.iter().enumerate() {
            sheet.write_string((row + 1) as u32, col as u16, cell).map_err(failed)?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(failed)?;
    workbook.save_to_buffer().map_err(failed)
}

fn column_label(column: &str, messages: &crate::i18n::Messages) -> String {
    match column {
        "pre_score" => messages.value("pre"),
        "post_score" => messages.value("post"),
        _ => messages.field(column),
    }
}

pub(crate) struct ColumnMap {
    /// column id → (index in the file, heading as written)
    found: HashMap<&'static str, (usize, String)>,
}

impl ColumnMap {
    fn build(kind: ImportKind, headers: &[String]) -> ColumnMap {
        let fr = crate::i18n::Messages::new(crate::i18n::Lang::Fr);
        let en = crate::i18n::Messages::new(crate::i18n::Lang::En);
        let mut found = HashMap::new();
        for (column, _) in kind.columns() {
            let mut names = vec![column.to_string(), column_label(column, &fr), column_label(column, &en)];
            names.extend(column_aliases(column).iter().map(|a| a.to_string()));
            let wanted: Vec<String> = names.iter().map(|n| fold_code(n)).collect();
            let taken: Vec<usize> = found.values().map(|(i, _)| *i).collect();
            if let Some(index) =
                headers.iter().enumerate().position(|(i, h)| !taken.contains(&i) && wanted.contains(&fold_code(h)))
            {
                found.insert(*column, (index, headers[index].clone()));
            }
        }
        ColumnMap { found }
    }

    pub(crate) fn get<'a>(&self, column: &str, cells: &'a [String]) -> Option<&'a str> {
        let (index, _) = self.found.get(column)?;
        cells.get(*index).map(String::as_str).filter(|s| !s.is_empty())
    }

    pub(crate) fn heading(&self, column: &str) -> String {
        match self.found.get(column) {
            Some((_, heading)) => heading.clone(),
            None => crate::i18n::Messages::new(crate::i18n::Lang::Fr).field(column),
        }
    }
}

impl Binome {
    pub fn import_file(
        &mut self,
        kind: ImportKind,
        path: &Path,
        options: &ImportOptions,
    ) -> Result<ImportReport, crate::error::CoreError> {
        let table = read_table(path).map_err(|e| match e {
            ReadError::Unreadable { path, detail } => ImportError::Format { path, detail },
            ReadError::Empty { path } => ImportError::Empty { path },
        })?;
        self.import_table(kind, &table, &path.display().to_string(), options)
    }

    pub fn import_table(
        &mut self,
        kind: ImportKind,
        table: &Table,
        source: &str,
        options: &ImportOptions,
    ) -> Result<ImportReport, crate::error::CoreError> {
        if table.rows.is_empty() {
            return Err(ImportError::Empty { path: source.to_owned() }.into());
        }
        let columns = ColumnMap::build(kind, &table.headers);
        for (column, required) in kind.columns() {
            if *required && !columns.found.contains_key(column) {
                let label = column_label(column, &crate::i18n::Messages::new(crate::i18n::Lang::Fr));
                return Err(ImportError::MissingColumn { path: source.to_owned(), column: label, kind }.into());
            }
        }
        if kind == ImportKind::Frameworks {
            let (report, prepared) = self.read_frameworks(table, &columns, options)?;
            return self.finish_import(report, &prepared, options);
        }
        let mut report = ImportReport {
            kind,
            rows: table.rows.len(),
            created: 0,
            updated: 0,
            problems: Vec::new(),
            duplicates: Vec::new(),
            dry_run: options.dry_run,
            written: false,
        };
        let mut prepared: Vec<Prepared> = Vec::new();
        let problem_at = |line: usize, column: String, problem: Problem, report: &mut ImportReport| {
            report.problems.push(RowProblem { line, column, problem });
        };
        let mission = match &options.mission {
            Some(text) => Some(self.resolve(Kind::Mission, text)?),
            None => None,
        };
        let default_session = match &options.session {
            Some(text) => Some(self.resolve(Kind::Session, text)?),
            None => None,
        };
        let mut participants_cache: HashMap<String, HashMap<String, Vec<String>>> = HashMap::new();
        let mut new_people: Vec<PersonSummary> = Vec::new();

        for (line, cells) in &table.rows {
            let line = *line;
            match kind {
                ImportKind::Participants => {
                    let mut input = Input::new();
                    for (column, _) in kind.columns() {
                        if let Some(value) = columns.get(column, cells) {
                            input.insert(column.to_string(), value.to_owned());
                        }
                    }
                    // A participant already on this mission's list is updated, not duplicated.
                    let existing = mission.as_ref().and_then(|m| {
                        let key = match_key(
                            input.get("family_name").map_or("", |s| s),
                            input.get("given_names").map_or("", |s| s),
                        );
                        let ids =
                            self.participants_by_key(m, &mut participants_cache).get(&key).cloned().unwrap_or_default();
                        if ids.len() == 1 { self.store.get(Kind::Person, &ids[0]).ok().flatten() } else { None }
                    });
                    match self.prepare(Kind::Person, &input, existing.as_ref()) {
                        Ok(person) => {
                            if person.is_new {
                                new_people.push(summary(&person.id, &person.data));
                            }
                            if let Some(mission_id) = &mission {
                                prepared.push(link(Kind::Enrolment, mission_id, &person.id));
                            }
                            prepared.push(person);
                        }
                        Err(problems) => {
                            for p in problems.0 {
                                problem_at(line, columns.heading(&p.field), p, &mut report);
                            }
                        }
                    }
                }
                ImportKind::Sessions => {
                    let mut input = Input::new();
                    for (column, _) in kind.columns() {
                        if let Some(value) = columns.get(column, cells) {
                            input.insert(column.to_string(), value.to_owned());
                        }
                    }
                    if !input.contains_key("mission_id") {
                        if let Some(m) = &mission {
                            input.insert("mission_id".into(), m.clone());
                        }
                    }
                    match self.prepare(Kind::Session, &input, None) {
                        Ok(session) => prepared.push(session),
                        Err(problems) => {
                            for p in problems.0 {
                                problem_at(line, columns.heading(&p.field), p, &mut report);
                            }
                        }
                    }
                }
                // Read whole above: its rows make one record.
                ImportKind::Frameworks => {}
                ImportKind::Attendance | ImportKind::Scores => {
                    let session_id = match columns.get("session_id", cells) {
                        Some(text) => match self.resolve(Kind::Session, text) {
                            Ok(id) => Some(id),
                            Err(_) => {
                                problem_at(
                                    line,
                                    columns.heading("session_id"),
                                    Problem::new("session_id", ProblemCode::NotFound, text).with("target", "session"),
                                    &mut report,
                                );
                                continue;
                            }
                        },
                        None => default_session.clone(),
                    };
                    let Some(session_id) = session_id else {
                        problem_at(
                            line,
                            columns.heading("session_id"),
                            Problem::new("session_id", ProblemCode::Required, ""),
                            &mut report,
                        );
                        continue;
                    };
                    let mission_id = self
                        .store
                        .get(Kind::Session, &session_id)?
                        .and_then(|s| s.data.get("mission_id").and_then(Value::as_str).map(str::to_owned))
                        .unwrap_or_default();
                    let family = columns.get("family_name", cells).unwrap_or_default();
                    let given = columns.get("given_names", cells).unwrap_or_default();
                    let shown = format!("{family} {given}").trim().to_owned();
                    let ids = self
                        .participants_by_key(&mission_id, &mut participants_cache)
                        .get(&match_key(family, given))
                        .cloned()
                        .unwrap_or_default();
                    let person_id = match ids.as_slice() {
                        [one] => one.clone(),
                        [] => {
                            problem_at(
                                line,
                                columns.heading("family_name"),
                                Problem::new("person_id", ProblemCode::NotAParticipant, shown),
                                &mut report,
                            );
                            continue;
                        }
                        _ => {
                            problem_at(
                                line,
                                columns.heading("family_name"),
                                Problem::new("person_id", ProblemCode::Ambiguous, shown).with("target", "person"),
                                &mut report,
                            );
                            continue;
                        }
                    };
                    let mut records: Vec<(Input, Vec<(&str, &str)>)> = Vec::new();
                    if kind == ImportKind::Attendance {
                        let mut input = Input::new();
                        input.insert("status".into(), columns.get("status", cells).unwrap_or_default().to_owned());
                        if let Some(note) = columns.get("note", cells) {
                            input.insert("note".into(), note.to_owned());
                        }
                        records.push((input, vec![("status", "status"), ("note", "note")]));
                    } else {
                        for (column, phase) in [("pre_score", "pre"), ("post_score", "post")] {
                            let Some(score) = columns.get(column, cells) else { continue };
                            let mut input = Input::new();
                            input.insert("phase".into(), phase.into());
                            input.insert("score".into(), score.to_owned());
                            input.insert(
                                "max_score".into(),
                                columns.get("max_score", cells).unwrap_or_default().to_owned(),
                            );
                            records.push((input, vec![("score", column), ("max_score", "max_score")]));
                        }
                    }
                    let record_kind = if kind == ImportKind::Attendance { Kind::Attendance } else { Kind::TestScore };
                    for (mut input, column_of_field) in records {
                        input.insert("session_id".into(), session_id.clone());
                        input.insert("person_id".into(), person_id.clone());
                        let probe = self.prepare(record_kind, &input, None);
                        // The same fact recorded again is an edit of the same row.
                        let result = match probe {
                            Ok(p) if !p.is_new => {
                                let existing = self.store.get(record_kind, &p.id)?;
                                self.prepare(record_kind, &input, existing.as_ref())
                            }
                            other => other,
                        };
                        match result {
                            Ok(record) => prepared.push(record),
                            Err(problems) => {
                                for p in problems.0 {
                                    let column = column_of_field
                                        .iter()
                                        .find(|(f, _)| *f == p.field)
                                        .map_or(p.field.as_str(), |(_, c)| c);
                                    problem_at(line, columns.heading(column), p, &mut report);
                                }
                            }
                        }
                    }
                }
            }
        }

        let existing_people = self.store.active_persons()?;
        let new_ids: Vec<&str> = new_people.iter().map(|p| p.id.as_str()).collect();
        let mut everyone = existing_people;
        everyone.extend(new_people.iter().cloned());
        report.duplicates = duplicate_pairs(&everyone)
            .into_iter()
            .filter(|pair| new_ids.contains(&pair.first.id.as_str()) || new_ids.contains(&pair.second.id.as_str()))
            .collect();
        let main_kind = match kind {
            ImportKind::Participants => Kind::Person,
            ImportKind::Sessions => Kind::Session,
            ImportKind::Attendance => Kind::Attendance,
            ImportKind::Scores => Kind::TestScore,
            ImportKind::Frameworks => Kind::Framework,
        };
        report.created = prepared.iter().filter(|p| p.kind == main_kind && p.is_new).count();
        report.updated = prepared.iter().filter(|p| p.kind == main_kind && !p.is_new).count();
        self.finish_import(report, &prepared, options)
    }

    /// All or nothing: refused whole with every problem, or written in one
    /// transaction after a backup (unless a dry run).
    fn finish_import(
        &mut self,
        mut report: ImportReport,
        prepared: &[Prepared],
        options: &ImportOptions,
    ) -> Result<ImportReport, crate::error::CoreError> {
        let kind = report.kind;
        if !report.problems.is_empty() {
            if options.dry_run {
                return Ok(report);
            }
            return Err(ImportError::Rows { report: Box::new(report) }.into());
        }
        if !options.dry_run {
            self.backup(&format!("import-{}", kind.code()))?;
            self.save(prepared)?;
            report.written = true;
        }
        Ok(report)
    }

    /// The live participants of a mission by name key.
    fn participants_by_key<'c>(
        &self,
        mission_id: &str,
        cache: &'c mut HashMap<String, HashMap<String, Vec<String>>>,
    ) -> &'c HashMap<String, Vec<String>> {
        cache.entry(mission_id.to_owned()).or_insert_with(|| {
            let mut by_key: HashMap<String, Vec<String>> = HashMap::new();
            let query = ListQuery { equals: vec![("mission_id", mission_id.to_owned())], ..ListQuery::default() };
            for enrolment in self.store.list(Kind::Enrolment, &query).unwrap_or_default() {
                let Some(person_id) = enrolment.data.get("person_id").and_then(Value::as_str) else { continue };
                if let Ok(Some(person)) = self.store.get(Kind::Person, person_id) {
                    if person.deleted {
                        continue;
                    }
                    let text = |f: &str| person.data.get(f).and_then(Value::as_str).unwrap_or_default().to_owned();
                    by_key
                        .entry(match_key(&text("family_name"), &text("given_names")))
                        .or_default()
                        .push(person.id.clone());
                }
            }
            by_key
        })
    }
}

fn summary(id: &str, data: &Row) -> PersonSummary {
    let text = |f: &str| data.get(f).and_then(Value::as_str).map(str::to_owned);
    PersonSummary {
        id: id.to_owned(),
        family_name: text("family_name").unwrap_or_default(),
        given_names: text("given_names").unwrap_or_default(),
        phone: text("phone"),
        sex: text("sex"),
        cadre: text("cadre"),
        organisation_id: text("organisation_id"),
    }
}

/// A mission–person link (enrolment or team membership).
pub fn link(kind: Kind, mission_id: &str, person_id: &str) -> Prepared {
    let mut data = Row::new();
    data.insert("mission_id".into(), Value::String(mission_id.to_owned()));
    data.insert("person_id".into(), Value::String(person_id.to_owned()));
    if kind == Kind::TeamMember {
        data.insert("team_role".into(), Value::String("expert".into()));
    }
    let id = record_id(kind, &data);
    Prepared { kind, id, data, is_new: true }
}
