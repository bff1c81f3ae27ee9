//! The scope options shared by reports and exports: `--programme`,
//! `--mission`, `--from`, `--to`.

use binome_core::domain::indicators::Scope;
use binome_core::domain::input::parse_date;
use binome_core::domain::{Kind, Problem, ProblemCode, Problems};
use binome_core::{Binome, CoreError};
use clap::ArgMatches;

/// Reads the scope options; bad dates are reported together.
pub fn scope_from(binome: &Binome, matches: &ArgMatches) -> anyhow::Result<Scope> {
    let mut problems = Problems::default();
    let mut date = |option: &str, field: &str| {
        let text = matches.get_one::<String>(option)?;
        let parsed = parse_date(text);
        if parsed.is_none() {
            problems.push(Problem::new(field, ProblemCode::InvalidDate, text.as_str()));
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
