//! `binome-bench --scale mission|programme|country`: builds the dataset
//! with the demo generator, then measures each figure of issue 7 beside
//! its baseline, in the same run, and prints a Markdown table.
//!
//! Imports and exports run as child processes of the `binome` command
//! (built beside this binary), so their peak memory is theirs alone.

mod child;
mod dashboard;
mod encryption;
mod import_memory;
mod nearby;

use anyhow::{Context, Result, bail};
use binome_core::demo::DemoScale;
use binome_core::domain::Kind;
use binome_core::domain::codes::ReviewStatus;
use binome_core::domain::indicators::{Breakdown, Scope};
use binome_core::records::Prepared;
use binome_core::vault::{Passphrase, StoreState, store_state};
use binome_core::{Binome, DeviceRole, ListQuery};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub(crate) struct Row {
    figure: String,
    measured: String,
    baseline: String,
    ratio: String,
    target: String,
}

pub(crate) fn seconds(d: Duration) -> String {
    // A tick is a millisecond or two: a tenth of one still shows.
    if d < Duration::from_millis(10) {
        format!("{:.4} s", d.as_secs_f64())
    } else {
        format!("{:.3} s", d.as_secs_f64())
    }
}

pub(crate) fn timed<T>(work: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = work();
    (out, start.elapsed())
}

