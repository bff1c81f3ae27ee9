//! Issue 16's target: a 100 MB CSV of valid participant rows imported in
//! at most 200 MB. A list is written the way Excel on a French Windows
//! writes one (`;`, Windows-1252, CRLF) and the way LibreOffice does
//! (UTF-8), then imported by `binome import` as a child process into a
//! store with a Chad programme and a mission; the peak is its `VmHWM`.

use crate::child;
use anyhow::Result;
use std::io::Write;
use std::path::Path;

const FAMILY: &[&str] =
    &["MAHAMAT", "ABAKAR", "DJIMADOUM", "NGARADOUM", "HASSANE", "MOUSSA", "NDOUBA", "ALLAMINE", "KOUMAKOYE", "DOUMBIA"];
const GIVEN: &[&str] =
    &["Zénaba", "Achta", "Hissène", "Fatimé", "Aïssata", "Hélène", "Mariam", "Ousmane", "Gérard", "Kaltouma"];
const PROFESSIONS: &[&str] = &["Sage-femme", "Infirmier", "Médecin", "Aide-soignant"];
const SERVICES: &[&str] = &["Maternité", "Pédiatrie", "Urgences", "Bloc opératoire", "Néonatologie"];

/// Writes about `bytes` of participant rows, every name distinct (a
/// number is part of the given names) and every phone number valid in Chad.
fn write_list(path: &Path, bytes: u64, windows_1252: bool) -> Result<u64> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    let (mut written, mut rows) = (0u64, 0u64);
    let line = |text: &str, out: &mut dyn Write| -> Result<u64> {
        let encoded: Vec<u8> =
            if windows_1252 { encoding_rs::WINDOWS_1252.encode(text).0.into_owned() } else { text.as_bytes().to_vec() };
        out.write_all(&encoded)?;
        Ok(encoded.len() as u64)
    };
    written += line("Nom;Prénom(s);Sexe;Fonction;Service;Téléphone\r\n", &mut out)?;
    while written < bytes {
        let n = rows as usize;
        let text = format!(
            "{};{} {};{};{};{};66 {:02} {:02} {:02}\r\n",
            FAMILY[n % FAMILY.len()],
            GIVEN[(n / FAMILY.len()) % GIVEN.len()],
            n,
            if n % 3 == 0 { "H" } else { "F" },
            PROFESSIONS[n % PROFESSIONS.len()],
            SERVICES[n % SERVICES.len()],
            (n / 10_000) % 100,
            (n / 100) % 100,
            n % 100,
        );
        written += line(&text, &mut out)?;
        rows += 1;
    }
    out.flush()?;
    Ok(rows)
}

/// One store with a programme in Chad and a mission, set up through the CLI.
fn store_with_mission(cli: &Path, store: &Path) -> Result<()> {
    child::run(cli, store, &["init", "--name", "expert", "--author", "bench", "--role", "coordinator"])?;
    child::run(
        cli,
        store,
        &["programmes", "add", "--code", "P", "--name", "P", "--country", "TD", "--start-date", "01/01/2019"],
    )?;
    child::run(
        cli,
        store,
        &[
            "organisations",
            "add",
            "--name",
            "Hôpital de la Mère et de l'Enfant",
            "--kind",
            "host",
            "--level",
            "national",
        ],
    )?;
    child::run(
        cli,
        store,
        &[
            "missions",
            "add",
            "--programme",
            "P",
            "--code",
            "M",
            "--title",
            "M",
            "--host-org",
            "Hôpital de la Mère et de l'Enfant",
            "--start-date",
            "04/03/2019",
            "--end-date",
            "15/03/2019",
        ],
    )?;
    Ok(())
}

/// (figure, measured) rows for `megabytes` of list.
pub fn rows(cli: &Path, dir: &Path, megabytes: u64) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for (windows_1252, dry_run) in [(true, true), (false, false)] {
        let list = dir.join(if windows_1252 { "list-1252.csv" } else { "list-utf8.csv" });
        let rows = write_list(&list, megabytes << 20, windows_1252)?;
        let store = dir.join(format!("import-{}.sqlite3", if dry_run { "dry" } else { "real" }));
        store_with_mission(cli, &store)?;
        let mut args = vec!["import", "participants", list.to_str().expect("UTF-8 path"), "--mission", "M"];
        if dry_run {
            args.push("--dry-run");
        }
        let run = child::run(cli, &store, &args)?;
        let what = match (windows_1252, dry_run) {
            (true, _) => "checked (--dry-run), Windows-1252",
            (false, _) => "imported, UTF-8",
        };
        out.push((
            format!("{megabytes} MB list ({rows} rows), {what}"),
            format!("peak {} MB, {:.1} s", run.peak_kib / 1024, run.time.as_secs_f64()),
        ));
    }
    Ok(out)
}
