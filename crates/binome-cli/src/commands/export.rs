//! `binome export xlsx|csv|dhis2-json|adx` and `binome dhis2 template`:
//! indicators and raw records for donors, the ministry and spreadsheets.

use super::scope::{breakdowns, scope_args};
use clap::{Arg, ArgAction, Command};

use super::Ctx;
use crate::output::say;
use binome_core::dhis2::{Dhis2Auth, Dhis2Format, ImportSummary, push_data_value_sets};
use binome_core::domain::Kind;
use binome_core::domain::disclosure::Disclosure;
use binome_core::domain::indicators::Breakdown;
use binome_core::exports::CsvRequest;
use binome_core::i18n::Messages;
use binome_core::{Binome, CoreError};
use clap::ArgMatches;
use serde_json::json;
use std::path::Path;
use std::process::ExitCode;

pub fn export(binome: &mut Binome, matches: &ArgMatches, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let m = ctx.messages;
    let (format, sub) = matches.subcommand().expect("a format is required");
    let scope = super::scope::scope_from(binome, sub)?;
    let pseudonymise = sub.get_flag("pseudonymise");
    let disclosure = if sub.get_flag("exact") { Disclosure::Exact } else { Disclosure::SmallGroupsHidden };
    let out = Path::new(sub.get_one::<String>("out").expect("required"));
    let bytes = match format {
        "xlsx" => {
            let breakdowns: Vec<Breakdown> = sub
                .get_many::<String>("by")
                .map(|v| v.map(|b| Breakdown::parse(b).expect("validated by clap")).collect())
                .unwrap_or_default();
            binome.donor_workbook(&scope, &breakdowns, !sub.get_flag("no-raw"), pseudonymise, disclosure, m)?
        }
        _ => {
            let request = CsvRequest {
                table: sub.get_one::<String>("table").expect("has a default").parse().expect("validated by clap"),
                by: sub.get_one::<String>("by").map(|b| Breakdown::parse(b).expect("validated by clap")),
                french_excel: sub.get_one::<String>("dialect").map(String::as_str) != Some("plain"),
                pseudonymise,
                disclosure,
            };
            binome.csv_export(&scope, &request, m)?
        }
    };
    binome_core::private::write_private(out, &bytes).map_err(|e| CoreError::io(out, e))?;
    ctx.done(json!({ "written": out, "bytes": bytes.len() }), || {
        m.text("export-written", &[("path", out.display().to_string())])
    });
    Ok(ExitCode::SUCCESS)
}

/// `binome export dhis2-json|adx --mapping M --period P`.
pub fn dhis2(binome: &Binome, matches: &ArgMatches, format: Dhis2Format, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let m = ctx.messages;
    let (_, sub) = matches.subcommand().expect("a format is required");
    let mapping_path = Path::new(sub.get_one::<String>("mapping").expect("required"));
    let export = binome.dhis2_export_from_file(
        mapping_path,
        sub.get_one::<String>("period").expect("required"),
        sub.get_one::<String>("programme").map(String::as_str),
    )?;
    let body = format.render(&export, &binome_core::utc_now_iso());
    let out = Path::new(sub.get_one::<String>("out").expect("required"));
    binome_core::private::write_private(out, body.as_bytes()).map_err(|e| CoreError::io(out, e))?;
    let written = json!({ "written": out, "period": export.period.dhis2(), "values": export.values.len() });
    if !ctx.json {
        say(m.text(
            "dhis2-written",
            &[
                ("count", export.values.len().to_string()),
                ("period", export.period.dhis2()),
                ("path", out.display().to_string()),
            ],
        ));
    }
    // Only a data value set is pushed (ADX has no --push).
    let server = if format == Dhis2Format::Json { sub.get_one::<String>("push") } else { None };
    let pushed = match server {
        Some(server) => Some(push(server, sub, &body, ctx)?),
        None => None,
    };
    if ctx.json {
        let mut done = written;
        done["pushed"] = json!(pushed);
        say(done.to_string());
    }
    Ok(ExitCode::SUCCESS)
}

fn auth(matches: &ArgMatches, m: &Messages) -> anyhow::Result<Dhis2Auth> {
    if let Some(token) = std::env::var("DHIS2_TOKEN").ok().filter(|t| !t.is_empty()) {
        return Ok(Dhis2Auth::Token(token));
    }
    let user = matches.get_one::<String>("user").cloned().unwrap_or_default();
    let password = std::env::var("DHIS2_PASSWORD").unwrap_or_default();
    if user.is_empty() || password.is_empty() {
        anyhow::bail!(m.text("dhis2-credentials-missing", &[]));
    }
    Ok(Dhis2Auth::Basic { user, password })
}

