//! The passphrase a command needs: `BINOME_PASSPHRASE` for scripts, else
//! asked at the terminal, without echo. A new one is asked twice.

use clap::{Arg, Command};

use binome_core::Binome;
use binome_core::i18n::Messages;
use binome_core::vault::{Passphrase, StoreState, kit_path, reset_passphrase_from_kit, store_state};
use clap::ArgMatches;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub const PASSPHRASE_ENV: &str = "BINOME_PASSPHRASE";
/// The new passphrase of `binome passphrase change`, for scripts.
pub const NEW_PASSPHRASE_ENV: &str = "BINOME_NEW_PASSPHRASE";

#[derive(Debug, thiserror::Error)]
pub enum PassphraseError {
    #[error("no passphrase: set {env} or run the command in a terminal")]
    NotGiven { env: &'static str },
    #[error("the two passphrases typed differ")]
    Differ,
}

fn from_env(name: &str) -> Option<Passphrase> {
    std::env::var(name).ok().filter(|p| !p.is_empty()).map(Passphrase::new)
}

fn ask(prompt: &str, env: &'static str) -> Result<Passphrase, PassphraseError> {
    rpassword::prompt_password(format!("{prompt} ")).map(Passphrase::new).map_err(|_| PassphraseError::NotGiven { env })
}

fn current(m: &Messages) -> Result<Passphrase, PassphraseError> {
    from_env(PASSPHRASE_ENV).map_or_else(|| ask(&m.text("cli-passphrase-prompt", &[]), PASSPHRASE_ENV), Ok)
}

fn chosen(env: &'static str, m: &Messages) -> Result<Passphrase, PassphraseError> {
    if let Some(given) = from_env(env) {
        return Ok(given);
    }
    let first = ask(&m.text("cli-passphrase-new", &[]), env)?;
    let again = ask(&m.text("cli-passphrase-again", &[]), env)?;
    if first.matches(&again) { Ok(first) } else { Err(PassphraseError::Differ) }
}

/// Unlocks the store at `path`; a new store, or one from before
/// encryption, first gets the passphrase chosen now.
pub fn open(path: &Path, m: &Messages) -> anyhow::Result<Binome> {
    Ok(match store_state(path)? {
        StoreState::New | StoreState::Unprotected => Binome::set_up(path, &chosen(PASSPHRASE_ENV, m)?)?,
        StoreState::Locked => Binome::unlock_telling(path, &current(m)?, || {
            eprintln!("{}", m.text("cli-store-key-replacing", &[]));
        })?,
    })
}

/// `binome passphrase change`.
pub fn change(binome: &Binome, ctx: &super::Ctx) -> anyhow::Result<std::process::ExitCode> {
    let m = ctx.messages;
    let current = current(m)?;
    let new = chosen(NEW_PASSPHRASE_ENV, m)?;
    binome.change_passphrase(&current, &new)?;
    ctx.done(serde_json::json!({ "passphrase_changed": true }), || m.text("cli-passphrase-changed", &[]));
    Ok(std::process::ExitCode::SUCCESS)
}

/// `binome recovery-kit [--out FILE]`: the kit for the coordinators
/// trusted here (beside the store unless `--out`).
pub fn recovery_kit(binome: &mut Binome, sub: &ArgMatches, ctx: &super::Ctx) -> anyhow::Result<ExitCode> {
    let out = sub.get_one::<String>("out").map(PathBuf::from).unwrap_or_else(|| kit_path(binome.store_path()));
    let kit = binome.write_recovery_kit(&out)?;
    if let Some(pdf) = sub.get_one::<String>("pdf") {
        let bytes = binome_core::print::recovery_kit_pdf(&kit, ctx.messages)?;
        binome_core::private::write_private(std::path::Path::new(pdf), &bytes)
            .map_err(|e| binome_core::CoreError::io(std::path::Path::new(pdf), e))?;
    }
    let names: Vec<String> = kit.seal.coordinators.iter().map(|c| c.name.clone()).collect();
    if ctx.json {
        println!("{}", serde_json::json!({ "path": out.display().to_string(), "coordinators": names }));
    } else {
        let args = [("path", out.display().to_string()), ("coordinators", names.join(", "))];
        println!("{}", ctx.messages.text("cli-kit-written", &args));
    }
    Ok(ExitCode::SUCCESS)
}

/// `binome unlock --from-kit KIT --store STORE`, on a coordinator's
/// laptop: a new passphrase for the expert's store the kit opens.
pub fn unlock_from_kit(coordinator: &mut Binome, sub: &ArgMatches, ctx: &super::Ctx) -> anyhow::Result<ExitCode> {
    let m = ctx.messages;
    let kit = PathBuf::from(sub.get_one::<String>("from-kit").expect("required"));
    let target = PathBuf::from(sub.get_one::<String>("store").expect("required"));
    let new = chosen(NEW_PASSPHRASE_ENV, m)?;
    let kit = reset_passphrase_from_kit(coordinator, &kit, &target, &new)?;
    ctx.done(serde_json::json!({ "device": kit.device_name, "author": kit.author, "store": target }), || {
        let args = [
            ("device", kit.device_name.clone()),
            ("author", kit.author.clone()),
            ("store", target.display().to_string()),
        ];
        m.text("cli-kit-unlocked", &args)
    });
    Ok(ExitCode::SUCCESS)
}

pub fn describe(error: &PassphraseError, m: &Messages) -> String {
    match error {
        PassphraseError::NotGiven { env } => m.text("error-passphrase-not-given", &[("env", (*env).to_owned())]),
        PassphraseError::Differ => m.text("error-passphrases-differ", &[]),
    }
}

// The grammar of these commands, beside their handlers.

pub(crate) fn passphrase_command() -> Command {
    Command::new("passphrase")
        .visible_alias("phrase-de-passe")
        .about("Phrase de passe du magasin / the store's passphrase")
        .subcommand_required(true)
        .subcommand(
            Command::new("change")
                .visible_alias("changer")
                .about("Changer la phrase de passe (BINOME_NEW_PASSPHRASE pour un script) / change it"),
        )
}

pub(crate) fn recovery_kit_command() -> Command {
    Command::new("recovery-kit")
        .visible_alias("kit-de-recuperation")
        .about("Écrire le kit de récupération pour les coordinateurs reconnus / write the recovery kit")
        .arg(Arg::new("out").long("out").value_name("FICHIER"))
        .arg(Arg::new("pdf").long("pdf").value_name("FICHIER.pdf"))
}

pub(crate) fn unlock_command() -> Command {
    Command::new("unlock")
        .visible_alias("deverrouiller")
        .about(
            "Coordinateur : nouvelle phrase de passe d'un magasin oublié, par son kit (BINOME_NEW_PASSPHRASE) / \
             coordinator: a new passphrase for a forgotten store, through its kit",
        )
        .arg(Arg::new("from-kit").long("from-kit").required(true).value_name("KIT"))
        .arg(Arg::new("store").long("store").required(true).value_name("MAGASIN"))
}
