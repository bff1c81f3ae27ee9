//! Spreadsheet imports of participants, sessions, attendance, test scores
//! and frameworks. The sheet is read and bounded ([`crate::sheet`]), its
//! header found among title rows, each column given a use ([`columns`]),
//! then every row is checked by its kind's function; if any row is wrong,
//! every problem is reported with its line and column and nothing is
//! written; otherwise every row lands in one transaction.

mod columns;
pub(crate) mod error;
mod left_out;
mod mapping;
mod marks;
mod participants;
mod problems;
mod professions;
mod register;
mod remembered;
mod report;
mod sessions;
mod template;
mod values;

pub use columns::{ColumnChoice, header_score, register_day};
pub use error::{ColumnChoiceError, ImportError};
pub use professions::{NewProfession, category_of_title};
pub use report::{
    ColumnReport, ColumnUse, CreatedFacility, CreatedProfession, ImportKind, ImportReport, ProgrammeProfession,
    RowProblem, ValueGroup,
};
pub use template::{template, template_rows, template_xlsx};
pub use values::{MAPPABLE_FIELDS, NewFacility, NewRecord, ValueChoice, level_from_name, value_key, vocabulary};

use crate::app::Binome;
use crate::duplicates::{DuplicatePair, duplicate_pairs};
use crate::records::{Prepared, record_id};
use crate::sheet::{HiddenRows, Rows, Table, TableHead, find_header, read_rows};
use binome_domain::names::match_key;
use binome_domain::{Kind, Problem, Row};
use binome_store::{ListQuery, PersonSummary, RememberedValue};
pub(crate) use columns::ColumnMap;
use problems::ProblemLog;
use professions::ProfessionIndex;
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;
use values::{FacilityIndex, ValueMap};

/// The person's choices for one kind of sheet, as a file keeps them
/// (`binome import --mapping`) and the app's wizard sends them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportChoices {
    #[serde(default)]
    pub columns: Vec<ColumnChoice>,
    #[serde(default)]
    pub values: Vec<ValueChoice>,
}

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Participants are enrolled in it; sessions without a mission column go to it.
    pub mission: Option<String>,
    /// Attendance and scores without a session column go to it.
    pub session: Option<String>,
    /// The workbook's sheet to read; the first that holds something if none.
    pub sheet: Option<String>,
    /// Whether the rows the sheet hides are read too.
    pub hidden_rows: HiddenRows,
    /// The person's choices for columns their headings do not name.
    pub columns: Vec<ColumnChoice>,
    /// The person's choices for values the import does not know.
    pub values: Vec<ValueChoice>,
    /// Facilities no choice and no name matches are created, their level
    /// read from their name.
    pub create_missing: bool,
    pub dry_run: bool,
}

/// Opens a sheet's rows from the first, once per pass.
type OpenRows<'a> = dyn Fn() -> Result<(TableHead, Rows<'a>), ImportError> + 'a;

/// Records written at a time, inside the one transaction of an import.
const WRITE_CHUNK: usize = 2_000;
/// New participants the duplicate search looks at; past them the
/// duplicates screen searches the whole store.
const DUPLICATE_CANDIDATES: usize = 20_000;

/// What a pass over the rows does with the records they make.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pass {
    /// Checks and counts them: nothing is written, nothing is kept.
    Check,
    /// Writes them, chunk by chunk, inside the all-or-nothing transaction.
    Write,
}

#[derive(Debug, Default)]
struct PassCounts {
    rows: usize,
    created: usize,
    updated: usize,
    /// The lines of the sheet that are not rows of the list.
    left_out: Vec<crate::sheet::SheetLine>,
}

/// What one pass over the rows found.
struct PassResult {
    context: RowContext,
    counts: PassCounts,
    /// The person's value choices, to remember once the import is written.
    chosen: Vec<RememberedValue>,
}

impl PassResult {
    fn fill(self, report: &mut ImportReport) {
        let context = self.context;
        report.rows = self.counts.rows;
        report.left_out_lines = self.counts.left_out;
        report.created = self.counts.created;
        report.updated = self.counts.updated;
        report.new_facilities = context.created.into_iter().map(|(_, f)| f).collect();
        report.new_professions = context.created_professions.into_iter().map(|(_, p)| p).collect();
        report.professions = context.professions.listed.clone();
        let (problems, total, lines, groups) = context.problems.finish(&context.facilities, &context.professions);
        report.problems = problems;
        report.problems_total = total;
        report.lines_in_error = lines;
        report.unknown_values = groups;
    }
}

