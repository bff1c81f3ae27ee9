//! `binome bundle …`, `devices …`, `conflicts …`, `dump`.

use clap::{Arg, ArgAction, Command};

use super::Ctx;
use super::scope::roles;
use crate::output::say;
use binome_core::Binome;
use binome_core::domain::Kind;
use binome_core::sync::ImportOutcome;
use clap::ArgMatches;
use serde_json::json;
use std::path::Path;
use std::process::ExitCode;

pub fn bundle(binome: &mut Binome, matches: &ArgMatches, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    match matches.subcommand().expect("an action is required") {
        ("export", sub) => export_bundle(binome, sub, ctx)?,
        ("inspect", sub) => inspect_bundle(binome, sub, ctx)?,
        ("import", sub) => return import_bundles(binome, sub, ctx),
        ("quarantine", _) => quarantine(binome, ctx)?,
        ("watch", sub) => watch(binome, sub, ctx)?,
        (other, _) => unreachable!("undeclared action {other}"),
    }
    Ok(ExitCode::SUCCESS)
}

/// A bundle for the devices named, and for this laptop itself.
fn export_bundle(binome: &mut Binome, sub: &ArgMatches, ctx: &Ctx) -> anyhow::Result<()> {
    let m = ctx.messages;
    let out = Path::new(sub.get_one::<String>("out").expect("required"));
    let to: Vec<String> = sub.get_many::<String>("to").map(|v| v.cloned().collect()).unwrap_or_default();
    let mission = sub.get_one::<String>("mission").map(String::as_str);
    let report = binome.export_bundle_for(out, &to, sub.get_flag("full"), mission)?;
    if ctx.json {
        say(serde_json::to_string_pretty(&report)?);
    } else {
        let mut recipients = vec![binome.device()?.name.clone()];
        recipients.extend(report.recipients.clone());
        say(m.text(
            "sync-exported",
            &[
                ("path", out.display().to_string()),
                ("versions", report.versions.to_string()),
                ("size", (report.bytes.div_ceil(1024)).to_string()),
                ("recipients", recipients.join(", ")),
            ],
        ));
    }
    Ok(())
}

/// What a bundle's header says, before anything is imported.
fn inspect_bundle(binome: &mut Binome, sub: &ArgMatches, ctx: &Ctx) -> anyhow::Result<()> {
    let m = ctx.messages;
    let header = binome.inspect_bundle(Path::new(sub.get_one::<String>("file").expect("required")))?;
    if ctx.json {
        say(serde_json::to_string_pretty(&header)?);
    } else {
        let h = &header;
        say(m.text(
            "sync-inspect",
            &[
                ("bundle", h.bundle_id.clone()),
                ("name", h.sender.name.clone()),
                ("role", m.value(h.sender.role.code())),
                ("fingerprint", h.sender.fingerprint.clone()),
                ("versions", h.counts.values().sum::<u64>().to_string()),
                ("created", h.created_at.clone()),
            ],
        ));
        for (table, count) in &h.counts {
            say(format!("  {table} : {count}"));
        }
    }
    Ok(())
}

/// Each file in turn; one refused does not stop the others, and the exit
/// code says some were.
fn import_bundles(binome: &mut Binome, sub: &ArgMatches, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let m = ctx.messages;
    let dry_run = sub.get_flag("dry-run");
    let mut code = ExitCode::SUCCESS;
    for file in sub.get_many::<String>("files").expect("required") {
        match binome.import_bundle(Path::new(file), dry_run) {
            Ok(outcome) => print_outcome(&outcome, ctx)?,
            Err(error) => {
                eprint!("{file} : {}", super::errors::describe_core_error(&error, m));
                code = ExitCode::from(1);
            }
        }
    }
    Ok(code)
}

/// Bundles waiting for their sender to be trusted.
fn quarantine(binome: &mut Binome, ctx: &Ctx) -> anyhow::Result<()> {
    let m = ctx.messages;
    ctx.print_list(binome.quarantined()?, "sync-quarantine-empty", |waiting| {
        for bundle in waiting {
            let device = binome.device_record(&bundle.sender)?;
            let (name, fingerprint) = device
                .map(|d| (d.name.clone(), binome_core::sync_fingerprint(&d.signing_key, &d.age_recipient)))
                .unwrap_or_else(|| (bundle.sender.clone(), String::new()));
            say(m.text(
                "sync-quarantine-line",
                &[("bundle", bundle.bundle_id), ("name", name), ("fingerprint", fingerprint)],
            ));
        }
        Ok(())
    })
}

