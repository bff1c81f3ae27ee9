//! What screens show: records with their labels and their fields as a
//! person types them, a session's roster and score grid, the store's status.
//! The desktop app receives these types as they are (their TypeScript
//! twins are generated from them, feature `ts`); the CLI may print them.

use crate::app::Binome;
use crate::describe;
use crate::error::{CoreError, Result};
use crate::i18n::Messages;
use binome_domain::kind::{FieldSpec, FieldType};
use binome_domain::names::strip_accents;
use binome_domain::{Kind, ProblemCode};
use binome_store::{ListQuery, StoredRow};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

#[cfg(feature = "ts")]
use ts_rs::TS;

mod backups;
pub(crate) mod competency;
mod import;
mod persons;
mod review;
mod session;
mod sync;

pub use backups::BackupView;
pub use competency::{CompetencyGrid, CompetencyRating, GridContext, ProgressionRow, ProgressionStep};
pub use import::{ImportPreview, ImportRequest, PreviewRow};
pub use persons::DuplicateView;
pub use review::{ReviewPage, ReviewQueueRow, ReviewView, SessionReview};
pub use session::{RosterRow, RosterView, ScoreGrid, ScoreRow};
pub use sync::{
    BundleOutcome, BundleOutcomeView, ConflictView, DeviceRowView, ExportView, HeadView, NearbyLaptopView,
    NearbyListeningView, NearbyOutcomeView, QuarantineView, SentBundleView, TableCountView,
};

/// A record as a screen shows it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct RecordView {
    pub kind: Kind,
    pub id: String,
    /// What names it for a person: a code, a name, a date and title.
    pub label: String,
    /// Every field as text a person would type back (dd/mm/yyyy, 2h30).
    pub text: BTreeMap<String, String>,
    /// For reference fields: the label of the record pointed at.
    pub refs: BTreeMap<String, String>,
    pub deleted: bool,
    /// Who made this version.
    pub author: Option<String>,
}

/// One field of a form.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct FieldView {
    pub name: String,
    /// text, long_text, date, time, number, duration, enum, ref, ref_list, json.
    pub input: String,
    pub required: bool,
    pub default: Option<String>,
    /// Set at creation, never edited.
    pub key: bool,
    /// The codes an enum field accepts.
    pub options: Vec<String>,
    /// The kind a reference points at.
    pub target: Option<Kind>,
    pub max_length: Option<u32>,
}

/// A page of a list, with the count of all that matched.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct Page {
    pub rows: Vec<RecordView>,
    pub total: u32,
}

/// Which records a list screen wants.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct ListRequest {
    pub kind: Kind,
    /// Only records of this mission (sessions, enrolments, team).
    #[serde(default)]
    pub mission_id: Option<String>,
    /// Words that must all appear in the label (accents and case ignored).
    #[serde(default)]
    pub search: Option<String>,
    #[serde(default)]
    pub offset: u32,
    #[serde(default)]
    pub limit: Option<u32>,
}

/// A report's scope as a person types it: programme and mission by code or
/// id, dates as dd/mm/yyyy; empty means everything.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct ScopeText {
    #[serde(default)]
    pub programme: Option<String>,
    #[serde(default)]
    pub mission: Option<String>,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
}

/// One problem of a form, already a sentence.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct FieldProblem {
    pub field: String,
    pub code: ProblemCode,
    pub value: String,
    pub message: String,
}

/// One problem of a spreadsheet row.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct RowProblemView {
    pub line: u32,
    pub column: String,
    pub field: String,
    pub message: String,
}

/// A refused action as a front end shows it: the whole text, and each
/// problem by field (or by line and column) to mark where it is.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct ErrorView {
    pub code: String,
    pub message: String,
    pub problems: Vec<FieldProblem>,
    pub rows: Vec<RowProblemView>,
}