/// What the row functions share while a sheet is read.
pub(crate) struct RowContext {
    pub(crate) columns: ColumnMap,
    /// Participants are enrolled in it; sessions without a mission go to it.
    pub(crate) mission: Option<String>,
    /// Attendance and scores without a session column go to it.
    pub(crate) session: Option<String>,
    /// The mission's programme, whose professions the list's titles are.
    pub(crate) programme: Option<String>,
    /// The programme's country (ISO code), for phone numbers and new facilities.
    pub(crate) country: Option<String>,
    pub(crate) values: ValueMap,
    pub(crate) facilities: FacilityIndex,
    pub(crate) professions: ProfessionIndex,
    pub(crate) create_missing: bool,
    /// Facilities this import creates: (id, what the preview shows).
    pub(crate) created: Vec<(String, CreatedFacility)>,
    /// Professions this import adds to the programme: (id, what the preview shows).
    pub(crate) created_professions: Vec<(String, CreatedProfession)>,
    /// Every person of the store by (name key, phone key), read on first
    /// need: the same nurse on the next mission's list is the same person.
    pub(crate) known_people: Option<HashMap<(String, String), Vec<String>>>,
    /// A register's day heading → the mission's sessions that day.
    pub(crate) sessions_by_day: HashMap<String, Vec<String>>,
    /// A mission's participants by name key, read once.
    pub(crate) participants: HashMap<String, HashMap<String, Vec<String>>>,
    /// New participants, up to [`DUPLICATE_CANDIDATES`], for the duplicate search.
    pub(crate) new_people: Vec<PersonSummary>,
    pub(crate) keep_new_people: bool,
    pub(crate) prepared: Vec<Prepared>,
    pub(crate) problems: ProblemLog,
}

impl RowContext {
    /// Every problem of a refused record, at the column it came from.
    pub(crate) fn refused(&mut self, line: usize, problems: Vec<Problem>, column_of_field: &dyn Fn(&str) -> String) {
        for problem in problems {
            let column = self.columns.heading(&column_of_field(&problem.field));
            self.problems.push(RowProblem { line, column, problem });
        }
    }

    pub(crate) fn problem(&mut self, line: usize, column: &str, problem: Problem) {
        let column = self.columns.heading(column);
        self.problems.push(RowProblem { line, column, problem });
    }
}

/// A column as the person reads its name: its field's label, or the
/// test a scores sheet's score column holds.
pub fn column_label(column: &str, messages: &crate::i18n::Messages) -> String {
    match column {
        "pre_score" => messages.value("pre"),
        "post_score" => messages.value("post"),
        _ => messages.field(column),
    }
}

impl Binome {
    /// Imports a file read as it goes: delimited text is never held whole,
    /// so a 100 MB register is imported in bounded memory. A first pass
    /// checks every row; only if none is refused (and not a dry run) is
    /// the store backed up and a second pass writes them, in chunks, in
    /// one transaction.
    pub fn import_file(
        &mut self,
        kind: ImportKind,
        path: &Path,
        options: &ImportOptions,
    ) -> Result<ImportReport, crate::error::CoreError> {
        let label = path.display().to_string();
        let open = || {
            let refused = |source| ImportError::Read { path: label.clone(), source };
            let (source, rows) = read_rows(path, options.sheet.as_deref(), options.hidden_rows).map_err(refused)?;
            find_header(source, rows, |cells| columns::header_score(kind, cells)).map_err(refused)
        };
        self.import_rows(kind, &open, &label, options)
    }

    pub fn import_table(
        &mut self,
        kind: ImportKind,
        table: &Table,
        source: &str,
        options: &ImportOptions,
    ) -> Result<ImportReport, crate::error::CoreError> {
        self.import_rows(kind, &|| Ok((table.head.clone(), table.rows())), source, options)
    }

