//! The command-line grammar. Record commands are built from the domain's
//! field lists, so every field of every kind has its option without being
//! declared twice.

use binome_core::domain::Kind;
use binome_core::domain::kind::FieldType;
use binome_core::i18n::{Lang, Messages};
use binome_core::import::ImportKind;
use clap::{Arg, ArgAction, ArgGroup, Command};

/// Every interface, on the port IT staff open for Binôme.
const NEARBY_LISTEN_DEFAULT: &str = "0.0.0.0:47474";

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

/// The option for a field: reference fields drop their `_id`, underscores become dashes.
pub fn option_name(field: &str) -> String {
    field.trim_end_matches("_ids").trim_end_matches("_id").replace('_', "-")
        + if field.ends_with("_ids") { "s" } else { "" }
}

/// Help texts come from the shared catalogue, French then English.
struct Labels {
    fr: Messages,
    en: Messages,
}

impl Labels {
    fn new() -> Labels {
        Labels { fr: Messages::new(Lang::Fr), en: Messages::new(Lang::En) }
    }
    fn field(&self, name: &str) -> String {
        format!("{} / {}", self.fr.field(name), self.en.field(name))
    }
    fn kind(&self, kind: Kind) -> String {
        format!("{} / {}", self.fr.kind(kind), self.en.kind(kind))
    }
}

