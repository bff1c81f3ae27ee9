//! Delimited text as spreadsheets write it, read strictly: a quote that
//! opens a cell must close where a cell ends, or the rows after it would
//! silently become one cell; characters no one types are refused with
//! their line rather than stored. The text is read in passes from the
//! start (encoding, separator, structure, rows), each in chunks, so a
//! country's register is never held whole.

use super::text::{TextEncoding, decoded, is_forbidden_control, scan_encoding};
use super::{Grid, MAX_CELL_CHARS, MAX_CELLS, Opener, ReadError, RowRead, Rows, Source};
use std::collections::VecDeque;
use std::io::Read;

/// Lines the separator is guessed from, and how much text they may take.
const SNIFF_LINES: usize = 20;
const SNIFF_BYTES: u64 = 4 << 20;
const CHUNK_BYTES: usize = 1 << 16;

/// The separator that splits the first lines most, outside quotes; a title
/// row written by Excel (`LISTE DES PARTICIPANTS;;;;`) counts like the others.
fn sniff_separator(text: &str) -> char {
    let mut counts = [(';', 0usize), (',', 0), ('\t', 0)];
    for line in text.lines().filter(|l| !l.trim().is_empty()).take(SNIFF_LINES) {
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

/// RFC 4180 quoting, checked character by character before the csv crate
/// reads the text (it accepts a stray quote and reads to the end of the
/// file inside it).
struct StructureCheck {
    separator: char,
    line: usize,
    column: usize,
    at_cell_start: bool,
    /// The line a quoted cell opened on, while it is open.
    quote_opened: Option<usize>,
    /// A quote inside a quoted cell: an escaped one if another follows,
    /// the cell's end if a separator or a line break does.
    after_quote: bool,
}

impl StructureCheck {
    fn new(separator: char) -> StructureCheck {
        StructureCheck { separator, line: 1, column: 1, at_cell_start: true, quote_opened: None, after_quote: false }
    }

    fn feed(&mut self, c: char) -> Result<(), ReadError> {
        if is_forbidden_control(c) {
            return Err(ReadError::ControlCharacter { line: self.line, column: self.column, code: c as u32 });
        }
        if self.after_quote {
            self.after_quote = false;
            match c {
                '"' => {
                    self.column += 1;
                    return Ok(());
                }
                c if c == self.separator || c == '\r' || c == '\n' => self.quote_opened = None,
                _ => return Err(ReadError::UnclosedQuote { line: self.quote_opened.unwrap_or(self.line) }),
            }
        } else {
            match (self.quote_opened, c) {
                (None, '"') if self.at_cell_start => self.quote_opened = Some(self.line),
                (Some(_), '"') => self.after_quote = true,
                _ => {}
            }
        }
        self.at_cell_start = self.quote_opened.is_none() && (c == self.separator || c == '\n');
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Ok(())
    }

    fn finish(&self) -> Result<(), ReadError> {
        match self.quote_opened {
            Some(opened) if !self.after_quote => Err(ReadError::UnclosedQuote { line: opened }),
            _ => Ok(()),
        }
    }
}

/// Feeds the UTF-8 text of `reader` to `each`, character by character.
fn for_each_char(
    mut reader: impl Read,
    label: &str,
    mut each: impl FnMut(char) -> Result<(), ReadError>,
) -> Result<(), ReadError> {
    let io = |source| ReadError::Io { path: label.to_owned(), source };
    let mut buffer = vec![0u8; CHUNK_BYTES];
    let mut carried = 0usize;
    loop {
        let read = reader.read(&mut buffer[carried..]).map_err(io)?;
        let end = carried + read;
        let (text, rest) = match std::str::from_utf8(&buffer[..end]) {
            Ok(text) => (text, end),
            Err(e) => {
                let valid = e.valid_up_to();
                (std::str::from_utf8(&buffer[..valid]).expect("checked valid"), valid)
            }
        };
        for c in text.chars() {
            each(c)?;
        }
        if read == 0 {
            return Ok(());
        }
        buffer.copy_within(rest..end, 0);
        carried = end - rest;
    }
}

/// Offsets of the line breaks that pass through, for the row functions to
/// number lines the way a text editor does.
struct LineBreaks<R> {
    inner: R,
    offset: u64,
    /// (offset, whether it is `\n` rather than `\r`), not yet counted.
    pending: VecDeque<(u64, bool)>,
}

impl<R: Read> Read for LineBreaks<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let read = self.inner.read(buf)?;
        for (at, byte) in buf[..read].iter().enumerate() {
            if matches!(byte, b'\n' | b'\r') {
                self.pending.push_back((self.offset + at as u64, *byte == b'\n'));
            }
        }
        self.offset += read as u64;
        Ok(read)
    }
}

