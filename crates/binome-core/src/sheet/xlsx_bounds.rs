//! An `.xlsx` workbook's shared texts, counted before calamine reads them.
//! calamine reserves room for as many shared texts as the `<sst>` element
//! says it holds (`uniqueCount`) before reading one, so a 10 KB file that
//! declares a hundred billion took 2.4 TB and aborted the process. A part
//! of `bytes` bytes holds at most `bytes / 5` texts (`<si/>` is the
//! shortest); a count beyond that is refused.

use super::ReadError;
use quick_xml::events::Event;
use std::io::BufReader;
use std::path::Path;

/// The fewest bytes one shared text takes in the part: `<si/>`.
const SHORTEST_SHARED_TEXT: u64 = 5;

pub fn check_xlsx(path: &Path) -> Result<(), ReadError> {
    let unreadable = |detail: String| ReadError::Workbook { detail };
    let file =
        std::fs::File::open(path).map_err(|source| ReadError::Io { path: path.display().to_string(), source })?;
    let mut archive = zip::ZipArchive::new(file).map_err(|e| unreadable(e.to_string()))?;
    // calamine finds the part beside the workbook's, whatever its case.
    let parts: Vec<String> =
        archive.file_names().filter(|n| n.to_lowercase().ends_with("sharedstrings.xml")).map(str::to_owned).collect();
    for name in parts {
        let part = archive.by_name(&name).map_err(|e| unreadable(e.to_string()))?;
        let bytes = part.size();
        if let Some(declared) = declared_count(BufReader::new(part)).map_err(unreadable)? {
            if declared > bytes / SHORTEST_SHARED_TEXT {
                return Err(ReadError::SharedTextsMiscounted { declared, bytes });
            }
        }
    }
    Ok(())
}

/// The `uniqueCount` of the part's first `<sst>` element, wherever it
/// stands, as calamine looks for it: `None` where it has
/// none or one calamine does not read as a number (then it reserves
/// nothing); `u64::MAX` for digits past any count.
fn declared_count(part: impl std::io::BufRead) -> Result<Option<u64>, String> {
    let mut reader = quick_xml::Reader::from_reader(part);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).map_err(|e| e.to_string())? {
            Event::Start(element) | Event::Empty(element) if element.local_name().as_ref() == "sst" => {
                let Some(count) = element.try_get_attribute("uniqueCount").map_err(|e| e.to_string())? else {
                    return Ok(None);
                };
                let digits: &str = &count.value;
                if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return Ok(None);
                }
                return Ok(Some(digits.parse::<u64>().unwrap_or(u64::MAX)));
            }
            Event::Eof => return Ok(None),
            _ => buf.clear(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::declared_count;

    fn count(xml: &str) -> Option<u64> {
        declared_count(xml.as_bytes()).unwrap()
    }

    #[test]
    fn the_count_is_read_from_the_first_sst_element() {
        let sst = r#"<?xml version="1.0"?><!-- a comment --><sst xmlns="x" count="3" uniqueCount="2"><si><t>a</t></si></sst>"#;
        assert_eq!(count(sst), Some(2));
        assert_eq!(count(r#"<x:sst xmlns:x="x" uniqueCount="99999999999999999999999"/>"#), Some(u64::MAX));
        assert_eq!(count(r#"<sst uniqueCount="12a"/>"#), None, "calamine reserves nothing for what is not a number");
        assert_eq!(count(r#"<sst count="4"/>"#), None);
        assert_eq!(count(r#"<other uniqueCount="4"/><sst uniqueCount="9"/><sst uniqueCount="7"/>"#), Some(9));
    }
}
