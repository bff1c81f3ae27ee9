//! Exports for people outside Binôme: donors' workbooks (XLSX), CSV for
//! Excel or for scripts. Every table is built once, as typed cells, and
//! written in either format, so an XLSX and a CSV never disagree.
//! `pseudonymise` replaces names and phones by codes keyed per programme
//! ([`crate::pseudonyms`]), for sharing outside the programme.

use crate::app::Binome;
use crate::error::{CoreError, Result};
use crate::i18n::Messages;
use crate::pseudonyms::PseudonymKeys;
use binome_domain::disclosure::{Disclosure, hidden_groups};
use binome_domain::framework::{Framework, assessment_level};
use binome_domain::indicators::{Breakdown, Indicators, Scope};
use binome_domain::input::parse_date;
use binome_domain::{Kind, Row};
use binome_store::ListQuery;
use chrono::{Datelike, NaiveDate};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

/// One cell, typed so a spreadsheet gets real numbers and dates.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    /// A fraction shown as a percentage.
    Rate(f64),
    Date(NaiveDate),
    /// A figure about fewer than five people, or one that would give such
    /// a figure back ([`binome_domain::disclosure`]): shown as "< 5".
    Hidden,
    Empty,
}

/// What a hidden cell shows.
pub const HIDDEN_TEXT: &str = "< 5";

/// What one CSV export writes, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CsvRequest {
    pub table: CsvTable,
    /// The breakdown of the indicators table.
    pub by: Option<Breakdown>,
    /// `;`, decimal comma and BOM, or `,` and ISO dates.
    pub french_excel: bool,
    pub pseudonymise: bool,
    pub disclosure: Disclosure,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Sheet name (at most 31 characters, as Excel requires).
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// What one CSV export holds: the indicators, or one table of records.
/// `strum` gives the names both ways, so the CLI's choices and the app's
/// union are this list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::EnumString, strum::IntoStaticStr, strum::VariantNames)]
#[strum(serialize_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum CsvTable {
    Indicators,
    Sessions,
    Attendance,
    Scores,
    Assessments,
}

impl CsvTable {
    /// Each table's name, as the CLI takes it and CSV files are named.
    pub const NAMES: &'static [&'static str] = <CsvTable as strum::VariantNames>::VARIANTS;

    fn raw(self) -> Option<RawTable> {
        match self {
            CsvTable::Indicators => None,
            CsvTable::Sessions => Some(RawTable::Sessions),
            CsvTable::Attendance => Some(RawTable::Attendance),
            CsvTable::Scores => Some(RawTable::Scores),
            CsvTable::Assessments => Some(RawTable::Assessments),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawTable {
    Sessions,
    Attendance,
    Scores,
    Assessments,
}

impl RawTable {
    pub const ALL: &'static [RawTable] =
        &[RawTable::Sessions, RawTable::Attendance, RawTable::Scores, RawTable::Assessments];
}

/// The indicator columns, in report order (catalogue keys `ind-<name>`).
pub const INDICATOR_COLUMNS: &[&str] = &[
    "sessions",
    "persons_trained",
    "training_hours",
    "person_hours",
    "person_days",
    "attendance_rate",
    "scored_pairs",
    "pre_mean_percent",
    "post_mean_percent",
    "gain_points",
    "pass_rate",
    "competency_pairs",
    "competencies_acquired_rate",
    "progression_rate",
    "sessions_validated_rate",
    "missions",
    "expert_days",
];

/// The indicators that count things, written as whole numbers by every
/// front end (the app's list is generated from this one).
pub const COUNT_INDICATORS: &[&str] =
    &["sessions", "persons_trained", "scored_pairs", "competency_pairs", "missions", "expert_days"];

/// The columns that count sessions, hours taught and missions: shown for
/// every group. All the others describe the group's people, and are
/// hidden with it.
const SESSION_COLUMNS: &[&str] = &["sessions", "training_hours", "sessions_validated_rate", "missions", "expert_days"];

/// A row's figures about people, hidden.
fn hide_people(row: &mut [Cell]) {
    for (i, column) in INDICATOR_COLUMNS.iter().enumerate() {
        if !SESSION_COLUMNS.contains(column) {
            row[i + 1] = Cell::Hidden;
        }
    }
}

/// One indicator of a group as a typed cell (empty where it does not apply).
pub fn indicator_cell(ind: &Indicators, column: &str) -> Cell {
    let number = |v: Option<f64>| v.map_or(Cell::Empty, Cell::Number);
    let rate = |v: Option<f64>| v.map_or(Cell::Empty, Cell::Rate);
    match column {
        "sessions" => number(ind.sessions.map(|v| v as f64)),
        "persons_trained" => Cell::Number(ind.persons_trained as f64),
        "training_hours" => number(ind.training_hours),
        "person_hours" => Cell::Number(ind.person_hours),
        "person_days" => Cell::Number(ind.person_days),
        "attendance_rate" => rate(ind.attendance_rate),
        "scored_pairs" => Cell::Number(ind.scored_pairs as f64),
        "pre_mean_percent" => number(ind.pre_mean_percent),
        "post_mean_percent" => number(ind.post_mean_percent),
        "gain_points" => number(ind.gain_points),
        "pass_rate" => rate(ind.pass_rate),
        "competency_pairs" => Cell::Number(ind.competency_pairs as f64),
        "competencies_acquired_rate" => rate(ind.competencies_acquired_rate),
        "progression_rate" => rate(ind.progression_rate),
        "sessions_validated_rate" => rate(ind.sessions_validated_rate),
        "missions" => number(ind.missions.map(|v| v as f64)),
        "expert_days" => number(ind.expert_days.map(|v| v as f64)),
        _ => Cell::Empty,
    }
}

fn text<'a>(row: &'a Row, field: &str) -> &'a str {
    row.get(field).and_then(Value::as_str).unwrap_or_default()
}

