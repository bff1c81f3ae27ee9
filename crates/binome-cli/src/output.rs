//! How values look in a terminal: French dates and numbers, translated
//! codes, names instead of ids.

use binome_core::Binome;
use binome_core::domain::kind::FieldType;
use binome_core::domain::{Kind, Row};
use binome_core::i18n::{Lang, Messages};
use comfy_table::{Table, presets::UTF8_FULL_CONDENSED};
use serde_json::Value;
use std::cell::RefCell;
use std::collections::HashMap;

pub fn table(headers: Vec<String>) -> Table {
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED).set_header(headers);
    table
}

/// 1 234,5 in French, 1,234.5 in English.
pub fn number(value: f64, decimals: usize, lang: Lang) -> String {
    let text = format!("{value:.decimals$}");
    let (int_part, frac) = text.split_once('.').map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
    let (sign, digits) = int_part.strip_prefix('-').map_or(("", int_part), |d| ("-", d));
    let (group, point) = match lang {
        Lang::Fr => ('\u{202f}', ','),
        Lang::En => (',', '.'),
    };
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}{point}{f}"),
        None => format!("{sign}{grouped}"),
    }
}

pub fn percent(rate: f64, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("{} %", number(rate * 100.0, 1, lang)),
        Lang::En => format!("{}%", number(rate * 100.0, 1, lang)),
    }
}

pub fn duration(minutes: i64) -> String {
    if minutes % 60 == 0 { format!("{}h", minutes / 60) } else { format!("{}h{:02}", minutes / 60, minutes % 60) }
}

/// Turns stored values into what a person reads; remembers the labels of
/// records it looked up.
pub struct Shower<'a> {
    pub binome: &'a Binome,
    pub messages: &'a Messages,
    labels: RefCell<HashMap<String, String>>,
}

impl<'a> Shower<'a> {
    pub fn new(binome: &'a Binome, messages: &'a Messages) -> Self {
        Shower { binome, messages, labels: RefCell::new(HashMap::new()) }
    }

    pub fn label(&self, kind: Kind, id: &str) -> String {
        if let Some(found) = self.labels.borrow().get(id) {
            return found.clone();
        }
        // Only a label: a record this laptop cannot read is shown by its
        // id with a "?", and the list it is in still says what it says.
        let label = match self.binome.line_label(kind, id, self.messages.lang) {
            Ok(Some(label)) if label.is_empty() => short(id),
            Ok(Some(label)) => label,
            _ => format!("? {}", short(id)),
        };
        self.labels.borrow_mut().insert(id.to_owned(), label.clone());
        label
    }

    pub fn value(&self, ty: FieldType, value: &Value) -> String {
        match (ty, value) {
            (_, Value::Null) => String::new(),
            (FieldType::Date, Value::String(s)) => binome_core::i18n::french_date(s, self.messages.lang),
            (FieldType::Duration, v) => v.as_i64().map(duration).unwrap_or_default(),
            (FieldType::Number, v) => v
                .as_f64()
                .map(|n| number(n, if n.fract() == 0.0 { 0 } else { 1 }, self.messages.lang))
                .unwrap_or_default(),
            (FieldType::Enum(_), Value::String(code)) => self.messages.value(code),
            (FieldType::Ref(kind), Value::String(id)) => self.label(kind, id),
            (FieldType::RefList(kind), Value::Array(ids)) => {
                ids.iter().filter_map(Value::as_str).map(|id| self.label(kind, id)).collect::<Vec<_>>().join(", ")
            }
            (FieldType::Json, Value::Object(map)) => format!("{{{}}}", map.len()),
            (FieldType::Json, Value::Array(items)) => format!("[{}]", items.len()),
            (_, Value::String(s)) => s.clone(),
            (_, v) => v.to_string(),
        }
    }

    /// The fields worth a column in a list.
    pub fn list_fields(kind: Kind) -> Vec<&'static binome_core::domain::FieldSpec> {
        kind.fields().iter().filter(|f| !matches!(f.ty, FieldType::LongText | FieldType::Json)).collect()
    }

    pub fn cells(&self, kind: Kind, id: &str, data: &Row) -> Vec<String> {
        let mut cells = vec![short(id)];
        for f in Self::list_fields(kind) {
            cells.push(self.value(f.ty, data.get(f.name).unwrap_or(&Value::Null)));
        }
        cells
    }
}

/// Ids are shown whole: UUIDv7s made the same day share their first half.
pub fn short(id: &str) -> String {
    id.to_owned()
}

/// Prints a line; a closed pipe (`binome … | head`) ends the program quietly.
pub fn say(line: impl std::fmt::Display) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = writeln!(out, "{line}") {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
    }
}
