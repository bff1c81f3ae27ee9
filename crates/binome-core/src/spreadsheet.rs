//! Reading the tables French users actually send: `.xlsx` saved by Excel
//! or LibreOffice (calamine), and `.csv` with `;` or `,`, in UTF-8 with or
//! without BOM or in Windows-1252 (what Excel writes for "CSV" on a French
//! Windows). Trailing empty rows are ignored; line numbers are the ones a
//! person sees in Excel or a text editor.

use calamine::{Data, Reader, open_workbook_auto};
use std::path::Path;

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    /// (line number as the user sees it, cells as text)
    pub rows: Vec<(usize, Vec<String>)>,
}

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read {path}: {detail}")]
    Unreadable { path: String, detail: String },
    #[error("{path} has no header row")]
    Empty { path: String },
}

pub fn read_table(path: &Path) -> Result<Table, ReadError> {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_lowercase();
    let unreadable = |detail: String| ReadError::Unreadable { path: path.display().to_string(), detail };
    let table = match extension.as_str() {
        "xlsx" | "xlsm" | "xls" | "ods" => read_workbook(path).map_err(unreadable)?,
        _ => {
            let bytes = std::fs::read(path).map_err(|e| unreadable(e.to_string()))?;
            read_csv(&bytes).map_err(unreadable)?
        }
    };
    if table.headers.iter().all(|h| h.is_empty()) {
        return Err(ReadError::Empty { path: path.display().to_string() });
    }
    Ok(table)
}

fn read_workbook(path: &Path) -> Result<Table, String> {
    let mut workbook = open_workbook_auto(path).map_err(|e| e.to_string())?;
    let sheet = workbook.sheet_names().first().cloned().ok_or("no sheet")?;
    let range = workbook.worksheet_range(&sheet).map_err(|e| e.to_string())?;
    let first_row = range.start().map_or(0, |(row, _)| row as usize);
    let mut rows =
        range.rows().enumerate().map(|(i, cells)| (first_row + i + 1, cells.iter().map(cell_text).collect::<Vec<_>>()));
    let headers = rows.next().map(|(_, h)| h).unwrap_or_default();
    Ok(finish(headers, rows.collect()))
}

/// A cell as the person typed it: dates as dd/mm/yyyy, whole numbers
/// without ".0", decimals with a comma.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_owned(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string().replace('.', ","),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(d) if dt.is_duration() => format!("{}h{:02}", d.time().format("%H"), d.time().format("%M")),
            Some(d) if d.time() == chrono::NaiveTime::MIN => d.format("%d/%m/%Y").to_string(),
            Some(d)
                if d.date() == chrono::NaiveDate::from_ymd_opt(1899, 12, 31).expect("date")
                    || d.date() == chrono::NaiveDate::from_ymd_opt(1899, 12, 30).expect("date") =>
            {
                d.format("%H:%M").to_string()
            }
            Some(d) => d.format("%d/%m/%Y").to_string(),
            None => dt.as_f64().to_string(),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        // Not UTF-8: Excel's "CSV (séparateur : point-virgule)" on Windows.
        Err(_) => encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

/// The separator used in the header line, outside quotes.
fn sniff_separator(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
    let mut counts = [(b';', 0usize), (b',', 0), (b'\t', 0)];
    let mut quoted = false;
    for c in header.bytes() {
        if c == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (sep, count) in counts.iter_mut() {
                if c == *sep {
                    *count += 1;
                }
            }
        }
    }
    counts.iter().max_by_key(|(_, n)| *n).filter(|(_, n)| *n > 0).map_or(b';', |(sep, _)| *sep)
}

pub fn read_csv(bytes: &[u8]) -> Result<Table, String> {
    let text = decode(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff_separator(&text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // The csv crate counts a CRLF record as starting on the line before;
    // lines are counted here from each record's byte offset instead.
    let bytes = text.as_bytes();
    let (mut counted_to, mut newlines) = (0usize, 0usize);
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        let mut start = record.position().map_or(0, |p| p.byte() as usize).min(bytes.len());
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        newlines += bytes[counted_to..start].iter().filter(|&&b| b == b'\n').count();
        counted_to = start;
        rows.push((newlines + 1, record.iter().map(|c| c.trim().to_owned()).collect::<Vec<_>>()));
    }
    let mut rows = rows.into_iter();
    let headers = rows.next().map(|(_, h)| h).unwrap_or_default();
    Ok(finish(headers, rows.collect()))
}

fn finish(headers: Vec<String>, rows: Vec<(usize, Vec<String>)>) -> Table {
    let rows = rows.into_iter().filter(|(_, cells)| cells.iter().any(|c| !c.is_empty())).collect();
    Table { headers: headers.into_iter().map(|h| h.trim().to_owned()).collect(), rows }
}

/// A CSV in the French Excel dialect: `;`, UTF-8 with BOM, CRLF.
/// A text cell as a spreadsheet must show it: Excel and LibreOffice run a
/// CSV cell starting with `=`, `+`, `-` or `@` (or a tab or carriage return
/// before one) as a formula, so a name that came in a bundle could compute,
/// fetch or link. A leading `'` makes them read it as text.
pub fn formula_safe(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_owned() }
}

pub fn write_french_csv(headers: &[String], rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer =
            csv::WriterBuilder::new().delimiter(b';').terminator(csv::Terminator::CRLF).from_writer(&mut out);
        writer.write_record(headers).expect("writing to memory");
        for row in rows {
            writer.write_record(row).expect("writing to memory");
        }
        writer.flush().expect("writing to memory");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolon_windows_1252_with_trailing_empty_rows() {
        let bytes = b"Nom;Pr\xe9noms;Sexe\r\nZ\xe9naba;Ach\xe9ta;F\r\n;;\r\n;;\r\n";
        let table = read_csv(bytes).unwrap();
        assert_eq!(table.headers, ["Nom", "Prénoms", "Sexe"]);
        assert_eq!(table.rows, vec![(2, vec!["Zénaba".to_string(), "Achéta".into(), "F".into()])]);
    }

    #[test]
    fn comma_utf8_with_bom_and_quoted_separators() {
        let bytes = "\u{feff}Nom,Service\n\"Mahamat\",\"Maternité, salle 2\"\n".as_bytes();
        let table = read_csv(bytes).unwrap();
        assert_eq!(table.headers, ["Nom", "Service"]);
        assert_eq!(table.rows[0].1, ["Mahamat", "Maternité, salle 2"]);
    }
}

#[cfg(test)]
mod fixture_lines {
    #[test]
    fn line_numbers_are_the_editor_s() {
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/participants-broken.csv"))
            .unwrap();
        let table = super::read_csv(&bytes).unwrap();
        let lines: Vec<usize> = table.rows.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [2, 3, 4, 5]);
    }
}
