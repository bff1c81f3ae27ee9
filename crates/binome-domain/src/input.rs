//! Turning what a person typed (CLI options, spreadsheet cells, form
//! fields) into a normalised row, reporting every problem at once.

use crate::kind::{FieldSpec, FieldType, Kind};
use crate::problem::{Problem, ProblemCode, Problems};
use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use uuid::Uuid;

/// Field name → text as typed. An empty text clears an optional field.
pub type Input = BTreeMap<String, String>;

/// An input from (field, text) pairs, as a use case builds one.
pub fn input_of(pairs: &[(&str, &str)]) -> Input {
    pairs.iter().map(|(field, text)| ((*field).to_owned(), (*text).to_owned())).collect()
}

/// A normalised record: field name → JSON value (dates as yyyy-mm-dd,
/// durations in minutes, enumerations as codes, references as UUIDs).
pub type Row = Map<String, Value>;

/// Reads `input` over `existing` (for an edit) and checks the result.
pub fn parse_input(kind: Kind, input: &Input, existing: Option<&Row>) -> Result<Row, Problems> {
    let (row, problems) = parse_input_partial(kind, input, existing);
    problems.into_result(row)
}

/// Like [`parse_input`], but also returns what could be read, so checks
/// against other records can still run and every problem shows at once.
/// Fields that could not be read are null in the row.
pub fn parse_input_partial(kind: Kind, input: &Input, existing: Option<&Row>) -> (Row, Problems) {
    let shares = if kind == Kind::TestScore { score_shares(input, existing) } else { None };
    let (input, typed) = match &shares {
        Some((read, typed)) => (read, Some(typed)),
        None => (input, None),
    };
    let mut problems = Problems::default();
    for name in input.keys() {
        if kind.field(name).is_none() {
            problems.push(Problem::new(name, ProblemCode::UnknownField, name.as_str()));
        }
    }
    let mut row = Row::new();
    for spec in kind.fields() {
        let typed = input.get(spec.name).map(|s| s.trim());
        let value = match (typed, existing) {
            (Some(text), Some(old)) if spec.key => {
                let old_value = old.get(spec.name).cloned().unwrap_or(Value::Null);
                // A key field may be repeated unchanged, never changed.
                match parse_field(spec, text) {
                    Ok(v) if v == old_value => v,
                    _ => {
                        problems.push(Problem::new(spec.name, ProblemCode::OutOfRange, text).with("reason", "key"));
                        old_value
                    }
                }
            }
            (Some(text), _) if !text.is_empty() => match parse_field(spec, text) {
                Ok(v) => v,
                Err(p) => {
                    problems.push(p);
                    Value::Null
                }
            },
            (Some(_), _) => Value::Null,
            (None, Some(old)) => old.get(spec.name).cloned().unwrap_or(Value::Null),
            (None, None) => match spec.default {
                Some(d) => parse_field(spec, d).unwrap_or(Value::Null),
                None => Value::Null,
            },
        };
        let failed_to_parse = problems.0.iter().any(|p| p.field == spec.name);
        if value.is_null() && spec.required && !failed_to_parse {
            problems.push(Problem::new(spec.name, ProblemCode::Required, ""));
        }
        row.insert(spec.name.to_owned(), value);
    }
    crate::validate::check_record(kind, &row, &mut problems);
    // A problem names the value as it was typed ("110 %"), not as read.
    for problem in &mut problems.0 {
        if let Some(shown) = typed.and_then(|typed| typed.get(&problem.field)) {
            problem.value = shown.clone();
        }
    }
    (row, problems)
}

