//! The lines under a list that are not rows of it: its total, where and
//! when it was signed, who signs. A host hospital's sheet ends with them
//! ("Total : 23 participants", "Fait à Moundou le 05/03/2019", "Le
//! formateur"), and read as rows each became a participant of that name.
//!
//! Only the block at the very end of the sheet is taken: from a row of a
//! few cells whose first text opens as such a line, through the rows of a
//! few cells under it (the names of who signs, a date). A fuller row after
//! them shows they were within the list after all, and they are read as
//! any other.

use binome_domain::names::strip_accents;
use serde::Serialize;

#[cfg(feature = "ts")]
use ts_rs::TS;

/// How a footer line opens, lower case and without accents, a word
/// ending there.
const OPENINGS: &[&str] = &[
    "total",
    "sous-total",
    "sous total",
    "moyenne",
    "effectif",
    "nombre de",
    "fait a",
    "fait le",
    "le formateur",
    "la formatrice",
    "les formateurs",
    "le responsable",
    "la responsable",
    "le directeur",
    "la directrice",
    "le coordinateur",
    "le coordonnateur",
    "la coordinatrice",
    "la coordonnatrice",
    "le chef",
    "la cheffe",
    "le point focal",
    "le major",
    "la major",
];
/// Words that are also family names (Cachet, Signé): a footer only alone
/// on its row, or before a colon or "et" ("Signature et cachet :").
const LABELS: &[&str] = &["signature", "signe", "signes", "visa", "cachet", "arrete", "certifie"];

/// A footer holds a few cells: a label, a number, a name to sign.
const MOST_CELLS: usize = 3;
/// A run of footer-like rows longer than this is not a footer: they are
/// read as rows, so that nothing long is held or left out unseen.
const MOST_LINES: usize = 50;

/// A line under the list, not imported, as the person sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct FooterLine {
    pub line: u32,
    /// Its first text (a number in the numbering column aside).
    pub text: String,
}

/// The row's filled cells, trimmed.
fn filled(cells: &[String]) -> impl Iterator<Item = &str> + Clone {
    cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty())
}

/// A cell of the numbering column.
fn is_number(cell: &str) -> bool {
    cell.chars().all(|c| c.is_ascii_digit())
}

fn few_cells(cells: &[String]) -> bool {
    (1..=MOST_CELLS).contains(&filled(cells).count())
}

/// The row's first text, a number in the numbering column aside.
fn first_text(cells: &[String]) -> &str {
    filled(cells).find(|c| !is_number(c)).or_else(|| filled(cells).next()).unwrap_or_default()
}

fn opening(cells: &[String]) -> Option<&str> {
    if !few_cells(cells) {
        return None;
    }
    let text = first_text(cells);
    let folded = strip_accents(text).to_lowercase();
    let folded = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    let ends_a_word = |rest: &str| !rest.starts_with(char::is_alphanumeric);
    let opens = OPENINGS.iter().any(|o| folded.strip_prefix(o).is_some_and(ends_a_word));
    let alone = filled(cells).filter(|c| !is_number(c)).count() == 1;
    let labels = LABELS.iter().any(|l| {
        folded.strip_prefix(l).is_some_and(|rest| {
            let rest = rest.trim_start();
            (rest.is_empty() && alone) || rest.starts_with(':') || rest.starts_with("et ")
        })
    });
    (opens || labels).then_some(text)
}

/// Holds back a row that opens as a footer, and the rows of a few cells
/// under it, until the sheet ends (they are its footer) or a fuller row
/// follows (they were rows of the list).
#[derive(Default)]
pub(crate) struct TrailingFooter {
    held: Vec<(usize, Vec<String>)>,
}

impl TrailingFooter {
    /// The rows to read now, in order.
    pub(crate) fn next(&mut self, row: (usize, Vec<String>)) -> Vec<(usize, Vec<String>)> {
        let goes_on = if self.held.is_empty() { opening(&row.1).is_some() } else { few_cells(&row.1) };
        if goes_on && self.held.len() < MOST_LINES {
            self.held.push(row);
            return Vec::new();
        }
        let mut now = std::mem::take(&mut self.held);
        now.push(row);
        now
    }

    /// The sheet has ended: what is held is its footer.
    pub(crate) fn end(self) -> Vec<FooterLine> {
        self.held
            .iter()
            .map(|(line, cells)| FooterLine { line: *line as u32, text: first_text(cells).chars().take(80).collect() })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(line: usize, cells: &[&str]) -> (usize, Vec<String>) {
        (line, cells.iter().map(|c| (*c).to_owned()).collect())
    }

    fn read_through(rows: &[(usize, Vec<String>)]) -> (Vec<usize>, Vec<FooterLine>) {
        let mut footer = TrailingFooter::default();
        let mut read = Vec::new();
        for r in rows {
            read.extend(footer.next(r.clone()).into_iter().map(|(line, _)| line));
        }
        (read, footer.end())
    }

    #[test]
    fn the_total_the_place_and_date_and_who_signs_under_a_list_are_not_rows() {
        let rows = [
            row(4, &["1", "MAHAMAT", "Zénaba", "F"]),
            row(5, &["2", "NGARMBAYE", "Françoise", "F"]),
            row(6, &["", "TOTAL : 2 participants", "", ""]),
            row(8, &["", "Fait à Moundou, le 05/03/2019"]),
            row(9, &["", "Le Formateur", "", "La Directrice"]),
            row(10, &["", "", "Dr KOUMAKOYE"]),
            row(11, &["Signature et cachet :"]),
        ];
        let (read, footer) = read_through(&rows);
        assert_eq!(read, [4, 5]);
        let lines: Vec<(u32, &str)> = footer.iter().map(|f| (f.line, f.text.as_str())).collect();
        assert_eq!(
            lines,
            [
                (6, "TOTAL : 2 participants"),
                (8, "Fait à Moundou, le 05/03/2019"),
                (9, "Le Formateur"),
                (10, "Dr KOUMAKOYE"),
                (11, "Signature et cachet :")
            ]
        );

        // A full row after a total shows the list went on: all are rows.
        let mut went_on = rows[..3].to_vec();
        went_on.push(row(7, &["3", "ABAKAR", "Hissène", "H"]));
        assert_eq!(read_through(&went_on), (vec![4, 5, 6, 7], vec![]));
    }

    #[test]
    fn people_whose_names_open_alike_are_rows() {
        // A full row is never a footer; nor is a name that only starts
        // with the same letters.
        for cells in [
            &["3", "TOTALI", "Achta", "F"][..],
            &["", "Le Formateur", "Ali", "H", "Médecin"],
            &["Visage", "Marie"],
            &["FAITAKI", "Mariam"],
            &["CACHET", "Marie"],
            &["Signé", "Aminata", "F"],
        ] {
            let (read, footer) = read_through(&[row(4, cells)]);
            assert_eq!((read, footer), (vec![4], vec![]), "{cells:?}");
        }
    }

    #[test]
    fn a_long_run_of_lines_that_open_as_a_footer_is_read_as_rows() {
        let rows: Vec<_> = (0..MOST_LINES + 5).map(|n| row(n + 2, &["Total"])).collect();
        let (read, footer) = read_through(&rows);
        assert_eq!(read.len(), MOST_LINES + 1);
        assert_eq!(footer.len(), 4);
    }
}
