//! `binome-bench --dashboard --scale S`: the dashboard beside the peer a
//! user would pick (issue 18). The same store's rows are loaded into DuckDB
//! (`benches/dashboard_duckdb.py`, DuckDB from PyPI), which computes only
//! the attendance and score figures by sex; its values must equal
//! Binôme's before any time is reported. Binôme is timed three ways:
//! the app's first dashboard of a session (the compact copy of the facts
//! read, then counted), every later filter change (the copy kept), and
//! `binome indicators` as a fresh process (unlock included).

use crate::{Row, best_of_three, child, open, seconds, timed};
use anyhow::{Context, Result, bail};
use binome_core::demo::DemoScale;
use binome_core::domain::Kind;
use binome_core::domain::indicators::{Breakdown, Indicators, Scope};
use binome_core::indicators::IndicatorReport;
use binome_core::{Binome, DeviceRole, ListQuery};
use serde_json::Value;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// The Python with DuckDB, from `BINOME_BENCH_PYTHON` (set by
/// `benches/dashboard.sh`, which installs it) or `python3`.
fn python() -> String {
    std::env::var("BINOME_BENCH_PYTHON").unwrap_or_else(|_| "python3".to_owned())
}

fn duckdb(plain: &Path) -> Result<Value> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("dashboard_duckdb.py");
    let out = Command::new(python()).arg(&script).arg(plain).output().context("running DuckDB")?;
    if !out.status.success() {
        bail!("DuckDB failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(serde_json::from_slice(&out.stdout)?)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(1.0)
}

/// Binôme's figures by sex equal DuckDB's, group by group.
fn check_same(report: &IndicatorReport, duck: &Value) -> Result<()> {
    let by_sex = duck["by_sex"].as_object().context("DuckDB's figures")?;
    let groups: Vec<(&str, &Indicators)> = report
        .groups
        .iter()
        .filter(|g| g.indicators.attendance_rate.is_some() || g.indicators.scored_pairs > 0)
        .map(|g| (g.key.as_str(), &g.indicators))
        .collect();
    if groups.len() != by_sex.len() {
        bail!("{} groups in Binôme, {} in DuckDB", groups.len(), by_sex.len());
    }
    for (key, ours) in groups {
        let theirs = by_sex.get(key).with_context(|| format!("DuckDB has no group {key:?}"))?;
        let number = |name: &str| theirs[name].as_f64();
        let pairs = [
            ("persons_trained", Some(ours.persons_trained as f64)),
            ("person_hours", Some(ours.person_hours)),
            ("person_days", Some(ours.person_days)),
            ("attendance_rate", ours.attendance_rate),
            ("scored_pairs", Some(ours.scored_pairs as f64).filter(|n| *n > 0.0)),
            ("pre_mean_percent", ours.pre_mean_percent),
            ("post_mean_percent", ours.post_mean_percent),
            ("pass_rate", ours.pass_rate),
        ];
        for (name, ours) in pairs {
            let same = match (ours, number(name)) {
                (Some(a), Some(b)) => close(a, b),
                (None, None) => true,
                _ => false,
            };
            if !same {
                bail!("{key} {name}: Binôme {ours:?}, DuckDB {:?}", number(name));
            }
        }
    }
    Ok(())
}

/// Every filter a coordinator changes: each breakdown, then the sex
/// breakdown within a programme, a mission and a year. The slowest counts.
fn filter_changes(b: &Binome) -> Result<Vec<(Scope, Option<Breakdown>)>> {
    let first = |kind| -> Result<String> {
        let rows = b.list(kind, &ListQuery { limit: Some(1), ..ListQuery::default() })?;
        Ok(rows.first().context("the demo has programmes and missions")?.id.clone())
    };
    let mut changes: Vec<(Scope, Option<Breakdown>)> = std::iter::once(None)
        .chain(Breakdown::ALL.iter().copied().map(Some))
        .map(|by| (Scope::default(), by))
        .collect();
    let year = Scope { from: chrono_date(2019, 1, 1), to: chrono_date(2019, 12, 31), ..Scope::default() };
    changes.push((Scope { programme_id: Some(first(Kind::Programme)?), ..Scope::default() }, Some(Breakdown::Sex)));
    changes.push((Scope { mission_id: Some(first(Kind::Mission)?), ..Scope::default() }, Some(Breakdown::Sex)));
    changes.push((year, Some(Breakdown::Sex)));
    Ok(changes)
}

fn chrono_date(y: i32, m: u32, d: u32) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(y, m, d)
}