/// The best of three: a noisy two-core machine only ever adds time.
pub(crate) fn best_of_three<T>(mut work: impl FnMut() -> Result<T>) -> Result<Duration> {
    let mut best = Duration::MAX;
    for _ in 0..3 {
        let (out, d) = timed(&mut work);
        out?;
        best = best.min(d);
    }
    Ok(best)
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let scale_text = args.iter().skip_while(|a| *a != "--scale").nth(1).map(String::as_str).unwrap_or("mission");
    let scale = DemoScale::parse(scale_text).with_context(|| format!("unknown scale {scale_text}"))?;
    let quick = args.iter().any(|a| a == "--quick");
    let plans = args.iter().any(|a| a == "--plans");
    // `--screens STORE`: only the screens, on a store already built (a
    // copy of a real one, or a country demo kept from an earlier run).
    if let Some(store) = args.iter().skip_while(|a| *a != "--screens").nth(1) {
        for r in screen_rows(&open(Path::new(store))?)? {
            println!("| {} | {} |", r.figure, r.measured);
        }
        return Ok(());
    }
    // `--ticks DIR`: only the attendance tick, five times, on the source
    // and its decrypted twin an earlier `--keep DIR` run left.
    if let Some(kept) = args.iter().skip_while(|a| *a != "--ticks").nth(1) {
        for r in encryption::tick_rows(Path::new(kept), 5)? {
            println!("| {} | {} | {} | {} | {} |", r.figure, r.measured, r.baseline, r.ratio, r.target);
        }
        return Ok(());
    }
    let cli = child::cli_path()?;
    if args.iter().any(|a| a == "--dashboard") {
        let temp = tempfile::tempdir()?;
        // `--keep DIR`: the store and its decrypted twin stay there.
        let dir = args.iter().skip_while(|a| *a != "--keep").nth(1).map_or(temp.path().to_owned(), PathBuf::from);
        std::fs::create_dir_all(&dir)?;
        println!("| figure | measured | peer (same run, same rows) | ratio | target |\n|---|---|---|---|---|");
        for r in dashboard::rows(&dir, &cli, scale, scale_text)? {
            println!("| {} | {} | {} | {} | {} |", r.figure, r.measured, r.baseline, r.ratio, r.target);
        }
        return Ok(());
    }
    // `--nearby`: sync nearby against a file carried, at `--scale`.
    if args.iter().any(|a| a == "--nearby") {
        let temp = tempfile::tempdir()?;
        println!("| figure | measured | by file (same run) | ratio | target |\n|---|---|---|---|---|");
        for r in nearby::rows(temp.path(), &cli, scale)? {
            println!("| {} | {} | {} | {} | {} |", r.figure, r.measured, r.baseline, r.ratio, r.target);
        }
        return Ok(());
    }
    // `--import-memory MB`: only the spreadsheet import's peak memory.
    if let Some(megabytes) = args.iter().skip_while(|a| *a != "--import-memory").nth(1) {
        let temp = tempfile::tempdir()?;
        for (figure, measured) in import_memory::rows(&cli, temp.path(), megabytes.parse()?)? {
            println!("| {figure} | {measured} |");
        }
        return Ok(());
    }
    // `--keep DIR`: the stores and bundles stay there, for profiling a step again.
    let temp = tempfile::tempdir()?;
    let dir = match args.iter().skip_while(|a| *a != "--keep").nth(1) {
        Some(kept) => {
            std::fs::create_dir_all(kept)?;
            PathBuf::from(kept)
        }
        None => temp.path().to_owned(),
    };
    let path = |name: &str| dir.join(name);

    // Laptops that trust each other; the source holds the dataset, the
    // receiver relays it to a third coordinator.
    let (mut source, mut receiver) = (open(&path("source.sqlite3"))?, open(&path("receiver.sqlite3"))?);
    let mut third = open(&path("third.sqlite3"))?;
    source.init("source", "bench", DeviceRole::Coordinator)?;
    receiver.init("receiver", "bench", DeviceRole::Coordinator)?;
    third.init("third", "bench", DeviceRole::Coordinator)?;
    introduce((&mut source, "source"), (&mut receiver, "receiver"), &dir)?;
    introduce((&mut receiver, "receiver"), (&mut third, "third"), &dir)?;
    introduce((&mut source, "source"), (&mut third, "third"), &dir)?;
    drop(third);
    let (demo, demo_time) = timed(|| source.load_demo(42, scale));
    let demo = demo?;
    eprintln!(
        "demo {scale_text}: {} persons, {} attendance rows in {}",
        demo.persons,
        demo.attendance,
        seconds(demo_time)
    );
    drop(receiver);

    let mut rows = Vec::new();

    // Export: the whole store as a bundle, beside reading the same rows and
    // compressing them with zstd.
    let bundle = path("full.binome");
    let export = child::run(
        &cli,
        &path("source.sqlite3"),
        &["bundle", "export", "--out", path_str(&bundle), "--to", "receiver", "--full"],
    )?;
    let (versions, baseline_export) = export_baseline(&source)?;
    rows.push(Row {
        figure: "full export (rows/s)".into(),
        measured: rate(versions, export.time),
        baseline: rate(versions, baseline_export),
        ratio: format!("{:.0} %", 100.0 * baseline_export.as_secs_f64() / export.time.as_secs_f64()),
        target: "≥ 50 % of baseline".into(),
    });

    // First import into an empty store, beside raw inserts of the same rows.
    keep_copy(&path("receiver.sqlite3"), &path("receiver-empty.sqlite3"))?;
    let first = child::run(&cli, &path("receiver.sqlite3"), &["bundle", "import", path_str(&bundle)])?;
    let raw_rows = raw_rows(&source)?;
    let (inserted, raw_time) = timed(|| binome_store::baselines::raw_insert(&path("raw.sqlite3"), &raw_rows));
    inserted?;
    rows.push(Row {
        figure: "first import (rows/s)".into(),
        measured: rate(versions, first.time),
        baseline: rate(versions, raw_time),
        ratio: format!("{:.0} %", 100.0 * raw_time.as_secs_f64() / first.time.as_secs_f64()),
        target: "≥ 50 % of baseline".into(),
    });

    keep_copy(&path("receiver.sqlite3"), &path("receiver-first.sqlite3"))?;
    // The receiver passes everything on to a third laptop: every version's
    // origin is the source, not the sender, and is checked against the
    // source's signed segments the receiver kept.
    let relayed_bundle = path("relayed.binome");
    child::run(
        &cli,
        &path("receiver.sqlite3"),
        &["bundle", "export", "--out", path_str(&relayed_bundle), "--to", "third", "--full"],
    )?;
    let relayed = child::run(&cli, &path("third.sqlite3"), &["bundle", "import", path_str(&relayed_bundle)])?;
    rows.push(Row {
        figure: "first import of a relayed bundle (rows/s)".into(),
        measured: rate(versions, relayed.time),
        baseline: format!("from its origin {}", rate(versions, first.time)),
        ratio: format!("{:.2}×", relayed.time.as_secs_f64() / first.time.as_secs_f64()),
        target: "≤ 2× the time".into(),
    });
    // Replay of the same bundle.
    let replay = child::run(&cli, &path("receiver.sqlite3"), &["bundle", "import", path_str(&bundle)])?;
    rows.push(Row {
        figure: "replay of an imported bundle".into(),
        measured: seconds(replay.time),
        baseline: format!("first import {}", seconds(first.time)),
        ratio: format!("{:.1} %", 100.0 * replay.time.as_secs_f64() / first.time.as_secs_f64()),
        target: "≤ 5 %".into(),
    });

    // A tenth of the attendance changes on the source; the receiver, which
    // holds the rest, imports the new whole bundle.
    change_a_tenth(&mut source, versions)?;
    let again = path("again.binome");
    child::run(
        &cli,
        &path("source.sqlite3"),
        &["bundle", "export", "--out", path_str(&again), "--to", "receiver", "--full"],
    )?;
    let ninety = child::run(&cli, &path("receiver.sqlite3"), &["bundle", "import", path_str(&again)])?;
    rows.push(Row {
        figure: "import into a store holding 90 %".into(),
        measured: seconds(ninety.time),
        baseline: format!("first import {}", seconds(first.time)),
        ratio: format!("{:.0} %", 100.0 * ninety.time.as_secs_f64() / first.time.as_secs_f64()),
        target: "≤ 30 %".into(),
    });

    // The receiver goes back to a backup of its whole store, as the
    // backups screen does: a backup of the present state first, then the
    // chosen one copied in place (checked whole, its schema compared).
    let by_hand = child::run(&cli, &path("receiver.sqlite3"), &["backup", "create"])?;
    let restore = child::run(&cli, &path("receiver.sqlite3"), &["backup", "restore", "manuelle"])?;
    rows.push(Row {
        figure: "restore of a backup of the whole store".into(),
        measured: seconds(restore.time),
        baseline: format!("a backup {}", seconds(by_hand.time)),
        ratio: format!("{:.1}×", restore.time.as_secs_f64() / by_hand.time.as_secs_f64()),
        target: "none: written down".into(),
    });

    // Indicators, one breakdown at a time, each on a new connection (the
    // facts read from the store, as for a session's first dashboard),
    // beside a count(*) of attendance. Filter changes once the facts are
    // in memory, and DuckDB beside them: `--dashboard`.
    let count = best_of_three(|| Ok(source.store().count_attendance()?))?;
    let breakdowns: Vec<Option<Breakdown>> =
        std::iter::once(None).chain(Breakdown::ALL.iter().copied().map(Some)).collect();
    for by in breakdowns.iter().take(if quick { 2 } else { breakdowns.len() }) {
        let time = best_of_three(|| Ok(source.reopen()?.indicators(&Scope::default(), *by)?))?;
        rows.push(Row {
            figure: format!("indicators {}", by.map_or("total", |b| b.code())),
            measured: seconds(time),
            baseline: format!("count(*) {}", seconds(count)),
            ratio: format!("{:.1}×", time.as_secs_f64() / count.as_secs_f64()),
            target: "none: issue 18 replaced it (`--dashboard`)".into(),
        });
    }

    for (name, run) in [
        ("import", &first),
        ("import of a relayed bundle", &relayed),
        ("import into a store holding 90 %", &ninety),
        ("export", &export),
        ("a restore", &restore),
    ] {
        rows.push(Row {
            figure: format!("peak memory of {name}"),
            measured: format!("{} MB", run.peak_kib / 1024),
            baseline: "—".into(),
            ratio: "—".into(),
            target: "≤ 100 MB".into(),
        });
    }

    // One mission's bundle.
    let mission = source.list(Kind::Mission, &ListQuery { limit: Some(1), ..ListQuery::default() })?;
    let Some(mission) = mission.first() else { bail!("the demo has no mission") };
    let one = path("mission.binome");
    child::run(
        &cli,
        &path("source.sqlite3"),
        &["bundle", "export", "--out", path_str(&one), "--mission", &mission.id, "--full"],
    )?;
    rows.push(Row {
        figure: "one mission's bundle".into(),
        measured: format!("{} KB", std::fs::metadata(&one)?.len() / 1000),
        baseline: "—".into(),
        ratio: "—".into(),
        target: "≤ 100 KB".into(),
    });

    rows.extend(screen_rows(&source)?);
    rows.extend(encryption::rows(
        &dir,
        &path("source.sqlite3"),
        &path("receiver.sqlite3"),
        &path("receiver-empty.sqlite3"),
        &bundle,
    )?);

    println!(
        "Scale `{scale_text}`: {} persons, {} attendance rows, {versions} versions in the full bundle ({} MB).\n",
        demo.persons,
        demo.attendance,
        std::fs::metadata(&bundle)?.len() / 1_000_000
    );
    println!("| figure | measured | baseline (same run) | ratio | target |\n|---|---|---|---|---|");
    for r in rows {
        println!("| {} | {} | {} | {} | {} |", r.figure, r.measured, r.baseline, r.ratio, r.target);
    }
    if plans {
        for by in [None, Some(Breakdown::Sex), Some(Breakdown::Month)] {
            let dimensions: Vec<Breakdown> = by.into_iter().collect();
            println!("\n#### Query plans, {}\n", by.map_or("total", |b| b.code()));
            for (query, lines) in source.store().indicator_query_plans(&dimensions)? {
                println!("{query}:\n```\n{}\n```", lines.join("\n"));
            }
        }
    }
    Ok(())
}

