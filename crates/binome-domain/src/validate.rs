//! Checks that look at one whole record (several of its fields together).
//! Checks that need other records (a session inside its mission's dates)
//! are made by the core, which has the store.

use crate::framework::{Domain, RatingScale};
use crate::input::Row;
use crate::kind::Kind;
use crate::problem::{Problem, ProblemCode, Problems};
use serde_json::Value;

fn text<'a>(row: &'a Row, field: &str) -> Option<&'a str> {
    row.get(field).and_then(Value::as_str)
}

fn number(row: &Row, field: &str) -> Option<f64> {
    row.get(field).and_then(Value::as_f64)
}

fn show(n: f64) -> String {
    if n.fract() == 0.0 { format!("{}", n as i64) } else { format!("{n}") }
}

pub fn check_record(kind: Kind, row: &Row, problems: &mut Problems) {
    match kind {
        Kind::Programme => {
            check_period(row, "start_date", "end_date", problems);
            if let Some(h) = number(row, "hours_per_day") {
                if !(h > 0.0 && h <= 24.0) {
                    problems.push(
                        Problem::new("hours_per_day", ProblemCode::OutOfRange, show(h))
                            .with("min", "0")
                            .with("max", "24"),
                    );
                }
            }
            if let Some(mark) = number(row, "pass_mark") {
                if !(0.0..=100.0).contains(&mark) {
                    problems.push(
                        Problem::new("pass_mark", ProblemCode::OutOfRange, show(mark))
                            .with("min", "0")
                            .with("max", "100"),
                    );
                }
            }
        }
        Kind::Mission => check_period(row, "start_date", "end_date", problems),
        Kind::Session => {
            if let Some(minutes) = row.get("duration").and_then(Value::as_i64) {
                if minutes <= 0 {
                    problems.push(Problem::new("duration", ProblemCode::NotPositive, minutes.to_string()));
                } else if minutes > 24 * 60 {
                    problems.push(
                        Problem::new("duration", ProblemCode::OutOfRange, minutes.to_string())
                            .with("min", "0")
                            .with("max", "1440"),
                    );
                }
            }
        }
        Kind::TestScore => {
            let (score, max) = (number(row, "score"), number(row, "max_score"));
            if let Some(max) = max {
                if max <= 0.0 {
                    problems.push(Problem::new("max_score", ProblemCode::NotPositive, show(max)));
                }
            }
            if let Some(score) = score {
                if score < 0.0 {
                    problems.push(
                        Problem::new("score", ProblemCode::OutOfRange, show(score))
                            .with("min", "0")
                            .with("max", max.map(show).unwrap_or_default()),
                    );
                } else if let Some(max) = max.filter(|m| score > *m) {
                    problems.push(
                        Problem::new("score", ProblemCode::ScoreAboveMaximum, show(score)).with("max", show(max)),
                    );
                }
            }
        }
        Kind::PersonMerge if text(row, "kept_id").is_some() && text(row, "kept_id") == text(row, "merged_id") => {
            problems.push(Problem::new(
                "merged_id",
                ProblemCode::SelfMerge,
                text(row, "merged_id").unwrap_or_default(),
            ));
        }
        // A session sent back says why, whoever sends it back and however:
        // the expert has to know what to correct.
        Kind::Review
            if text(row, "decision") == Some("returned")
                && text(row, "comment").is_none_or(|c| c.trim().is_empty()) =>
        {
            problems.push(Problem::new("comment", ProblemCode::Required, ""));
        }
        Kind::Framework => {
            match row.get("scale").cloned().map(serde_json::from_value::<RatingScale>) {
                Some(Ok(scale)) => scale.check(problems),
                _ => problems.push(Problem::new("scale", ProblemCode::UnknownValue, compact(row.get("scale")))),
            }
            match row.get("domains").cloned().map(serde_json::from_value::<Vec<Domain>>) {
                Some(Ok(domains)) if !domains.is_empty() => {}
                _ => problems.push(Problem::new("domains", ProblemCode::UnknownValue, compact(row.get("domains")))),
            }
        }
        Kind::Assessment => {
            let is_map_of_texts =
                row.get("ratings").and_then(Value::as_object).is_some_and(|m| m.values().all(Value::is_string));
            if !is_map_of_texts {
                problems.push(Problem::new("ratings", ProblemCode::UnknownValue, compact(row.get("ratings"))));
            }
        }
        _ => {}
    }
}

