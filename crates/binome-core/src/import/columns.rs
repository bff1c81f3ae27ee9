//! Which column of a sheet feeds which field. Every column ends up with a
//! use the person sees: matched by its heading, chosen by the person, split
//! into family and given names, a numbering, or ignored: none disappears.

use super::error::ColumnChoiceError;
use super::report::{ColumnReport, ColumnUse, ImportKind};
use crate::i18n::{Lang, Messages};
use binome_domain::Kind;
use binome_domain::headings::{FULL_NAME_HEADINGS, NUMBERING_HEADINGS, column_headings, fold_heading, split_full_name};
use binome_domain::kind::FieldType;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;

#[cfg(feature = "ts")]
use ts_rs::TS;

/// The person's choice for one column, by its heading: a field of the
/// sheet, or none to leave it out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct ColumnChoice {
    pub heading: String,
    pub field: Option<String>,
}

/// Every name a column is known by on `kind`'s sheet, folded.
fn known_headings(kind: ImportKind) -> Vec<(String, &'static str)> {
    let fr = Messages::new(Lang::Fr);
    let en = Messages::new(Lang::En);
    let mut known = Vec::new();
    for (column, _) in kind.columns() {
        let mut names = vec![column.to_string(), super::column_label(column, &fr), super::column_label(column, &en)];
        names.extend(column_headings(column).iter().map(|a| a.to_string()));
        for name in names {
            known.push((fold_heading(&name), *column));
        }
    }
    known
}

fn is_one_of(heading: &str, list: &[&str]) -> bool {
    let folded = fold_heading(heading);
    !folded.is_empty() && list.iter().any(|h| fold_heading(h) == folded)
}

fn takes_names(kind: ImportKind) -> bool {
    kind.columns().iter().any(|(c, _)| *c == "given_names")
}

/// How much a row looks like `kind`'s header: the number of its cells
/// that are known headings.
pub fn header_score(kind: ImportKind, cells: &[String]) -> usize {
    let known = known_headings(kind);
    cells
        .iter()
        .map(|c| fold_heading(c))
        .filter(|f| !f.is_empty())
        .filter(|f| known.iter().any(|(k, _)| k == f) || (takes_names(kind) && is_one_of(f, FULL_NAME_HEADINGS)))
        .count()
}

/// A score column's heading that says what the test is marked on
/// ("Pré-test /20", "Post-test (sur 20)", "Pré-test sur 20 points"),
/// folded: the heading without it, and that maximum.
fn heading_with_maximum(folded: &str) -> Option<(String, String)> {
    let mut words: Vec<&str> = folded.split_whitespace().collect();
    if matches!(words.last(), Some(&("point" | "pt" | "pts"))) {
        words.pop();
    }
    let maximum = words.pop().filter(|w| w.chars().all(|c| c.is_ascii_digit()))?;
    if words.last() == Some(&"sur") {
        words.pop();
    }
    (!words.is_empty()).then(|| (words.join(" "), maximum.to_owned()))
}

/// "16/11/2026", "16/11" or "16-11" as a register writes a day; the year,
/// when missing, is `year`.
pub fn register_day(heading: &str, year: i32) -> Option<chrono::NaiveDate> {
    let text = heading.trim();
    binome_domain::input::parse_date(text).or_else(|| {
        // "Lundi 16/11": without its year, the day named is not checked.
        let text = binome_domain::input::split_weekday(text).map_or(text, |(_, date)| date);
        let (day, month) = text.split_once(['/', '-', '.'])?;
        chrono::NaiveDate::from_ymd_opt(year, month.trim().parse().ok()?, day.trim().parse().ok()?)
    })
}