/// Imports every bundle that lands in a folder (a USB stick, a shared
/// folder), once or every two seconds.
fn watch(binome: &mut Binome, sub: &ArgMatches, ctx: &Ctx) -> anyhow::Result<()> {
    let m = ctx.messages;
    let dir = Path::new(sub.get_one::<String>("dir").expect("required"));
    let once = sub.get_flag("once");
    let mut watcher = binome_core::watch::Watcher::default();
    if !once {
        say(m.text("sync-watching", &[("dir", dir.display().to_string())]));
    }
    loop {
        let results = watcher.pass(binome, dir, !once, |e| super::errors::describe_core_error(e, m))?;
        for result in results {
            let name = result.file.file_name().unwrap_or_default().to_string_lossy().into_owned();
            match &result.outcome {
                // One JSON object a line, as files land: a script reads
                // each bundle's outcome, or the code of its refusal.
                Ok(outcome) if ctx.json => say(serde_json::to_string(&json!({ "file": name, "outcome": outcome }))?),
                Err(error) if ctx.json => {
                    say(serde_json::to_string(&json!({ "file": name, "refused": error.code() }))?)
                }
                Ok(outcome) => {
                    say(format!("{name} :"));
                    print_outcome(outcome, ctx)?;
                }
                Err(error) => eprint!("{name} : {}", super::errors::describe_core_error(error, m)),
            }
        }
        if once {
            break;
        }
        std::thread::sleep(std::time::Duration::from_secs(2));
    }
    Ok(())
}

pub(super) fn print_outcome(outcome: &ImportOutcome, ctx: &Ctx) -> anyhow::Result<()> {
    let m = ctx.messages;
    if ctx.json {
        say(serde_json::to_string_pretty(outcome)?);
        return Ok(());
    }
    match outcome {
        ImportOutcome::Applied { sender, counts, far_future, after_revocation, dry_run, .. } => {
            say(m.text(
                "sync-applied",
                &[("sender", sender.clone()), ("dry", if *dry_run { "yes" } else { "no" }.into())],
            ));
            for (table, c) in counts {
                let kind = Kind::from_table(table).map_or(table.clone(), |k| m.kind(k));
                say(format!(
                    "  {}",
                    m.text(
                        "sync-table-line",
                        &[
                            ("table", kind),
                            ("new", c.new.to_string()),
                            ("updated", c.updated.to_string()),
                            ("unchanged", c.unchanged.to_string()),
                            ("conflicting", c.conflicting.to_string()),
                        ]
                    )
                ));
            }
            if *after_revocation > 0 {
                say(m.text("sync-after-revocation", &[("count", after_revocation.to_string())]));
            }
            if *far_future > 0 {
                say(m.text("sync-far-future", &[("count", far_future.to_string())]));
            }
        }
        ImportOutcome::AlreadyImported { bundle_id } => say(m.text("sync-already", &[("bundle", bundle_id.clone())])),
        ImportOutcome::DeviceIntroduced { name, fingerprint, .. } => {
            say(m.text("sync-introduced", &[("name", name.clone()), ("fingerprint", fingerprint.clone())]))
        }
        ImportOutcome::Quarantined { name, fingerprint, .. } => {
            say(m.text("sync-quarantined", &[("name", name.clone()), ("fingerprint", fingerprint.clone())]))
        }
    }
    Ok(())
}

