//! One module per group of subcommands; `run` opens the store and dispatches.

pub mod errors;
pub(crate) mod export;
pub(crate) mod import;
pub(crate) mod indicators;
mod mapping_file;
pub(crate) mod nearby;
pub mod passphrase;
pub(crate) mod records;
pub(crate) mod scope;
pub(crate) mod setup;
pub(crate) mod sync;

use binome_core::default_store_path;
use binome_core::dhis2::Dhis2Format;
use binome_core::i18n::Messages;
use clap::ArgMatches;
use std::path::PathBuf;
use std::process::ExitCode;

pub struct Ctx<'a> {
    pub messages: &'a Messages,
    pub json: bool,
}

impl Ctx<'_> {
    /// A list: as JSON with `--json`; else the sentence `none` when it is
    /// empty; else as `show` prints it.
    pub fn print_list<T: serde::Serialize>(
        &self,
        items: Vec<T>,
        none: &str,
        show: impl FnOnce(Vec<T>) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        if self.json {
            crate::output::say(serde_json::to_string_pretty(&items)?);
        } else if items.is_empty() {
            crate::output::say(self.messages.text(none, &[]));
        } else {
            show(items)?;
        }
        Ok(())
    }

    /// What a command did: with `--json`, `done` as one JSON document and
    /// nothing else on standard output (a script reads it whole); else the
    /// person's sentence.
    pub fn done(&self, done: serde_json::Value, sentence: impl FnOnce() -> String) {
        crate::output::say(if self.json { done.to_string() } else { sentence() });
    }
}

fn store_path(matches: &ArgMatches) -> PathBuf {
    matches.get_one::<String>("db").map(PathBuf::from).unwrap_or_else(default_store_path)
}

pub fn run(matches: &ArgMatches, messages: &Messages) -> anyhow::Result<ExitCode> {
    let ctx = Ctx { messages, json: matches.get_flag("json") };
    let (name, sub) = matches.subcommand().expect("a subcommand is required");
    let open = |matches: &ArgMatches| passphrase::open(&store_path(matches), messages);
    match name {
        "passphrase" => passphrase::change(&open(matches)?, &ctx),
        "recovery-kit" => passphrase::recovery_kit(&mut open(matches)?, sub, &ctx),
        "unlock" => passphrase::unlock_from_kit(&mut open(matches)?, sub, &ctx),
        "init" => setup::init(&mut open(matches)?, sub, &ctx, &store_path(matches)),
        "device" => match sub.subcommand() {
            Some(("install-certificate", certificate)) => {
                setup::install_certificate(&mut open(matches)?, certificate, &ctx)
            }
            _ => setup::device_show(&mut open(matches)?, &ctx),
        },
        "demo" => setup::demo(&mut open(matches)?, sub, &ctx),
        "check" => setup::check(&open(matches)?, &ctx),
        "backup" => setup::backup(&mut open(matches)?, sub, &ctx),
        "bundle" => sync::bundle(&mut open(matches)?, sub, &ctx),
        "devices" => sync::devices(&mut open(matches)?, sub, &ctx),
        "sync" => nearby::sync(&mut open(matches)?, sub, &ctx),
        "conflicts" => sync::conflicts(&mut open(matches)?, sub, &ctx),
        "dump" => sync::dump(&open(matches)?, sub),
        "import" => import::import(&mut open(matches)?, sub, &ctx),
        "template" => import::template(sub, &ctx),
        "export" => match sub.subcommand() {
            Some(("dhis2-json", _)) => export::dhis2(&open(matches)?, sub, Dhis2Format::Json, &ctx),
            Some(("adx", _)) => export::dhis2(&open(matches)?, sub, Dhis2Format::Adx, &ctx),
            _ => export::export(&mut open(matches)?, sub, &ctx),
        },
        "dhis2" => export::dhis2_template(&open(matches)?, sub, &ctx),
        "print" => export::print(&open(matches)?, sub, &ctx),
        "indicators" => indicators::indicators(&open(matches)?, sub, &ctx),
        _ => {
            let (_, _, kind) =
                records::RECORD_COMMANDS.iter().find(|(n, _, _)| *n == name).expect("every record command is declared");
            records::run(&mut open(matches)?, *kind, sub, &ctx)
        }
    }
}
