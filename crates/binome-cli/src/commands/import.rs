//! `binome import` and `binome template`.

use clap::{Arg, ArgAction, Command};

use super::Ctx;
use super::mapping_file;
use crate::output::say;
use binome_core::i18n::Messages;
use binome_core::import::{
    ColumnUse, ImportChoices, ImportError, ImportKind, ImportOptions, ImportReport, column_label,
};
use binome_core::sheet::{HiddenRows, SheetLine};
use binome_core::{Binome, CoreError};
use clap::ArgMatches;
use std::path::Path;
use std::process::ExitCode;

pub fn import(binome: &mut Binome, matches: &ArgMatches, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let m = ctx.messages;
    let kind = ImportKind::parse(matches.get_one::<String>("kind").expect("required")).expect("validated by clap");
    let path = Path::new(matches.get_one::<String>("file").expect("required"));
    let choices = match matches.get_one::<String>("mapping") {
        Some(file) => mapping_file::read(Path::new(file))?,
        None => ImportChoices::default(),
    };
    let options = ImportOptions {
        mission: matches.get_one::<String>("mission").cloned(),
        session: matches.get_one::<String>("session").cloned(),
        sheet: matches.get_one::<String>("sheet").cloned(),
        hidden_rows: if matches.get_flag("hidden-rows") { HiddenRows::Read } else { HiddenRows::LeftOut },
        columns: choices.columns.clone(),
        values: choices.values.clone(),
        create_missing: matches.get_flag("create-missing"),
        dry_run: matches.get_flag("dry-run"),
    };
    // A refused import still reports its columns and unknown values: they
    // are what the person needs to write the choices that let it through.
    let report = match binome.import_file(kind, path, &options) {
        Ok(report) => report,
        Err(CoreError::Import(ImportError::Rows { report })) => *report,
        Err(other) => return Err(other.into()),
    };
    if let Some(out) = matches.get_one::<String>("write-mapping") {
        let out = Path::new(out);
        mapping_file::write(out, kind, &report, &choices, binome, m).map_err(|e| CoreError::io(out, e))?;
        // With --json, standard output holds the report alone.
        if !ctx.json {
            say(m.text("import-mapping-written", &[("path", out.display().to_string())]));
        }
    }
    if ctx.json {
        say(serde_json::to_string_pretty(&report)?);
    } else {
        print_layout(&report, m);
        print_unknown_values(binome, &report, m);
        if report.problems.is_empty() {
            say(m.text(
                "import-summary",
                &[
                    ("rows", report.rows.to_string()),
                    ("created", report.created.to_string()),
                    ("updated", report.updated.to_string()),
                ],
            ));
        }
        for facility in &report.new_facilities {
            say(m.text("import-new-facility", &[("name", facility.name.clone()), ("level", m.value(&facility.level))]));
        }
        for profession in &report.new_professions {
            say(m.text(
                "import-new-profession",
                &[("title", profession.title.clone()), ("category", m.value(&profession.category))],
            ));
        }
        if !report.problems.is_empty() {
            eprintln!("{}", m.text("error-import-rows", &[("count", report.lines_in_error.to_string())]));
            eprint!("{}", super::errors::row_problems(&report.problems, m));
            eprint!("{}", binome_core::describe::problems_not_shown(&report, m));
            if !report.unknown_values.is_empty() && matches.get_one::<String>("write-mapping").is_none() {
                eprintln!("{}", m.text("import-mapping-hint", &[]));
            }
            eprint!("{}", super::errors::code_line("import-rows", m));
        }
        if !report.duplicates.is_empty() {
            say(m.text("import-duplicates", &[]));
            super::records::print_duplicates(binome, &report.duplicates, ctx);
        }
        if report.created > report.duplicates_searched && report.kind == ImportKind::Participants {
            say(m.text(
                "import-duplicates-partial",
                &[("searched", report.duplicates_searched.to_string()), ("created", report.created.to_string())],
            ));
        }
        if report.dry_run {
            say(m.text("import-dry-run", &[]));
        }
    }
    Ok(if report.problems.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// Each value the import does not know, once, with its rows and a guess.
fn print_unknown_values(binome: &Binome, report: &ImportReport, m: &Messages) {
    if report.unknown_values.is_empty() {
        return;
    }
    say(m.text("import-unknown-values", &[]));
    for group in &report.unknown_values {
        let suggestion = match (&group.suggestion, group.field.as_str()) {
            (None, _) => "none".to_owned(),
            (Some(id), "organisation_id") => binome.label_of(binome_domain::Kind::Organisation, id),
            (Some(id), "cadre") if report.professions.iter().any(|p| &p.id == id) => {
                binome.label_of(binome_domain::Kind::Profession, id)
            }
            (Some(code), _) => m.value(code),
        };
        let lines: Vec<String> = group.lines.iter().take(8).map(u32::to_string).collect();
        say(format!(
            "  {}",
            m.text(
                "import-unknown-value",
                &[
                    ("column", group.column.clone()),
                    ("value", group.value.clone()),
                    ("count", group.count.to_string()),
                    ("lines", lines.join(", ")),
                    ("suggestion", suggestion),
                ],
            )
        ));
    }
}

/// The sheet, the header line and what became of every column, so that
/// nothing typed in the file is left out without the person seeing it.
fn print_layout(report: &ImportReport, m: &Messages) {
    if let Some(sheet) = &report.source.sheet {
        let others: Vec<&str> = report.source.sheets.iter().map(String::as_str).filter(|s| s != sheet).collect();
        let others = if others.is_empty() { "none".to_owned() } else { others.join(", ") };
        say(m.text("import-sheet", &[("sheet", sheet.clone()), ("others", others)]));
    }
    if !report.skipped_lines.is_empty() {
        let lines: Vec<String> = report.skipped_lines.iter().map(usize::to_string).collect();
        say(m.text("import-header-line", &[("line", report.header_line.to_string()), ("skipped", lines.join(", "))]));
    }
    if !report.source.hidden_lines.is_empty() {
        let key = match report.source.hidden_rows {
            HiddenRows::LeftOut => "import-hidden-lines-left-out",
            HiddenRows::Read => "import-hidden-lines-read",
        };
        say(m.text(key, &[("lines", listed(&report.source.hidden_lines, m))]));
    }
    if !report.left_out_lines.is_empty() {
        say(m.text("import-lines-left-out", &[("lines", listed(&report.left_out_lines, m))]));
    }
    say(m.text("import-columns", &[]));
    for column in &report.columns {
        let field = column.field.as_deref().map(|f| column_label(f, m)).unwrap_or_default();
        let key = match column.used_as {
            ColumnUse::Matched => "import-column-matched",
            ColumnUse::Chosen if column.field.is_some() => "import-column-chosen",
            ColumnUse::Chosen => "import-column-left-out",
            ColumnUse::FullName => "import-column-full-name",
            ColumnUse::Numbering => "import-column-numbering",
            ColumnUse::SessionDay => "import-column-session-day",
            ColumnUse::Ignored => "import-column-ignored",
        };
        say(format!(
            "  {}",
            m.text(key, &[("letter", column.letter.clone()), ("heading", column.heading.clone()), ("field", field)])
        ));
    }
}

/// Lines as "ligne 12 « MAHAMAT »", the first [`LINES_LISTED`] of them.
fn listed(lines: &[SheetLine], m: &Messages) -> String {
    let mut listed: Vec<String> = lines
        .iter()
        .take(LINES_LISTED)
        .map(|l| m.text("import-line-left-out", &[("line", l.line.to_string()), ("text", l.text.clone())]))
        .collect();
    if lines.len() > LINES_LISTED {
        listed.push(m.text("import-lines-more", &[("more", (lines.len() - LINES_LISTED).to_string())]));
    }
    listed.join(", ")
}

/// Lines named one by one in the summary; `--json` gives them all.
const LINES_LISTED: usize = 20;

pub fn template(matches: &ArgMatches, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let kind = ImportKind::parse(matches.get_one::<String>("kind").expect("required")).expect("validated by clap");
    let out = Path::new(matches.get_one::<String>("out").expect("required"));
    let french = binome_core::i18n::Messages::new(binome_core::i18n::Lang::Fr);
    let is_workbook = out.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    let bytes = if is_workbook {
        binome_core::import::template_xlsx(kind, &french)?
    } else {
        binome_core::import::template(kind, &french)
    };
    binome_core::private::write_private(out, &bytes).map_err(|e| CoreError::io(out, e))?;
    say(ctx.messages.text("cli-template-written", &[("path", out.display().to_string())]));
    Ok(ExitCode::SUCCESS)
}

// The grammar of these commands, beside their handlers.

pub(crate) fn import_command() -> Command {
    let import_kinds: Vec<&str> = ImportKind::ALL.iter().map(|k| k.code()).collect();
    Command::new("import")
        .about("Importer un tableur (.xlsx, .csv) / import a spreadsheet")
        .arg(Arg::new("kind").required(true).value_parser(import_kinds.clone()))
        .arg(Arg::new("file").required(true).value_name("FICHIER"))
        .arg(
            Arg::new("mission")
                .long("mission")
                .value_name("ID|CODE")
                .help("Inscrire à / enrol in (participants); mission par défaut / default mission (sessions)"),
        )
        .arg(
            Arg::new("session")
                .long("session")
                .value_name("ID")
                .help("Séance par défaut / default session (attendance, scores)"),
        )
        .arg(
            Arg::new("mapping")
                .long("mapping")
                .visible_alias("choix")
                .value_name("FICHIER")
                .help("Choix de colonnes et de valeurs (TOML) / column and value choices (TOML)"),
        )
        .arg(
            Arg::new("write-mapping")
                .long("write-mapping")
                .visible_alias("ecrire-choix")
                .value_name("FICHIER")
                .help("Écrire les choix à compléter / write the choices to fill in"),
        )
        .arg(
            Arg::new("create-missing")
                .long("create-missing")
                .visible_alias("creer-manquantes")
                .action(ArgAction::SetTrue)
                .help("Créer les structures inconnues / create unknown facilities"),
        )
        .arg(
            Arg::new("sheet").long("sheet").visible_alias("feuille").value_name("NOM").help(
                "Feuille du classeur / workbook sheet (défaut : la première non vide / default: first non-empty)",
            ),
        )
        .arg(
            Arg::new("hidden-rows")
                .long("hidden-rows")
                .visible_alias("lignes-masquees")
                .action(ArgAction::SetTrue)
                .help("Importer aussi les lignes masquées du classeur / also import the rows the workbook hides"),
        )
        .arg(
            Arg::new("dry-run")
                .long("dry-run")
                .action(ArgAction::SetTrue)
                .help("Vérifier sans écrire / check without writing"),
        )
}

pub(crate) fn template_command() -> Command {
    let import_kinds: Vec<&str> = ImportKind::ALL.iter().map(|k| k.code()).collect();
    Command::new("template")
        .visible_alias("modele")
        .about("Écrire un modèle d'import (.csv ou .xlsx) / write an import template (.csv or .xlsx)")
        .arg(Arg::new("kind").required(true).value_parser(import_kinds))
        .arg(Arg::new("out").long("out").required(true).value_name("FICHIER"))
}