pub fn devices(binome: &mut Binome, matches: &ArgMatches, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let m = ctx.messages;
    match matches.subcommand() {
        Some(("trust", sub)) => {
            let text = sub.get_one::<String>("device").expect("required");
            let (device, outcomes) = if sub.get_flag("despite-revocation") {
                binome.trust_revoked_device(text)?
            } else {
                binome.trust_device(text)?
            };
            if ctx.json {
                // The bundles that waited for it come in with the trust.
                say(json!({ "trusted": device.name, "imported": outcomes }).to_string());
            } else {
                say(m.text("sync-trusted", &[("name", device.name)]));
                for outcome in &outcomes {
                    print_outcome(outcome, ctx)?;
                }
            }
        }
        Some(("enrol", sub)) => {
            let role = binome_core::DeviceRole::parse(sub.get_one::<String>("role").expect("required"))
                .expect("validated by clap");
            let missions: Vec<String> =
                sub.get_many::<String>("mission").map(|v| v.cloned().collect()).unwrap_or_default();
            let certificate =
                binome.enrol_device(sub.get_one::<String>("device").expect("required"), role, &missions)?;
            let out = Path::new(sub.get_one::<String>("out").expect("required"));
            binome_core::private::write_private(out, &serde_json::to_vec_pretty(&certificate)?)
                .map_err(|e| binome_core::CoreError::io(out, e))?;
            let body = &certificate.body;
            ctx.done(json!({ "enrolled": body.name, "role": body.role, "certificate": out }), || {
                m.text(
                    "sync-enrolled",
                    &[
                        ("name", body.name.clone()),
                        ("role", m.value(body.role.code())),
                        ("path", out.display().to_string()),
                    ],
                )
            });
        }
        Some(("reject", sub)) => {
            let device = binome.reject_device(sub.get_one::<String>("device").expect("required"))?;
            ctx.done(json!({ "rejected": device.name }), || m.text("sync-rejected", &[("name", device.name.clone())]));
        }
        Some(("revoke", sub)) => {
            let device = binome.revoke_device(sub.get_one::<String>("device").expect("required"))?;
            ctx.done(json!({ "revoked": device.name }), || m.text("sync-revoked", &[("name", device.name.clone())]));
        }
        Some(("forget", sub)) => {
            let device = binome.forget_device(sub.get_one::<String>("device").expect("required"))?;
            let fingerprint = binome_core::sync_fingerprint(&device.signing_key, &device.age_recipient);
            ctx.done(json!({ "forgotten": device.name, "fingerprint": fingerprint }), || {
                m.text("sync-forgotten", &[("name", device.name.clone()), ("fingerprint", fingerprint.clone())])
            });
        }
        _ => {
            binome.keys()?;
            let devices = binome.devices()?;
            if ctx.json {
                say(serde_json::to_string_pretty(&devices)?);
            } else {
                let mut t = crate::output::table(vec![
                    m.text("field-name", &[]),
                    m.text("field-role", &[]),
                    "Confiance / trust".into(),
                    "Empreinte / fingerprint".into(),
                    "id".into(),
                ]);
                for d in devices {
                    let fingerprint = binome_core::sync_fingerprint(&d.signing_key, &d.age_recipient);
                    t.add_row(vec![
                        d.name,
                        m.value(d.role.code()),
                        d.trust.code().to_owned(),
                        fingerprint,
                        d.device_id,
                    ]);
                }
                say(&t);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn conflicts(binome: &mut Binome, matches: &ArgMatches, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let m = ctx.messages;
    match matches.subcommand() {
        Some(("resolve", sub)) => {
            let kind = kind_of(sub.get_one::<String>("table").expect("required"))?;
            let id = sub.get_one::<String>("id").expect("required");
            let keep = *sub.get_one::<usize>("keep").expect("required");
            let row = binome.resolve_conflict(kind, id, keep)?;
            if ctx.json {
                say(serde_json::to_string_pretty(&row)?);
            } else {
                say(m.text("cli-updated", &[("kind", m.kind(kind)), ("id", row.id)]));
            }
        }
        Some(("show", sub)) => {
            let kind = kind_of(sub.get_one::<String>("table").expect("required"))?;
            let id = sub.get_one::<String>("id").expect("required");
            let heads = binome.versions_of(kind, id)?;
            if ctx.json {
                say(serde_json::to_string_pretty(&heads)?);
            } else {
                for (i, head) in heads.iter().enumerate() {
                    say(m.text(
                        "sync-head",
                        &[
                            ("index", i.to_string()),
                            ("author", head.meta.author.clone()),
                            ("device", head.meta.origin.clone()),
                            ("deleted", if head.meta.deleted { "yes" } else { "no" }.into()),
                        ],
                    ));
                    say(serde_json::to_string_pretty(&head.data)?);
                }
            }
        }
        _ => {
            let conflicts = binome.conflicting_rows()?;
            if ctx.json {
                let list: Vec<_> =
                    conflicts.iter().map(|(k, id)| serde_json::json!({"table": k.table(), "id": id})).collect();
                say(serde_json::to_string_pretty(&list)?);
            } else if conflicts.is_empty() {
                say(m.text("sync-no-conflicts", &[]));
            } else {
                for (kind, id) in conflicts {
                    let count = binome.versions_of(kind, &id)?.len();
                    say(m.text(
                        "sync-conflict",
                        &[("kind", kind.table().to_owned()), ("id", id), ("count", count.to_string())],
                    ));
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn kind_of(table: &str) -> anyhow::Result<Kind> {
    Kind::from_table(table)
        .or_else(|| Kind::ALL.iter().copied().find(|k| k.name() == table))
        .ok_or_else(|| anyhow::anyhow!("unknown table {table:?}"))
}

pub fn dump(binome: &Binome, matches: &ArgMatches) -> anyhow::Result<ExitCode> {
    match matches.get_one::<String>("out") {
        Some(path) => {
            let mut file = std::io::BufWriter::new(binome_core::private::create_private_file(Path::new(path))?);
            binome.dump_to(&mut file)?;
        }
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            binome.dump_to(&mut out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

// The grammar of these commands, beside their handlers.

pub(crate) fn bundle_command() -> Command {
    Command::new("bundle")
        .visible_alias("lot")
        .about("Lots d'échange signés et chiffrés / signed, encrypted exchange bundles")
        .subcommand_required(true)
        .subcommand(
            Command::new("export")
                .about("Écrire un lot / write a bundle")
                .arg(Arg::new("out").long("out").required(true).value_name("FICHIER.binome"))
                .arg(Arg::new("to").long("to").action(ArgAction::Append).value_name("APPAREIL").help(
                    "Destinataire reconnu (nom, id ou empreinte) / trusted recipient (name, id or fingerprint)",
                ))
                .arg(
                    Arg::new("mission")
                        .long("mission")
                        .value_name("ID|CODE")
                        .help("Seulement cette mission et ce qu'il lui faut / only this mission and what it needs"),
                )
                .arg(Arg::new("full").long("full").action(ArgAction::SetTrue).help(
                    "Tout, pas seulement ce que les destinataires n'ont pas confirmé / everything, not only what the recipients have not acknowledged",
                )),
        )
        .subcommand(
            Command::new("inspect")
                .about("En-tête et signature, sans déchiffrer / header and signature, without decrypting")
                .arg(Arg::new("file").required(true).value_name("FICHIER")),
        )
        .subcommand(
            Command::new("quarantine")
                .about("Lots en attente d'un appareil pas encore reconnu / bundles waiting for a device not trusted yet"),
        )
        .subcommand(
            Command::new("watch")
                .about("Importer les lots déposés dans un dossier (clé USB) / import bundles dropped in a folder (USB stick)")
                .arg(Arg::new("dir").required(true).value_name("DOSSIER"))
                .arg(Arg::new("once").long("once").action(ArgAction::SetTrue).help("Un seul passage / a single pass")),
        )
        .subcommand(
            Command::new("import")
                .about("Vérifier puis importer / verify then import")
                .arg(Arg::new("files").required(true).num_args(1..).value_name("FICHIER"))
                .arg(
                    Arg::new("dry-run")
                        .long("dry-run")
                        .action(ArgAction::SetTrue)
                        .help("Aperçu sans écrire / preview without writing"),
                ),
        )
}

pub(crate) fn devices_command() -> Command {
    Command::new("devices")
        .visible_alias("appareils")
        .about("Appareils connus et confiance / known devices and trust")
        .subcommand(Command::new("list").about("Lister / list"))
        .subcommand(
            Command::new("trust")
                .about("Reconnaître (après vérification de l'empreinte) / trust (after checking the fingerprint)")
                .arg(Arg::new("device").required(true))
                .arg(
                    Arg::new("despite-revocation")
                        .long("malgre-revocation")
                        .visible_alias("despite-revocation")
                        .action(ArgAction::SetTrue)
                        .help("Un appareil révoqué, retrouvé / a revoked device, found again"),
                ),
        )
        .subcommand(
            Command::new("enrol")
                .visible_alias("inscrire")
                .about("Certifier un appareil (coordinateur) / certify a device (coordinator)")
                .arg(Arg::new("device").required(true))
                .arg(Arg::new("role").long("role").required(true).value_parser(roles()))
                .arg(Arg::new("mission").long("mission").action(ArgAction::Append).value_name("ID|CODE"))
                .arg(Arg::new("out").long("out").required(true).value_name("FICHIER")),
        )
        .subcommand(Command::new("reject").about("Refuser / reject").arg(Arg::new("device").required(true)))
        .subcommand(
            Command::new("revoke")
                .about("Révoquer (ordinateur perdu) / revoke (lost laptop)")
                .arg(Arg::new("device").required(true)),
        )
        .subcommand(
            Command::new("forget")
                .visible_alias("oublier")
                .about("Oublier un appareil dont rien n'a été importé / forget a device nothing was imported from")
                .arg(Arg::new("device").required(true)),
        )
}

pub(crate) fn conflicts_command() -> Command {
    Command::new("conflicts")
        .visible_alias("conflits")
        .about("Versions concurrentes à trancher / concurrent versions to settle")
        .subcommand(Command::new("list").about("Lister / list"))
        .subcommand(
            Command::new("show")
                .about("Afficher / show")
                .arg(Arg::new("table").required(true))
                .arg(Arg::new("id").required(true)),
        )
        .subcommand(
            Command::new("resolve")
                .about("Garder une version / keep one version")
                .arg(Arg::new("table").required(true))
                .arg(Arg::new("id").required(true))
                .arg(Arg::new("keep").long("keep").required(true).value_parser(clap::value_parser!(usize))),
        )
}

pub(crate) fn dump_command() -> Command {
    Command::new("dump")
        .about("Tout le magasin en JSON canonique, pour comparer / the whole store as canonical JSON, to compare")
        .arg(Arg::new("out").long("out").value_name("FICHIER"))
}
