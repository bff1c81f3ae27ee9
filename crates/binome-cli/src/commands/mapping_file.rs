//! The choices file of `binome import --mapping` / `--write-mapping`: TOML,
//! so that a person can read and edit it in any text editor. The file the
//! CLI writes holds every column and every unknown value with the words
//! the person needs to fill it in; a value left empty stops the import.

use binome_core::i18n::Messages;
use binome_core::import::{
    ColumnUse, ImportChoices, ImportKind, ImportReport, NewRecord, ValueGroup, level_from_name, vocabulary,
};
use binome_domain::Kind;
use std::fmt::Write;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum MappingFileError {
    #[error("cannot read {path}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} is not a choices file")]
    Syntax {
        path: String,
        #[source]
        source: toml::de::Error,
    },
}

pub fn read(path: &Path) -> Result<ImportChoices, MappingFileError> {
    let text = std::fs::read_to_string(path)
        .map_err(|source| MappingFileError::Io { path: path.display().to_string(), source })?;
    toml::from_str(&text).map_err(|source| MappingFileError::Syntax { path: path.display().to_string(), source })
}

fn quoted(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// The codes and labels a field takes, for the comment above a value.
fn allowed(field: &str, m: &Messages) -> Option<String> {
    let codes = vocabulary(field)?.codes;
    Some(codes.iter().map(|c| format!("{c} ({})", m.value(c))).collect::<Vec<_>>().join(", "))
}

/// The codes and labels of another record's closed field.
fn vocabulary_of(kind: Kind, field: &str, m: &Messages) -> String {
    match kind.field(field).map(|f| f.ty) {
        Some(binome_domain::FieldType::Enum(spec)) => {
            spec.codes.iter().map(|c| m.value(c)).collect::<Vec<_>>().join(", ")
        }
        _ => String::new(),
    }
}

/// The choices already made, then a stanza per unknown value to fill in.
pub fn write(
    path: &Path,
    kind: ImportKind,
    report: &ImportReport,
    made: &ImportChoices,
    binome: &binome_core::Binome,
    m: &Messages,
) -> std::io::Result<()> {
    // Writing to a String cannot fail: the `let _ = writeln!` here and in
    // the functions below drop an Ok. The file's own write, at the end, is
    // what may fail.
    let mut out = String::new();
    for line in m.text("mapping-file-intro", &[("kind", kind.code().to_owned())]).lines() {
        let _ = writeln!(out, "# {line}");
    }
    write_columns(&mut out, kind, report, made);
    write_values_made(&mut out, made);
    for group in &report.unknown_values {
        write_value_to_map(&mut out, group, report, binome, m);
    }
    binome_core::private::write_private(path, out.as_bytes())
}

/// The columns whose use the person chose, or that no heading named: the
/// ones a next import of the same layout needs told.
fn write_columns(out: &mut String, kind: ImportKind, report: &ImportReport, made: &ImportChoices) {
    for column in &report.columns {
        let chosen = made.columns.iter().find(|c| c.heading == column.heading);
        let field = chosen.map(|c| c.field.clone()).unwrap_or_else(|| column.field.clone());
        if matches!(
            column.used_as,
            ColumnUse::Matched | ColumnUse::Numbering | ColumnUse::FullName | ColumnUse::SessionDay
        ) && chosen.is_none()
        {
            continue;
        }
        let _ = writeln!(out, "\n# {} « {} »", column.letter, column.heading);
        let _ = writeln!(out, "[[columns]]\nheading = {}", quoted(&column.heading));
        match field {
            Some(field) => {
                let _ = writeln!(out, "field = {}", quoted(&field));
            }
            None => {
                let fields: Vec<&str> = kind.columns().iter().map(|(c, _)| *c).collect();
                let _ = writeln!(out, "# field = \"…\"  ({})", fields.join(", "));
            }
        }
    }
}

/// The values the person already mapped.
fn write_values_made(out: &mut String, made: &ImportChoices) {
    for choice in &made.values {
        let _ = writeln!(out, "\n[[values]]\nfield = {}\nvalue = {}", quoted(&choice.field), quoted(&choice.value));
        if let Some(to) = &choice.to {
            let _ = writeln!(out, "to = {}", quoted(to));
        }
        match &choice.create {
            Some(NewRecord::Facility(new)) => {
                let _ = writeln!(out, "create = {{ level = {} }}", quoted(&new.level));
            }
            Some(NewRecord::Profession(new)) => {
                let _ = writeln!(out, "create = {{ category = {} }}", quoted(&new.category));
            }
            None => {}
        }
    }
}

/// A value no field knows, with what it may become and a proposal to
/// accept or change.
fn write_value_to_map(
    out: &mut String,
    group: &ValueGroup,
    report: &ImportReport,
    binome: &binome_core::Binome,
    m: &Messages,
) {
    let lines: Vec<String> = group.lines.iter().take(12).map(u32::to_string).collect();
    let _ = writeln!(
        out,
        "\n# {}",
        m.text(
            "mapping-file-group",
            &[
                ("column", group.column.clone()),
                ("value", group.value.clone()),
                ("count", group.count.to_string()),
                ("lines", lines.join(", ")),
            ]
        )
    );
    if group.field == "organisation_id" {
        let _ = writeln!(out, "# {}", m.text("mapping-file-facility", &[]));
    } else if group.field == "cadre" {
        let titles: Vec<String> = report.professions.iter().map(|p| quoted(&p.title)).collect();
        let _ = writeln!(out, "# {}", m.text("mapping-file-profession", &[("titles", titles.join(", "))]));
        let categories = vocabulary_of(Kind::Profession, "category", m);
        let _ = writeln!(out, "# {}", allowed(&group.field, m).unwrap_or_default());
        let _ = writeln!(out, "# category : {categories}");
    } else if let Some(allowed) = allowed(&group.field, m) {
        let _ = writeln!(out, "# {allowed}");
    }
    // A close match is only proposed, in a comment: "Doyaba" is close
    // to "Doyon" and is another health centre; the person decides.
    match (&group.suggestion, group.field.as_str()) {
        (Some(id), "organisation_id") => {
            let name = binome.label_of(Kind::Organisation, id);
            let _ = writeln!(out, "# {}", m.text("mapping-file-close", &[("value", name)]));
        }
        (Some(id), "cadre") if report.professions.iter().any(|p| &p.id == id) => {
            let title = binome.label_of(Kind::Profession, id);
            let _ = writeln!(out, "# {}", m.text("mapping-file-close", &[("value", title)]));
        }
        (Some(code), _) => {
            let _ = writeln!(out, "# {}", m.text("mapping-file-close", &[("value", code.clone())]));
        }
        (None, _) => {}
    }
    let _ = writeln!(out, "[[values]]\nfield = {}\nvalue = {}", quoted(&group.field), quoted(&group.value));
    match (&group.suggestion, group.field.as_str()) {
        // A facility no name comes close to is proposed for creation,
        // at the level its name says; the person reads it here first.
        (None, "organisation_id") => {
            let _ = writeln!(out, "create = {{ level = {} }}", quoted(level_from_name(&group.value)));
        }
        // A title that says its category ("SFDE") is proposed as a
        // profession of the programme, in that category.
        (_, "cadre") if group.new_category.is_some() => {
            let category = group.new_category.as_deref().unwrap_or_default();
            let _ = writeln!(out, "create = {{ category = {} }}", quoted(category));
        }
        _ => {
            let _ = writeln!(out, "to = \"\"");
        }
    }
}
