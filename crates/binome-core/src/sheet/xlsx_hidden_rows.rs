//! The rows an `.xlsx` sheet hides (`<row hidden="1">`: hidden by hand,
//! under a filter, or in a collapsed group), which calamine does not say.
//! The sheet's part is found as calamine finds it: the workbook the
//! package's relationships name, then the part its own relationships give
//! the sheet.

use super::ReadError;
use quick_xml::events::{BytesStart, Event};
use std::collections::BTreeSet;
use std::io::{BufReader, Read, Seek};
use std::path::Path;
use zip::ZipArchive;

/// The rows (from 0) of the sheet named `sheet` that the workbook hides;
/// none when the package does not lead to the sheet's part.
pub fn hidden_rows(path: &Path, sheet: &str) -> Result<BTreeSet<u32>, ReadError> {
    let file =
        std::fs::File::open(path).map_err(|source| ReadError::Io { path: path.display().to_string(), source })?;
    let mut archive = ZipArchive::new(file).map_err(|e| unreadable(e.to_string()))?;
    let Some(part) = sheet_part(&mut archive, sheet)? else { return Ok(BTreeSet::new()) };
    let Some(name) = entry_name(&archive, &part) else { return Ok(BTreeSet::new()) };
    let entry = archive.by_name(&name).map_err(|e| unreadable(e.to_string()))?;
    rows_hidden_in(BufReader::new(entry))
}

fn unreadable(detail: String) -> ReadError {
    ReadError::Workbook { detail }
}

/// The entry so named, or else the one named alike but for case (calamine
/// reads a part whatever the case of its name).
fn entry_name<R: Read + Seek>(archive: &ZipArchive<R>, wanted: &str) -> Option<String> {
    let names: Vec<&str> = archive.file_names().collect();
    names
        .iter()
        .find(|n| **n == wanted)
        .or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case(wanted)))
        .map(|n| (*n).to_owned())
}

fn attribute(element: &BytesStart, name: &str) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| quick_xml::escape::unescape(&a.value).ok().map(|v| v.into_owned()))
}

/// Calls `visit` with each element named `local_name` in the part, if the
/// package holds it.
fn each_element<R: Read + Seek>(
    archive: &mut ZipArchive<R>,
    part: &str,
    local_name: &str,
    mut visit: impl FnMut(&BytesStart),
) -> Result<(), ReadError> {
    let Some(name) = entry_name(archive, part) else { return Ok(()) };
    let entry = archive.by_name(&name).map_err(|e| unreadable(e.to_string()))?;
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(entry));
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).map_err(|e| unreadable(e.to_string()))? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == local_name => visit(&e),
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

/// The target of the last of a part's relationships `wanted` picks.
/// Only that one is kept, however many the part holds.
fn relationship_target<R: Read + Seek>(
    archive: &mut ZipArchive<R>,
    part: &str,
    wanted: impl Fn(&BytesStart) -> bool,
) -> Result<Option<String>, ReadError> {
    let (folder, name) = part.rsplit_once('/').unwrap_or(("", part));
    let rels = if folder.is_empty() { format!("_rels/{name}.rels") } else { format!("{folder}/_rels/{name}.rels") };
    let mut target = None;
    each_element(archive, &rels, "Relationship", |e| {
        if wanted(e) {
            target = attribute(e, "Target");
        }
    })?;
    Ok(target)
}

/// The path in the package of the sheet named `sheet`.
fn sheet_part<R: Read + Seek>(archive: &mut ZipArchive<R>, sheet: &str) -> Result<Option<String>, ReadError> {
    let is_workbook =
        |e: &BytesStart| attribute(e, "Type").is_some_and(|kind| kind.ends_with("/relationships/officeDocument"));
    let workbook = relationship_target(archive, "", is_workbook)?
        .map_or("xl/workbook.xml".to_owned(), |target| target.trim_start_matches('/').to_owned());
    let folder = workbook.rsplit_once('/').map_or("", |(folder, _)| folder).to_owned();
    let mut relationship = None;
    each_element(archive, &workbook, "sheet", |e| {
        // calamine keeps the last of two sheets of one name.
        if attribute(e, "name").as_deref() == Some(sheet) {
            relationship = attribute(e, "id");
        }
    })?;
    let Some(relationship) = relationship else { return Ok(None) };
    let is_the_sheets = |e: &BytesStart| attribute(e, "Id").as_deref() == Some(relationship.as_str());
    let Some(target) = relationship_target(archive, &workbook, is_the_sheets)? else { return Ok(None) };
    Ok(Some(match target.strip_prefix('/') {
        Some(absolute) => absolute.to_owned(),
        None if folder.is_empty() => target,
        None => format!("{folder}/{target}"),
    }))
}

/// The rows a sheet's XML marks hidden; a row without its number follows
/// the one before.
fn rows_hidden_in(part: impl std::io::BufRead) -> Result<BTreeSet<u32>, ReadError> {
    let mut reader = quick_xml::Reader::from_reader(part);
    let mut buf = Vec::new();
    let mut hidden = BTreeSet::new();
    let mut next_row = 0u32;
    loop {
        match reader.read_event_into(&mut buf).map_err(|e| unreadable(e.to_string()))? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "row" => {
                let row = match attribute(&e, "r").and_then(|r| r.trim().parse::<u32>().ok()) {
                    Some(number) if number >= 1 => number - 1,
                    _ => next_row,
                };
                next_row = row.saturating_add(1);
                let is_hidden = matches!(attribute(&e, "hidden").as_deref().map(str::trim), Some("1" | "true"));
                if is_hidden && row < super::MAX_SHEET_ROWS {
                    hidden.insert(row);
                }
            }
            Event::Eof => return Ok(hidden),
            _ => {}
        }
        buf.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::rows_hidden_in;

    #[test]
    fn the_rows_marked_hidden_are_read_by_number_or_after_the_one_before() {
        let xml = r#"<worksheet><sheetData>
            <row r="1"><c r="A1"><v>1</v></c></row>
            <row r="3" hidden="1"><c r="A3"><v>1</v></c></row>
            <row hidden="true"/>
            <row r="7" hidden="0"/>
            <row r="9" customHeight="1" hidden="1" ht="0"/>
            <row r="2000000" hidden="1"/>
        </sheetData></worksheet>"#;
        assert_eq!(rows_hidden_in(xml.as_bytes()).unwrap().into_iter().collect::<Vec<_>>(), [2, 3, 8]);
    }
}