fn date_cell(row: &Row, field: &str) -> Cell {
    parse_date(text(row, field)).map_or(Cell::Empty, Cell::Date)
}

/// How a group of a breakdown is named for people: a translated code, a
/// facility or programme name, or mm/yyyy.
pub fn group_label(messages: &Messages, by: Breakdown, key: &str, label: &str) -> String {
    if key.is_empty() {
        return messages.value("unknown");
    }
    match by {
        Breakdown::Facility | Breakdown::Programme | Breakdown::Cadre if !label.is_empty() => label.to_owned(),
        Breakdown::Month => key.split_once('-').map_or(key.to_owned(), |(y, m)| format!("{m}/{y}")),
        _ => messages.value(key),
    }
}

impl Binome {
    /// The indicators as tables: the total, then one table per breakdown;
    /// small groups hidden unless `disclosure` is exact.
    pub fn indicator_tables(
        &self,
        scope: &Scope,
        breakdowns: &[Breakdown],
        disclosure: Disclosure,
        messages: &Messages,
    ) -> Result<Vec<Table>> {
        let hiding = disclosure == Disclosure::SmallGroupsHidden;
        let mut headers = vec![messages.text("ind-group", &[])];
        headers.extend(INDICATOR_COLUMNS.iter().map(|c| messages.text(&format!("ind-{c}"), &[])));
        let total_report = self.indicators(scope, None)?;
        let total_row = |ind: &Indicators| {
            let mut row = vec![Cell::Text(messages.text("ind-total", &[]))];
            row.extend(INDICATOR_COLUMNS.iter().map(|c| indicator_cell(ind, c)));
            row
        };
        let mut total = total_row(&total_report.total);
        if hiding && hidden_groups(&[], total_report.total.persons_trained).1 {
            hide_people(&mut total);
        }
        let mut tables = vec![Table {
            name: messages.text("export-sheet-indicators", &[]),
            headers: headers.clone(),
            rows: vec![total],
        }];
        for &by in breakdowns {
            let report = self.indicators(scope, Some(by))?;
            let mut rows: Vec<Vec<Cell>> = report
                .groups
                .iter()
                .map(|g| {
                    let mut row = vec![Cell::Text(group_label(messages, by, &g.key, &g.label))];
                    row.extend(INDICATOR_COLUMNS.iter().map(|c| indicator_cell(&g.indicators, c)));
                    row
                })
                .collect();
            rows.push(total_row(&report.total));
            if hiding {
                let people: Vec<u64> = report.groups.iter().map(|g| g.indicators.persons_trained).collect();
                let (hidden, total_hidden) = hidden_groups(&people, report.total.persons_trained);
                for (row, hide) in rows.iter_mut().zip(hidden.iter().chain([&total_hidden])) {
                    if *hide {
                        hide_people(row);
                    }
                }
            }
            let name = messages.text(&format!("export-sheet-by-{}", by.code()), &[]);
            tables.push(Table { name, headers: headers.clone(), rows });
        }
        Ok(tables)
    }