pub(crate) struct ColumnMap {
    uses: Vec<(ColumnUse, Option<&'static str>)>,
    by_field: HashMap<&'static str, usize>,
    full_name: Option<usize>,
    headers: Vec<String>,
    /// The record a row makes, whose fields say which hold several lines.
    record: Kind,
    /// Line breaks typed in a workbook's cell read as spaces in a one-line
    /// field (see [`ColumnMap::joining_wrapped_lines`]).
    join_wrapped_lines: bool,
    /// The maximum a score column's heading gives its test ("Pré-test /20").
    heading_maxima: HashMap<&'static str, String>,
}

impl ColumnMap {
    pub(crate) fn build(
        kind: ImportKind,
        headers: &[String],
        choices: &[ColumnChoice],
    ) -> Result<ColumnMap, ColumnChoiceError> {
        let known = known_headings(kind);
        let mut uses: Vec<(ColumnUse, Option<&'static str>)> = vec![(ColumnUse::Ignored, None); headers.len()];
        let mut by_field: HashMap<&'static str, usize> = HashMap::new();
        for choice in choices {
            let index = headers
                .iter()
                .position(|h| h.trim() == choice.heading.trim())
                .or_else(|| headers.iter().position(|h| fold_heading(h) == fold_heading(&choice.heading)))
                .ok_or_else(|| ColumnChoiceError::NoSuchHeading(choice.heading.clone()))?;
            let field = match &choice.field {
                None => None,
                Some(wanted) => {
                    Some(kind.columns().iter().map(|(c, _)| *c).find(|c| c == wanted).ok_or_else(|| {
                        ColumnChoiceError::NoSuchField { heading: choice.heading.clone(), field: wanted.clone() }
                    })?)
                }
            };
            if let Some(field) = field {
                if let Some(previous) = by_field.insert(field, index) {
                    uses[previous] = (ColumnUse::Chosen, None);
                }
            }
            uses[index] = (ColumnUse::Chosen, field);
        }
        let chosen: Vec<usize> =
            uses.iter().enumerate().filter(|(_, (u, _))| *u == ColumnUse::Chosen).map(|(i, _)| i).collect();
        for (index, heading) in headers.iter().enumerate() {
            if chosen.contains(&index) {
                continue;
            }
            let folded = fold_heading(heading);
            let field = known.iter().find(|(k, column)| *k == folded && !by_field.contains_key(column));
            if let Some((_, column)) = field {
                by_field.insert(column, index);
                uses[index] = (ColumnUse::Matched, Some(column));
            }
        }
        let mut heading_maxima = HashMap::new();
        for (index, heading) in headers.iter().enumerate() {
            if uses[index].0 != ColumnUse::Ignored {
                continue;
            }
            let Some((stem, maximum)) = heading_with_maximum(&fold_heading(heading)) else { continue };
            let score = known.iter().find(|(k, column)| {
                *k == stem && matches!(*column, "pre_score" | "post_score") && !by_field.contains_key(column)
            });
            if let Some((_, column)) = score {
                by_field.insert(column, index);
                uses[index] = (ColumnUse::Matched, Some(column));
                heading_maxima.insert(*column, maximum);
            }
        }
        let mut full_name = None;
        for (index, heading) in headers.iter().enumerate() {
            if uses[index].0 != ColumnUse::Ignored {
                continue;
            }
            if takes_names(kind) && full_name.is_none() && is_one_of(heading, FULL_NAME_HEADINGS) {
                if by_field.contains_key("given_names") {
                    if !by_field.contains_key("family_name") {
                        by_field.insert("family_name", index);
                        uses[index] = (ColumnUse::Matched, Some("family_name"));
                    }
                } else {
                    full_name = Some(index);
                    uses[index] = (ColumnUse::FullName, None);
                }
            } else if is_one_of(heading, NUMBERING_HEADINGS) {
                uses[index] = (ColumnUse::Numbering, None);
            } else if kind == ImportKind::Attendance && register_day(heading, 2000).is_some() {
                uses[index] = (ColumnUse::SessionDay, None);
            }
        }
        // A name column that is really "NOM Prénom" has no given-name
        // column beside it: `Nom` alone still means the family name.
        Ok(ColumnMap {
            uses,
            by_field,
            full_name,
            headers: headers.to_vec(),
            record: kind.record_kind(),
            join_wrapped_lines: false,
            heading_maxima,
        })
    }

    /// The register's day columns: (index, heading).
    pub(crate) fn session_days(&self) -> Vec<(usize, String)> {
        self.uses
            .iter()
            .enumerate()
            .filter(|(_, (u, _))| *u == ColumnUse::SessionDay)
            .map(|(i, _)| (i, self.headers[i].clone()))
            .collect()
    }

    /// A row that holds nothing but its number: a line of a template
    /// numbered ahead ("N°" 1 to 50, or numbers under no heading) and left
    /// blank, not a person without a name.
    pub(crate) fn is_blank_numbered_line(&self, cells: &[String]) -> bool {
        cells.iter().enumerate().all(|(index, cell)| {
            let cell = cell.trim();
            let numbering = self.uses.get(index).is_some_and(|(used_as, _)| *used_as == ColumnUse::Numbering);
            let unheaded = self.headers.get(index).is_none_or(|h| h.trim().is_empty());
            cell.is_empty() || numbering || (unheaded && crate::sheet::is_number(cell))
        })
    }

    pub(crate) fn has(&self, column: &str) -> bool {
        self.by_field.contains_key(column)
            || (self.full_name.is_some() && matches!(column, "family_name" | "given_names"))
            || (column == "max_score" && !self.heading_maxima.is_empty())
    }

    /// The maximum the heading of `column` (a score column) gives its test.
    pub(crate) fn heading_maximum(&self, column: &str) -> Option<&str> {
        self.heading_maxima.get(column).map(String::as_str)
    }

    /// For a workbook's cells: a line break in a cell is someone wrapping
    /// a long value (Alt+Entrée), not a row swallowed by a quote as in a
    /// text file, so it reads as a space in a one-line field; a field that
    /// holds several lines (a session's notes) keeps it.
    pub(crate) fn joining_wrapped_lines(mut self, from_workbook: bool) -> ColumnMap {
        self.join_wrapped_lines = from_workbook;
        self
    }

    /// The cell feeding `column` on this row, empty cells as none.
    pub(crate) fn get<'a>(&self, column: &str, cells: &'a [String]) -> Option<Cow<'a, str>> {
        if let (Some(index), "family_name" | "given_names") = (self.full_name, column) {
            if !self.by_field.contains_key(column) {
                let (family, given) = split_full_name(&self.one_line(column, cells.get(index)?));
                let part = if column == "family_name" { family } else { given };
                return (!part.is_empty()).then_some(Cow::Owned(part));
            }
        }
        let index = self.by_field.get(column)?;
        cells.get(*index).filter(|s| !s.is_empty()).map(|cell| self.one_line(column, cell))
    }

