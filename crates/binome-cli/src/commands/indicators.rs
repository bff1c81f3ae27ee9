//! `binome indicators`: the common indicators as a table, JSON or CSV.

use super::Ctx;
use crate::output::say;
use crate::output::{number, percent, table};
use binome_core::domain::indicators::{Breakdown, Indicators, Scope};
use binome_core::domain::input::parse_date;
use binome_core::domain::{Kind, Problem, ProblemCode, Problems};
use binome_core::i18n::{Lang, Messages};
use binome_core::indicators::IndicatorReport;
use binome_core::{Binome, CoreError};
use clap::ArgMatches;
use std::process::ExitCode;

/// The indicators in report order; each is also a catalogue key `ind-<name>`.
const COLUMNS: &[&str] = &[
    "sessions",
    "persons_trained",
    "training_hours",
    "person_hours",
    "person_days",
    "attendance_rate",
    "scored_pairs",
    "pre_mean_percent",
    "post_mean_percent",
    "gain_points",
    "pass_rate",
    "competency_pairs",
    "competencies_acquired_rate",
    "progression_rate",
    "sessions_validated_rate",
    "missions",
    "expert_days",
];

pub fn indicators(binome: &Binome, matches: &ArgMatches, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let mut problems = Problems::default();
    let mut date = |field: &str| {
        let text = matches.get_one::<String>(field)?;
        let parsed = parse_date(text);
        if parsed.is_none() {
            problems.push(Problem::new(
                if field == "from" { "start_date" } else { "end_date" },
                ProblemCode::InvalidDate,
                text.as_str(),
            ));
        }
        parsed
    };
    let (from, to) = (date("from"), date("to"));
    if !problems.is_empty() {
        return Err(CoreError::Invalid { kind: Kind::Programme, problems }.into());
    }
    let scope = Scope {
        programme_id: matches.get_one::<String>("programme").map(|p| binome.resolve(Kind::Programme, p)).transpose()?,
        mission_id: matches.get_one::<String>("mission").map(|p| binome.resolve(Kind::Mission, p)).transpose()?,
        from,
        to,
    };
    let by = matches.get_one::<String>("by").and_then(|b| Breakdown::parse(b));
    let report = binome.indicators(&scope, by)?;
    if ctx.json {
        say(serde_json::to_string_pretty(&report)?);
    } else if matches.get_flag("csv") {
        print_csv(&report, ctx.messages);
    } else {
        print_table(&report, ctx.messages);
    }
    Ok(ExitCode::SUCCESS)
}

fn group_name(report: &IndicatorReport, key: &str, label: &str, m: &Messages) -> String {
    if key.is_empty() {
        return m.value("unknown");
    }
    match report.breakdown {
        Some(Breakdown::Facility | Breakdown::Programme) if !label.is_empty() => label.to_owned(),
        Some(Breakdown::Month) => key.split_once('-').map_or(key.to_owned(), |(y, mo)| format!("{mo}/{y}")),
        _ => m.value(key),
    }
}

fn cell(ind: &Indicators, column: &str, lang: Lang, raw: bool) -> String {
    let rate = |v: Option<f64>| v.map(|r| if raw { format!("{r:.4}") } else { percent(r, lang) });
    let num = |v: f64, d: usize| if raw { format!("{v:.2}") } else { number(v, d, lang) };
    let text = match column {
        "sessions" => ind.sessions.map(|v| v.to_string()),
        "persons_trained" => Some(ind.persons_trained.to_string()),
        "training_hours" => ind.training_hours.map(|v| num(v, 1)),
        "person_hours" => Some(num(ind.person_hours, 1)),
        "person_days" => Some(num(ind.person_days, 1)),
        "attendance_rate" => rate(ind.attendance_rate),
        "scored_pairs" => Some(ind.scored_pairs.to_string()),
        "pre_mean_percent" => ind.pre_mean_percent.map(|v| num(v, 1)),
        "post_mean_percent" => ind.post_mean_percent.map(|v| num(v, 1)),
        "gain_points" => ind.gain_points.map(|v| num(v, 1)),
        "pass_rate" => rate(ind.pass_rate),
        "competency_pairs" => Some(ind.competency_pairs.to_string()),
        "competencies_acquired_rate" => rate(ind.competencies_acquired_rate),
        "progression_rate" => rate(ind.progression_rate),
        "sessions_validated_rate" => rate(ind.sessions_validated_rate),
        "missions" => ind.missions.map(|v| v.to_string()),
        "expert_days" => ind.expert_days.map(|v| v.to_string()),
        _ => None,
    };
    match text {
        Some(text) if raw && lang == Lang::Fr => text.replace('.', ","),
        Some(text) => text,
        // Not applicable to this split (sessions have no sex) or no data.
        None if raw => String::new(),
        None => "—".to_owned(),
    }
}

fn rows(report: &IndicatorReport, m: &Messages, raw: bool) -> (Vec<String>, Vec<Vec<String>>) {
    let mut headers = vec![m.text("ind-group", &[])];
    headers.extend(COLUMNS.iter().map(|c| m.text(&format!("ind-{c}"), &[])));
    let mut out = Vec::new();
    for group in &report.groups {
        let mut row = vec![group_name(report, &group.key, &group.label, m)];
        row.extend(COLUMNS.iter().map(|c| cell(&group.indicators, c, m.lang, raw)));
        out.push(row);
    }
    let mut total = vec![m.text("ind-total", &[])];
    total.extend(COLUMNS.iter().map(|c| cell(&report.total, c, m.lang, raw)));
    out.push(total);
    (headers, out)
}

fn print_table(report: &IndicatorReport, m: &Messages) {
    // Indicators down, groups across: reads like the donor tables.
    let (headers, body) = rows(report, m, false);
    let mut t = table(std::iter::once(String::new()).chain(body.iter().map(|r| r[0].clone())).collect());
    for (i, header) in headers.iter().enumerate().skip(1) {
        t.add_row(std::iter::once(header.clone()).chain(body.iter().map(|r| r[i].clone())).collect::<Vec<_>>());
    }
    say(&t);
}

fn print_csv(report: &IndicatorReport, m: &Messages) {
    let (headers, body) = rows(report, m, true);
    let bytes = match m.lang {
        Lang::Fr => binome_core::spreadsheet::write_french_csv(&headers, &body),
        Lang::En => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(&headers).expect("writing to memory");
            for row in &body {
                w.write_record(row).expect("writing to memory");
            }
            w.into_inner().expect("writing to memory")
        }
    };
    use std::io::Write;
    std::io::stdout().write_all(&bytes).expect("stdout is writable");
}
