//! `--nearby`: sync nearby over loopback against the same data carried by
//! a file (export, then import), at the scale given, each side a `binome`
//! process as on two laptops.

use crate::{child, introduce, open, path_str, seconds};
use anyhow::Result;
use binome_core::DeviceRole;
use binome_core::demo::DemoScale;
use std::path::Path;

pub struct NearbyRow {
    pub figure: String,
    pub measured: String,
    pub baseline: String,
    pub ratio: String,
    pub target: String,
}

pub fn rows(dir: &Path, cli: &Path, scale: DemoScale) -> Result<Vec<NearbyRow>> {
    let path = |name: &str| dir.join(name);
    let mut source = open(&path("source.sqlite3"))?;
    let mut by_file = open(&path("by-file.sqlite3"))?;
    let mut nearby = open(&path("nearby.sqlite3"))?;
    source.init("source", "bench", DeviceRole::Expert)?;
    by_file.init("by-file", "bench", DeviceRole::Coordinator)?;
    nearby.init("nearby", "bench", DeviceRole::Coordinator)?;
    introduce((&mut source, "source"), (&mut by_file, "by-file"), dir)?;
    introduce((&mut source, "source"), (&mut nearby, "nearby"), dir)?;
    source.load_demo(42, scale)?;
    let versions = source.store().last_change_seq()?;
    drop((source, by_file, nearby));

    let bundle = path("source.binome");
    let export =
        child::run(cli, &path("source.sqlite3"), &["bundle", "export", "--out", path_str(&bundle), "--to", "by-file"])?;
    let import = child::run(cli, &path("by-file.sqlite3"), &["bundle", "import", path_str(&bundle)])?;
    let by_file_time = export.time + import.time;
    let (nearby_time, listener_kib, connector_kib) =
        child::nearby_pair(cli, &path("nearby.sqlite3"), &path("source.sqlite3"))?;
    Ok(vec![
        NearbyRow {
            figure: format!("sync nearby, loopback ({versions} changes)"),
            measured: seconds(nearby_time),
            baseline: format!("export {} + import {}", seconds(export.time), seconds(import.time)),
            ratio: format!("{:.2}×", nearby_time.as_secs_f64() / by_file_time.as_secs_f64()),
            target: "≤ 1.2× (a mission: < 1 s)".into(),
        },
        NearbyRow {
            figure: "peak memory, waiting side / connecting side".into(),
            measured: format!("{} MB / {} MB", listener_kib / 1024, connector_kib / 1024),
            baseline: format!("import {} MB, export {} MB", import.peak_kib / 1024, export.peak_kib / 1024),
            ratio: "—".into(),
            target: "≤ 100 MB each".into(),
        },
    ])
}
