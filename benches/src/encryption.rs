//! What encryption at rest costs (issue 17: at most 20 %): the same work
//! on an encrypted store and on a decrypted copy of it, in this process,
//! one after the other; and how long unlocking takes.

use crate::{PASSPHRASE, Row, best_of_three, seconds, timed};
use anyhow::Result;
use binome_core::ListQuery;
use binome_core::domain::Kind;
use binome_core::domain::codes::AttendanceStatus;
use binome_core::domain::indicators::{Breakdown, Scope};
use binome_core::vault::{Passphrase, STRETCHING, unseal_key};
use binome_core::{AttendanceMark, Binome};
use std::path::Path;
use std::time::Duration;

const TARGET: &str = "≤ 120 % of unencrypted";

fn ratio(encrypted: Duration, plain: Duration) -> String {
    format!("{:.0} %", 100.0 * encrypted.as_secs_f64() / plain.as_secs_f64())
}

fn row(figure: &str, encrypted: Duration, plain: Duration) -> Row {
    Row {
        figure: format!("{figure}, encrypted"),
        measured: seconds(encrypted),
        baseline: format!("unencrypted {}", seconds(plain)),
        ratio: ratio(encrypted, plain),
        target: TARGET.into(),
    }
}

/// `source` holds the dataset; `empty_receiver` is a copy of the
/// receiver (locked beside `receiver`) before it imported `bundle`.
pub fn rows(dir: &Path, source: &Path, receiver: &Path, empty_receiver: &Path, bundle: &Path) -> Result<Vec<Row>> {
    let passphrase = Passphrase::new(PASSPHRASE);
    let mut rows = Vec::new();
    let unlock = best_of_three(|| Ok(unseal_key(source, &passphrase)?))?;
    rows.push(Row {
        figure: format!("unlock (Argon2id, {} MiB, {} passes)", STRETCHING.memory_kib / 1024, STRETCHING.passes),
        measured: seconds(unlock),
        baseline: "—".into(),
        ratio: "—".into(),
        target: "≤ 1 s".into(),
    });

    // The first import, into twins of the empty receiver.
    let receiver_key = unseal_key(receiver, &passphrase)?;
    let encrypted = dir.join("encrypted-receiver.sqlite3");
    let plain = dir.join("plain-receiver.sqlite3");
    std::fs::copy(empty_receiver, &encrypted)?;
    binome_store::baselines::decrypted_copy(empty_receiver, &receiver_key, &plain)?;
    let (done, plain_import) = timed(|| Binome::open_unencrypted(&plain)?.import_bundle(bundle, false));
    done?;
    let (done, encrypted_import) =
        timed(|| Binome::open_with_key(&encrypted, &receiver_key)?.import_bundle(bundle, false));
    done?;
    rows.push(row("first import", encrypted_import, plain_import));

    // Indicators and the attendance tick on the source and its twin.
    let source_key = unseal_key(source, &passphrase)?;
    let plain_source = dir.join("plain-source.sqlite3");
    binome_store::baselines::decrypted_copy(source, &source_key, &plain_source)?;
    let encrypted_source = Binome::open_with_key(source, &source_key)?;
    let plain_source = Binome::open_unencrypted(&plain_source)?;
    // Each report on a new connection: the facts are read from the store
    // every time, as for the first dashboard of a session (a connection's
    // later reports are counted from memory and read nothing).
    for by in [None, Some(Breakdown::Sex)] {
        let plain = best_of_three(|| Ok(plain_source.reopen()?.indicators(&Scope::default(), by)?))?;
        let encrypted = best_of_three(|| Ok(encrypted_source.reopen()?.indicators(&Scope::default(), by)?))?;
        rows.push(row(&format!("indicators {}", by.map_or("total", |b| b.code())), encrypted, plain));
    }
    let (encrypted_tick, plain_tick) = tick_p95s(&mut encrypted_source.reopen()?, &mut plain_source.reopen()?)?;
    rows.push(row(TICK_FIGURE, encrypted_tick, plain_tick));
    Ok(rows)
}

const TICK_FIGURE: &str = "attendance tick p95 (5 rosters, each row ticked once)";

/// The tick alone, `runs` times, on a kept source (`--keep`) and the
/// decrypted twin `rows` left beside it.
pub fn tick_rows(dir: &Path, runs: usize) -> Result<Vec<Row>> {
    let source = dir.join("source.sqlite3");
    let source_key = unseal_key(&source, &Passphrase::new(PASSPHRASE))?;
    let plain = dir.join("plain-source.sqlite3");
    (0..runs)
        .map(|_| {
            let (encrypted_tick, plain_tick) =
                tick_p95s(&mut Binome::open_with_key(&source, &source_key)?, &mut Binome::open_unencrypted(&plain)?)?;
            Ok(row(TICK_FIGURE, encrypted_tick, plain_tick))
        })
        .collect()
}

/// The p95 of the ticks on each store, as an expert takes the roll: a
/// session's roster opened, then each row ticked once, each tick its own
/// transaction synced to the disk. The two stores tick in turn, the same
/// row of the same session, so that whatever else the machine does
/// meanwhile falls on both: a tick is a millisecond, where a few slow
/// syncs in one store's run would move a ratio of two runs made one
/// after the other.
fn tick_p95s(encrypted: &mut Binome, plain: &mut Binome) -> Result<(Duration, Duration)> {
    let sessions = plain.list(Kind::Session, &ListQuery { limit: Some(5), ..ListQuery::default() })?;
    anyhow::ensure!(!sessions.is_empty(), "the demo has no session");
    let (mut encrypted_times, mut plain_times) = (Vec::new(), Vec::new());
    for session in &sessions {
        let roster = plain.roster(&session.id)?;
        encrypted.roster(&session.id)?;
        for row in &roster.rows {
            // A change each time, whatever earlier runs left.
            let status = match row.status {
                Some(AttendanceStatus::Present) => AttendanceStatus::Absent,
                _ => AttendanceStatus::Present,
            };
            let mark = AttendanceMark { session_id: session.id.clone(), person_id: row.person_id.clone(), status };
            for (binome, times) in [(&mut *plain, &mut plain_times), (&mut *encrypted, &mut encrypted_times)] {
                let (done, time) = timed(|| binome.mark_attendance(&mark));
                done?;
                times.push(time);
            }
        }
    }
    Ok((p95(encrypted_times), p95(plain_times)))
}

fn p95(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() * 95 / 100]
}