    fn one_line<'a>(&self, column: &str, cell: &'a str) -> Cow<'a, str> {
        let several_lines = || self.record.field(column).is_some_and(|f| matches!(f.ty, FieldType::LongText));
        if !self.join_wrapped_lines || !cell.contains(['\n', '\r']) || several_lines() {
            return Cow::Borrowed(cell);
        }
        Cow::Owned(cell.split(['\r', '\n']).map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" "))
    }

    /// The heading as written, to point at the cell in a message.
    pub(crate) fn heading(&self, column: &str) -> String {
        let index = self.by_field.get(column).copied().or(match column {
            "family_name" | "given_names" => self.full_name,
            _ => None,
        });
        match index {
            Some(index) => self.headers[index].clone(),
            None => Messages::new(Lang::Fr).field(column),
        }
    }

    pub(crate) fn report(&self) -> Vec<ColumnReport> {
        self.headers
            .iter()
            .zip(&self.uses)
            .enumerate()
            .filter(|(_, (heading, (used_as, _)))| !heading.is_empty() || *used_as != ColumnUse::Ignored)
            .map(|(index, (heading, (used_as, field)))| ColumnReport {
                letter: crate::sheet::column_letters(index as u32),
                heading: heading.clone(),
                field: field.map(str::to_owned),
                used_as: *used_as,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(list: &[&str]) -> Vec<String> {
        list.iter().map(|h| h.to_string()).collect()
    }

    fn uses(map: &ColumnMap) -> Vec<(String, ColumnUse, Option<String>)> {
        map.report().into_iter().map(|c| (c.heading, c.used_as, c.field)).collect()
    }

    #[test]
    fn a_workbook_cell_wrapped_on_two_lines_is_one_line_unless_its_field_holds_several() {
        let h = headers(&["Intitulé", "Notes", "Nom complet"]);
        let row = headers(&["Soins\r\nessentiels ", "Jour 1 :\npratique", "MAHAMAT\nZénaba"]);
        let workbook = ColumnMap::build(ImportKind::Sessions, &h, &[]).unwrap().joining_wrapped_lines(true);
        assert_eq!(workbook.get("title", &row).as_deref(), Some("Soins essentiels"));
        assert_eq!(workbook.get("notes", &row).as_deref(), Some("Jour 1 :\npratique"), "notes hold several lines");
        let people = ColumnMap::build(ImportKind::Participants, &h, &[]).unwrap().joining_wrapped_lines(true);
        assert_eq!(people.get("family_name", &row).as_deref(), Some("MAHAMAT"));
        assert_eq!(people.get("given_names", &row).as_deref(), Some("Zénaba"));
        // A text file's line break inside a cell is a quote that swallowed a
        // row: it reaches the check that refuses it.
        let text = ColumnMap::build(ImportKind::Sessions, &h, &[]).unwrap().joining_wrapped_lines(false);
        assert_eq!(text.get("title", &row).as_deref(), Some("Soins\r\nessentiels "));
    }

    #[test]
    fn a_host_hospital_header_is_read_whole_and_nothing_is_dropped_silently() {
        let h = headers(&["N°", "Nom", "Prénom(s)", "Sexe", "Fonction", "Structure", "Téléphone", "Date de naissance"]);
        let map = ColumnMap::build(ImportKind::Participants, &h, &[]).unwrap();
        let got = uses(&map);
        let field = |name: &str| got.iter().find(|(h, _, _)| h == name).unwrap().clone();
        assert_eq!(field("N°").1, ColumnUse::Numbering);
        assert_eq!(field("Prénom(s)").2.as_deref(), Some("given_names"));
        assert_eq!(field("Fonction").2.as_deref(), Some("cadre"));
        assert_eq!(field("Structure").2.as_deref(), Some("organisation_id"));
        assert_eq!(field("Téléphone").2.as_deref(), Some("phone"));
        assert_eq!(field("Date de naissance").1, ColumnUse::Ignored);
        assert_eq!(got.len(), 8, "every column is reported");
    }

    #[test]
    fn of_two_numbered_phone_columns_the_first_is_the_person_s_number() {
        for (first, second) in [("Téléphone 1", "Téléphone 2"), ("Tél. 1", "Tél. 2"), ("CONTACT 1", "CONTACT 2")]
        {
            let h = headers(&["Nom", "Prénom(s)", first, second, "E-mail 1"]);
            let map = ColumnMap::build(ImportKind::Participants, &h, &[]).unwrap();
            let got = uses(&map);
            assert_eq!(got[2].2.as_deref(), Some("phone"), "{first}");
            assert_eq!(got[3].1, ColumnUse::Ignored, "{second} is shown as not imported");
            assert_eq!(got[4].2.as_deref(), Some("email"));
        }
    }

    #[test]
    fn a_score_heading_gives_the_maximum_its_test_is_marked_on() {
        let h = headers(&["Nom", "Prénom", "Pré-test /20", "POST-TEST (sur 20 points)", "Note /20"]);
        let map = ColumnMap::build(ImportKind::Scores, &h, &[]).unwrap();
        let got = uses(&map);
        assert_eq!(got[2].2.as_deref(), Some("pre_score"));
        assert_eq!(got[3].2.as_deref(), Some("post_score"));
        assert_eq!(got[4].1, ColumnUse::Ignored, "only a score column's heading gives a maximum");
        assert_eq!((map.heading_maximum("pre_score"), map.heading_maximum("post_score")), (Some("20"), Some("20")));
        assert!(map.has("max_score"), "no column of maxima is needed");
        for no_maximum in ["Pré-test", "20", "Pré-test sur", "Pré-test /20 bis"] {
            assert_eq!(heading_with_maximum(&fold_heading(no_maximum)).map(|(_, m)| m), None, "{no_maximum}");
        }
    }

    #[test]
    fn one_column_with_the_whole_name_is_split() {
        let h = headers(&["Nom & Prénoms", "Sexe"]);
        let map = ColumnMap::build(ImportKind::Participants, &h, &[]).unwrap();
        let row = headers(&["ABAKAR MAHAMAT Hissène", "H"]);
        assert_eq!(map.get("family_name", &row).as_deref(), Some("ABAKAR MAHAMAT"));
        assert_eq!(map.get("given_names", &row).as_deref(), Some("Hissène"));
        assert_eq!(uses(&map)[0].1, ColumnUse::FullName);
    }

    #[test]
    fn the_person_s_choice_wins_over_the_heading() {
        let h = headers(&["Nom", "Qualif.", "Fonction"]);
        let choices = [
            ColumnChoice { heading: "Qualif.".into(), field: Some("cadre".into()) },
            ColumnChoice { heading: "Fonction".into(), field: None },
        ];
        let map = ColumnMap::build(ImportKind::Participants, &h, &choices).unwrap();
        assert_eq!(map.get("cadre", &headers(&["X", "SFDE", "Chef de service"])).as_deref(), Some("SFDE"));
        assert_eq!(uses(&map)[2], ("Fonction".into(), ColumnUse::Chosen, None));
        let wrong = ColumnChoice { heading: "Qualif.".into(), field: Some("salary".into()) };
        assert!(matches!(
            ColumnMap::build(ImportKind::Participants, &h, &[wrong]),
            Err(ColumnChoiceError::NoSuchField { .. })
        ));
    }

    #[test]
    fn a_week_s_register_has_a_column_per_day() {
        let h = headers(&["Nom", "Prénom", "16/11", "17/11/2026", "Observations"]);
        let map = ColumnMap::build(ImportKind::Attendance, &h, &[]).unwrap();
        assert_eq!(map.session_days(), [(2, "16/11".to_string()), (3, "17/11/2026".to_string())]);
        assert_eq!(register_day("16/11", 2026), chrono::NaiveDate::from_ymd_opt(2026, 11, 16));
        assert_eq!(register_day("31/02", 2026), None);
        assert_eq!(register_day("Lundi 16/11", 2026), chrono::NaiveDate::from_ymd_opt(2026, 11, 16));
        assert_eq!(register_day("Lun. 16/11/2026", 2000), chrono::NaiveDate::from_ymd_opt(2026, 11, 16));
        assert_eq!(register_day("Mardi 16/11/2026", 2026), None, "16 November 2026 is a Monday");
    }

    #[test]
    fn a_title_row_scores_below_the_header() {
        let title = headers(&["LISTE DES PARTICIPANTS – FORMATION SONU MOUNDOU"]);
        let header = headers(&["N°", "Nom", "Prénom(s)", "Sexe"]);
        assert!(header_score(ImportKind::Participants, &header) > header_score(ImportKind::Participants, &title));
    }
}