/// A score typed as a percentage or as a fraction ("17/20"), read as its
/// share of the maximum typed beside it or, for an edit, of the record's
/// (without either: of 100, or of the fraction's own maximum): the input
/// as read, and the texts it replaced. `None` for a score typed as a
/// number.
fn score_shares(input: &Input, existing: Option<&Row>) -> Option<(Input, Input)> {
    let score = input.get("score")?;
    let max = match input.get("max_score") {
        Some(typed) => typed.clone(),
        None => existing
            .and_then(|row| row.get("max_score"))
            .and_then(Value::as_f64)
            .map(|max| max.to_string())
            .unwrap_or_default(),
    };
    let (share, max_read) = score_of_percentage(score, &max).or_else(|| score_of_fraction(score, &max))?;
    let mut typed = input_of(&[("score", score)]);
    if let Some(typed_max) = input.get("max_score") {
        typed.insert("max_score".into(), typed_max.clone());
    }
    let mut read = input.clone();
    read.insert("score".into(), share);
    read.insert("max_score".into(), max_read);
    Some((read, typed))
}

/// Reads one field's text into its stored form.
pub fn parse_field(spec: &FieldSpec, text: &str) -> Result<Value, Problem> {
    let name = spec.name;
    let problem = |code| Problem::new(name, code, text);
    match spec.ty {
        FieldType::Text(max) => {
            // A line break in a one-line field is a row swallowed by a
            // quote, or a paste; spaces would hide it.
            if text.contains(['\n', '\r']) {
                Err(problem(ProblemCode::LineBreak))
            } else if let Some(c) = text.chars().find(|c| c.is_control() && *c != '\t') {
                Err(problem(ProblemCode::ControlCharacter).with("code", format!("{:04X}", c as u32)))
            } else if text.chars().count() > max {
                Err(problem(ProblemCode::TooLong).with("max", max.to_string()))
            } else {
                Ok(Value::String(collapse_spaces(text)))
            }
        }
        FieldType::LongText => {
            if let Some(c) = text.chars().find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')) {
                Err(problem(ProblemCode::ControlCharacter).with("code", format!("{:04X}", c as u32)))
            } else if text.chars().count() > crate::kind::LONG_TEXT_MAX_CHARS {
                Err(problem(ProblemCode::TooLong).with("max", crate::kind::LONG_TEXT_MAX_CHARS.to_string()))
            } else {
                Ok(Value::String(text.to_owned()))
            }
        }
        FieldType::Date => parse_date(text)
            .map(|d| Value::String(d.format("%Y-%m-%d").to_string()))
            .ok_or_else(|| problem(ProblemCode::InvalidDate)),
        FieldType::Time => parse_time(text)
            .map(|t| Value::String(t.format("%H:%M").to_string()))
            .ok_or_else(|| problem(ProblemCode::InvalidTime)),
        FieldType::Number => parse_number(text)
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .ok_or_else(|| problem(ProblemCode::InvalidNumber)),
        FieldType::Duration => {
            parse_duration_minutes(text).map(Value::from).ok_or_else(|| problem(ProblemCode::InvalidDuration))
        }
        FieldType::Enum(spec) => (spec.parse)(text).map(|code| Value::String(code.to_owned())).ok_or_else(|| {
            let refused = problem(ProblemCode::UnknownValue).with("allowed", spec.codes.join(", "));
            match spec.closest(text) {
                Some(code) => refused.with("suggestion", code),
                None => refused,
            }
        }),
        FieldType::Ref(_) => Uuid::parse_str(text)
            .map(|id| Value::String(id.hyphenated().to_string()))
            .map_err(|_| problem(ProblemCode::InvalidId)),
        FieldType::RefList(_) => {
            let mut ids = Vec::new();
            for part in text.split([',', ';']).map(str::trim).filter(|p| !p.is_empty()) {
                let id = Uuid::parse_str(part).map_err(|_| Problem::new(name, ProblemCode::InvalidId, part))?;
                ids.push(Value::String(id.hyphenated().to_string()));
            }
            Ok(Value::Array(ids))
        }
        FieldType::Json if text.len() > crate::kind::JSON_MAX_BYTES => {
            Err(problem(ProblemCode::TooLong).with("max", crate::kind::JSON_MAX_BYTES.to_string()))
        }
        FieldType::Json => serde_json::from_str(text).map_err(|_| problem(ProblemCode::UnknownValue)),
    }
}

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Dates as French users type them (dd/mm/yyyy, also with - or ., or the
/// month in words: "5 mars 2019", "1er avril 2019"), or ISO. A date that
/// does not exist (31/02) is refused, not rolled over; so is a two-digit
/// year, which could be a birth in 1965 or in 2065.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    // A day the date does not fall on is a typing mistake in one or the
    // other: refused, so that the person says which.
    if let Some((weekday, date)) = split_weekday(text) {
        return parse_date(date).filter(|d| d.weekday() == weekday);
    }
    let plausible = |date: &NaiveDate| (1900..=2200).contains(&date.year());
    ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%Y/%m/%d"]
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(text, format).ok().filter(plausible))
        .or_else(|| date_in_words(text).filter(plausible))
}