fn field_args(kind: Kind, labels: &Labels) -> Vec<Arg> {
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

fn list_filters(kind: Kind, labels: &Labels) -> Vec<Arg> {
    kind.fields()
        .iter()
        .filter(|f| matches!(f.ty, FieldType::Ref(_)))
        .map(|f| Arg::new(f.name).long(option_name(f.name)).value_name("ID|CODE").help(labels.field(f.name)))
        .collect()
}

fn target() -> Arg {
    Arg::new("target")
        .required(true)
        .value_name("ID")
        .help("Identifiant (ou préfixe, ou code) / id (or prefix, or code)")
}

fn record_command(name: &'static str, alias: &'static str, kind: Kind, labels: &Labels) -> Command {
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

fn scope_args() -> Vec<Arg> {
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
fn breakdowns() -> Vec<&'static str> {
    binome_core::domain::indicators::Breakdown::ALL.iter().map(|b| b.code()).collect()
}

fn export_command() -> Command {
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

fn dhis2_args() -> Vec<Arg> {
    vec![
        Arg::new("mapping").long("mapping").required(true).value_name("FICHIER.json").help(
            "Correspondance Binôme → DHIS2 (binome dhis2 template) / Binôme → DHIS2 mapping (binome dhis2 template)",
        ),
        Arg::new("period").long("period").required(true).value_name("PÉRIODE").help("202311, 2023Q4, 2023S2, 2023"),
        Arg::new("programme").long("programme").value_name("ID|CODE"),
        Arg::new("out").long("out").required(true).value_name("FICHIER"),
    ]
}

fn print_command() -> Command {
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

fn dhis2_command() -> Command {
    Command::new("dhis2")
        .about("Échanges avec DHIS2 / exchange with DHIS2")
        .subcommand_required(true)
        .subcommand(
            Command::new("template")
                .about("Modèle de correspondance depuis les structures du magasin / mapping template from the store's facilities")
                .arg(Arg::new("out").long("out").required(true).value_name("FICHIER.json")),
        )
}

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
        .subcommand(init_command())
        .subcommand(device_command())
        .subcommand(import_command())
        .subcommand(template_command())
        .subcommand(indicators_command())
        .subcommand(export_command())
        .subcommand(dhis2_command())
        .subcommand(print_command())
        .subcommand(demo_command())
        .subcommand(Command::new("check").about("Références orphelines / orphan references"))
        .subcommand(bundle_command())
        .subcommand(sync_command())
        .subcommand(devices_command())
        .subcommand(conflicts_command())
        .subcommand(dump_command())
        .subcommand(passphrase_command())
        .subcommand(recovery_kit_command())
        .subcommand(unlock_command())
        .subcommand(backup_command());
    let labels = Labels::new();
    for (name, alias, kind) in RECORD_COMMANDS {
        cmd = cmd.subcommand(record_command(name, alias, *kind, &labels));
    }
    cmd
}

fn init_command() -> Command {
    Command::new("init")
        .about("Créer le magasin et l'identité de l'appareil / create the store and device identity")
        .arg(Arg::new("name").long("name").value_name("NOM").help("Nom de l'appareil / device name"))
        .arg(Arg::new("author").long("author").value_name("NOM").help("Utilisateur / user"))
        .arg(Arg::new("role").long("role").value_parser(["expert", "referent", "coordinator"]).default_value("expert"))
}

fn device_command() -> Command {
    Command::new("device")
        .about("Cet appareil / this device")
        .subcommand(Command::new("show").about("Afficher, avec l'empreinte / show, with the fingerprint"))
        .subcommand(
            Command::new("install-certificate")
                .about("Installer le certificat remis par un coordinateur / install a coordinator's certificate")
                .arg(Arg::new("file").required(true).value_name("FICHIER")),
        )
}

fn import_command() -> Command {
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
            Arg::new("dry-run")
                .long("dry-run")
                .action(ArgAction::SetTrue)
                .help("Vérifier sans écrire / check without writing"),
        )
}

fn template_command() -> Command {
    let import_kinds: Vec<&str> = ImportKind::ALL.iter().map(|k| k.code()).collect();
    Command::new("template")
        .visible_alias("modele")
        .about("Écrire un modèle d'import (.csv ou .xlsx) / write an import template (.csv or .xlsx)")
        .arg(Arg::new("kind").required(true).value_parser(import_kinds))
        .arg(Arg::new("out").long("out").required(true).value_name("FICHIER"))
}

fn indicators_command() -> Command {
    Command::new("indicators")
        .visible_alias("indicateurs")
        .about("Indicateurs communs / common indicators")
        .arg(Arg::new("programme").long("programme").value_name("ID|CODE"))
        .arg(Arg::new("mission").long("mission").value_name("ID|CODE"))
        .arg(Arg::new("from").long("from").value_name("JJ/MM/AAAA"))
        .arg(Arg::new("to").long("to").value_name("JJ/MM/AAAA"))
        .arg(Arg::new("by").long("by").value_parser(breakdowns()))
        .arg(Arg::new("csv").long("csv").action(ArgAction::SetTrue).help("CSV (;) pour Excel / CSV for Excel"))
}

fn demo_command() -> Command {
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

fn bundle_command() -> Command {
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

fn sync_command() -> Command {
    Command::new("sync")
        .about("Synchroniser sans fichier / sync without a file")
        .subcommand_required(true)
        .subcommand(
            Command::new("nearby")
                .visible_alias("proximite")
                .about(
                    "Avec un ordinateur sur le même réseau (Wi-Fi, partage de connexion) / with a computer on the same network (Wi-Fi, hotspot)",
                )
                .arg(
                    Arg::new("listen")
                        .long("listen")
                        .visible_alias("attendre")
                        .num_args(0..=1)
                        .default_missing_value(NEARBY_LISTEN_DEFAULT)
                        .value_name("ADRESSE[:PORT]")
                        .help("Attendre un ordinateur, synchroniser une fois, sortir ; la première ligne est l'adresse et le port / wait for one computer, sync once, exit; the first line is the address and port"),
                )
                .arg(
                    Arg::new("peer")
                        .long("peer")
                        .visible_alias("avec")
                        .value_name("ADRESSE[:PORT]")
                        .help("Se connecter à cet ordinateur (adresse, nom ou empreinte), synchroniser une fois, sortir ; sans --listen ni --peer : chercher et choisir / connect to this computer (address, name or fingerprint), sync once, exit; with neither: find and choose"),
                )
                .group(ArgGroup::new("how").args(["listen", "peer"])),
        )
}

fn devices_command() -> Command {
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
                .arg(Arg::new("role").long("role").required(true).value_parser(["expert", "referent", "coordinator"]))
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

fn conflicts_command() -> Command {
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

fn dump_command() -> Command {
    Command::new("dump")
        .about("Tout le magasin en JSON canonique, pour comparer / the whole store as canonical JSON, to compare")
        .arg(Arg::new("out").long("out").value_name("FICHIER"))
}

fn passphrase_command() -> Command {
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

fn recovery_kit_command() -> Command {
    Command::new("recovery-kit")
        .visible_alias("kit-de-recuperation")
        .about("Écrire le kit de récupération pour les coordinateurs reconnus / write the recovery kit")
        .arg(Arg::new("out").long("out").value_name("FICHIER"))
        .arg(Arg::new("pdf").long("pdf").value_name("FICHIER.pdf"))
}

fn unlock_command() -> Command {
    Command::new("unlock")
        .visible_alias("deverrouiller")
        .about(
            "Coordinateur : nouvelle phrase de passe d'un magasin oublié, par son kit (BINOME_NEW_PASSPHRASE) / \
             coordinator: a new passphrase for a forgotten store, through its kit",
        )
        .arg(Arg::new("from-kit").long("from-kit").required(true).value_name("KIT"))
        .arg(Arg::new("store").long("store").required(true).value_name("MAGASIN"))
}

fn backup_command() -> Command {
    Command::new("backup")
        .visible_alias("sauvegarde")
        .about("Sauvegardes prises avant chaque import / backups taken before every import")
        .subcommand(Command::new("list").about("Lister / list"))
        .subcommand(
            Command::new("restore")
                .visible_alias("restaurer")
                .about("Remettre une sauvegarde en place / restore a backup")
                .arg(Arg::new("name").required(true).value_name("NOM")),
        )
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_grammar_is_consistent() {
        super::command().debug_assert();
    }

    #[test]
    fn reference_options_read_naturally() {
        assert_eq!(super::option_name("mission_id"), "mission");
        assert_eq!(super::option_name("trainer_ids"), "trainers");
        assert_eq!(super::option_name("family_name"), "family-name");
    }
}
