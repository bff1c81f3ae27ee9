//! A store in a temporary folder, and a small mission to work on.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

pub struct Store {
    pub dir: tempfile::TempDir,
}

/// The error code a refusal closes with ("Code : import-header"), so a
/// test asserts what was refused, not how the sentence reads.
pub fn error_code(stderr: &str) -> Option<&str> {
    stderr.lines().rev().find_map(|line| line.strip_prefix("Code : ").or_else(|| line.strip_prefix("Code: ")))
}

/// One refused row's problem, as a refused import's JSON report gives it.
#[derive(Debug, PartialEq, Eq)]
pub struct RowProblem {
    pub line: u64,
    pub column: String,
    pub field: String,
    pub code: String,
    pub value: String,
}

impl RowProblem {
    pub fn new(line: u64, column: &str, field: &str, code: &str, value: &str) -> RowProblem {
        RowProblem { line, column: column.into(), field: field.into(), code: code.into(), value: value.into() }
    }
}

/// A French sentence of the shipped catalogue, as the CLI prints it: a
/// test that checks what a person reads goes through the catalogue, so
/// rewording a message breaks no test.
pub fn french(key: &str, args: &[(&str, &str)]) -> String {
    let args: Vec<(&str, String)> = args.iter().map(|(name, value)| (*name, (*value).to_owned())).collect();
    binome_core::i18n::Messages::new(binome_core::i18n::Lang::Fr).text(key, &args)
}

/// A code's French label (`validated` → what a status column shows).
pub fn french_value(code: &str) -> String {
    binome_core::i18n::Messages::new(binome_core::i18n::Lang::Fr).value(code)
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(name)
}

pub fn asset(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets").join(path)
}

/// What every test laptop's store is locked with.
pub const PASSPHRASE: &str = "la case de Mme Acta";

/// A raw connection to the store at `path`, for tests that damage it on
/// purpose or read what a migration kept: encrypted (under the tests'
/// passphrase), or plain as a fixture from before encryption is.
pub fn raw(path: &Path) -> rusqlite::Connection {
    raw_with_key_of(path, path).expect("the tests' passphrase opens the store")
}

/// A raw connection to `file` (the store at `store`, or a backup of it)
/// with the store's key; `None` if it does not open.
pub fn raw_with_key_of(file: &Path, store: &Path) -> Option<rusqlite::Connection> {
    if binome_store::inspect(file).ok()? == binome_store::StoreFile::Plain {
        return rusqlite::Connection::open(file).ok();
    }
    let key = binome_core::vault::unseal_key(store, &binome_core::vault::Passphrase::new(PASSPHRASE)).ok()?;
    binome_store::raw_connection(file, &key).ok()
}

impl Store {
    /// A coordinator's laptop: it may write every kind of record.
    pub fn new() -> Store {
        Store::named("laptop-test", "Claire Expert", "coordinator")
    }

    /// A laptop with its own name, user and role.
    pub fn named(name: &str, author: &str, role: &str) -> Store {
        let store = Store { dir: tempfile::tempdir().expect("a temporary folder") };
        store.ok(&["init", "--name", name, "--author", author, "--role", role]);
        store
    }

    /// The canonical dump, to compare two stores or one store over time.
    pub fn dump(&self) -> String {
        self.ok(&["dump"])
    }

    /// A file path in this laptop's folder.
    pub fn file(&self, name: &str) -> String {
        self.dir.path().join(name).to_string_lossy().into_owned()
    }

    pub fn path(&self) -> PathBuf {
        self.dir.path().join("store.sqlite3")
    }

    pub fn cmd(&self, args: &[&str]) -> Command {
        Command::from_std(self.process(args))
    }