type Decoded<'a> = encoding_rs_io::DecodeReaderBytes<Box<dyn Read + 'a>, Vec<u8>>;

/// The rows of the text, one at a time.
struct DelimitedRows<'a> {
    reader: csv::Reader<LineBreaks<Decoded<'a>>>,
    record: csv::StringRecord,
    newlines: usize,
    cells_read: usize,
    finished: bool,
}

impl DelimitedRows<'_> {
    /// The csv crate places a record after a CRLF, or after blank lines, on
    /// the line before: the line is counted from the record's first byte
    /// that is not a line break instead.
    fn line_at(&mut self, byte: u64) -> usize {
        let breaks = &mut self.reader.get_mut().pending;
        let mut expected = byte;
        while let Some(&(at, newline)) = breaks.front() {
            if at < byte || at == expected {
                if at == expected {
                    expected += 1;
                }
                self.newlines += usize::from(newline);
                breaks.pop_front();
            } else {
                break;
            }
        }
        self.newlines + 1
    }

    fn next_row(&mut self) -> Result<Option<(usize, Vec<String>)>, ReadError> {
        loop {
            let line_before = self.newlines + 1;
            let more = self
                .reader
                .read_record(&mut self.record)
                .map_err(|source| ReadError::Delimited { line: line_before, source })?;
            if !more {
                return Ok(None);
            }
            let byte = self.record.position().map_or(0, |p| p.byte());
            let line = self.line_at(byte);
            self.cells_read += self.record.len();
            if self.cells_read > MAX_CELLS {
                return Err(ReadError::TooManyCells { max: MAX_CELLS });
            }
            let mut cells = Vec::with_capacity(self.record.len());
            for (index, cell) in self.record.iter().enumerate() {
                if cell.len() > MAX_CELL_CHARS && cell.chars().count() > MAX_CELL_CHARS {
                    return Err(ReadError::CellTooLong { line, column: index + 1, max: MAX_CELL_CHARS });
                }
                cells.push(cell.trim().to_owned());
            }
            if cells.iter().any(|c| !c.is_empty()) {
                return Ok(Some((line, cells)));
            }
        }
    }
}

impl Iterator for DelimitedRows<'_> {
    type Item = RowRead;

    fn next(&mut self) -> Option<RowRead> {
        if self.finished {
            return None;
        }
        let next = self.next_row().transpose();
        self.finished = !matches!(next, Some(Ok(_)));
        next
    }
}

/// Delimited text's source and rows: its encoding decided, its separator
/// guessed and its quoting checked over the whole text before any row is
/// given out. `open` is called once per pass, each time from the start.
pub fn delimited_rows<'a>(open: &Opener<'a>, label: &str) -> Result<(Source, Rows<'a>), ReadError> {
    let io = |source| ReadError::Io { path: label.to_owned(), source };
    let encoding: TextEncoding = scan_encoding(open().map_err(io)?, label)?;
    let mut head = Vec::new();
    decoded(open().map_err(io)?, encoding).take(SNIFF_BYTES).read_to_end(&mut head).map_err(io)?;
    // The prefix may end inside a character.
    let separator = sniff_separator(&String::from_utf8_lossy(&head));
    drop(head);
    let mut check = StructureCheck::new(separator);
    for_each_char(decoded(open().map_err(io)?, encoding), label, |c| check.feed(c))?;
    check.finish()?;
    let breaks = LineBreaks { inner: decoded(open().map_err(io)?, encoding), offset: 0, pending: VecDeque::new() };
    let reader =
        csv::ReaderBuilder::new().delimiter(separator as u8).has_headers(false).flexible(true).from_reader(breaks);
    let rows = DelimitedRows { reader, record: csv::StringRecord::new(), newlines: 0, cells_read: 0, finished: false };
    Ok((Source { encoding: Some(encoding), ..Source::default() }, Box::new(rows)))
}

