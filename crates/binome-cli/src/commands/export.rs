//! `binome export xlsx|csv`: indicators and raw records for donors, the
//! ministry and spreadsheets.

use super::Ctx;
use crate::output::say;
use binome_core::domain::indicators::{Breakdown, Scope};
use binome_core::domain::input::parse_date;
use binome_core::domain::{Kind, Problem, ProblemCode, Problems};
use binome_core::exports::{RawTable, csv, workbook};
use binome_core::{Binome, CoreError};
use clap::ArgMatches;
use std::path::Path;
use std::process::ExitCode;

fn scope(binome: &Binome, matches: &ArgMatches) -> anyhow::Result<Scope> {
    let mut problems = Problems::default();
    let mut date = |field: &str, label: &str| {
        let text = matches.get_one::<String>(field)?;
        let parsed = parse_date(text);
        if parsed.is_none() {
            problems.push(Problem::new(label, ProblemCode::InvalidDate, text.as_str()));
        }
        parsed
    };
    let (from, to) = (date("from", "start_date"), date("to", "end_date"));
    if !problems.is_empty() {
        return Err(CoreError::Invalid { kind: Kind::Programme, problems }.into());
    }
    Ok(Scope {
        programme_id: matches.get_one::<String>("programme").map(|p| binome.resolve(Kind::Programme, p)).transpose()?,
        mission_id: matches.get_one::<String>("mission").map(|m| binome.resolve(Kind::Mission, m)).transpose()?,
        from,
        to,
    })
}

pub fn export(binome: &Binome, matches: &ArgMatches, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let m = ctx.messages;
    let (format, sub) = matches.subcommand().expect("a format is required");
    let scope = scope(binome, sub)?;
    let pseudonymise = sub.get_flag("pseudonymise");
    let out = Path::new(sub.get_one::<String>("out").expect("required"));
    let bytes = match format {
        "xlsx" => {
            let breakdowns: Vec<Breakdown> = match sub.get_many::<String>("by") {
                Some(values) => values.filter_map(|b| Breakdown::parse(b)).collect(),
                None => Breakdown::ALL.to_vec(),
            };
            let mut tables = binome.indicator_tables(&scope, &breakdowns, m)?;
            if !sub.get_flag("no-raw") {
                for &raw in RawTable::ALL {
                    tables.push(binome.raw_table(raw, &scope, pseudonymise, m)?);
                }
            }
            workbook(&tables)?
        }
        _ => {
            let table_name = sub.get_one::<String>("table").expect("has a default");
            let table = match RawTable::parse(table_name) {
                Some(raw) => binome.raw_table(raw, &scope, pseudonymise, m)?,
                None => {
                    let by: Vec<Breakdown> =
                        sub.get_one::<String>("by").and_then(|b| Breakdown::parse(b)).into_iter().collect();
                    binome.indicator_tables(&scope, &by, m)?.pop().expect("at least the total")
                }
            };
            csv(&table, sub.get_one::<String>("dialect").map(String::as_str) != Some("plain"))
        }
    };
    std::fs::write(out, bytes).map_err(|e| CoreError::io(out, e))?;
    say(m.text("export-written", &[("path", out.display().to_string())]));
    Ok(ExitCode::SUCCESS)
}
