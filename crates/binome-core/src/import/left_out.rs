//! The lines of a sheet that are not rows of its list: its totals, where
//! and when it was signed, who signs. A host hospital's sheet ends with
//! them ("Total : 23 participants", "Fait à Moundou le 05/03/2019", "Le
//! formateur") and may total each group ("Sous-total Maternité : 12");
//! read as rows, each became a participant of that name.
//!
//! A row that opens as a total ([`SUMS`]) is left out wherever it stands,
//! however many cells it fills (a register's total has one a day). The rest of a footer only at the very end of the
//! sheet: from a row of a few cells that opens as one, through the rows
//! of a few cells under it (the names of who signs, a date). A fuller row
//! after them shows they were within the list after all, and they are read
//! as any other.

use crate::sheet::{SheetLine, filled, first_text, is_number};
use binome_domain::names::strip_accents;

/// How a total opens, lower case and without accents, a word ending
/// there: no one's name does.
const SUMS: &[&str] = &["total", "sous-total", "sous total", "moyenne", "effectif", "nombre de"];
/// How the rest of a footer opens, likewise.
const OPENINGS: &[&str] = &[
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

fn few_cells(cells: &[String]) -> bool {
    (1..=MOST_CELLS).contains(&filled(cells).count())
}

/// How a line opens, as far as leaving it out goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opening {
    /// A total: never a row of the list.
    Sum,
    /// The rest of a footer: not a row at the end of the sheet.
    Footer,
}

fn opening(cells: &[String]) -> Option<Opening> {
    let folded = strip_accents(first_text(cells)).to_lowercase();
    let folded = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    let ends_a_word = |rest: &str| !rest.starts_with(char::is_alphanumeric);
    let opens_as = |openings: &[&str]| openings.iter().any(|o| folded.strip_prefix(o).is_some_and(ends_a_word));
    let alone = filled(cells).filter(|c| !is_number(c)).count() == 1;
    let labels = LABELS.iter().any(|l| {
        folded.strip_prefix(l).is_some_and(|rest| {
            let rest = rest.trim_start();
            (rest.is_empty() && alone) || rest.starts_with(':') || rest.starts_with("et ")
        })
    });
    if opens_as(SUMS) {
        // However many cells: a register's total has one a day.
        Some(Opening::Sum)
    } else if few_cells(cells) && (opens_as(OPENINGS) || labels) {
        Some(Opening::Footer)
    } else {
        None
    }
}

/// Leaves out each total, and holds back a row that opens as a footer and
/// the rows of a few cells under it until the sheet ends (they are its
/// footer) or a fuller row follows (they were rows of the list, but for
/// the totals among them).
#[derive(Default)]
pub(crate) struct LinesLeftOut {
    held: Vec<(usize, Vec<String>)>,
    left_out: Vec<SheetLine>,
}

impl LinesLeftOut {
    /// The rows to read now, in order.
    pub(crate) fn next(&mut self, row: (usize, Vec<String>)) -> Vec<(usize, Vec<String>)> {
        let opens = opening(&row.1);
        let goes_on = if self.held.is_empty() { opens.is_some() } else { few_cells(&row.1) };
        if goes_on && self.held.len() < MOST_LINES {
            self.held.push(row);
            return Vec::new();
        }
        let mut now = Vec::new();
        for held in std::mem::take(&mut self.held).into_iter().chain(std::iter::once(row)) {
            if opening(&held.1) == Some(Opening::Sum) {
                self.left_out.push(SheetLine::of(&held));
            } else {
                now.push(held);
            }
        }
        now
    }

    /// The sheet has ended: what is held is its footer.
    pub(crate) fn end(mut self) -> Vec<SheetLine> {
        self.left_out.extend(self.held.iter().map(SheetLine::of));
        self.left_out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(line: usize, cells: &[&str]) -> (usize, Vec<String>) {
        (line, cells.iter().map(|c| (*c).to_owned()).collect())
    }

    fn read_through(rows: &[(usize, Vec<String>)]) -> (Vec<usize>, Vec<SheetLine>) {
        let mut footer = LinesLeftOut::default();
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

        // A full row after a total shows the list went on: the total is
        // still left out, wherever it stands.
        let mut went_on = rows[..3].to_vec();
        went_on.push(row(7, &["3", "ABAKAR", "Hissène", "H"]));
        let (read, left_out) = read_through(&went_on);
        assert_eq!(read, [4, 5, 7]);
        assert_eq!(left_out, [SheetLine { line: 6, text: "TOTAL : 2 participants".into() }]);
    }

    #[test]
    fn a_total_within_the_list_is_left_out_and_the_rows_around_it_read() {
        let rows = [
            row(4, &["1", "MAHAMAT", "Zénaba", "F", "Maternité"]),
            row(5, &["Sous-total Maternité", "1"]),
            row(6, &["2", "ABAKAR", "Hissène", "H", "Bloc"]),
            // A footer word within the list: the row after shows it is one.
            row(7, &["Le Chef", "Ali"]),
            row(8, &["3", "NGARMBAYE", "Françoise", "F", "Bloc"]),
            row(9, &["Sous-total Bloc : 2"]),
            row(10, &["", "TOTAL présents", "3", "2", "3", "1", "3"]),
        ];
        let (read, left_out) = read_through(&rows);
        assert_eq!(read, [4, 6, 7, 8]);
        assert_eq!(left_out.iter().map(|l| l.line).collect::<Vec<_>>(), [5, 9, 10]);
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
        let rows: Vec<_> = (0..MOST_LINES + 5).map(|n| row(n + 2, &["Le formateur"])).collect();
        let (read, footer) = read_through(&rows);
        assert_eq!(read.len(), MOST_LINES + 1);
        assert_eq!(footer.len(), 4);
    }
}
