//! add / list / show / edit / delete / history for every record kind, and
//! the person and framework extras (duplicates, merge, framework import).

use binome_core::i18n::{Lang, Messages};
use clap::{Arg, ArgAction, Command};

use super::Ctx;
use crate::output::say;
use crate::output::{Shower, short, table};
use anyhow::Context;
use binome_core::domain::kind::FieldType;
use binome_core::domain::{Input, Kind};
use binome_core::{Binome, CoreError, ListQuery, PersonMerge, StoredRow};
use clap::ArgMatches;
use std::process::ExitCode;

fn input_from(kind: Kind, matches: &ArgMatches) -> Input {
    let mut input = Input::new();
    for field in kind.fields() {
        if let Some(value) = matches.get_one::<String>(field.name) {
            input.insert(field.name.to_owned(), value.clone());
        }
    }
    input
}

pub fn run(binome: &mut Binome, kind: Kind, matches: &ArgMatches, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let (action, sub) = matches.subcommand().expect("an action is required");
    match action {
        "add" => {
            let row = binome.add(kind, &input_from(kind, sub))?;
            print_written(&row, "cli-created", ctx);
        }
        "edit" => {
            let target = sub.get_one::<String>("target").expect("required");
            let row = binome.edit(kind, target, &input_from(kind, sub))?;
            print_written(&row, "cli-updated", ctx);
        }
        "delete" => {
            let target = sub.get_one::<String>("target").expect("required");
            let row = binome.delete(kind, target)?;
            print_written(&row, "cli-deleted", ctx);
        }
        "show" => show(binome, kind, sub, ctx)?,
        "list" => list(binome, kind, sub, ctx)?,
        "history" => history(binome, kind, sub, ctx)?,
        "duplicates" => duplicates(binome, ctx)?,
        "merge" => merge(binome, sub, ctx)?,
        "erase" => erase(binome, sub, ctx)?,
        "import" => import_framework(binome, sub, ctx)?,
        other => unreachable!("undeclared action {other}"),
    }
    Ok(ExitCode::SUCCESS)
}

/// One record, every field as the person typed it (a session with its status).
fn show(binome: &mut Binome, kind: Kind, sub: &ArgMatches, ctx: &Ctx) -> anyhow::Result<()> {
    let m = ctx.messages;
    let row = binome.get(kind, sub.get_one::<String>("target").expect("required"))?;
    if ctx.json {
        let mut shown = serde_json::to_value(&row)?;
        // The referent's decision is not a field of the session: the table
        // shows it below the fields, a script reads it here.
        if kind == Kind::Session {
            shown["review_status"] = serde_json::to_value(binome.session_status(&row.id)?)?;
        }
        say(serde_json::to_string_pretty(&shown)?);
    } else {
        let shower = Shower::new(binome, m);
        let mut t = table(vec![m.kind(kind), row.id.clone()]);
        for field in kind.fields() {
            let value = row.data.get(field.name).unwrap_or(&serde_json::Value::Null);
            let shown = match field.ty {
                FieldType::LongText => value.as_str().unwrap_or_default().to_owned(),
                FieldType::Json => serde_json::to_string_pretty(value)?,
                _ => shower.value(field.ty, value),
            };
            t.add_row(vec![m.field(field.name), shown]);
        }
        if kind == Kind::Session {
            if let Some(status) = binome.session_status(&row.id)? {
                t.add_row(vec![m.text("field-decision", &[]), m.value(status.code())]);
            }
        }
        say(&t);
    }
    Ok(())
}

/// Records of a kind, filtered by their references, `--limit` at a time.
fn list(binome: &mut Binome, kind: Kind, sub: &ArgMatches, ctx: &Ctx) -> anyhow::Result<()> {
    let mut query = ListQuery { include_deleted: sub.get_flag("all"), ..ListQuery::default() };
    for field in kind.fields() {
        let FieldType::Ref(target) = field.ty else { continue };
        if let Some(text) = sub.get_one::<String>(field.name) {
            query.equals.push((field.name, binome.resolve(target, text)?));
        }
    }
    let limit = *sub.get_one::<usize>("limit").expect("has a default");
    query.limit = Some(limit + 1);
    let mut rows = binome.list(kind, &query)?;
    let more = rows.len() > limit;
    rows.truncate(limit);
    print_rows(binome, kind, &rows, ctx)?;
    if more && !ctx.json {
        eprintln!("… (--limit {})", limit * 10);
    }
    Ok(())
}