impl ErrorView {
    pub fn from_core(error: &CoreError, m: &Messages) -> ErrorView {
        let message = describe::describe(error, m).trim_end().to_owned();
        let problems = match error {
            CoreError::Invalid { problems, .. } => problems
                .0
                .iter()
                .map(|p| FieldProblem {
                    field: p.field.clone(),
                    code: p.code,
                    value: p.value.clone(),
                    message: m.problem(p),
                })
                .collect(),
            _ => Vec::new(),
        };
        let rows = match error {
            CoreError::Import(crate::import::ImportError::Rows { report }) => report
                .problems
                .iter()
                .map(|p| RowProblemView {
                    line: p.line as u32,
                    column: p.column.clone(),
                    field: p.problem.field.clone(),
                    message: m.problem(&p.problem),
                })
                .collect(),
            _ => Vec::new(),
        };
        ErrorView { code: error.code().to_owned(), message, problems, rows }
    }
}

/// This laptop, as the first-start and settings screens show it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct DeviceView {
    pub id: String,
    pub name: String,
    pub author: String,
    pub role: binome_store::DeviceRole,
    pub fingerprint: String,
}

/// What the app needs to know when it opens.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct StatusView {
    pub store_path: String,
    pub device: Option<DeviceView>,
    /// No programme, mission nor person yet: offer the demo data.
    pub empty: bool,
    pub conflicts: u32,
    pub quarantined: u32,
}

pub fn field_views(kind: Kind) -> Vec<FieldView> {
    kind.fields().iter().map(field_view).collect()
}

fn field_view(spec: &FieldSpec) -> FieldView {
    let (input, options, target, max_length) = match spec.ty {
        FieldType::Text(n) => ("text", vec![], None, Some(n as u32)),
        FieldType::LongText => ("long_text", vec![], None, None),
        FieldType::Date => ("date", vec![], None, None),
        FieldType::Time => ("time", vec![], None, None),
        FieldType::Number => ("number", vec![], None, None),
        FieldType::Duration => ("duration", vec![], None, None),
        FieldType::Enum(e) => ("enum", e.codes.iter().map(|c| (*c).to_owned()).collect(), None, None),
        FieldType::Ref(k) => ("ref", vec![], Some(k), None),
        FieldType::RefList(k) => ("ref_list", vec![], Some(k), None),
        FieldType::Json => ("json", vec![], None, None),
    };
    FieldView {
        name: spec.name.to_owned(),
        input: input.to_owned(),
        required: spec.required,
        default: spec.default.map(str::to_owned),
        key: spec.key,
        options,
        target,
        max_length,
    }
}

/// A stored value as the text a person types: dates dd/mm/yyyy, durations
/// "2h30", numbers with a decimal comma.
fn value_text(ty: FieldType, value: &Value) -> Option<String> {
    match (ty, value) {
        (_, Value::Null) => None,
        (FieldType::Date, Value::String(iso)) => Some(crate::i18n::french_date(iso, crate::i18n::Lang::Fr)),
        (FieldType::Duration, Value::Number(n)) => n.as_i64().map(|minutes| match (minutes / 60, minutes % 60) {
            (h, 0) => format!("{h}h"),
            (0, m) => format!("{m}min"),
            (h, m) => format!("{h}h{m:02}"),
        }),
        (FieldType::Number, Value::Number(n)) => Some(n.to_string().replace('.', ",")),
        (FieldType::RefList(_), Value::Array(ids)) => {
            Some(ids.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(","))
        }
        (_, Value::String(s)) => Some(s.clone()),
        (FieldType::Json, v) => Some(v.to_string()),
        (_, v) => Some(v.to_string()),
    }
}

/// A text field of a stored row.
pub(crate) fn text<'a>(row: &'a StoredRow, field: &str) -> Option<&'a str> {
    crate::records::text(&row.data, field)
}

/// A closed vocabulary's value as the store holds it: one this Binôme
/// cannot read is a damaged store, never a default.
pub(crate) fn stored_code<T>(row: &StoredRow, field: &str, parse: fn(&str) -> Option<T>) -> Result<T> {
    text(row, field).and_then(parse).ok_or_else(|| {
        CoreError::Store(binome_store::StoreError::Corrupt {
            table: row.kind.table().into(),
            id: row.id.clone(),
            column: field.into(),
        })
    })
}