/// Screens of the desktop app that read the whole store (issue 5: the app
/// stays responsive at country scale): their core calls, timed.
fn screen_rows(source: &Binome) -> Result<Vec<Row>> {
    let persons_page = |search: Option<&str>| binome_core::views::ListRequest {
        kind: Kind::Person,
        mission_id: None,
        search: search.map(str::to_owned),
        offset: 0,
        limit: Some(50),
    };
    let screens: [(&str, Box<Screen>); 3] = [
        ("screen: persons, first page of 50", Box::new(|| Ok(source.list_page(&persons_page(None)).map(drop)?))),
        (
            "screen: persons, searching a name",
            Box::new(|| Ok(source.list_page(&persons_page(Some("mahamat"))).map(drop)?)),
        ),
        (
            "screen: review queue, first page of 50",
            Box::new(|| Ok(source.review_queue(None, Some(ReviewStatus::Submitted), 0, 50).map(drop)?)),
        ),
    ];
    let mut rows = Vec::new();
    for (figure, screen) in screens {
        let time = best_of_three(screen)?;
        rows.push(Row {
            figure: figure.into(),
            measured: seconds(time),
            baseline: "—".into(),
            ratio: "—".into(),
            target: "responsive".into(),
        });
    }
    Ok(rows)
}

/// One screen's core call, as the bench times it.
type Screen<'a> = dyn Fn() -> Result<()> + 'a;

