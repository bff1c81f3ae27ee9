//! A `binome` command run as a child process, timed, with its peak
//! memory read from `/proc/<pid>/status` (VmHWM only grows, so the last
//! reading before it exits is its peak). Each run unlocks its store as a
//! person's command does, one Argon2 run (0.3 s) included in its time.

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

pub struct Run {
    pub time: Duration,
    pub peak_kib: u64,
}

/// The `binome` binary beside this one (same profile).
pub fn cli_path() -> Result<PathBuf> {
    let here = std::env::current_exe()?;
    let cli = here.with_file_name("binome");
    if !cli.exists() {
        bail!("{} is missing: build it with the same profile (cargo build --release -p binome-cli)", cli.display());
    }
    Ok(cli)
}

fn high_water_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

pub fn run(cli: &Path, store: &Path, args: &[&str]) -> Result<Run> {
    let start = Instant::now();
    let mut child = Command::new(cli)
        .env("BINOME_PASSPHRASE", crate::PASSPHRASE)
        .arg("--db")
        .arg(store)
        .args(args)
        .stdout(std::process::Stdio::null())
        .spawn()
        .with_context(|| format!("starting {}", cli.display()))?;
    let mut peak = 0;
    let status = loop {
        if let Some(kib) = high_water_kib(child.id()) {
            peak = peak.max(kib);
        }
        if let Some(status) = child.try_wait()? {
            break status;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let time = start.elapsed();
    if !status.success() {
        bail!("binome {args:?} failed");
    }
    Ok(Run { time, peak_kib: peak })
}

/// `listener` waiting with `binome sync nearby --listen` on a loopback
/// port and `connector` syncing with it: the time from the first start to
/// the last exit, and each side's peak memory.
pub fn nearby_pair(cli: &Path, listener: &Path, connector: &Path) -> Result<(Duration, u64, u64)> {
    use std::io::BufRead;
    let start = Instant::now();
    let command = |store: &Path| {
        let mut command = Command::new(cli);
        command.env("BINOME_PASSPHRASE", crate::PASSPHRASE).arg("--db").arg(store);
        command
    };
    let mut waiting = command(listener)
        .args(["sync", "nearby", "--listen", "127.0.0.1:0"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .context("starting the listener")?;
    let mut address = String::new();
    std::io::BufReader::new(waiting.stdout.as_mut().context("its output")?).read_line(&mut address)?;
    let mut syncing = command(connector)
        .args(["sync", "nearby", "--peer", address.trim()])
        .stdout(std::process::Stdio::null())
        .spawn()
        .context("starting the connector")?;
    let (mut peak_listener, mut peak_connector) = (0, 0);
    let (mut listener_done, mut connector_done) = (None, None);
    while listener_done.is_none() || connector_done.is_none() {
        if listener_done.is_none() {
            peak_listener = peak_listener.max(high_water_kib(waiting.id()).unwrap_or(0));
            listener_done = waiting.try_wait()?;
        }
        if connector_done.is_none() {
            peak_connector = peak_connector.max(high_water_kib(syncing.id()).unwrap_or(0));
            connector_done = syncing.try_wait()?;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let time = start.elapsed();
    if !listener_done.is_some_and(|s| s.success()) || !connector_done.is_some_and(|s| s.success()) {
        bail!("binome sync nearby failed");
    }
    Ok((time, peak_listener, peak_connector))
}