    /// Raw records in scope, one row per record, persons by name or by
    /// pseudonym.
    /// The donor workbook: indicators with `breakdowns` (all when empty),
    /// then the records unless `with_records` is false.
    pub fn donor_workbook(
        &mut self,
        scope: &Scope,
        breakdowns: &[Breakdown],
        with_records: bool,
        pseudonymise: bool,
        disclosure: Disclosure,
        messages: &Messages,
    ) -> Result<Vec<u8>> {
        let breakdowns = if breakdowns.is_empty() { Breakdown::ALL } else { breakdowns };
        let mut tables = self.indicator_tables(scope, breakdowns, disclosure, messages)?;
        if with_records {
            let keys = self.keys_if(pseudonymise, scope)?;
            for &raw in RawTable::ALL {
                tables.push(self.raw_table(raw, scope, keys.as_ref(), messages)?);
            }
        }
        workbook(&tables)
    }

    /// One table as CSV: a table of records, or the indicators split by `by`.
    pub fn csv_export(&mut self, scope: &Scope, request: &CsvRequest, messages: &Messages) -> Result<Vec<u8>> {
        let table = match request.table.raw() {
            Some(raw) => {
                let keys = self.keys_if(request.pseudonymise, scope)?;
                self.raw_table(raw, scope, keys.as_ref(), messages)?
            }
            None => {
                let by: Vec<Breakdown> = request.by.into_iter().collect();
                self.indicator_tables(scope, &by, request.disclosure, messages)?.pop().expect("at least the total")
            }
        };
        Ok(csv(&table, request.french_excel))
    }

    /// The pseudonym keys of the programmes `scope` covers, when asked for.
    fn keys_if(&mut self, pseudonymise: bool, scope: &Scope) -> Result<Option<PseudonymKeys>> {
        if !pseudonymise {
            return Ok(None);
        }
        let programmes = match (&scope.programme_id, &scope.mission_id) {
            (Some(programme), _) => vec![programme.clone()],
            (None, Some(mission)) => match self.store.get(Kind::Mission, mission)? {
                Some(m) => vec![text(&m.data, "programme_id").to_owned()],
                None => Vec::new(),
            },
            (None, None) => {
                self.store.list(Kind::Programme, &ListQuery::default())?.into_iter().map(|p| p.id).collect()
            }
        };
        self.pseudonym_keys(&programmes).map(Some)
    }

    /// One table of records; persons by name, or by their programme's
    /// pseudonym when `keys` are given.
    pub fn raw_table(
        &self,
        which: RawTable,
        scope: &Scope,
        keys: Option<&PseudonymKeys>,
        messages: &Messages,
    ) -> Result<Table> {
        let records = RawRecords::read(self, scope, keys, messages)?;
        match which {
            RawTable::Sessions => records.sessions_table(),
            RawTable::Attendance => records.marks_table(Kind::Attendance),
            RawTable::Scores => records.marks_table(Kind::TestScore),
            RawTable::Assessments => records.assessments_table(),
        }
    }
}

/// A workbook: one sheet per table, bold frozen headers, real numbers,
/// percentages and dates, columns sized to their content.
pub fn workbook(tables: &[Table]) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let failed = CoreError::Spreadsheet;
    let mut book = Workbook::new();
    let bold = Format::new().set_bold().set_text_wrap();
    let percent = Format::new().set_num_format("0.0%");
    let decimal = Format::new().set_num_format("# ##0.0");
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for table in tables {
        let sheet = book.add_worksheet();
        let name: String = table.name.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect();
        sheet.set_name(name).map_err(failed)?;
        for (col, heading) in table.headers.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, heading, &bold).map_err(failed)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let r = (r + 1) as u32;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Text(t) => sheet.write_string(r, c, t).map(|_| ()),
                    Cell::Number(n) if n.fract() == 0.0 => sheet.write_number(r, c, *n).map(|_| ()),
                    Cell::Number(n) => sheet.write_number_with_format(r, c, *n, &decimal).map(|_| ()),
                    Cell::Rate(x) => sheet.write_number_with_format(r, c, *x, &percent).map(|_| ()),
                    Cell::Date(d) => {
                        let excel =
                            ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).map_err(failed)?;
                        sheet.write_date_with_format(r, c, &excel, &date).map(|_| ())
                    }
                    Cell::Hidden => sheet.write_string(r, c, HIDDEN_TEXT).map(|_| ()),
                    Cell::Empty => Ok(()),
                }
                .map_err(failed)?;
            }
        }
        sheet.set_freeze_panes(1, 0).map_err(failed)?;
        sheet.set_autofit_max_width(320);
        sheet.autofit();
    }
    book.save_to_buffer().map_err(failed)
}