/// French day names and their usual abbreviations, without and with
/// accents.
const FRENCH_WEEKDAYS: [(Weekday, &[&str]); 7] = [
    (Weekday::Mon, &["lundi", "lun"]),
    (Weekday::Tue, &["mardi", "mar"]),
    (Weekday::Wed, &["mercredi", "mer"]),
    (Weekday::Thu, &["jeudi", "jeu"]),
    (Weekday::Fri, &["vendredi", "ven"]),
    (Weekday::Sat, &["samedi", "sam"]),
    (Weekday::Sun, &["dimanche", "dim"]),
];

/// "Lundi 4 mars 2019", "lun. 04/03/2019", "Mardi, 05/03/2019", as a
/// training's programme heads its days: the day named, and the date after it.
pub fn split_weekday(text: &str) -> Option<(Weekday, &str)> {
    let (first, rest) = text.split_once([' ', ',', '\u{a0}', '\u{202f}'])?;
    let name = first.trim_end_matches(['.', ',']).to_lowercase();
    let (weekday, _) = FRENCH_WEEKDAYS.iter().find(|(_, names)| names.contains(&name.as_str()))?;
    Some((*weekday, rest.trim_start_matches([' ', ',', '\u{a0}', '\u{202f}'])))
}

/// French month names and their usual abbreviations, with and without
/// accents (a list typed in French names its months in French).
const FRENCH_MONTHS: [&[&str]; 12] = [
    &["janvier", "janv"],
    &["février", "fevrier", "févr", "fevr", "fév", "fev"],
    &["mars"],
    &["avril", "avr"],
    &["mai"],
    &["juin"],
    &["juillet", "juil"],
    &["août", "aout"],
    &["septembre", "sept"],
    &["octobre", "oct"],
    &["novembre", "nov"],
    &["décembre", "decembre", "déc", "dec"],
];

/// "5 mars 2019", "1er avril 2019", "05-mars-2019", "5 sept. 2019".
fn date_in_words(text: &str) -> Option<NaiveDate> {
    let lower = text.to_lowercase();
    let mut parts = lower.split([' ', '-', '\u{a0}', '\u{202f}']).filter(|p| !p.is_empty());
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || year.len() != 4 {
        return None;
    }
    let day: u32 = day.strip_suffix("er").unwrap_or(day).parse().ok()?;
    let month = month.trim_end_matches('.');
    let month = FRENCH_MONTHS.iter().position(|names| names.contains(&month))? as u32 + 1;
    NaiveDate::from_ymd_opt(year.parse().ok()?, month, day)
}

/// French typography spaces its hours ("8 h 30"), often with a no-break
/// space: none of them changes the time.
fn without_spaces(text: &str) -> String {
    text.trim().to_lowercase().replace([' ', '\u{a0}', '\u{202f}'], "")
}