fn show_summary(summary: &ImportSummary, m: &Messages) {
    say(m.text(
        "dhis2-summary",
        &[
            ("dry_run", if summary.dry_run { "yes" } else { "no" }.to_owned()),
            ("status", summary.status.code().to_owned()),
            ("imported", summary.imported.to_string()),
            ("updated", summary.updated.to_string()),
            ("ignored", summary.ignored.to_string()),
        ],
    ));
    for conflict in &summary.conflicts {
        say(format!("  - {}", m.text("dhis2-conflict", &[("text", conflict.clone())])));
    }
}

/// What DHIS2 answered: its dry run's summary, and its import's once the
/// person said yes.
#[derive(serde::Serialize)]
struct Pushed {
    rehearsal: ImportSummary,
    imported: Option<ImportSummary>,
}

/// The dry run, DHIS2's summary, the person's answer, then the import.
fn push(server: &str, matches: &ArgMatches, body: &str, ctx: &Ctx) -> anyhow::Result<Pushed> {
    let m = ctx.messages;
    let auth = auth(matches, m)?;
    let rehearsal = push_data_value_sets(server, &auth, body, true).map_err(CoreError::Dhis2)?;
    if !ctx.json {
        show_summary(&rehearsal, m);
    }
    let confirmed = matches.get_flag("yes") || {
        eprint!("{} ", m.text("dhis2-confirm", &[]));
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer)?;
        matches!(answer.trim().to_lowercase().as_str(), "o" | "oui" | "y" | "yes")
    };
    if !confirmed {
        if !ctx.json {
            say(m.text("dhis2-not-sent", &[]));
        }
        return Ok(Pushed { rehearsal, imported: None });
    }
    let imported = push_data_value_sets(server, &auth, body, false).map_err(CoreError::Dhis2)?;
    if !ctx.json {
        show_summary(&imported, m);
    }
    Ok(Pushed { rehearsal, imported: Some(imported) })
}

/// `binome dhis2 template --out mapping.json`.
pub fn dhis2_template(binome: &Binome, matches: &ArgMatches, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let (_, sub) = matches.subcommand().expect("template");
    let out = Path::new(sub.get_one::<String>("out").expect("required"));
    let template = binome.dhis2_template()?;
    let text = serde_json::to_string_pretty(&template)?;
    binome_core::private::write_private(out, (text + "\n").as_bytes()).map_err(|e| CoreError::io(out, e))?;
    ctx.done(json!({ "written": out }), || {
        ctx.messages.text("dhis2-template-written", &[("path", out.display().to_string())])
    });
    Ok(ExitCode::SUCCESS)
}

/// `binome print attendance-sheet|certificate|mission-report`.
pub fn print(binome: &Binome, matches: &ArgMatches, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let m = ctx.messages;
    let (document, sub) = matches.subcommand().expect("a document is required");
    let arg = |name: &str| sub.get_one::<String>(name).expect("required").as_str();
    let bytes = match document {
        "attendance-sheet" => binome.attendance_sheet_pdf(&binome.resolve(Kind::Session, arg("session"))?, m)?,
        "certificate" => binome.certificate_pdf(arg("person"), arg("mission"), m)?,
        _ => binome.mission_report_pdf(arg("mission"), m)?,
    };
    let out = Path::new(arg("out"));
    binome_core::private::write_private(out, &bytes).map_err(|e| CoreError::io(out, e))?;
    ctx.done(json!({ "written": out, "bytes": bytes.len() }), || {
        m.text("print-written", &[("path", out.display().to_string())])
    });
    Ok(ExitCode::SUCCESS)
}

// The grammar of these commands, beside their handlers.

