//! `binome indicators`: the common indicators as a table, JSON or CSV.

use super::scope::breakdowns;
use clap::{Arg, ArgAction, Command};

use super::Ctx;
use crate::output::say;
use crate::output::{number, percent, table};
use binome_core::Binome;
use binome_core::domain::indicators::{Breakdown, Indicators};
use binome_core::exports::{COUNT_INDICATORS, Cell, INDICATOR_COLUMNS, group_label, indicator_cell};
use binome_core::i18n::{Lang, Messages};
use binome_core::indicators::IndicatorReport;
use clap::ArgMatches;
use std::process::ExitCode;

pub fn indicators(binome: &Binome, matches: &ArgMatches, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let scope = super::scope::scope_from(binome, matches)?;
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
    match report.breakdown {
        Some(by) => group_label(m, by, key, label),
        None => m.value("unknown"),
    }
}

fn cell(ind: &Indicators, column: &str, lang: Lang, raw: bool) -> String {
    let text = match indicator_cell(ind, column) {
        Cell::Number(n) if COUNT_INDICATORS.contains(&column) => Some(format!("{}", n as i64)),
        Cell::Number(n) if raw => Some(format!("{n:.2}")),
        Cell::Number(n) => Some(number(n, 1, lang)),
        Cell::Rate(r) if raw => Some(format!("{r:.4}")),
        Cell::Rate(r) => Some(percent(r, lang)),
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
    headers.extend(INDICATOR_COLUMNS.iter().map(|c| m.text(&format!("ind-{c}"), &[])));
    let mut out = Vec::new();
    for group in &report.groups {
        let mut row = vec![group_name(report, &group.key, &group.label, m)];
        row.extend(INDICATOR_COLUMNS.iter().map(|c| cell(&group.indicators, c, m.lang, raw)));
        out.push(row);
    }
    let mut total = vec![m.text("ind-total", &[])];
    total.extend(INDICATOR_COLUMNS.iter().map(|c| cell(&report.total, c, m.lang, raw)));
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

// The grammar of these commands, beside their handlers.

pub(crate) fn indicators_command() -> Command {
    Command::new("indicators")
        .visible_alias("indicateurs")
        .about("Indicateurs communs / common indicators")
        .arg(Arg::new("programme").long("programme").value_name("ID|CODE"))
        .arg(Arg::new("mission").long("mission").value_name("ID|CODE"))
        .arg(Arg::new("from").long("from").value_name("JJ/MM/AAAA"))
        .arg(Arg::new("to").long("to").value_name("JJ/MM/AAAA"))
        .arg(Arg::new("by").long("by").value_parser(breakdowns()))
        .arg(Arg::new("csv").long("csv").action(ArgAction::SetTrue).help("CSV (;) pour Excel / CSV for Excel"))
}
