//! The scope options shared by reports and exports: `--programme`,
//! `--mission`, `--from`, `--to`.

use binome_core::Binome;
use binome_core::domain::indicators::Scope;
use clap::ArgMatches;

/// Reads the scope options; bad dates are reported together.
pub fn scope_from(binome: &Binome, matches: &ArgMatches) -> anyhow::Result<Scope> {
    let text = |name: &str| matches.get_one::<String>(name).map(String::as_str);
    Ok(binome.scope_from_text(text("programme"), text("mission"), text("from"), text("to"))?)
}
