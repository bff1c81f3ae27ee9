//! Delimited text as spreadsheets write it, read strictly: a quote that
//! opens a cell must close where a cell ends, or the rows after it would
//! silently become one cell; characters no one types are refused with
//! their line rather than stored.

use super::text::{TextEncoding, decode, is_forbidden_control};
use super::{Grid, MAX_CELL_CHARS, MAX_CELLS, ReadError, Source};

/// The separator that splits the first lines most, outside quotes; a title
/// row written by Excel (`LISTE DES PARTICIPANTS;;;;`) counts like the others.
fn sniff_separator(text: &str) -> char {
    let mut counts = [(';', 0usize), (',', 0), ('\t', 0)];
    for line in text.lines().filter(|l| !l.trim().is_empty()).take(20) {
        let mut quoted = false;
        for c in line.chars() {
            if c == '"' {
                quoted = !quoted;
            } else if !quoted {
                for (sep, count) in counts.iter_mut() {
                    if c == *sep {
                        *count += 1;
                    }
                }
            }
        }
    }
    counts.iter().max_by_key(|(_, n)| *n).filter(|(_, n)| *n > 0).map_or(';', |(sep, _)| *sep)
}

/// RFC 4180 quoting checked before the csv crate reads the text (it
/// accepts a stray quote and reads to the end of the file inside it).
fn check_structure(text: &str, separator: char) -> Result<(), ReadError> {
    let mut chars = text.chars().peekable();
    let (mut line, mut column) = (1usize, 1usize);
    let mut at_cell_start = true;
    let mut quote_opened: Option<usize> = None;
    while let Some(c) = chars.next() {
        if is_forbidden_control(c) {
            return Err(ReadError::ControlCharacter { line, column, code: c as u32 });
        }
        match (quote_opened, c) {
            (None, '"') if at_cell_start => quote_opened = Some(line),
            (Some(opened), '"') => match chars.peek() {
                Some('"') => {
                    chars.next();
                    column += 1;
                }
                Some(next) if *next == separator || *next == '\r' || *next == '\n' => quote_opened = None,
                None => quote_opened = None,
                Some(_) => return Err(ReadError::UnclosedQuote { line: opened }),
            },
            _ => {}
        }
        at_cell_start = quote_opened.is_none() && (c == separator || c == '\n');
        if c == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    match quote_opened {
        Some(opened) => Err(ReadError::UnclosedQuote { line: opened }),
        None => Ok(()),
    }
}

pub fn read_delimited(bytes: &[u8]) -> Result<Grid, ReadError> {
    let (text, encoding): (String, TextEncoding) = decode(bytes)?;
    let separator = sniff_separator(&text);
    check_structure(&text, separator)?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator as u8)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut cells_read = 0usize;
    // The csv crate counts a CRLF record as starting on the line before;
    // lines are counted here from each record's byte offset instead.
    let bytes = text.as_bytes();
    let (mut counted_to, mut newlines) = (0usize, 0usize);
    for record in reader.records() {
        let record = record.map_err(|source| ReadError::Delimited { line: newlines + 1, source })?;
        let mut start = record.position().map_or(0, |p| p.byte() as usize).min(bytes.len());
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        newlines += bytes[counted_to..start].iter().filter(|&&b| b == b'\n').count();
        counted_to = start;
        let line = newlines + 1;
        cells_read += record.len();
        if cells_read > MAX_CELLS {
            return Err(ReadError::TooManyCells { max: MAX_CELLS });
        }
        let mut cells = Vec::with_capacity(record.len());
        for (index, cell) in record.iter().enumerate() {
            if cell.len() > MAX_CELL_CHARS && cell.chars().count() > MAX_CELL_CHARS {
                return Err(ReadError::CellTooLong { line, column: index + 1, max: MAX_CELL_CHARS });
            }
            cells.push(cell.trim().to_owned());
        }
        rows.push((line, cells));
    }
    Ok(Grid::new(rows, Source { encoding: Some(encoding), ..Source::default() }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolon_windows_1252_with_trailing_empty_rows() {
        let grid = read_delimited(b"Nom;Pr\xe9noms;Sexe\r\nZ\xe9naba;Ach\xe9ta;F\r\n;;\r\n;;\r\n").unwrap();
        assert_eq!(grid.source.encoding, Some(TextEncoding::Windows1252));
        assert_eq!(
            grid.rows,
            vec![
                (1, vec!["Nom".to_string(), "Prénoms".into(), "Sexe".into()]),
                (2, vec!["Zénaba".to_string(), "Achéta".into(), "F".into()])
            ]
        );
    }

    #[test]
    fn comma_utf8_with_bom_and_quoted_separators() {
        let grid = read_delimited("\u{feff}Nom,Service\n\"Mahamat\",\"Maternité, salle 2\"\n".as_bytes()).unwrap();
        assert_eq!(grid.rows[1].1, ["Mahamat", "Maternité, salle 2"]);
    }

    #[test]
    fn a_cell_written_on_two_lines_by_excel_is_one_cell() {
        let grid = read_delimited(b"Nom;Observations\r\nMAHAMAT;\"absente\r\nle matin\"\r\nABAKAR;\r\n").unwrap();
        assert_eq!(grid.rows[1], (2, vec!["MAHAMAT".to_string(), "absente\r\nle matin".into()]));
        assert_eq!(grid.rows[2].0, 4);
    }

    #[test]
    fn a_quote_that_never_closes_is_refused_at_its_line() {
        let refused = read_delimited(b"Nom;Prenom\r\n\"MAHAMAT;Zenaba\r\nABAKAR;Hissene\r\n").unwrap_err();
        assert!(matches!(refused, ReadError::UnclosedQuote { line: 2 }), "{refused:?}");
    }

    #[test]
    fn a_quote_closed_in_the_middle_of_a_cell_is_refused_at_its_opening() {
        let refused =
            read_delimited(b"Nom;Prenom\n\"MAHAMAT;Zenaba\nABAKAR;Hissene\n\"DJIMADOUM\";Achta\n").unwrap_err();
        assert!(matches!(refused, ReadError::UnclosedQuote { line: 2 }), "{refused:?}");
    }

    #[test]
    fn nul_and_control_characters_are_refused_with_line_and_column() {
        let refused = read_delimited(b"Nom;Prenom\nMAHA\0MAT;Zenaba\n").unwrap_err();
        assert!(matches!(refused, ReadError::ControlCharacter { line: 2, column: 5, code: 0 }), "{refused:?}");
        let refused = read_delimited(b"Nom;Prenom\nMAHAMAT;Zen\x1baba\n").unwrap_err();
        assert!(matches!(refused, ReadError::ControlCharacter { line: 2, code: 0x1b, .. }), "{refused:?}");
    }

    #[test]
    fn a_title_row_does_not_hide_the_separator() {
        let grid =
            read_delimited("LISTE DES PARTICIPANTS, FORMATION SONU\n\nN°;Nom;Prénom(s)\n1;MAHAMAT;Zénaba\n".as_bytes())
                .unwrap();
        assert_eq!(grid.rows[1], (3, vec!["N°".to_string(), "Nom".into(), "Prénom(s)".into()]));
    }
}
