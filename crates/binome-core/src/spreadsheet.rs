//! Writing tables for spreadsheets: CSV in the French Excel dialect, and
//! text made safe from formula injection. Reading is [`crate::sheet`]'s.

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