/// Who changed a record, when, from which laptop.
fn history(binome: &mut Binome, kind: Kind, sub: &ArgMatches, ctx: &Ctx) -> anyhow::Result<()> {
    let m = ctx.messages;
    let row = binome.get(kind, sub.get_one::<String>("target").expect("required"))?;
    let changes = binome.history(&row.id)?;
    if ctx.json {
        say(serde_json::to_string_pretty(&changes)?);
    } else {
        for change in changes {
            let when = chrono::DateTime::from_timestamp_millis(change.recorded_at)
                .map(|d| d.format("%d/%m/%Y %H:%M UTC").to_string())
                .unwrap_or_default();
            let op = m.text(&format!("cli-op-{}", change.op.code()), &[]);
            say(m.text(
                "cli-history-line",
                &[("when", when), ("op", op), ("author", change.author), ("device", change.device)],
            ));
        }
    }
    Ok(())
}

/// Persons that look like the same person.
fn duplicates(binome: &mut Binome, ctx: &Ctx) -> anyhow::Result<()> {
    ctx.print_list(binome.find_duplicates()?, "cli-duplicates-none", |pairs| {
        print_duplicates(binome, &pairs, ctx);
        Ok(())
    })
}

/// One person merged into another: their records count as the kept one's.
fn merge(binome: &mut Binome, sub: &ArgMatches, ctx: &Ctx) -> anyhow::Result<()> {
    let m = ctx.messages;
    let keep = binome.resolve(Kind::Person, sub.get_one::<String>("keep").expect("required"))?;
    let other = binome.resolve(Kind::Person, sub.get_one::<String>("other").expect("required"))?;
    let reason = sub.get_one::<String>("reason").cloned();
    let row = binome.merge_persons(&PersonMerge { kept_id: keep.clone(), merged_id: other.clone(), reason })?;
    if ctx.json {
        say(serde_json::to_string_pretty(&row)?);
    } else {
        say(m.text("cli-merged", &[("merged", binome.person_label(&other)), ("kept", binome.person_label(&keep))]));
    }
    Ok(())
}

/// A person's personal fields blanked at their request (a coordinator's erasure).
fn erase(binome: &mut Binome, sub: &ArgMatches, ctx: &Ctx) -> anyhow::Result<()> {
    let m = ctx.messages;
    let person = sub.get_one::<String>("target").expect("required");
    let erasure = binome.erase_person(person, sub.get_one::<String>("reference").map(String::as_str))?;
    if ctx.json {
        say(serde_json::to_string_pretty(&erasure)?);
    } else {
        let person_id = erasure.data.get("person_id").and_then(|v| v.as_str()).unwrap_or_default();
        say(m.text("cli-erased", &[("person", binome.person_label(person_id))]));
    }
    Ok(())
}

/// A framework written as one JSON object, each key a field.
fn import_framework(binome: &mut Binome, sub: &ArgMatches, ctx: &Ctx) -> anyhow::Result<()> {
    let path = sub.get_one::<String>("file").expect("required");
    let text = std::fs::read_to_string(path).map_err(|e| CoreError::io(std::path::Path::new(path), e))?;
    let mut value: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("while reading the framework {path} as JSON"))?;
    let mut input = Input::new();
    let object = value.as_object_mut().context("a framework file holds one JSON object")?;
    for (key, v) in object.iter() {
        let text = match v {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        input.insert(key.clone(), text);
    }
    if let Some(programme) = sub.get_one::<String>("programme") {
        input.insert("programme_id".into(), programme.clone());
    }
    let row = binome.add(Kind::Framework, &input)?;
    print_written(&row, "cli-created", ctx);
    Ok(())
}

fn print_written(row: &StoredRow, key: &str, ctx: &Ctx) {
    if ctx.json {
        say(serde_json::to_string_pretty(row).expect("rows serialise"));
    } else {
        say(ctx.messages.text(key, &[("kind", ctx.messages.kind(row.kind)), ("id", row.id.clone())]));
    }
}