pub fn parse_time(text: &str) -> Option<NaiveTime> {
    let text = without_spaces(text);
    for format in ["%H:%M", "%Hh%M", "%H:%M:%S"] {
        if let Ok(t) = NaiveTime::parse_from_str(&text, format) {
            return Some(t);
        }
    }
    text.strip_suffix('h').and_then(|h| h.parse::<u32>().ok()).and_then(|h| NaiveTime::from_hms_opt(h, 0, 0))
}

/// Decimal numbers with a comma or a point, and spaces as thousands separators.
pub fn parse_number(text: &str) -> Option<f64> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    cleaned.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// A score written as a percentage ("75 %", "62,5%", as a sheet shows a
/// percent-formatted cell) as the same share of `max`, or out of 100 where
/// no maximum is given: ("75 %", "20") → ("15", "20"), ("75 %", "") →
/// ("75", "100"). `None` when `score` is no percentage or `max` no number:
/// the texts are then checked as typed, and refused by name.
fn score_of_percentage(score: &str, max: &str) -> Option<(String, String)> {
    let percent = parse_number(score.trim().strip_suffix('%')?)?;
    let max = match max.trim() {
        "" => 100.0,
        typed => parse_number(typed)?,
    };
    Some(((percent * max / 100.0).to_string(), max.to_string()))
}

/// A score written as a fraction ("17/20", "14 / 20", "8,5/10", as a
/// trainer marks a paper) as the same share of `max`, or of its own
/// maximum where none is given: ("8/10", "20") → ("16", "20"), ("17/20",
/// "") → ("17", "20"). `None` when `score` is no fraction of numbers, its
/// maximum zero, or `max` no number: the texts are then checked as typed.
fn score_of_fraction(score: &str, max: &str) -> Option<(String, String)> {
    let (points, out_of) = score.split_once('/')?;
    let (points, out_of) = (parse_number(points)?, parse_number(out_of)?);
    if out_of <= 0.0 {
        return None;
    }
    let max = match max.trim() {
        "" => out_of,
        typed => parse_number(typed)?,
    };
    Some(((points * max / out_of).to_string(), max.to_string()))
}

