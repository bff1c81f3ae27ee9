//! Import templates: French headings and example rows, written by the CSV
//! writer and the workbook writer from the same rows.

use super::{ImportKind, column_label};
use crate::error::CoreError;
use crate::i18n::Messages;
use crate::spreadsheet::write_french_csv;

fn example_rows(kind: ImportKind) -> Vec<Vec<&'static str>> {
    match kind {
        ImportKind::Participants => vec![vec![
            "Mahamat",
            "Zénaba",
            "F",
            "Sage-femme",
            "Hôpital de la Mère et de l'Enfant",
            "Maternité",
            "+235 66 12 34 56",
            "",
        ]],
        ImportKind::Sessions => vec![vec![
            "",
            "Prise en charge de l'hémorragie du post-partum",
            "SONU",
            "Atelier pratique",
            "05/03/2019",
            "08:30",
            "3h",
            "",
        ]],
        ImportKind::Attendance => vec![vec!["", "Mahamat", "Zénaba", "Présent", ""]],
        ImportKind::Scores => vec![vec!["", "Mahamat", "Zénaba", "9", "16", "20"]],
        ImportKind::Frameworks => {
            // One competency, two of its criteria: the first columns repeat
            // on every criterion's row, as in a real framework sheet.
            let competency = [
                "REF-HPP",
                "Hémorragie du post-partum",
                "Prise en charge",
                "HPP1",
                "Reconnaître une hémorragie du post-partum",
            ];
            let criteria = [
                [
                    "Estime les pertes sanguines",
                    "oui",
                    "À améliorer; Exécuté correctement; Maîtrisé",
                    "Exécuté correctement",
                ],
                ["Appelle à l'aide", "non", "", ""],
            ];
            criteria.iter().map(|criterion| [&competency[..], criterion].concat()).collect()
        }
    }
}

/// The headings in `messages`' language and the example rows.
pub fn template_rows(kind: ImportKind, messages: &Messages) -> (Vec<String>, Vec<Vec<String>>) {
    let headers = kind.columns().iter().map(|(c, _)| column_label(c, messages)).collect();
    let rows = example_rows(kind).into_iter().map(|r| r.into_iter().map(str::to_owned).collect()).collect();
    (headers, rows)
}

/// A template in the French Excel CSV dialect.
pub fn template(kind: ImportKind, messages: &Messages) -> Vec<u8> {
    let (headers, rows) = template_rows(kind, messages);
    write_french_csv(&headers, &rows)
}

/// The same template as an Excel workbook: bold frozen header, the examples.
pub fn template_xlsx(kind: ImportKind, messages: &Messages) -> Result<Vec<u8>, CoreError> {
    use rust_xlsxwriter::{Format, Workbook};
    let failed = CoreError::Spreadsheet;
    let (headers, rows) = template_rows(kind, messages);
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(messages.text(&format!("import-sheet-{}", kind.code()), &[])).map_err(failed)?;
    let bold = Format::new().set_bold();
    for (col, heading) in headers.iter().enumerate() {
        let widest = rows.iter().filter_map(|r| r.get(col)).map(|c| c.chars().count()).max().unwrap_or(0);
        let col = col as u16;
        sheet.write_string_with_format(0, col, heading, &bold).map_err(failed)?;
        sheet.set_column_width(col, (heading.chars().count().max(widest) + 2) as f64).map_err(failed)?;
    }
    for (row, cells) in rows.iter().enumerate() {
        for (col, cell) in cells.iter().enumerate() {
            sheet.write_string((row + 1) as u32, col as u16, cell).map_err(failed)?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(failed)?;
    workbook.save_to_buffer().map_err(failed)
}