    fn import_rows(
        &mut self,
        kind: ImportKind,
        open: &OpenRows<'_>,
        source: &str,
        options: &ImportOptions,
    ) -> Result<ImportReport, crate::error::CoreError> {
        let (head, rows) = open()?;
        let mut rows = rows.peekable();
        if rows.peek().is_none() {
            return Err(ImportError::Empty { path: source.to_owned() }.into());
        }
        let columns = columns_of(kind, &head, options)?;
        // A week's register has a column per day instead of a status column.
        let is_register = kind == ImportKind::Attendance && !columns.session_days().is_empty();
        for (column, required) in kind.columns() {
            if *required && !columns.has(column) && !(is_register && *column == "status") {
                return Err(ImportError::MissingColumn { path: source.to_owned(), column, kind }.into());
            }
        }
        let mut report = ImportReport {
            kind,
            source: head.source.clone(),
            header_line: head.header_line,
            skipped_lines: head.skipped_lines.clone(),
            left_out_lines: Vec::new(),
            columns: columns.report(),
            unknown_values: Vec::new(),
            new_facilities: Vec::new(),
            new_professions: Vec::new(),
            professions: Vec::new(),
            rows: 0,
            created: 0,
            updated: 0,
            problems: Vec::new(),
            problems_total: 0,
            lines_in_error: 0,
            duplicates: Vec::new(),
            duplicates_searched: 0,
            dry_run: options.dry_run,
            written: false,
        };
        let refused = |error| ImportError::Read { path: source.to_owned(), source: error };
        if kind == ImportKind::Frameworks {
            let table = Table { head, rows: rows.collect::<Result<_, _>>().map_err(refused)? };
            report.rows = table.rows.len();
            let (problems, prepared, created, updated) = self.read_frameworks(&table, &columns)?;
            report.problems_total = problems.len();
            report.lines_in_error = problems.iter().map(|p| p.line).collect::<std::collections::BTreeSet<_>>().len();
            report.problems = problems;
            report.created = created;
            report.updated = updated;
            return self.finish_import(report, &prepared, options);
        }
        let checked = self.pass_over_rows(kind, Box::new(rows), columns, options, Pass::Check, source)?;
        report.duplicates_searched = checked.context.new_people.len();
        report.duplicates = self.duplicates_among(&checked.context.new_people)?;
        checked.fill(&mut report);
        if report.problems_total > 0 {
            if options.dry_run {
                return Ok(report);
            }
            return Err(ImportError::Rows { report: Box::new(report) }.into());
        }
        if options.dry_run {
            return Ok(report);
        }
        self.backup(crate::backups::BackupReason::ImportTable(kind))?;
        let begun = self.store.begin_all_or_nothing()?;
        let written = self.write_pass(kind, open, options, source);
        self.store.finish_all_or_nothing(begun, matches!(written, Ok(None)))?;
        match written? {
            None => {
                report.written = true;
                Ok(report)
            }
            // The second reading found what the first did not (the file
            // changed in between): nothing was kept.
            Some(problems) => {
                let mut refused = report;
                problems.fill(&mut refused);
                Err(ImportError::Rows { report: Box::new(refused) }.into())
            }
        }
    }

    /// The second pass, inside the all-or-nothing transaction: the rows
    /// written, or what refused them.
    fn write_pass(
        &mut self,
        kind: ImportKind,
        open: &OpenRows<'_>,
        options: &ImportOptions,
        source: &str,
    ) -> Result<Option<PassResult>, crate::error::CoreError> {
        let (head, rows) = open()?;
        let columns = columns_of(kind, &head, options)?;
        let written = self.pass_over_rows(kind, rows, columns, options, Pass::Write, source)?;
        if !written.context.problems.is_empty() {
            return Ok(Some(written));
        }
        if let Some(programme_id) = &written.context.programme {
            // This pass's choices: a facility a choice creates has this
            // pass's id.
            self.remember_values(programme_id, &written.chosen)?;
        }
        Ok(None)
    }

    /// Reads every row once, making its records: checked and counted, or
    /// written in chunks.
    fn pass_over_rows(
        &mut self,
        kind: ImportKind,
        rows: Rows<'_>,
        columns: ColumnMap,
        options: &ImportOptions,
        pass: Pass,
        source: &str,
    ) -> Result<PassResult, crate::error::CoreError> {
        let is_register = kind == ImportKind::Attendance && !columns.session_days().is_empty();
        let mut context = self.row_context(columns, options)?;
        // The duplicate search is the first pass's.
        context.keep_new_people = pass == Pass::Check;
        let chosen = self.apply_value_choices(&mut context, &options.values)?;
        let main_kind = kind.record_kind();
        let mut counts = PassCounts::default();
        let mut left_out = left_out::LinesLeftOut::default();
        for row in rows {
            let row = row.map_err(|e| ImportError::Read { path: source.to_owned(), source: e })?;
            if context.columns.is_blank_numbered_line(&row.1) {
                continue;
            }
            for (line, cells) in left_out.next(row) {
                counts.rows += 1;
                match kind {
                    ImportKind::Participants => self.participant_row(&mut context, line, &cells)?,
                    ImportKind::Sessions => self.session_row(&mut context, line, &cells)?,
                    ImportKind::Attendance if is_register => self.register_row(&mut context, line, &cells)?,
                    ImportKind::Attendance | ImportKind::Scores => self.mark_row(kind, &mut context, line, &cells)?,
                    ImportKind::Frameworks => unreachable!("read whole"),
                }
                if context.prepared.len() >= WRITE_CHUNK {
                    self.drain_prepared(&mut context, &mut counts, main_kind, pass)?;
                }
            }
        }
        counts.left_out = left_out.end();
        self.drain_prepared(&mut context, &mut counts, main_kind, pass)?;
        Ok(PassResult { context, counts, chosen })
    }