pub fn rows(dir: &Path, cli: &Path, scale: DemoScale, scale_text: &str) -> Result<Vec<Row>> {
    let store = dir.join("dashboard.sqlite3");
    let mut b = open(&store)?;
    b.init("dashboard", "bench", DeviceRole::Coordinator)?;
    let (demo, demo_time) = timed(|| b.load_demo(42, scale));
    let demo = demo?;
    eprintln!("demo {scale_text}: {} attendance rows in {}", demo.attendance, seconds(demo_time));

    let plain = dir.join("dashboard-plain.sqlite3");
    let key = binome_core::vault::unseal_key(&store, &binome_core::vault::Passphrase::new(crate::PASSPHRASE))?;
    binome_store::baselines::decrypted_copy(&store, &key, &plain)?;
    let duck = duckdb(&plain)?;
    let duck_time = Duration::from_secs_f64(duck["seconds"].as_f64().context("DuckDB's time")?);

    // The app's first dashboard: a new connection, nothing read yet.
    let fresh = b.reopen()?;
    let (first, first_time) = timed(|| fresh.indicators(&Scope::default(), Some(Breakdown::Sex)));
    drop(fresh);
    check_same(&first?, &duck)?;

    let mut slowest = (Duration::ZERO, String::new());
    for (scope, by) in filter_changes(&b)? {
        b.indicators(&scope, by)?;
        let time = best_of_three(|| Ok(b.indicators(&scope, by)?))?;
        if time > slowest.0 {
            let what = format!(
                "{}{}",
                by.map_or("total", |b| b.code()),
                if scope == Scope::default() { "" } else { ", filtered" }
            );
            slowest = (time, what);
        }
    }
    let mut cli_peak_kib = 0;
    let cli_time = best_of_three(|| {
        let run = child::run(cli, &store, &["indicators", "--by", "sex"])?;
        cli_peak_kib = cli_peak_kib.max(run.peak_kib);
        Ok(run.time)
    })?;

    let vs = |time: Duration| format!("{:.2}×", time.as_secs_f64() / duck_time.as_secs_f64());
    let duck_text = format!("DuckDB {} ({} threads)", seconds(duck_time), duck["threads"]);
    Ok(vec![
        Row {
            figure: format!("{scale_text}: every filter change after the first (slowest: {})", slowest.1),
            measured: seconds(slowest.0),
            baseline: duck_text.clone(),
            ratio: vs(slowest.0),
            target: "≤ 1×".into(),
        },
        Row {
            figure: format!("{scale_text}: the app's first dashboard of a session, by sex"),
            measured: seconds(first_time),
            baseline: duck_text.clone(),
            ratio: vs(first_time),
            target: "≤ 5×".into(),
        },
        Row {
            figure: format!("{scale_text}: `binome indicators --by sex`, fresh process, unlock included"),
            measured: seconds(cli_time),
            baseline: duck_text,
            ratio: vs(cli_time),
            target: "≤ 5×".into(),
        },
        Row {
            figure: format!("{scale_text}: peak memory of that process (Argon2's 64 MiB included)"),
            measured: format!("{} MB", cli_peak_kib / 1024),
            baseline: "—".into(),
            ratio: "—".into(),
            target: "≤ 300 MB".into(),
        },
    ])
}