fn print_rows(binome: &Binome, kind: Kind, rows: &[StoredRow], ctx: &Ctx) -> anyhow::Result<()> {
    if ctx.json {
        say(serde_json::to_string_pretty(rows)?);
        return Ok(());
    }
    if rows.is_empty() {
        say(ctx.messages.text("cli-no-rows", &[]));
        return Ok(());
    }
    let shower = Shower::new(binome, ctx.messages);
    let mut headers = vec!["id".to_owned()];
    headers.extend(Shower::list_fields(kind).iter().map(|f| ctx.messages.field(f.name)));
    let mut t = table(headers);
    for row in rows {
        let mut cells = shower.cells(kind, &row.id, &row.data);
        if row.deleted {
            cells[0] = format!("✗ {}", cells[0]);
        }
        t.add_row(cells);
    }
    say(&t);
    Ok(())
}

pub fn print_duplicates(binome: &Binome, pairs: &[binome_core::duplicates::DuplicatePair], ctx: &Ctx) {
    let m = ctx.messages;
    let shower = Shower::new(binome, m);
    for pair in pairs {
        let reasons: Vec<String> = pair
            .reasons
            .iter()
            .map(|r| {
                m.text(
                    if matches!(r, binome_core::duplicates::DuplicateReason::Name) {
                        "cli-reason-name"
                    } else {
                        "cli-reason-phone"
                    },
                    &[],
                )
            })
            .collect();
        say(m.text("cli-duplicate-pair", &[("reason", reasons.join(", "))]));
        for p in [&pair.first, &pair.second] {
            let facility =
                p.organisation_id.as_deref().map(|o| shower.label(Kind::Organisation, o)).unwrap_or_default();
            say(format!(
                "    {}  {} {}  {}  {}",
                short(&p.id),
                p.family_name,
                p.given_names,
                p.phone.clone().unwrap_or_default(),
                facility
            ));
        }
    }
}

// The grammar of these commands, beside their handlers.

/// The kinds with record commands, by command name (plural) and alias.
pub const RECORD_COMMANDS: &[(&str, &str, Kind)] = &[
    ("programmes", "programme", Kind::Programme),
    ("organisations", "organisation", Kind::Organisation),
    ("persons", "person", Kind::Person),
    ("missions", "mission", Kind::Mission),
    ("team", "team-member", Kind::TeamMember),
    ("enrolments", "enrolment", Kind::Enrolment),
    ("sessions", "session", Kind::Session),
    ("attendance", "presence", Kind::Attendance),
    ("scores", "score", Kind::TestScore),
    ("frameworks", "framework", Kind::Framework),
    ("assessments", "assessment", Kind::Assessment),
    ("reviews", "review", Kind::Review),
    ("merges", "person-merge", Kind::PersonMerge),
    ("professions", "profession", Kind::Profession),
    ("value-choices", "value-choice", Kind::ValueChoice),
    ("erasures", "erasure", Kind::Erasure),
];

/// Help texts come from the shared catalogue, French then English.
pub(crate) struct Labels {
    fr: Messages,
    en: Messages,
}

impl Labels {
    pub(crate) fn new() -> Labels {
        Labels { fr: Messages::new(Lang::Fr), en: Messages::new(Lang::En) }
    }
    fn field(&self, name: &str) -> String {
        format!("{} / {}", self.fr.field(name), self.en.field(name))
    }
    fn kind(&self, kind: Kind) -> String {
        format!("{} / {}", self.fr.kind(kind), self.en.kind(kind))
    }
}

/// The option for a field: reference fields drop their `_id`, underscores become dashes.
pub fn option_name(field: &str) -> String {
    field.trim_end_matches("_ids").trim_end_matches("_id").replace('_', "-")
        + if field.ends_with("_ids") { "s" } else { "" }
}