pub(crate) fn fold(text: &str) -> String {
    strip_accents(text).to_lowercase()
}

impl Binome {
    pub fn status_view(&mut self) -> Result<StatusView> {
        let store_path = self.store.path().display().to_string();
        let device = if self.is_initialised() { Some(self.device_view()?) } else { None };
        let mut empty = true;
        for kind in [Kind::Programme, Kind::Person, Kind::Mission] {
            empty &= self.store.count(kind)? == 0;
        }
        let conflicts = self.store.conflicts()?.len() as u32;
        let quarantined = self.store.quarantined()?.len() as u32;
        Ok(StatusView { store_path, device, empty, conflicts, quarantined })
    }

    pub fn device_view(&mut self) -> Result<DeviceView> {
        let sender = self.sender()?;
        let device = self.device()?;
        Ok(DeviceView {
            id: device.device_id.clone(),
            name: device.name.clone(),
            author: device.author.clone(),
            role: device.role,
            fingerprint: sender.fingerprint,
        })
    }

    /// The label of the record `id` of `kind`, as lists show it.
    pub fn label_of(&self, kind: Kind, id: &str) -> String {
        match self.store.get(kind, id) {
            Ok(Some(row)) => self.label(&row),
            _ => id.to_owned(),
        }
    }

    /// What a record is called in a line of text (the CLI's lists and
    /// details): its label fields joined by spaces, a session's date as
    /// the reader writes dates; empty when none of them is filled, `None`
    /// for a record this laptop does not hold. A deleted record keeps its
    /// name: a reference still says what it pointed at.
    pub fn line_label(&self, kind: Kind, id: &str, lang: crate::i18n::Lang) -> Result<Option<String>> {
        let Some(row) = self.store.get(kind, id)? else { return Ok(None) };
        let parts: Vec<String> =
            kind.label_fields()
                .iter()
                .filter_map(|f| row.data.get(*f).and_then(Value::as_str))
                .map(|s| {
                    if kind == Kind::Session && s.len() == 10 {
                        crate::i18n::french_date(s, lang)
                    } else {
                        s.to_owned()
                    }
                })
                .collect();
        Ok(Some(parts.join(" ")))
    }

    fn label(&self, row: &StoredRow) -> String {
        label_of(row.kind, &row.id, &row.data)
    }

    pub fn record_view(&self, row: &StoredRow) -> RecordView {
        let mut text = BTreeMap::new();
        let mut refs = BTreeMap::new();
        for spec in row.kind.fields() {
            let Some(value) = row.data.get(spec.name) else { continue };
            if let Some(shown) = value_text(spec.ty, value) {
                match spec.ty {
                    FieldType::Ref(target) => {
                        refs.insert(spec.name.to_owned(), self.label_of(target, &shown));
                    }
                    FieldType::RefList(target) => {
                        let labels: Vec<String> =
                            shown.split(',').filter(|id| !id.is_empty()).map(|id| self.label_of(target, id)).collect();
                        refs.insert(spec.name.to_owned(), labels.join(", "));
                    }
                    _ => {}
                }
                text.insert(spec.name.to_owned(), shown);
            }
        }
        RecordView {
            kind: row.kind,
            id: row.id.clone(),
            label: self.label(row),
            text,
            refs,
            deleted: row.deleted,
            author: row.author.clone(),
        }
    }

    pub fn record(&self, kind: Kind, id: &str) -> Result<RecordView> {
        Ok(self.record_view(&self.get(kind, id)?))
    }

