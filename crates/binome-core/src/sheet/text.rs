//! Deciding a text file's encoding from evidence, once for the whole file.
//! Excel on a French Windows writes "CSV" in Windows-1252, LibreOffice and
//! Google Sheets write UTF-8, Excel's "Unicode text" is UTF-16. A file that
//! holds both UTF-8 accents and bytes that are not UTF-8 has been pasted
//! together from two sources: decoding it either way would mangle one half
//! ("HÃ©lÃ¨ne"), so it is refused with the line that breaks it. The file is
//! read in chunks, never held whole: a country's register runs to many
//! megabytes.

use super::ReadError;
use serde::Serialize;
use std::io::Read;

#[cfg(feature = "ts")]
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, strum::IntoStaticStr)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum TextEncoding {
    Utf8,
    Utf8WithBom,
    Utf16,
    Windows1252,
}

const CHUNK_BYTES: usize = 1 << 20;

/// Reads as much as fills `buffer` (short reads are not the end).
fn fill(reader: &mut impl Read, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match reader.read(&mut buffer[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// What a pass over the bytes found: where UTF-8 breaks, where it shows.
#[derive(Default)]
struct Utf8Evidence {
    /// Newlines seen so far.
    newlines: usize,
    /// The line of the first valid multi-byte character: the file was at
    /// least partly written as UTF-8.
    first_accent_line: Option<usize>,
    /// The line of the first byte that is not UTF-8.
    first_invalid_line: Option<usize>,
}

impl Utf8Evidence {
    fn valid(&mut self, text: &[u8]) {
        if self.first_accent_line.is_none() {
            if let Some(at) = text.iter().position(|b| !b.is_ascii()) {
                let before = text[..at].iter().filter(|&&b| b == b'\n').count();
                self.first_accent_line = Some(self.newlines + before + 1);
            }
        }
        self.newlines += text.iter().filter(|&&b| b == b'\n').count();
    }

    fn invalid(&mut self) {
        self.first_invalid_line.get_or_insert(self.newlines + 1);
    }

    fn mixed(&self) -> Option<ReadError> {
        match (self.first_invalid_line, self.first_accent_line) {
            (Some(line), Some(utf8_line)) => Some(ReadError::MixedEncoding { line, utf8_line: Some(utf8_line) }),
            _ => None,
        }
    }

    /// Reads `reader` to its end (or to the first proof of mixed text),
    /// a UTF-8 sequence cut by a chunk carried to the next.
    fn gather(mut reader: impl Read, label: &str) -> Result<Utf8Evidence, ReadError> {
        let io = |source| ReadError::Io { path: label.to_owned(), source };
        let mut evidence = Utf8Evidence::default();
        let mut buffer = vec![0u8; CHUNK_BYTES];
        let mut carried = 0usize;
        loop {
            let read = fill(&mut reader, &mut buffer[carried..]).map_err(io)?;
            let end = carried + read;
            let at_end = read == 0;
            let mut at = 0usize;
            while at < end {
                match std::str::from_utf8(&buffer[at..end]) {
                    Ok(_) => {
                        evidence.valid(&buffer[at..end]);
                        at = end;
                    }
                    Err(e) => {
                        evidence.valid(&buffer[at..at + e.valid_up_to()]);
                        match e.error_len() {
                            Some(bad) => {
                                evidence.invalid();
                                at += e.valid_up_to() + bad;
                            }
                            // A sequence the chunk cut; at the end, a broken one.
                            None if !at_end => {
                                at += e.valid_up_to();
                                break;
                            }
                            None => {
                                evidence.invalid();
                                at = end;
                            }
                        }
                    }
                }
                if let Some(mixed) = evidence.mixed() {
                    return Err(mixed);
                }
            }
            if at_end {
                return Ok(evidence);
            }
            buffer.copy_within(at..end, 0);
            carried = end - at;
        }
    }
}

/// The encoding of the whole text `open` gives, read once to its end.
pub fn scan_encoding(mut reader: impl Read, label: &str) -> Result<TextEncoding, ReadError> {
    let io = |source| ReadError::Io { path: label.to_owned(), source };
    let mut start = [0u8; 3];
    let got = fill(&mut reader, &mut start).map_err(io)?;
    let start = &start[..got];
    if start.starts_with(b"\xFF\xFE") || start.starts_with(b"\xFE\xFF") {
        let encoding = if start[0] == 0xFF { encoding_rs::UTF_16LE } else { encoding_rs::UTF_16BE };
        check_utf16(start[2..].chain(reader), encoding, label)?;
        return Ok(TextEncoding::Utf16);
    }
    if start == b"\xEF\xBB\xBF" {
        let evidence = Utf8Evidence::gather(reader, label)?;
        return match evidence.first_invalid_line {
            Some(line) => Err(ReadError::MixedEncoding { line, utf8_line: evidence.first_accent_line }),
            None => Ok(TextEncoding::Utf8WithBom),
        };
    }
    let evidence = Utf8Evidence::gather(start.chain(reader), label)?;
    Ok(match evidence.first_invalid_line {
        None => TextEncoding::Utf8,
        // Not UTF-8 anywhere, and no UTF-8 accent anywhere: Excel's CSV.
        Some(_) => TextEncoding::Windows1252,
    })
}

/// UTF-16 with a unit that is not one (a lone surrogate) is not text.
fn check_utf16(mut reader: impl Read, encoding: &'static encoding_rs::Encoding, label: &str) -> Result<(), ReadError> {
    let io = |source| ReadError::Io { path: label.to_owned(), source };
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let (mut input, mut output) = (vec![0u8; CHUNK_BYTES], vec![0u8; 3 * CHUNK_BYTES]);
    loop {
        let read = fill(&mut reader, &mut input).map_err(io)?;
        let last = read == 0;
        let mut at = 0;
        loop {
            let (result, consumed, _, replaced) = decoder.decode_to_utf8(&input[at..read], &mut output, last);
            if replaced {
                return Err(ReadError::MixedEncoding { line: 1, utf8_line: None });
            }
            at += consumed;
            if result == encoding_rs::CoderResult::InputEmpty {
                break;
            }
        }
        if last {
            return Ok(());
        }
    }
}

/// The text as UTF-8, its byte-order mark left out.
pub fn decoded<R: Read>(reader: R, encoding: TextEncoding) -> encoding_rs_io::DecodeReaderBytes<R, Vec<u8>> {
    let mut builder = encoding_rs_io::DecodeReaderBytesBuilder::new();
    builder.strip_bom(true);
    if encoding == TextEncoding::Windows1252 {
        builder.encoding(Some(encoding_rs::WINDOWS_1252));
    }
    builder.build(reader)
}

/// The whole of a text held in memory, decided and decoded.
#[cfg(test)]
fn decode(bytes: &[u8]) -> Result<(String, TextEncoding), ReadError> {
    let encoding = scan_encoding(bytes, "")?;
    let mut text = String::new();
    decoded(bytes, encoding)
        .read_to_string(&mut text)
        .map_err(|source| ReadError::Io { path: String::new(), source })?;
    Ok((text, encoding))
}

/// A character no one types in a cell: NUL, the other C0 controls but tab
/// and line breaks, DEL and the C1 controls (what Windows-1252's unused
/// bytes decode to). Stored raw they break exports and other tools.
pub fn is_forbidden_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_is_chosen_only_without_any_utf8_accent() {
        let (text, encoding) = decode(b"Nom;Pr\xe9noms\r\nZ\xe9naba;Ach\xe9ta\r\n").unwrap();
        assert_eq!(encoding, TextEncoding::Windows1252);
        assert_eq!(text, "Nom;Prénoms\r\nZénaba;Achéta\r\n");
    }

    #[test]
    fn utf8_accents_with_one_foreign_byte_are_refused_at_that_line() {
        let bytes = "Nom;Prénoms\nMAHAMAT;Hélène\n"
            .as_bytes()
            .iter()
            .copied()
            .chain(*b"ABAKAR;Hiss\xe8ne\n")
            .collect::<Vec<_>>();
        match decode(&bytes) {
            Err(ReadError::MixedEncoding { line, utf8_line }) => {
                assert_eq!(line, 3);
                assert_eq!(utf8_line, Some(1));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn utf16_from_excel_unicode_text_is_read() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Nom\tPrénoms\r\n".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        assert_eq!(decode(&bytes).unwrap(), ("Nom\tPrénoms\r\n".to_owned(), TextEncoding::Utf16));
    }
}