pub(crate) fn field_args(kind: Kind, labels: &Labels) -> Vec<Arg> {
    kind.fields()
        .iter()
        .map(|f| {
            let name = option_name(f.name);
            let hint = match f.ty {
                FieldType::Date => "JJ/MM/AAAA",
                FieldType::Time => "HH:MM",
                FieldType::Duration => "DURÉE",
                FieldType::Number => "NOMBRE",
                FieldType::Enum(_) => "CODE",
                FieldType::Ref(_) => "ID|CODE",
                FieldType::RefList(_) => "ID,ID…",
                FieldType::Json => "JSON",
                _ => "TEXTE",
            };
            let mut help = labels.field(f.name);
            if let FieldType::Enum(spec) = f.ty {
                help.push_str(&format!(" ({})", spec.codes.join(", ")));
            }
            if f.required && f.default.is_none() {
                help.push_str(" [obligatoire / required]");
            }
            Arg::new(f.name).long(name).value_name(hint).help(help)
        })
        .collect()
}

pub(crate) fn list_filters(kind: Kind, labels: &Labels) -> Vec<Arg> {
    kind.fields()
        .iter()
        .filter(|f| matches!(f.ty, FieldType::Ref(_)))
        .map(|f| Arg::new(f.name).long(option_name(f.name)).value_name("ID|CODE").help(labels.field(f.name)))
        .collect()
}

pub(crate) fn target() -> Arg {
    Arg::new("target")
        .required(true)
        .value_name("ID")
        .help("Identifiant (ou préfixe, ou code) / id (or prefix, or code)")
}

pub(crate) fn record_command(name: &'static str, alias: &'static str, kind: Kind, labels: &Labels) -> Command {
    let mut cmd = Command::new(name)
        .visible_alias(alias)
        .about(labels.kind(kind))
        .subcommand_required(true)
        .subcommand(Command::new("add").visible_alias("ajouter").about("Créer / add").args(field_args(kind, labels)))
        .subcommand(
            Command::new("list")
                .visible_alias("liste")
                .about("Lister / list")
                .args(list_filters(kind, labels))
                .arg(
                    Arg::new("all")
                        .long("all")
                        .action(ArgAction::SetTrue)
                        .help("Inclure les supprimés / include deleted"),
                )
                .arg(Arg::new("limit").long("limit").value_parser(clap::value_parser!(usize)).default_value("1000")),
        )
        .subcommand(Command::new("show").visible_alias("voir").about("Afficher / show").arg(target()))
        .subcommand(
            Command::new("edit")
                .visible_alias("modifier")
                .about("Modifier / edit")
                .arg(target())
                .args(field_args(kind, labels)),
        )
        .subcommand(
            Command::new("delete")
                .visible_alias("supprimer")
                .about("Supprimer (conservé dans l'historique) / delete (kept in history)")
                .arg(target()),
        )
        .subcommand(
            Command::new("history")
                .visible_alias("historique")
                .about("Qui a modifié, quand, depuis quel appareil / audit trail")
                .arg(target()),
        );
    if kind == Kind::Person {
        cmd = cmd
            .subcommand(
                Command::new("duplicates").visible_alias("doublons").about("Doublons probables / probable duplicates"),
            )
            .subcommand(
                Command::new("merge")
                    .visible_alias("fusionner")
                    .about("Fusionner OTHER dans KEEP / merge OTHER into KEEP")
                    .arg(Arg::new("keep").required(true).value_name("KEEP"))
                    .arg(Arg::new("other").required(true).value_name("OTHER"))
                    .arg(Arg::new("reason").long("reason").value_name("TEXTE")),
            )
            .subcommand(
                Command::new("erase")
                    .visible_alias("effacer")
                    .about(
                        "Effacer une personne à sa demande (coordinateur) : noms, service, téléphone et courriel \
                         vidés sur chaque ordinateur qui reçoit l'effacement ; présences et notes restent comptées / \
                         erase a person at their request (coordinator): names, service, phone and email blanked on \
                         every laptop that receives the erasure; attendance and scores still count",
                    )
                    .arg(target())
                    .arg(Arg::new("reference").long("reference").value_name("REF")),
            );
    }
    if kind == Kind::Framework {
        cmd = cmd.subcommand(
            Command::new("import")
                .about("Importer un référentiel (JSON) / import a framework (JSON)")
                .arg(Arg::new("file").required(true).value_name("FICHIER"))
                .arg(Arg::new("programme").long("programme").value_name("ID|CODE")),
        );
    }
    cmd
}