    /// A page of live records, newest first for sessions, by label otherwise.
    pub fn list_page(&self, request: &ListRequest) -> Result<Page> {
        let kind = request.kind;
        let mut query = ListQuery::default();
        if let Some(mission) = request.mission_id.as_deref().filter(|m| !m.is_empty()) {
            if kind.field("mission_id").is_some() {
                query.equals.push(("mission_id", mission.to_owned()));
            }
        }
        let words: Vec<String> = request
            .search
            .as_deref()
            .map(|s| fold(s).split_whitespace().map(str::to_owned).collect())
            .unwrap_or_default();
        // Only the fields that make the label and the order (every field
        // when searching) are read for every record, without their version
        // metadata; the page's records are then read whole, so 100,000
        // persons page as fast as 100.
        let mut fields: Vec<&str> = if words.is_empty() {
            kind.label_fields().to_vec()
        } else {
            kind.fields().iter().map(|f| f.name).collect()
        };
        for extra in ["title", "name", "start_time"] {
            if kind.field(extra).is_some() && !fields.contains(&extra) {
                fields.push(extra);
            }
        }
        let mut keyed: Vec<(String, String)> = Vec::new();
        for (id, data) in self.store.list_fields(kind, &query, &fields)? {
            let label = label_of(kind, &id, &data);
            if !words.is_empty() {
                let texts: Vec<String> =
                    kind.fields().iter().filter_map(|spec| value_text(spec.ty, data.get(spec.name)?)).collect();
                let haystack = fold(&format!("{label} {}", texts.join(" ")));
                if !words.iter().all(|w| haystack.contains(w.as_str())) {
                    continue;
                }
            }
            let key = if kind == Kind::Session {
                let text = |f: &str| data.get(f).and_then(Value::as_str).unwrap_or_default().to_owned();
                format!("{}\u{1}{}", text("date"), text("start_time"))
            } else {
                fold(&label)
            };
            keyed.push((key, id));
        }
        // Stable: records with the same key stay in id order.
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        let total = keyed.len() as u32;
        let start = (request.offset as usize).min(keyed.len());
        let end = request.limit.map_or(keyed.len(), |l| (start + l as usize).min(keyed.len()));
        let mut rows = Vec::with_capacity(end - start);
        for (_, id) in &keyed[start..end] {
            if let Some(row) = self.store.get(kind, id)? {
                rows.push(self.record_view(&row));
            }
        }
        Ok(Page { rows, total })
    }
}

/// What a record is called on screen, from its own fields alone.
fn label_of(kind: Kind, id: &str, data: &binome_domain::Row) -> String {
    if kind == Kind::Person {
        return crate::records::person_name(data);
    }
    let parts: Vec<String> = kind
        .label_fields()
        .iter()
        .filter_map(|f| {
            let spec = kind.field(f)?;
            value_text(spec.ty, data.get(*f)?)
        })
        .collect();
    match kind {
        Kind::Mission => match data.get("title").and_then(Value::as_str) {
            Some(title) => format!("{} — {title}", parts.join(" ")),
            None => parts.join(" "),
        },
        Kind::Programme => match data.get("name").and_then(Value::as_str) {
            Some(name) => format!("{} — {name}", parts.join(" ")),
            None => parts.join(" "),
        },
        _ if parts.is_empty() => id.to_owned(),
        _ => parts.join(" — "),
    }
}

#[cfg(test)]
mod list_tests {
    use super::{ListRequest, fold};
    use crate::app::Binome;
    use crate::demo::DemoScale;
    use binome_domain::Kind;
    use binome_store::DeviceRole;

    fn request(search: Option<&str>, offset: u32, limit: Option<u32>) -> ListRequest {
        ListRequest { kind: Kind::Person, mission_id: None, search: search.map(str::to_owned), offset, limit }
    }