/// Delimited text held in memory, every row read.
pub fn read_delimited(bytes: &[u8]) -> Result<Grid, ReadError> {
    let open: &Opener<'_> = &|| Ok(Box::new(bytes) as Box<dyn Read + '_>);
    let (source, rows) = delimited_rows(open, "")?;
    Ok(Grid { rows: rows.collect::<Result<_, _>>()?, source })
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

    /// Rows of accented names, enough to cross every chunk of every pass.
    fn long_list(rows: usize) -> String {
        let mut text = String::from("Nom;Prénom(s)\r\n");
        for n in 0..rows {
            text.push_str(&format!("NGARADOUM;Hélène Zénaba Aïssata Fatimé {n}\r\n"));
        }
        text
    }

    #[test]
    fn a_list_longer_than_the_chunks_keeps_every_accent_and_line() {
        let rows = 40_000; // 1.9 MB: past the first megabyte and many 64 KB chunks
        let text = long_list(rows);
        for (bytes, encoding) in [
            (text.clone().into_bytes(), TextEncoding::Utf8),
            (encoding_rs::WINDOWS_1252.encode(&text).0.into_owned(), TextEncoding::Windows1252),
        ] {
            let grid = read_delimited(&bytes).unwrap();
            assert_eq!(grid.source.encoding, Some(encoding));
            assert_eq!(grid.rows.len(), rows + 1);
            assert_eq!(
                grid.rows[rows],
                (rows + 1, vec!["NGARADOUM".to_string(), format!("Hélène Zénaba Aïssata Fatimé {}", rows - 1)])
            );
            assert!(grid.rows.iter().enumerate().all(|(i, (line, _))| *line == i + 1));
        }
    }

    #[test]
    fn a_list_whose_guessing_prefix_ends_inside_a_character_is_read() {
        let mut text = String::from("Nom;Prénom\n");
        while text.len() + 30 < SNIFF_BYTES as usize {
            text.push_str("MAHAMAT;Achta\n");
        }
        // A row whose "é" starts on the prefix's last byte.
        let pad = SNIFF_BYTES as usize - 1 - text.len() - "ABAKAR;".len();
        text.push_str(&format!("ABAKAR;{}é\nDOUMBIA;Aïssata\n", "x".repeat(pad)));
        assert_eq!(&text.as_bytes()[SNIFF_BYTES as usize - 1..SNIFF_BYTES as usize + 1], "é".as_bytes());
        let grid = read_delimited(text.as_bytes()).unwrap();
        assert_eq!(grid.rows.last().unwrap().1, ["DOUMBIA", "Aïssata"]);
    }

    #[test]
    fn a_foreign_byte_past_the_first_megabyte_is_found_with_its_line() {
        let mut bytes = long_list(30_000).into_bytes();
        bytes.extend_from_slice(b"ABAKAR;Hiss\xe8ne\r\n");
        let refused = read_delimited(&bytes).unwrap_err();
        assert!(matches!(refused, ReadError::MixedEncoding { line: 30_002, utf8_line: Some(1) }), "{refused:?}");
    }

    #[test]
    fn a_quote_left_open_far_down_a_long_list_is_refused_at_its_line() {
        let mut text = long_list(30_000);
        text.push_str("\"MAHAMAT;Zénaba\r\nABAKAR;Hissène\r\n");
        let refused = read_delimited(text.as_bytes()).unwrap_err();
        assert!(matches!(refused, ReadError::UnclosedQuote { line: 30_002 }), "{refused:?}");
    }
}