fn compact(value: Option<&Value>) -> String {
    let text = value.map(Value::to_string).unwrap_or_default();
    text.chars().take(60).collect()
}

fn check_period(row: &Row, start: &str, end: &str, problems: &mut Problems) {
    if let (Some(s), Some(e)) = (text(row, start), text(row, end)) {
        // ISO dates compare correctly as text.
        if e < s {
            problems.push(Problem::new(end, ProblemCode::EndBeforeStart, e).with("start", s));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Kind, ProblemCode, parse_input};

    fn codes(kind: Kind, pairs: &[(&str, &str)]) -> Vec<(String, ProblemCode)> {
        let input = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        match parse_input(kind, &input, None) {
            Ok(_) => vec![],
            Err(p) => p.0.into_iter().map(|p| (p.field, p.code)).collect(),
        }
    }

    const SESSION: &str = "0190a4b2-0000-7000-8000-000000000001";
    const PERSON: &str = "0190a4b2-0000-7000-8000-000000000002";

    #[test]
    fn a_line_break_or_a_control_character_in_a_one_line_field_is_refused() {
        let got = codes(Kind::Person, &[("family_name", "MAHAMAT;Zénaba\nABAKAR"), ("given_names", "Hiss\u{0}ène")]);
        assert_eq!(
            got,
            [
                ("family_name".to_string(), ProblemCode::LineBreak),
                ("given_names".to_string(), ProblemCode::ControlCharacter)
            ]
        );
        assert_eq!(codes(Kind::Person, &[("family_name", "NGAR\tMBAYE")]), []);
    }

    #[test]
    fn a_score_above_its_maximum_is_refused() {
        let got = codes(
            Kind::TestScore,
            &[("session_id", SESSION), ("person_id", PERSON), ("phase", "post"), ("score", "21"), ("max_score", "20")],
        );
        assert_eq!(got, vec![("score".into(), ProblemCode::ScoreAboveMaximum)]);
    }

    #[test]
    fn a_duration_of_zero_is_refused() {
        let got = codes(
            Kind::Session,
            &[
                ("mission_id", SESSION),
                ("title", "SONU"),
                ("modality", "atelier"),
                ("date", "05/03/2019"),
                ("duration", "0"),
            ],
        );
        assert_eq!(got, vec![("duration".into(), ProblemCode::NotPositive)]);
    }

    #[test]
    fn a_mission_ending_before_it_starts_is_refused() {
        let got = codes(
            Kind::Mission,
            &[
                ("programme_id", SESSION),
                ("code", "M1"),
                ("title", "t"),
                ("host_org_id", PERSON),
                ("start_date", "10/03/2019"),
                ("end_date", "01/03/2019"),
            ],
        );
        assert_eq!(got, vec![("end_date".into(), ProblemCode::EndBeforeStart)]);
    }

    #[test]
    fn a_session_returned_without_a_comment_is_refused_and_validated_needs_none() {
        let returned = |comment: &str| {
            codes(Kind::Review, &[("session_id", SESSION), ("decision", "returned"), ("comment", comment)])
        };
        assert_eq!(returned(""), vec![("comment".into(), ProblemCode::Required)]);
        assert_eq!(returned("   "), vec![("comment".into(), ProblemCode::Required)]);
        assert_eq!(returned("Liste de présence incomplète"), vec![]);
        assert_eq!(codes(Kind::Review, &[("session_id", SESSION), ("decision", "validated")]), vec![]);
    }
}