/// A table as CSV: the French Excel dialect (`;`, decimal comma, UTF-8
/// with BOM, dd/mm/yyyy) or the plain one (`,`, decimal point, ISO dates).
/// Texts that a spreadsheet would run as a formula are neutralised.
pub fn csv(table: &Table, french_excel: bool) -> Vec<u8> {
    let cell = |c: &Cell| match c {
        Cell::Text(t) => crate::spreadsheet::formula_safe(t),
        Cell::Number(n) | Cell::Rate(n) => {
            let text =
                if n.fract() == 0.0 { format!("{n}") } else { format!("{n:.4}").trim_end_matches('0').to_owned() };
            if french_excel { text.replace('.', ",") } else { text }
        }
        Cell::Date(d) => {
            if french_excel {
                d.format("%d/%m/%Y").to_string()
            } else {
                d.format("%Y-%m-%d").to_string()
            }
        }
        Cell::Hidden => HIDDEN_TEXT.to_owned(),
        Cell::Empty => String::new(),
    };
    let rows: Vec<Vec<String>> = table.rows.iter().map(|r| r.iter().map(cell).collect()).collect();
    if french_excel {
        return crate::spreadsheet::write_french_csv(&table.headers, &rows);
    }
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    writer.write_record(&table.headers).expect("writing to memory");
    for row in &rows {
        writer.write_record(row).expect("writing to memory");
    }
    writer.into_inner().expect("writing to memory")
}

/// What every raw table reads once: the records that name sessions and
/// persons, and how a person and a session are written in a row.
struct RawRecords<'a> {
    binome: &'a Binome,
    scope: &'a Scope,
    keys: Option<&'a PseudonymKeys>,
    messages: &'a Messages,
    missions: HashMap<String, Row>,
    programmes: HashMap<String, String>,
    organisations: HashMap<String, String>,
    persons: HashMap<String, Row>,
    /// The sessions in scope, by id.
    sessions: BTreeMap<String, Row>,
    professions: BTreeMap<String, Row>,
}

