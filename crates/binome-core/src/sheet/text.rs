//! Deciding a text file's encoding from evidence, once for the whole file.
//! Excel on a French Windows writes "CSV" in Windows-1252, LibreOffice and
//! Google Sheets write UTF-8, Excel's "Unicode text" is UTF-16. A file that
//! holds both UTF-8 accents and bytes that are not UTF-8 has been pasted
//! together from two sources: decoding it either way would mangle one half
//! ("HÃ©lÃ¨ne"), so it is refused with the line that breaks it.

use super::ReadError;
use serde::Serialize;

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

/// The 1-based line of byte `offset`.
fn line_of(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

/// The first valid multi-byte UTF-8 character, if any: evidence that the
/// file was at least partly written as UTF-8.
fn first_utf8_accent(bytes: &[u8]) -> Option<usize> {
    let mut at = 0;
    while at < bytes.len() {
        match std::str::from_utf8(&bytes[at..]) {
            Ok(rest) => return rest.char_indices().find(|(_, c)| !c.is_ascii()).map(|(i, _)| at + i),
            Err(e) => {
                let valid = &bytes[at..at + e.valid_up_to()];
                let text = std::str::from_utf8(valid).expect("checked valid");
                if let Some((i, _)) = text.char_indices().find(|(_, c)| !c.is_ascii()) {
                    return Some(at + i);
                }
                at += e.valid_up_to() + e.error_len().unwrap_or(1);
            }
        }
    }
    None
}

pub fn decode(bytes: &[u8]) -> Result<(String, TextEncoding), ReadError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(text) => Ok((text.to_owned(), TextEncoding::Utf8WithBom)),
            Err(e) => Err(ReadError::MixedEncoding {
                line: line_of(rest, e.valid_up_to()),
                utf8_line: first_utf8_accent(rest).map(|at| line_of(rest, at)),
            }),
        };
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        // `decode` follows the byte-order mark, little- or big-endian.
        let (text, _, malformed) = encoding_rs::UTF_16LE.decode(bytes);
        if malformed {
            return Err(ReadError::MixedEncoding { line: 1, utf8_line: None });
        }
        return Ok((text.into_owned(), TextEncoding::Utf16));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((text.to_owned(), TextEncoding::Utf8)),
        Err(e) => match first_utf8_accent(bytes) {
            Some(at) => Err(ReadError::MixedEncoding {
                line: line_of(bytes, e.valid_up_to()),
                utf8_line: Some(line_of(bytes, at)),
            }),
            None => Ok((
                encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(),
                TextEncoding::Windows1252,
            )),
        },
    }
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
