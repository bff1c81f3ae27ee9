//! `binome export xlsx|csv`: indicators and raw records for donors, the
//! ministry and spreadsheets.

use super::Ctx;
use crate::output::say;
use binome_core::domain::indicators::Breakdown;
use binome_core::exports::{RawTable, csv, workbook};
use binome_core::{Binome, CoreError};
use clap::ArgMatches;
use std::path::Path;
use std::process::ExitCode;

pub fn export(binome: &Binome, matches: &ArgMatches, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let m = ctx.messages;
    let (format, sub) = matches.subcommand().expect("a format is required");
    let scope = super::scope::scope_from(binome, sub)?;
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