    /// Counts the records made so far, and writes them unless refused rows
    /// already doom the import.
    fn drain_prepared(
        &mut self,
        context: &mut RowContext,
        counts: &mut PassCounts,
        main_kind: Kind,
        pass: Pass,
    ) -> Result<(), crate::error::CoreError> {
        let chunk = std::mem::take(&mut context.prepared);
        counts.created += chunk.iter().filter(|p| p.kind == main_kind && p.is_new).count();
        counts.updated += chunk.iter().filter(|p| p.kind == main_kind && !p.is_new).count();
        if pass == Pass::Write && context.problems.is_empty() {
            self.save(&chunk)?;
        }
        Ok(())
    }

    /// The mission, programme, country, remembered values, facilities and
    /// professions the rows are read against.
    fn row_context(&self, columns: ColumnMap, options: &ImportOptions) -> Result<RowContext, crate::error::CoreError> {
        let mission = options.mission.as_deref().map(|m| self.resolve(Kind::Mission, m)).transpose()?;
        let programme = match &mission {
            Some(id) => self.programme_of(id)?,
            None => None,
        };
        // Without a mission, the country every programme of the store shares.
        let country = match &programme {
            Some((_, country)) => country.clone(),
            None => self.only_country()?,
        };
        let remembered = match &programme {
            Some((id, _)) => self.remembered_values(id)?,
            None => Vec::new(),
        };
        let professions = match &programme {
            Some((id, _)) => self.programme_professions(id)?,
            None => Vec::new(),
        };
        Ok(RowContext {
            columns,
            mission,
            session: options.session.as_deref().map(|s| self.resolve(Kind::Session, s)).transpose()?,
            programme: programme.as_ref().map(|(id, _)| id.clone()),
            country,
            values: ValueMap::new(&remembered),
            facilities: FacilityIndex::new(self.facility_names()?),
            professions: ProfessionIndex::new(professions),
            create_missing: options.create_missing,
            created: Vec::new(),
            created_professions: Vec::new(),
            sessions_by_day: HashMap::new(),
            known_people: None,
            participants: HashMap::new(),
            new_people: Vec::new(),
            keep_new_people: true,
            prepared: Vec::new(),
            problems: ProblemLog::default(),
        })
    }

    /// Pairs of persons that look alike, at least one of them new.
    fn duplicates_among(&self, new_people: &[PersonSummary]) -> Result<Vec<DuplicatePair>, crate::error::CoreError> {
        if new_people.is_empty() {
            return Ok(Vec::new());
        }
        let new_ids: std::collections::HashSet<&str> = new_people.iter().map(|p| p.id.as_str()).collect();
        let mut everyone = self.store.active_persons()?;
        everyone.extend(new_people.iter().cloned());
        Ok(duplicate_pairs(&everyone)
            .into_iter()
            .filter(|pair| new_ids.contains(pair.first.id.as_str()) || new_ids.contains(pair.second.id.as_str()))
            .collect())
    }

    /// All or nothing for a sheet read whole (frameworks): refused whole
    /// with every problem, or written in one transaction after a backup
    /// (unless a dry run).
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
            self.backup(crate::backups::BackupReason::ImportTable(kind))?;
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
    ) -> Result<&'c HashMap<String, Vec<String>>, crate::error::CoreError> {
        if !cache.contains_key(mission_id) {
            let mut by_key: HashMap<String, Vec<String>> = HashMap::new();
            let query = ListQuery { equals: vec![("mission_id", mission_id.to_owned())], ..ListQuery::default() };
            for enrolment in self.store.list(Kind::Enrolment, &query)? {
                let Some(person_id) = enrolment.data.get("person_id").and_then(Value::as_str) else { continue };
                let Some(person) = self.store.get(Kind::Person, person_id)?.filter(|p| !p.deleted) else { continue };
                let text = |f: &str| person.data.get(f).and_then(Value::as_str).unwrap_or_default().to_owned();
                by_key
                    .entry(match_key(&text("family_name"), &text("given_names")))
                    .or_default()
                    .push(person.id.clone());
            }
            cache.insert(mission_id.to_owned(), by_key);
        }
        Ok(&cache[mission_id])
    }
}

/// What each column of the sheet feeds; a workbook's wrapped cells read
/// as one line where one line is expected.
pub(crate) fn columns_of(
    kind: ImportKind,
    head: &TableHead,
    options: &ImportOptions,
) -> Result<ColumnMap, ImportError> {
    let columns = ColumnMap::build(kind, &head.headers, &options.columns)?;
    Ok(columns.joining_wrapped_lines(head.source.sheet.is_some()))
}

fn summary(id: &str, data: &Row) -> PersonSummary {
    let text = |f: &str| data.get(f).and_then(Value::as_str).map(str::to_owned);
    PersonSummary {
        id: id.to_owned(),
        family_name: text("family_name").unwrap_or_default(),
        given_names: text("given_names").unwrap_or_default(),
        phone: text("phone"),
        sex: text("sex"),
        cadre: text("profession_id").or_else(|| text("cadre")),
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

#[cfg(test)]
mod tests;