/// "2h30", "2 h", "2 heures", "1 heure 30", "1:30", "150 min", "2,5"
/// (hours) → minutes.
pub fn parse_duration_minutes(text: &str) -> Option<i64> {
    let t = without_spaces(text).replace("heures", "h").replace("heure", "h");
    if let Some(minutes) = t.strip_suffix("min").or_else(|| t.strip_suffix("mn")) {
        return parse_number(minutes).map(|m| m.round() as i64);
    }
    if let Some((h, m)) = t.split_once(['h', ':']) {
        let hours: i64 = h.parse().ok()?;
        let minutes: i64 = if m.is_empty() { 0 } else { m.parse().ok()? };
        if !(0..60).contains(&minutes) {
            return None;
        }
        return Some(hours * 60 + minutes);
    }
    parse_number(&t).map(|hours| (hours * 60.0).round() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_score_typed_as_a_percentage_is_the_same_share_of_its_maximum() {
        let read = |score, max| score_of_percentage(score, max);
        assert_eq!(read("75 %", "20"), Some(("15".into(), "20".into())));
        assert_eq!(read("62,5%", ""), Some(("62.5".into(), "100".into())));
        assert_eq!(read("33\u{a0}%", "20"), Some(("6.6".into(), "20".into())));
        assert_eq!(read("100 %", "100"), Some(("100".into(), "100".into())));
        assert_eq!(read("15", "20"), None, "a plain score is read as typed");
        assert_eq!(read("beaucoup %", "20"), None);
        assert_eq!(read("75 %", "vingt"), None, "a maximum that is no number is refused by the checks");
    }

    #[test]
    fn a_score_typed_as_a_fraction_is_the_same_share_of_its_maximum() {
        let read = |score, max| score_of_fraction(score, max);
        assert_eq!(read("17/20", ""), Some(("17".into(), "20".into())));
        assert_eq!(read("14 / 20", "20"), Some(("14".into(), "20".into())));
        assert_eq!(read("8,5/10", "20"), Some(("17".into(), "20".into())));
        assert_eq!(read("17", "20"), None, "a plain score is read as typed");
        assert_eq!(read("17/0", ""), None);
        assert_eq!(read("05/03/2019", ""), None, "a date is no score");
        assert_eq!(read("abs/20", "20"), None);
        assert_eq!(read("17/20", "vingt"), None);
    }

    #[test]
    fn a_score_typed_as_a_percentage_is_read_as_its_share_on_every_path() {
        const SESSION: &str = "0190a4b2-0000-7000-8000-000000000001";
        const PERSON: &str = "0190a4b2-0000-7000-8000-000000000002";
        let score = |pairs: &[(&str, &str)], existing: Option<&Row>| {
            let mut typed = input_of(&[("session_id", SESSION), ("person_id", PERSON), ("phase", "post")]);
            typed.extend(input_of(pairs));
            parse_input(Kind::TestScore, &typed, existing)
        };
        let read = score(&[("score", "75 %"), ("max_score", "20")], None).unwrap();
        assert_eq!((read["score"].as_f64(), read["max_score"].as_f64()), (Some(15.0), Some(20.0)));
        let out_of_100 = score(&[("score", "62,5 %")], None).unwrap();
        assert_eq!((out_of_100["score"].as_f64(), out_of_100["max_score"].as_f64()), (Some(62.5), Some(100.0)));
        // An edit typed as a percentage is a share of the record's maximum.
        let edited = score(&[("score", "50 %")], Some(&read)).unwrap();
        assert_eq!((edited["score"].as_f64(), edited["max_score"].as_f64()), (Some(10.0), Some(20.0)));
        // Refused by the value typed, not the value read.
        let refused = score(&[("score", "110 %"), ("max_score", "20")], None).unwrap_err();
        let problems: Vec<(&str, ProblemCode, &str)> =
            refused.0.iter().map(|p| (p.field.as_str(), p.code, p.value.as_str())).collect();
        assert_eq!(problems, [("score", ProblemCode::ScoreAboveMaximum, "110 %")]);
        let plain = score(&[("score", "15"), ("max_score", "20")], None).unwrap();
        assert_eq!(plain["score"].as_f64(), Some(15.0), "a score typed as a number is read as typed");
    }

    fn input(pairs: &[(&str, &str)]) -> Input {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn french_dates_are_read_and_impossible_dates_refused() {
        assert_eq!(parse_date("05/03/2019"), NaiveDate::from_ymd_opt(2019, 3, 5));
        assert_eq!(parse_date("2019-03-05"), NaiveDate::from_ymd_opt(2019, 3, 5));
        assert_eq!(parse_date("31/02/2024"), None);
        assert_eq!(parse_date("29/02/2023"), None);
        assert_eq!(parse_date("29/02/2024"), NaiveDate::from_ymd_opt(2024, 2, 29));
    }

    #[test]
    fn dates_with_the_month_in_french_words_and_no_two_digit_years() {
        let march_5 = NaiveDate::from_ymd_opt(2019, 3, 5);
        for text in ["5 mars 2019", "05 Mars 2019", "05-mars-2019", "5\u{a0}mars\u{a0}2019"] {
            assert_eq!(parse_date(text), march_5, "{text}");
        }
        assert_eq!(parse_date("1er avril 2019"), NaiveDate::from_ymd_opt(2019, 4, 1));
        assert_eq!(parse_date("15 août 2026"), NaiveDate::from_ymd_opt(2026, 8, 15));
        assert_eq!(parse_date("15 aout 2026"), NaiveDate::from_ymd_opt(2026, 8, 15));
        assert_eq!(parse_date("3 sept. 2026"), NaiveDate::from_ymd_opt(2026, 9, 3));
        assert_eq!(parse_date("14 févr. 2026"), NaiveDate::from_ymd_opt(2026, 2, 14));
        assert_eq!(parse_date("30 février 2026"), None, "no 30 February");
        assert_eq!(parse_date("5 mars"), None, "no year");
        assert_eq!(parse_date("5 mars 19"), None, "a two-digit year");
        assert_eq!(parse_date("05/03/19"), None, "a two-digit year");
        assert_eq!(parse_date("5 brumaire 2019"), None);
        assert_eq!(parse_date("5 mars 2019 matin"), None);
    }

    #[test]
    fn a_date_headed_by_its_day_is_read_when_it_falls_on_that_day() {
        let march_4 = NaiveDate::from_ymd_opt(2019, 3, 4);
        for text in
            ["lundi 4 mars 2019", "Lundi 04/03/2019", "LUNDI, 04/03/2019", "lun. 4 mars 2019", "Lundi\u{a0}4 mars 2019"]
        {
            assert_eq!(parse_date(text), march_4, "{text}");
        }
        assert_eq!(parse_date("mardi 4 mars 2019"), None, "4 March 2019 was a Monday");
        assert_eq!(parse_date("lundi"), None);
        assert_eq!(parse_date("lundi prochain"), None);
    }

    #[test]
    fn times_as_french_typography_spaces_them() {
        let half_past_eight = NaiveTime::from_hms_opt(8, 30, 0);
        for text in ["8h30", "08:30", "8 h 30", "8\u{a0}h\u{a0}30", "08H30", "8:30:00"] {
            assert_eq!(parse_time(text), half_past_eight, "{text}");
        }
        assert_eq!(parse_time("14 h"), NaiveTime::from_hms_opt(14, 0, 0));
        assert_eq!(parse_time("25h"), None);
        assert_eq!(parse_time("8 h 75"), None);
    }

    #[test]
    fn durations_in_the_ways_people_write_them() {
        assert_eq!(parse_duration_minutes("2h30"), Some(150));
        assert_eq!(parse_duration_minutes("2,5"), Some(150));
        assert_eq!(parse_duration_minutes("150 min"), Some(150));
        assert_eq!(parse_duration_minutes("1:45"), Some(105));
        assert_eq!(parse_duration_minutes("3h"), Some(180));
        assert_eq!(parse_duration_minutes("2 heures"), Some(120));
        assert_eq!(parse_duration_minutes("1 heure 30"), Some(90));
        assert_eq!(parse_duration_minutes("1\u{a0}h\u{a0}30"), Some(90));
        assert_eq!(parse_duration_minutes("deux heures"), None);
    }

    #[test]
    fn every_problem_of_a_record_is_reported_at_once() {
        let err = parse_input(Kind::Person, &input(&[("sex", "X"), ("cadre", "astronaute"), ("colour", "blue")]), None)
            .unwrap_err();
        let fields: Vec<_> = err.0.iter().map(|p| (p.field.as_str(), p.code)).collect();
        assert!(fields.contains(&("colour", ProblemCode::UnknownField)));
        assert!(fields.contains(&("sex", ProblemCode::UnknownValue)));
        assert!(fields.contains(&("cadre", ProblemCode::UnknownValue)));
        assert!(fields.contains(&("family_name", ProblemCode::Required)));
        let cadre = err.0.iter().find(|p| p.field == "cadre").unwrap();
        assert_eq!(cadre.value, "astronaute");
    }

    #[test]
    fn an_edit_keeps_untouched_fields_and_clears_emptied_ones() {
        let created = parse_input(
            Kind::Person,
            &input(&[("family_name", "Mahamat"), ("phone", "+235 66 00 00 00"), ("cadre", "SF")]),
            None,
        )
        .unwrap();
        assert_eq!(created["cadre"], "sage_femme");
        assert_eq!(created["role"], "participant");
        let edited = parse_input(Kind::Person, &input(&[("phone", "")]), Some(&created)).unwrap();
        assert_eq!(edited["family_name"], "Mahamat");
        assert!(edited["phone"].is_null());
    }
}