    #[test]
    fn persons_page_by_name_with_the_count_of_all_and_search_on_any_field() {
        let mut b = Binome::open_in_memory().unwrap();
        b.init("Coordination", "Awa", DeviceRole::Coordinator).unwrap();
        b.load_demo(5, DemoScale::Mission).unwrap();
        let all = b.list_page(&request(None, 0, None)).unwrap();
        assert_eq!(i64::from(all.total), b.store().count(Kind::Person).unwrap());
        let labels: Vec<String> = all.rows.iter().map(|r| fold(&r.label)).collect();
        let mut sorted = labels.clone();
        sorted.sort();
        assert_eq!(labels, sorted, "by name, accents and case aside");
        let second = b.list_page(&request(None, 5, Some(5))).unwrap();
        assert_eq!(second.total, all.total);
        assert_eq!(
            second.rows.iter().map(|r| r.id.clone()).collect::<Vec<_>>(),
            all.rows[5..10].iter().map(|r| r.id.clone()).collect::<Vec<_>>()
        );
        assert!(
            second.rows.iter().all(|r| !r.refs.is_empty() || !r.text.contains_key("organisation_id")),
            "page rows carry their labels"
        );

        let someone = &all.rows[3];
        let found = b.list_page(&request(Some(&someone.label.to_lowercase()), 0, None)).unwrap();
        assert!(found.rows.iter().any(|r| r.id == someone.id), "found by name, whatever the case");
        // Someone with a phone, searched by it (the demo gives most a phone).
        let (with_phone, phone) = all
            .rows
            .iter()
            .find_map(|r| r.text.get("phone").filter(|p| !p.is_empty()).map(|p| (r, p.clone())))
            .expect("the demo's persons have phones");
        let by_phone = b.list_page(&request(Some(&phone), 0, None)).unwrap();
        assert!(by_phone.rows.iter().any(|r| r.id == with_phone.id), "found by phone {phone}");
        assert_eq!(b.list_page(&request(Some("zzzz-nobody"), 0, None)).unwrap().total, 0);
    }

    #[test]
    fn a_mission_s_sessions_page_in_date_and_time_order() {
        let mut b = Binome::open_in_memory().unwrap();
        b.init("Coordination", "Awa", DeviceRole::Coordinator).unwrap();
        b.load_demo(5, DemoScale::Programme).unwrap();
        let mission = b.store().list(Kind::Mission, &binome_store::ListQuery::default()).unwrap()[0].id.clone();
        // Made last, dated first: it must lead the list all the same.
        let first = b.list_page(&ListRequest {
            kind: Kind::Session,
            mission_id: Some(mission.clone()),
            search: None,
            offset: 0,
            limit: Some(1),
        });
        let first_date = first.unwrap().rows[0].text["date"].clone();
        let early = b
            .add(
                Kind::Session,
                &[
                    ("mission_id", mission.as_str()),
                    ("title", "Accueil"),
                    ("modality", "theory"),
                    ("date", first_date.as_str()),
                    ("start_time", "07:00"),
                    ("duration", "0h30"),
                ]
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
            )
            .unwrap();
        let sessions = |offset, limit| {
            b.list_page(&ListRequest {
                kind: Kind::Session,
                mission_id: Some(mission.clone()),
                search: None,
                offset,
                limit,
            })
            .unwrap()
        };
        let all = sessions(0, None);
        assert!(all.total > 3, "the demo mission has sessions");
        assert_eq!(all.rows[0].id, early.id, "the earliest session first");
        let mission_of = |id: &str| b.store().get(Kind::Session, id).unwrap().unwrap().data["mission_id"].clone();
        assert!(all.rows.iter().all(|r| mission_of(&r.id) == mission.as_str()), "only that mission's");
        let when: Vec<(String, String)> = all
            .rows
            .iter()
            .map(|r| {
                (r.text.get("date").cloned().unwrap_or_default(), r.text.get("start_time").cloned().unwrap_or_default())
            })
            .collect();
        let dates: Vec<chrono::NaiveDate> =
            when.iter().map(|(d, _)| binome_domain::input::parse_date(d).expect("a shown date")).collect();
        assert!(dates.windows(2).all(|w| w[0] <= w[1]), "by date: {when:?}");
        let page = sessions(2, Some(2));
        assert_eq!(
            page.rows.iter().map(|r| &r.id).collect::<Vec<_>>(),
            all.rows[2..4].iter().map(|r| &r.id).collect::<Vec<_>>()
        );
    }
}