    /// The same command as [`Store::cmd`], to spawn and talk to while it runs.
    pub fn process(&self, args: &[&str]) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("binome"));
        cmd.env_remove("LANG").env_remove("LC_ALL").env_remove("LC_MESSAGES").env_remove("BINOME_DB");
        cmd.env("BINOME_PASSPHRASE", PASSPHRASE).env_remove("BINOME_NEW_PASSPHRASE");
        cmd.arg("--db").arg(self.path()).args(args);
        cmd
    }

    /// Runs, expects success, returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd(args).output().expect("binome runs");
        assert!(out.status.success(), "binome {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("UTF-8 output")
    }

    /// Runs with --json, expects success, returns the parsed output.
    pub fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        serde_json::from_str(&self.ok(&all)).expect("JSON output")
    }

    /// Runs, expects failure with exit status `code`, returns stderr.
    #[track_caller]
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        let out = self.cmd(args).output().expect("binome runs");
        assert_eq!(out.status.code(), Some(code), "binome {args:?}: {}", String::from_utf8_lossy(&out.stdout));
        String::from_utf8(out.stderr).expect("UTF-8 output")
    }

    /// Runs, expects a refusal with exit status `exit` and error `code`
    /// (the line the CLI closes it with); returns stderr.
    #[track_caller]
    pub fn refused(&self, args: &[&str], exit: i32, code: &str) -> String {
        let err = self.fails(args, exit);
        assert_eq!(error_code(&err), Some(code), "binome {args:?}: {err}");
        err
    }

    /// As [`Store::refused`], and the store is exactly as it was: a
    /// refusal writes nothing.
    #[track_caller]
    pub fn refused_whole(&self, args: &[&str], exit: i32, code: &str) -> String {
        let before = self.dump();
        let err = self.refused(args, exit, code);
        assert_eq!(self.dump(), before, "binome {args:?} was refused but changed the store");
        err
    }

    /// An import refused for its rows, run with `--json`: it exits 1,
    /// writes nothing and reports each problem as (line, column heading,
    /// field, problem code, value) — what the person fixes, in any
    /// language.
    #[track_caller]
    pub fn refused_rows(&self, args: &[&str]) -> Vec<RowProblem> {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let out = self.cmd(&all).output().expect("binome runs");
        assert_eq!(out.status.code(), Some(1), "binome {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        let report: Value = serde_json::from_slice(&out.stdout).expect("the import's report as JSON");
        assert_eq!(report["written"], false, "binome {args:?} wrote a refused import");
        let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
        report["problems"]
            .as_array()
            .expect("the report's problems")
            .iter()
            .map(|p| RowProblem {
                line: p["line"].as_u64().expect("a line"),
                column: text(&p["column"]),
                field: text(&p["problem"]["field"]),
                code: text(&p["problem"]["code"]),
                value: text(&p["problem"]["value"]),
            })
            .collect()
    }

    pub fn add(&self, kind: &str, args: &[&str]) -> String {
        let mut all = vec![kind, "add"];
        all.extend_from_slice(args);
        self.json(&all)["id"].as_str().expect("an id").to_owned()
    }

    pub fn count(&self, kind: &str) -> usize {
        self.json(&[kind, "list"]).as_array().expect("a list").len()
    }
}

/// A programme, a host facility and a mission from 04/03/2019 to 15/03/2019.
pub struct Mission {
    pub host: String,
    pub mission: String,
}

pub fn mission(store: &Store) -> Mission {
    store.add(
        "programmes",
        &[
            "--code",
            "PASST2",
            "--name",
            "Appui santé Tchad",
            "--country",
            "TD",
            "--funder",
            "AFD",
            "--start-date",
            "01/01/2016",
            "--end-date",
            "31/12/2020",
        ],
    );
    let host = store.add(
        "organisations",
        &[
            "--name",
            "Hôpital de la Mère et de l'Enfant",
            "--kind",
            "host",
            "--level",
            "national",
            "--city",
            "N'Djamena",
            "--country",
            "TD",
        ],
    );
    let mission = store.add(
        "missions",
        &[
            "--programme",
            "PASST2",
            "--code",
            "M-2019-03",
            "--title",
            "SONU N'Djamena",
            "--host-org",
            &host,
            "--start-date",
            "04/03/2019",
            "--end-date",
            "15/03/2019",
        ],
    );
    Mission { host, mission }
}

/// The programme's next mission, from 03/06/2019 to 14/06/2019, hosted by `host`.
pub fn second_mission(store: &Store, host: &str) -> String {
    store.add(
        "missions",
        &[
            "--programme",
            "PASST2",
            "--code",
            "M-2019-06",
            "--title",
            "SONU Moundou, deuxième session",
            "--host-org",
            host,
            "--start-date",
            "03/06/2019",
            "--end-date",
            "14/06/2019",
        ],
    )
}

/// A three-hour HPP workshop of the mission on `date` (dd/mm/yyyy), still
/// a draft.
pub fn workshop(store: &Store, mission: &str, date: &str) -> String {
    store.add("sessions", &workshop_fields(mission, "HPP", date, "3h"))
}

/// The fields of `sessions add` for a workshop of `mission`.
pub fn workshop_fields<'a>(mission: &'a str, title: &'a str, date: &'a str, duration: &'a str) -> [&'a str; 10] {
    ["--mission", mission, "--title", title, "--modality", "atelier", "--date", date, "--duration", duration]
}

/// A participant enrolled in the mission.
pub fn participant(store: &Store, mission: &str, family: &str, given: &str, sex: &str, cadre: &str) -> String {
    let person =
        store.add("persons", &["--family-name", family, "--given-names", given, "--sex", sex, "--cadre", cadre]);
    store.add("enrolments", &["--mission", mission, "--person", &person]);
    person
}

/// `import participants FILE --mission MISSION` and then `extra`.
pub fn participants_import<'a>(file: &'a Path, mission: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["import", "participants", file.to_str().unwrap(), "--mission", mission];
    args.extend_from_slice(extra);
    args
}

/// The French-Excel participant list of the fixtures, enrolled in `m`.
pub fn import_participants(store: &Store, m: &Mission) {
    store.ok(&participants_import(&fixture("participants-excel-fr.csv"), &m.mission, &[]));
}

/// Every person's `fields` as text (empty when unset), sorted.
pub fn people_fields(store: &Store, fields: &[&str]) -> Vec<Vec<String>> {
    let mut people: Vec<Vec<String>> = store
        .json(&["persons", "list"])
        .as_array()
        .expect("a list")
        .iter()
        .map(|p| fields.iter().map(|f| p["data"][*f].as_str().unwrap_or_default().to_owned()).collect())
        .collect();
    people.sort();
    people
}
