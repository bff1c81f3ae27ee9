//! Bundles built by hand for the hostile-bundle tests: an expert laptop
//! and the office that trusts it, and payloads signed and encrypted as the
//! expert's export would, whatever they hold.

#![allow(dead_code)]

use super::support::{dump, expert_and_office, open_store};
use binome_core::{Binome, CoreError, DeviceRole};
use binome_sync::crafted::{crafted_bundle, signed_lines};
use binome_sync::{BundleKind, Header, Outgoing, Recipient};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

pub struct Laptops {
    pub dir: tempfile::TempDir,
    pub expert: Binome,
    pub office: Binome,
}

pub fn laptops() -> Laptops {
    let dir = tempfile::tempdir().unwrap();
    let (expert, office) = expert_and_office(dir.path());
    Laptops { dir, expert, office }
}

/// What `from` states about a bundle for `to`.
pub fn outgoing(from: &mut Binome, to: &mut Binome) -> Outgoing {
    let sender = from.sender().unwrap();
    let receiver = to.sender().unwrap();
    Outgoing {
        bundle_id: binome_core::domain::new_id().hyphenated().to_string(),
        created_hlc: 1,
        created_at: "2026-12-01T10:00:00Z".into(),
        recipients: vec![
            (
                Recipient { device_id: receiver.device_id.clone(), fingerprint: receiver.fingerprint.clone() },
                receiver.age_recipient.clone(),
            ),
            (
                Recipient { device_id: sender.device_id.clone(), fingerprint: sender.fingerprint.clone() },
                sender.age_recipient.clone(),
            ),
        ],
        sender,
        kind: BundleKind::Full,
        mission: None,
        schema_version: binome_store::SYNCED_SCHEMA_VERSION,
        acks: vec![],
        origins: vec![],
        certificate: None,
        origin_certificates: vec![],
        revocations: vec![],
    }
}

/// The start of a programme's line written by `origin`, its name left open:
/// a test streams whatever it wants into the name, then closes the line.
pub fn programme_line_open_in_its_name(origin: &str) -> String {
    format!(
        r#"{{"t":"programmes","id":"{PROGRAMME}","vv":{{"{origin}":1}},"hlc":1,"o":"{origin}","a":"x","del":false,"d":{{"name":""#
    )
}

/// A programme version line written by `origin` (counter 1).
pub fn programme_line(origin: &str, id: &str, name: &str) -> String {
    serde_json::json!({
        "t": "programmes", "id": id, "vv": { origin: 1 }, "hlc": 111_394_473_345_597_440_i64,
        "o": origin, "a": "Claire Durand", "del": false,
        "d": { "code": "PASST2", "name": name, "country": "TD", "start_date": "2019-01-01",
               "hours_per_day": 7.0, "pass_mark": 80.0 }
    })
    .to_string()
}

pub const PROGRAMME: &str = "0190a4b2-0000-7000-8000-000000000001";

impl Laptops {
    /// A bundle from the expert to the office with this payload and header.
    pub fn crafted(
        &mut self,
        plaintext: &mut dyn Read,
        counts: &[(&str, u64)],
        edit: impl FnOnce(&mut Header),
    ) -> PathBuf {
        self.crafted_with_segments(plaintext, counts, 0, edit)
    }

    /// Valid version lines, signed by the expert as its export signs them.
    pub fn signed(&mut self, lines: &[String], counts: &[(&str, u64)], edit: impl FnOnce(&mut Header)) -> PathBuf {
        let versions: Vec<_> =
            lines.iter().enumerate().map(|(i, l)| binome_sync::parse_line(l, i + 1).unwrap().unwrap()).collect();
        let keys = self.expert.keys().unwrap();
        let (payload, segments) = signed_lines(&versions, &keys);
        self.crafted_with_segments(&mut payload.as_slice(), counts, segments, edit)
    }

    pub fn crafted_with_segments(
        &mut self,
        plaintext: &mut dyn Read,
        counts: &[(&str, u64)],
        segments: u64,
        edit: impl FnOnce(&mut Header),
    ) -> PathBuf {
        let outgoing = outgoing(&mut self.expert, &mut self.office);
        let keys = self.expert.keys().unwrap();
        let counts: BTreeMap<String, u64> = counts.iter().map(|(t, n)| ((*t).to_owned(), *n)).collect();
        let origin = self.expert_id();
        let bytes = crafted_bundle(outgoing, plaintext, counts, segments, &keys, |header| {
            header.covers.insert(origin, 2);
            edit(header)
        })
        .unwrap();
        let path = self.dir.path().join(format!("crafted-{}.binome", binome_core::domain::new_id()));
        std::fs::write(&path, bytes).unwrap();
        path
    }

    pub fn expert_id(&self) -> String {
        self.expert.device().unwrap().device_id.clone()
    }

    /// Imports `path` into the office; expects a refusal and an untouched store.
    pub fn refused(&mut self, path: &Path) -> CoreError {
        let before = dump(&self.office);
        let error = match self.office.import_bundle(path, false) {
            Err(error) => error,
            Ok(outcome) => panic!("expected a refusal, got {outcome:?}"),
        };
        assert_eq!(dump(&self.office), before, "nothing of the refused bundle was kept");
        error
    }
}

pub fn lines(lines: &[String]) -> std::io::Cursor<Vec<u8>> {
    std::io::Cursor::new(lines.iter().map(|l| format!("{l}\n")).collect::<String>().into_bytes())
}

/// A laptop the office has never trusted.
pub fn stranger(dir: &Path, n: usize) -> Binome {
    let mut stranger = open_store(&dir.join(format!("stranger-{n}/store.sqlite3"))).unwrap();
    stranger.init(&format!("inconnu-{n}"), "Inconnu", DeviceRole::Expert).unwrap();
    stranger
}

/// Bytes zstd cannot shrink.
pub struct Noise(pub u64);

impl Read for Noise {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        for byte in buf.iter_mut() {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            *byte = self.0 as u8;
        }
        Ok(buf.len())
    }
}