pub(crate) fn export_command() -> Command {
    Command::new("export")
        .about("Exporter pour les bailleurs et les tableurs / export for donors and spreadsheets")
        .subcommand_required(true)
        .subcommand(
            Command::new("xlsx")
                .about("Classeur : indicateurs (une feuille par ventilation) et données / workbook: indicators (a sheet per breakdown) and records")
                .args(scope_args())
                .arg(Arg::new("by").long("by").action(ArgAction::Append).value_parser(breakdowns()))
                .arg(Arg::new("no-raw").long("no-raw").action(ArgAction::SetTrue).help("Sans les données détaillées / without the records")),
        )
        .subcommand(
            Command::new("csv")
                .about("Une table en CSV / one table as CSV")
                .args(scope_args())
                .arg(
                    Arg::new("table")
                        .long("table")
                        .value_parser(clap::builder::PossibleValuesParser::new(binome_core::exports::CsvTable::NAMES))
                        .default_value("indicators"),
                )
                .arg(Arg::new("by").long("by").value_parser(breakdowns()))
                .arg(
                    Arg::new("dialect")
                        .long("dialect")
                        .value_parser(["excel-fr", "plain"])
                        .default_value("excel-fr")
                        .help("excel-fr : ; et virgule décimale, BOM / excel-fr: ; and decimal comma, BOM; plain: , and ISO"),
                ),
        )
        .subcommand(
            Command::new("dhis2-json")
                .about("Valeurs DHIS2 d'une période (dataValueSets JSON) / DHIS2 values of a period (dataValueSets JSON)")
                .args(dhis2_args())
                .arg(Arg::new("push").long("push").value_name("URL").help(
                    "Envoyer au serveur DHIS2 : essai à blanc, puis import après confirmation / send to the DHIS2 server: dry run, then import once confirmed",
                ))
                .arg(Arg::new("user").long("user").value_name("UTILISATEUR").help(
                    "Compte DHIS2 (mot de passe dans DHIS2_PASSWORD ; ou un jeton dans DHIS2_TOKEN) / DHIS2 user (password in DHIS2_PASSWORD; or a token in DHIS2_TOKEN)",
                ))
                .arg(Arg::new("yes").long("yes").action(ArgAction::SetTrue).help(
                    "Importer sans demander après l'essai à blanc / import without asking after the dry run",
                )),
        )
        .subcommand(
            Command::new("adx")
                .about("Valeurs DHIS2 d'une période (ADX XML) / DHIS2 values of a period (ADX XML)")
                .args(dhis2_args()),
        )
}

pub(crate) fn dhis2_args() -> Vec<Arg> {
    vec![
        Arg::new("mapping").long("mapping").required(true).value_name("FICHIER.json").help(
            "Correspondance Binôme → DHIS2 (binome dhis2 template) / Binôme → DHIS2 mapping (binome dhis2 template)",
        ),
        Arg::new("period").long("period").required(true).value_name("PÉRIODE").help("202311, 2023Q4, 2023S2, 2023"),
        Arg::new("programme").long("programme").value_name("ID|CODE"),
        Arg::new("out").long("out").required(true).value_name("FICHIER"),
    ]
}

pub(crate) fn print_command() -> Command {
    let out = || Arg::new("out").long("out").required(true).value_name("FICHIER.pdf");
    Command::new("print")
        .visible_alias("imprimer")
        .about("Documents PDF à imprimer / printable PDF documents")
        .subcommand_required(true)
        .subcommand(
            Command::new("attendance-sheet")
                .visible_alias("emargement")
                .about("Feuille d'émargement d'une séance / a session's attendance sheet")
                .arg(Arg::new("session").long("session").required(true).value_name("ID"))
                .arg(out()),
        )
        .subcommand(
            Command::new("certificate")
                .visible_alias("attestation")
                .about(
                    "Attestation de formation d'une personne pour une mission / a person's certificate for a mission",
                )
                .arg(Arg::new("person").long("person").required(true).value_name("ID|NOM"))
                .arg(Arg::new("mission").long("mission").required(true).value_name("ID|CODE"))
                .arg(out()),
        )
        .subcommand(
            Command::new("mission-report")
                .visible_alias("bilan")
                .about("Bilan de mission / mission report")
                .arg(Arg::new("mission").long("mission").required(true).value_name("ID|CODE"))
                .arg(out()),
        )
}

pub(crate) fn dhis2_command() -> Command {
    Command::new("dhis2")
        .about("Échanges avec DHIS2 / exchange with DHIS2")
        .subcommand_required(true)
        .subcommand(
            Command::new("template")
                .about("Modèle de correspondance depuis les structures du magasin / mapping template from the store's facilities")
                .arg(Arg::new("out").long("out").required(true).value_name("FICHIER.json")),
        )
}