/// What the benches' stores are locked with (`--screens` opens a kept one).
pub const PASSPHRASE: &str = "la case de Mme Acta";

/// The benches' stores are encrypted as every laptop's is, and locked with
/// a key file, so that the CLI runs on them as on a laptop.
pub(crate) fn open(path: &Path) -> Result<Binome> {
    let passphrase = Passphrase::new(PASSPHRASE);
    Ok(match store_state(path)? {
        StoreState::Locked => Binome::unlock(path, &passphrase)?,
        StoreState::New | StoreState::Unprotected => Binome::set_up(path, &passphrase)?,
    })
}

pub(crate) fn path_str(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

fn rate(rows: u64, time: Duration) -> String {
    format!("{:.0} rows/s", rows as f64 / time.as_secs_f64())
}

/// A copy of a closed store, for running a step again by hand.
fn keep_copy(store: &Path, copy: &Path) -> Result<()> {
    std::fs::copy(store, copy).with_context(|| format!("copying {}", store.display()))?;
    Ok(())
}

/// Each laptop imports the other's first bundle and trusts it.
pub(crate) fn introduce((a, a_name): (&mut Binome, &str), (b, b_name): (&mut Binome, &str), dir: &Path) -> Result<()> {
    let hello: PathBuf = dir.join("hello.binome");
    a.export_bundle(&hello, &[], false)?;
    b.import_bundle(&hello, false)?;
    b.trust_device(a_name)?;
    b.export_bundle(&hello, &[], false)?;
    a.import_bundle(&hello, false)?;
    a.trust_device(b_name)?;
    Ok(())
}

/// Every version of the store, as the bundle carries them.
fn raw_rows(store: &Binome) -> Result<Vec<(String, String)>> {
    let mut rows = Vec::new();
    store.store().for_each_version_since(0, |v| -> binome_store::Result<()> {
        rows.push((format!("{}/{}", v.kind.table(), v.id), serde_json::Value::Object(v.data).to_string()));
        Ok(())
    })?;
    Ok(rows)
}

/// Reads every version and compresses it with zstd: export without bundle logic.
fn export_baseline(store: &Binome) -> Result<(u64, Duration)> {
    let (result, time) = timed(|| -> Result<u64> {
        let mut encoder = zstd::Encoder::new(Vec::new(), 3)?;
        let mut count = 0;
        store.store().for_each_version_since(0, |v| -> binome_store::Result<()> {
            count += 1;
            let line = serde_json::json!({ "table": v.kind.table(), "id": v.id, "data": v.data, "hlc": v.meta.hlc });
            serde_json::to_writer(&mut encoder, &line).map_err(|e| binome_store::StoreError::Dump(e.into()))?;
            std::io::Write::write_all(&mut encoder, b"\n").map_err(binome_store::StoreError::Dump)
        })?;
        encoder.finish()?;
        Ok(count)
    });
    Ok((result?, time))
}

/// Edits a tenth of the store's versions (attendance statuses), in one write.
fn change_a_tenth(source: &mut Binome, versions: u64) -> Result<()> {
    let wanted = (versions / 10) as usize;
    let rows = source.list(Kind::Attendance, &ListQuery { limit: Some(wanted), ..ListQuery::default() })?;
    let prepared: Vec<Prepared> = rows
        .into_iter()
        .map(|row| {
            let mut data = row.data;
            let next = if data.get("status").and_then(|s| s.as_str()) == Some("present") { "late" } else { "present" };
            data.insert("status".into(), next.into());
            Prepared { kind: Kind::Attendance, id: row.id, data, is_new: false }
        })
        .collect();
    source.save(&prepared)?;
    Ok(())
}