impl<'a> RawRecords<'a> {
    fn read(
        binome: &'a Binome,
        scope: &'a Scope,
        keys: Option<&'a PseudonymKeys>,
        messages: &'a Messages,
    ) -> Result<RawRecords<'a>> {
        let store = &binome.store;
        let all = ListQuery::default();
        let missions: HashMap<String, Row> =
            store.list(Kind::Mission, &all)?.into_iter().map(|r| (r.id, r.data)).collect();
        let programmes =
            store.list(Kind::Programme, &all)?.into_iter().map(|r| (r.id, text(&r.data, "code").to_owned())).collect();
        let organisations = store
            .list(Kind::Organisation, &all)?
            .into_iter()
            .map(|r| (r.id, text(&r.data, "name").to_owned()))
            .collect();
        let persons = store.list(Kind::Person, &all)?.into_iter().map(|r| (r.id, r.data)).collect();
        let sessions = store
            .list(Kind::Session, &all)?
            .into_iter()
            .filter(|s| {
                let Some(mission) = missions.get(text(&s.data, "mission_id")) else { return false };
                let date = parse_date(text(&s.data, "date"));
                scope.mission_id.as_deref().is_none_or(|m| m == text(&s.data, "mission_id"))
                    && scope.programme_id.as_deref().is_none_or(|p| p == text(mission, "programme_id"))
                    && date.is_some_and(|d| scope.contains(d))
            })
            .map(|s| (s.id, s.data))
            .collect();
        let professions = store.list(Kind::Profession, &all)?.into_iter().map(|r| (r.id, r.data)).collect();
        Ok(RawRecords {
            binome,
            scope,
            keys,
            messages,
            missions,
            programmes,
            organisations,
            persons,
            sessions,
            professions,
        })
    }

    fn field(&self, name: &str) -> String {
        self.messages.field(name)
    }

    fn pseudonymise(&self) -> bool {
        self.keys.is_some()
    }

    fn person_headers(&self) -> Vec<String> {
        vec![
            if self.pseudonymise() { self.messages.text("export-pseudonym", &[]) } else { self.field("person_id") },
            self.field("sex"),
            self.field("cadre"),
            self.field("category"),
            self.field("organisation_id"),
        ]
    }

    fn person_cells(&self, person_id: &str, programme_id: &str, with_phone: bool) -> Result<Vec<Cell>> {
        let messages = self.messages;
        let canonical = self.binome.store.canonical_person(person_id)?;
        let p = self.persons.get(&canonical).cloned().unwrap_or_default();
        let mut cells = if let Some(keys) = self.keys {
            // A row of no programme has no key to code its person with:
            // left blank rather than named.
            vec![Cell::Text(keys.code(programme_id, &canonical).unwrap_or_default())]
        } else {
            vec![Cell::Text(format!("{} {}", text(&p, "family_name"), text(&p, "given_names")).trim().to_owned())]
        };
        cells.push(Cell::Text(messages.value(text(&p, "sex"))));
        // The programme's title and its category, or the profession
        // every programme knows and the category the domain gives it.
        let (title, category) = match self.professions.get(text(&p, "profession_id")) {
            Some(profession) => (text(profession, "title").to_owned(), text(profession, "category").to_owned()),
            None => (
                messages.value(text(&p, "cadre")),
                binome_domain::Cadre::parse(text(&p, "cadre"))
                    .map_or(String::new(), |cadre| cadre.occupation().code().to_owned()),
            ),
        };
        cells.push(Cell::Text(title));
        cells.push(Cell::Text(if category.is_empty() { category } else { messages.value(&category) }));
        cells.push(Cell::Text(self.organisations.get(text(&p, "organisation_id")).cloned().unwrap_or_default()));
        if with_phone && !self.pseudonymise() {
            cells.push(Cell::Text(text(&p, "phone").to_owned()));
        }
        Ok(cells)
    }

    fn session_headers(&self) -> Vec<String> {
        vec![self.field("programme_id"), self.field("mission_id"), self.field("date"), self.field("title")]
    }

    fn session_cells(&self, session_id: &str) -> Vec<Cell> {
        let s = self.sessions.get(session_id).cloned().unwrap_or_default();
        let mission = self.missions.get(text(&s, "mission_id")).cloned().unwrap_or_default();
        vec![
            Cell::Text(self.programmes.get(text(&mission, "programme_id")).cloned().unwrap_or_default()),
            Cell::Text(text(&mission, "code").to_owned()),
            date_cell(&s, "date"),
            Cell::Text(text(&s, "title").to_owned()),
        ]
    }

    fn sessions_table(&self) -> Result<Table> {
        let messages = self.messages;
        let mut headers = self.session_headers();
        headers.extend([
            self.field("theme"),
            self.field("modality"),
            messages.text("export-hours", &[]),
            self.field("status"),
        ]);
        let rows = self
            .sessions
            .iter()
            .map(|(id, s)| {
                let mut row = self.session_cells(id);
                row.push(Cell::Text(text(s, "theme").to_owned()));
                row.push(Cell::Text(messages.value(text(s, "modality"))));
                row.push(Cell::Number(s.get("duration").and_then(Value::as_f64).unwrap_or(0.0) / 60.0));
                row.push(Cell::Text(
                    self.binome.session_status(id)?.map(|s| messages.value(s.code())).unwrap_or_default(),
                ));
                Ok(row)
            })
            .collect::<Result<_>>()?;
        Ok(Table { name: messages.text("export-sheet-sessions", &[]), headers, rows })
    }

    /// Attendance or test scores: a row per mark, its session and person.
    fn marks_table(&self, kind: Kind) -> Result<Table> {
        let messages = self.messages;
        let attendance = kind == Kind::Attendance;
        let mut headers = self.session_headers();
        headers.append(&mut self.person_headers());
        if attendance {
            if !self.pseudonymise() {
                headers.push(self.field("phone"));
            }
            headers.push(self.field("status"));
        } else {
            headers.extend([
                self.field("phase"),
                self.field("score"),
                self.field("max_score"),
                messages.text("export-percent", &[]),
            ]);
        }
        let mut rows = Vec::new();
        for record in self.binome.store.list(kind, &ListQuery::default())? {
            let session_id = text(&record.data, "session_id");
            if !self.sessions.contains_key(session_id) {
                continue;
            }
            let mut row = self.session_cells(session_id);
            let programme_id = self
                .sessions
                .get(session_id)
                .and_then(|s| self.missions.get(text(s, "mission_id")))
                .map_or("", |m| text(m, "programme_id"));
            row.extend(self.person_cells(text(&record.data, "person_id"), programme_id, attendance)?);
            if attendance {
                row.push(Cell::Text(messages.value(text(&record.data, "status"))));
            } else {
                let score = record.data.get("score").and_then(Value::as_f64).unwrap_or(0.0);
                let max = record.data.get("max_score").and_then(Value::as_f64).unwrap_or(1.0);
                row.push(Cell::Text(messages.value(text(&record.data, "phase"))));
                row.push(Cell::Number(score));
                row.push(Cell::Number(max));
                row.push(Cell::Rate(score / max));
            }
            rows.push(row);
        }
        let name = if attendance { "export-sheet-attendance" } else { "export-sheet-scores" };
        Ok(Table { name: messages.text(name, &[]), headers, rows })
    }

    fn assessments_table(&self) -> Result<Table> {
        let messages = self.messages;
        let scope = self.scope;
        let all = ListQuery::default();
        let framework_rows = self.binome.store.list(Kind::Framework, &all)?;
        let framework_programmes: HashMap<String, String> =
            framework_rows.iter().map(|r| (r.id.clone(), text(&r.data, "programme_id").to_owned())).collect();
        let frameworks = framework_rows
            .iter()
            .map(|r| Ok((r.id.clone(), crate::views::competency::framework_from_row(r)?)))
            .collect::<Result<HashMap<String, Framework>>>()?;
        let mut headers = vec![self.field("date"), self.field("mission_id")];
        headers.append(&mut self.person_headers());
        headers.extend([
            self.field("framework_id"),
            self.field("competency_id"),
            self.field("context"),
            messages.text("export-level", &[]),
        ]);
        let mut rows = Vec::new();
        for record in self.binome.store.list(Kind::Assessment, &all)? {
            let d = &record.data;
            let Some(date) = parse_date(text(d, "date")) else { continue };
            let mission = self.missions.get(text(d, "mission_id"));
            let in_scope = scope.contains(date)
                && scope.mission_id.as_deref().is_none_or(|m| m == text(d, "mission_id"))
                && scope.programme_id.as_deref().is_none_or(|p| mission.is_some_and(|m| text(m, "programme_id") == p));
            if !in_scope {
                continue;
            }
            let framework = frameworks.get(text(d, "framework_id"));
            let competency = framework.and_then(|f| f.competency(text(d, "competency_id")));
            let level = match (framework, competency) {
                (Some(f), Some(c)) => {
                    // Ratings that do not read rate nothing: the level is
                    // then "not assessed", as the figures count it
                    // (indicators/facts.rs), not an error that would stop
                    // the whole export.
                    let ratings: BTreeMap<String, String> =
                        d.get("ratings").cloned().and_then(|r| serde_json::from_value(r).ok()).unwrap_or_default();
                    assessment_level(&f.scale, c, &ratings)
                        .and_then(|rank| f.scale.levels.get(rank))
                        .map(|l| l.label.clone())
                }
                _ => None,
            };
            let mut row =
                vec![Cell::Date(date), Cell::Text(mission.map(|m| text(m, "code").to_owned()).unwrap_or_default())];
            let programme_id = match mission {
                Some(m) => text(m, "programme_id"),
                None => framework_programmes.get(text(d, "framework_id")).map_or("", String::as_str),
            };
            row.extend(self.person_cells(text(d, "person_id"), programme_id, false)?);
            row.push(Cell::Text(framework.map(|f| f.code.clone()).unwrap_or_default()));
            row.push(Cell::Text(competency.map(|c| format!("{} — {}", c.code, c.name)).unwrap_or_default()));
            row.push(Cell::Text(messages.value(text(d, "context"))));
            row.push(level.map_or(Cell::Empty, Cell::Text));
            rows.push(row);
        }
        Ok(Table { name: messages.text("export-sheet-assessments", &[]), headers, rows })
    }
}
