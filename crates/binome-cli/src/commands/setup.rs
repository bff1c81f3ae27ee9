//! `binome init`, `device show`, `demo`, `check`.

use clap::{Arg, Command};

use super::Ctx;
use super::scope::roles;
use crate::output::say;
use binome_core::demo::DemoScale;
use binome_core::{Binome, DeviceRole};
use clap::ArgMatches;
use std::path::Path;
use std::process::ExitCode;

fn default_author() -> String {
    std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_else(|_| "binome".into())
}

fn default_device_name() -> String {
    std::fs::read_to_string("/etc/hostname")
        .map(|s| s.trim().to_owned())
        .ok()
        .filter(|s| !s.is_empty())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .unwrap_or_else(|| "ordinateur".into())
}

pub fn init(binome: &mut Binome, matches: &ArgMatches, ctx: &Ctx, path: &Path) -> anyhow::Result<ExitCode> {
    let name = matches.get_one::<String>("name").cloned().unwrap_or_else(default_device_name);
    let author = matches.get_one::<String>("author").cloned().unwrap_or_else(default_author);
    let role = DeviceRole::parse(matches.get_one::<String>("role").expect("has a default")).expect("validated by clap");
    let device = binome.init(&name, &author, role)?;
    if ctx.json {
        say(serde_json::to_string_pretty(&device)?);
    } else {
        say(ctx.messages.text("cli-init-done", &[("path", path.display().to_string())]));
        print_device(&device, ctx);
        print_fingerprint(binome, ctx)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn print_fingerprint(binome: &mut Binome, ctx: &Ctx) -> anyhow::Result<()> {
    let sender = binome.sender()?;
    say(ctx.messages.text("sync-fingerprint", &[("fingerprint", sender.fingerprint)]));
    Ok(())
}

fn print_device(device: &binome_core::LocalDevice, ctx: &Ctx) {
    say(ctx.messages.text(
        "cli-device",
        &[
            ("device", device.device_id.clone()),
            ("name", device.name.clone()),
            ("role", ctx.messages.value(device.role.code())),
            ("author", device.author.clone()),
        ],
    ));
}

pub fn install_certificate(binome: &mut Binome, matches: &ArgMatches, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let path = Path::new(matches.get_one::<String>("file").expect("required"));
    let text = std::fs::read(path).map_err(|e| binome_core::CoreError::io(path, e))?;
    let certificate: binome_core::sync_errors::Certificate = serde_json::from_slice(&text)
        .map_err(|_| binome_core::CoreError::Bundle(binome_core::sync_errors::BundleError::BadCertificate))?;
    binome.install_certificate(&certificate)?;
    let body = &certificate.body;
    ctx.done(serde_json::json!({ "issuer": body.issuer.name, "role": body.role }), || {
        ctx.messages.text(
            "sync-certificate-installed",
            &[("issuer", body.issuer.name.clone()), ("role", ctx.messages.value(body.role.code()))],
        )
    });
    Ok(ExitCode::SUCCESS)
}

pub fn device_show(binome: &mut Binome, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let sender = binome.sender()?;
    let device = binome.device()?.clone();
    if ctx.json {
        let mut value = serde_json::to_value(&device)?;
        value["fingerprint"] = sender.fingerprint.clone().into();
        value["signing_key"] = sender.signing_key.clone().into();
        value["age_recipient"] = sender.age_recipient.clone().into();
        say(serde_json::to_string_pretty(&value)?);
    } else {
        print_device(&device, ctx);
        print_fingerprint(binome, ctx)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Initialises the store if needed, then writes the demo data.
pub fn demo(binome: &mut Binome, matches: &ArgMatches, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    if !binome.is_initialised() {
        binome.init(&default_device_name(), &default_author(), DeviceRole::Coordinator)?;
    }
    let seed = *matches.get_one::<u64>("seed").expect("has a default");
    let scale =
        DemoScale::parse(matches.get_one::<String>("scale").expect("has a default")).expect("validated by clap");
    let started = std::time::Instant::now();
    let summary = binome.load_demo(seed, scale)?;
    if ctx.json {
        say(serde_json::to_string_pretty(&summary)?);
    } else {
        say(ctx.messages.text(
            "cli-demo-done",
            &[
                ("seconds", format!("{:.1}", started.elapsed().as_secs_f64())),
                ("persons", summary.persons.to_string()),
                ("sessions", summary.sessions.to_string()),
                ("attendance", summary.attendance.to_string()),
                ("assessments", summary.assessments.to_string()),
            ],
        ));
    }
    Ok(ExitCode::SUCCESS)
}

pub fn check(binome: &Binome, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    ctx.print_list(binome.orphans()?, "cli-orphans-none", |orphans| {
        for o in orphans {
            say(ctx.messages.text(
                "cli-orphan",
                &[
                    ("kind", ctx.messages.kind(o.kind)),
                    ("id", o.id),
                    ("field", ctx.messages.field(o.field)),
                    ("missing", o.missing_id),
                ],
            ));
        }
        Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

pub fn backup(binome: &mut Binome, matches: &ArgMatches, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let m = ctx.messages;
    match matches.subcommand() {
        Some(("create", _)) => {
            let taken = binome.back_up_by_hand()?.into_iter().next().map(|b| b.name).unwrap_or_default();
            ctx.done(serde_json::json!({ "created": taken }), || m.text("backup-created", &[("name", taken.clone())]));
        }
        Some(("restore", sub)) => {
            let restored = binome.restore(sub.get_one::<String>("name").expect("required"))?;
            ctx.done(serde_json::json!({ "restored": restored.name }), || {
                m.text("backup-restored", &[("name", restored.name.clone())])
            });
        }
        _ => {
            ctx.print_list(binome.backups()?, "backup-none", |backups| {
                for b in backups {
                    say(format!(
                        "{}  {}",
                        b.name,
                        crate::output::number(b.bytes as f64 / 1_048_576.0, 1, m.lang) + " Mio"
                    ));
                }
                Ok(())
            })?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

// The grammar of these commands, beside their handlers.

pub(crate) fn init_command() -> Command {
    Command::new("init")
        .about("Créer le magasin et l'identité de l'appareil / create the store and device identity")
        .arg(Arg::new("name").long("name").value_name("NOM").help("Nom de l'appareil / device name"))
        .arg(Arg::new("author").long("author").value_name("NOM").help("Utilisateur / user"))
        .arg(Arg::new("role").long("role").value_parser(roles()).default_value("expert"))
}

pub(crate) fn device_command() -> Command {
    Command::new("device")
        .about("Cet appareil / this device")
        .subcommand(Command::new("show").about("Afficher, avec l'empreinte / show, with the fingerprint"))
        .subcommand(
            Command::new("install-certificate")
                .about("Installer le certificat remis par un coordinateur / install a coordinator's certificate")
                .arg(Arg::new("file").required(true).value_name("FICHIER")),
        )
}

pub(crate) fn demo_command() -> Command {
    Command::new("demo")
        .about("Données de démonstration / demo data")
        .arg(Arg::new("seed").long("seed").value_parser(clap::value_parser!(u64)).default_value("1"))
        .arg(
            Arg::new("scale")
                .long("scale")
                .value_parser(["mission", "programme", "country", "hq"])
                .default_value("programme"),
        )
}

pub(crate) fn backup_command() -> Command {
    Command::new("backup")
        .visible_alias("sauvegarde")
        .about("Sauvegardes prises avant chaque import / backups taken before every import")
        .subcommand(Command::new("list").about("Lister / list"))
        .subcommand(Command::new("create").visible_alias("prendre").about(
            "Sauvegarder maintenant (les 5 dernières faites à la main sont gardées, à part des 10 d'avant import) / \
             back up now (the last 5 taken by hand are kept, apart from the 10 taken before imports)",
        ))
        .subcommand(
            Command::new("restore")
                .visible_alias("restaurer")
                .about("Remettre une sauvegarde en place / restore a backup")
                .arg(Arg::new("name").required(true).value_name("NOM")),
        )
}

pub(crate) fn check_command() -> Command {
    Command::new("check").about("Références orphelines / orphan references")
}
