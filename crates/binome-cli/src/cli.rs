//! The command line's top: its global options and its command groups. Each
//! group's grammar lives beside its handler in `commands/`; record
//! commands are built from the domain's field lists, so every field of
//! every kind has its option without being declared twice.

use crate::commands::{export, import, indicators, nearby, passphrase, records, setup, sync};
use clap::{Arg, ArgAction, Command};

pub fn command() -> Command {
    let mut cmd = Command::new("binome")
        .version(env!("CARGO_PKG_VERSION"))
        .about("Binôme — carnet de bord des missions de compagnonnage hospitalier / logbook of hospital buddy missions")
        .subcommand_required(true)
        .arg(
            Arg::new("db")
                .long("db")
                .global(true)
                .env("BINOME_DB")
                .value_name("FICHIER")
                .help("Magasin SQLite / store file"),
        )
        .arg(
            Arg::new("lang")
                .long("lang")
                .global(true)
                .value_name("fr|en")
                .help("Langue des messages / message language"),
        )
        .arg(Arg::new("json").long("json").global(true).action(ArgAction::SetTrue).help("Sortie JSON / JSON output"))
        .subcommand(setup::init_command())
        .subcommand(setup::device_command())
        .subcommand(import::import_command())
        .subcommand(import::template_command())
        .subcommand(indicators::indicators_command())
        .subcommand(export::export_command())
        .subcommand(export::dhis2_command())
        .subcommand(export::print_command())
        .subcommand(setup::demo_command())
        .subcommand(setup::check_command())
        .subcommand(sync::bundle_command())
        .subcommand(nearby::sync_command())
        .subcommand(sync::devices_command())
        .subcommand(sync::conflicts_command())
        .subcommand(sync::dump_command())
        .subcommand(passphrase::passphrase_command())
        .subcommand(passphrase::recovery_kit_command())
        .subcommand(passphrase::unlock_command())
        .subcommand(setup::backup_command());
    let labels = records::Labels::new();
    for (name, alias, kind) in records::RECORD_COMMANDS {
        cmd = cmd.subcommand(records::record_command(name, alias, *kind, &labels));
    }
    cmd
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_grammar_is_consistent() {
        super::command().debug_assert();
    }

    #[test]
    fn reference_options_read_naturally() {
        use crate::commands::records::option_name;
        assert_eq!(option_name("mission_id"), "mission");
        assert_eq!(option_name("trainer_ids"), "trainers");
        assert_eq!(option_name("family_name"), "family-name");
    }
}
