//! The scope options shared by reports and exports: `--programme`,
//! `--mission`, `--from`, `--to`.

use clap::{Arg, ArgAction};

use binome_core::Binome;
use binome_core::domain::indicators::Scope;
use clap::ArgMatches;

/// Reads the scope options; bad dates are reported together.
pub fn scope_from(binome: &Binome, matches: &ArgMatches) -> anyhow::Result<Scope> {
    let text = |name: &str| matches.get_one::<String>(name).map(String::as_str);
    Ok(binome.scope_from_text(text("programme"), text("mission"), text("from"), text("to"))?)
}

// The grammar of these commands, beside their handlers.

pub(crate) fn scope_args() -> Vec<Arg> {
    vec![
        Arg::new("exact").long("exact").action(ArgAction::SetTrue).help(
            "Effectifs exacts, même sous 5 personnes (masqués « < 5 » sinon) / exact figures, even for fewer than 5 people (hidden \"< 5\" otherwise)",
        ),
        Arg::new("programme").long("programme").value_name("ID|CODE"),
        Arg::new("mission").long("mission").value_name("ID|CODE"),
        Arg::new("from").long("from").value_name("JJ/MM/AAAA"),
        Arg::new("to").long("to").value_name("JJ/MM/AAAA"),
        Arg::new("out").long("out").required(true).value_name("FICHIER"),
        Arg::new("pseudonymise")
            .long("pseudonymise")
            .action(ArgAction::SetTrue)
            .help("Noms et téléphones remplacés par des codes stables / names and phones replaced by stable codes"),
    ]
}

/// The domain's breakdowns, by code.
/// The device roles, as a laptop is set up or enrolled with them.
pub(crate) fn roles() -> Vec<&'static str> {
    binome_core::DeviceRole::codes().to_vec()
}

pub(crate) fn breakdowns() -> Vec<&'static str> {
    binome_core::domain::indicators::Breakdown::ALL.iter().map(|b| b.code()).collect()
}
