//! What sync remembers about devices and bundles: the devices met and
//! whether they are trusted, this laptop's secret keys, the bundles already
//! applied (so a replay is recognised) and those waiting in quarantine.

use crate::DeviceRole;
use crate::error::Doing;
use crate::open::Store;
use crate::rows::Writer;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

/// What this laptop decided about a device. Stored as its snake_case name;
/// `strum` maps the names both ways (a hand-written match drifts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, strum::EnumString, strum::IntoStaticStr, strum::Display)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum DeviceTrust {
    /// This laptop.
    #[serde(rename = "self")]
    #[strum(serialize = "self")]
    Own,
    /// Its fingerprint was checked, or a trusted coordinator enrolled it.
    Trusted,
    /// Seen in a bundle, not decided yet.
    Pending,
    /// Known only as the origin of relayed versions (stores before format 2).
    Relayed,
    /// Lost or stolen: what it signs after its revocation is refused.
    Revoked,
    /// Refused at first contact.
    Rejected,
}

impl DeviceTrust {
    /// Whether its signature is taken as its own (this laptop, or trusted).
    pub fn vouches(self) -> bool {
        matches!(self, DeviceTrust::Own | DeviceTrust::Trusted)
    }

    pub fn code(self) -> &'static str {
        self.into()
    }
}

crate::stored_text::stored_as_text!(DeviceTrust, "trust");

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeviceRecord {
    pub device_id: String,
    pub name: String,
    pub role: DeviceRole,
    pub signing_key: String,
    pub age_recipient: String,
    pub trust: DeviceTrust,
    pub first_seen: i64,
    pub decided_at: Option<i64>,
    /// The missions an enrolment limits it to; `None` for all.
    pub missions: Option<Vec<String>>,
}

/// A bundle this laptop wrote for a peer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentBundle {
    pub bundle_id: String,
    pub created_at: i64,
    pub up_to_seq: i64,
    /// When the peer said it had applied it.
    pub acked_at: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Quarantined {
    pub bundle_id: String,
    pub sender: String,
    pub received_at: i64,
}

fn read_device(r: &rusqlite::Row<'_>) -> rusqlite::Result<DeviceRecord> {
    Ok(DeviceRecord {
        device_id: r.get(0)?,
        name: r.get(1)?,
        role: read_role(r, 2)?,
        signing_key: r.get(3)?,
        age_recipient: r.get(4)?,
        trust: r.get(5)?,
        first_seen: r.get(6)?,
        decided_at: r.get(7)?,
        missions: read_missions(r, 8)?,
    })
}

/// A role this Binôme cannot read is a damaged store, not an expert:
/// rights hang on it.
fn read_role(r: &rusqlite::Row<'_>, column: usize) -> rusqlite::Result<DeviceRole> {
    let text: String = r.get(column)?;
    text.parse()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, Box::new(e)))
}

/// Missions that do not read are a damaged store: read as "none", they
/// would let the device change every mission.
fn read_missions(r: &rusqlite::Row<'_>, column: usize) -> rusqlite::Result<Option<Vec<String>>> {
    let Some(text) = r.get::<_, Option<String>>(column)? else { return Ok(None) };
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, Box::new(e)))
}

const DEVICE_COLUMNS: &str =
    "device_id, name, role, signing_key, age_recipient, trust, first_seen, decided_at, missions";

impl Store {
    pub fn secrets(&self) -> crate::Result<Option<(String, String)>> {
        self.conn
            .query_row("SELECT signing_secret, age_identity FROM device_secrets WHERE singleton = 1", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()
            .doing("reading the device keys")
    }

    pub fn set_secrets(&self, signing_secret: &str, age_identity: &str) -> crate::Result<()> {
        self.conn
            .execute(
                "INSERT INTO device_secrets (singleton, signing_secret, age_identity) VALUES (1, ?1, ?2)",
                params![signing_secret, age_identity],
            )
            .doing("saving the device keys")
            .map(|_| ())
    }

    pub fn certificate(&self) -> crate::Result<Option<String>> {
        self.conn
            .query_row("SELECT certificate FROM device_certificate WHERE singleton = 1", [], |r| r.get(0))
            .optional()
            .doing("reading the enrolment certificate")
    }

    pub fn set_certificate(&self, certificate_json: &str) -> crate::Result<()> {
        self.conn
            .execute(
                "INSERT INTO device_certificate (singleton, certificate) VALUES (1, ?1)
                 ON CONFLICT (singleton) DO UPDATE SET certificate = excluded.certificate",
                [certificate_json],
            )
            .doing("saving the enrolment certificate")
            .map(|_| ())
    }

    /// Sets a device's trust, role and missions at once (an enrolment).
    pub fn enrol(&self, device_id: &str, role: DeviceRole, missions: &[String], at: i64) -> crate::Result<()> {
        enrol(&self.conn, device_id, role, missions, at)
    }

    /// Keeps the enrolment certificate another device showed, to pass on
    /// with its versions.
    pub fn set_device_certificate(&self, device_id: &str, certificate_json: &str) -> crate::Result<()> {
        set_certificate_of(&self.conn, device_id, certificate_json)
    }

    pub fn device_certificate(&self, device_id: &str) -> crate::Result<Option<String>> {
        self.conn
            .query_row("SELECT certificate FROM devices WHERE device_id = ?1", [device_id], |r| r.get(0))
            .optional()
            .map(Option::flatten)
            .doing("reading a device's certificate")
    }

    pub fn device_record(&self, device_id: &str) -> crate::Result<Option<DeviceRecord>> {
        self.conn
            .query_row(&format!("SELECT {DEVICE_COLUMNS} FROM devices WHERE device_id = ?1"), [device_id], read_device)
            .optional()
            .doing("reading a device")
    }

    pub fn devices(&self) -> crate::Result<Vec<DeviceRecord>> {
        let sql = format!("SELECT {DEVICE_COLUMNS} FROM devices ORDER BY trust = 'self' DESC, name, device_id");
        self.all(&sql, [], "listing devices", read_device)
    }

    /// Records a device met in a bundle header (or this one), keeping its
    /// trust if it is known already.
    pub fn remember_device(&self, device: &DeviceRecord) -> crate::Result<()> {
        remember(&self.conn, device)
    }

    pub fn set_trust(&self, device_id: &str, trust: DeviceTrust, at: i64) -> crate::Result<()> {
        self.conn
            .execute(
                "UPDATE devices SET trust = ?2, decided_at = ?3 WHERE device_id = ?1",
                params![device_id, trust, at],
            )
            .doing("changing a device's trust")
            .map(|_| ())
    }

    pub fn bundle_seen(&self, bundle_id: &str) -> crate::Result<bool> {
        self.conn
            .query_row("SELECT EXISTS (SELECT 1 FROM bundles_seen WHERE bundle_id = ?1)", [bundle_id], |r| r.get(0))
            .doing("checking imported bundles")
    }

    pub fn quarantine(&self, bundle_id: &str, sender: &str, at: i64, file: &[u8]) -> crate::Result<()> {
        self.conn
            .execute(
                "INSERT INTO quarantine (bundle_id, sender, received_at, file) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (bundle_id) DO NOTHING",
                params![bundle_id, sender, at, file],
            )
            .doing("putting a bundle in quarantine")
            .map(|_| ())
    }

    /// How many bundles wait in quarantine, and their bytes together.
    pub fn quarantine_usage(&self) -> crate::Result<(u64, u64)> {
        self.conn
            .query_row("SELECT count(*), COALESCE(sum(length(file)), 0) FROM quarantine", [], |r| {
                Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u64))
            })
            .doing("measuring the quarantine")
    }

    pub fn quarantined(&self) -> crate::Result<Vec<Quarantined>> {
        let sql = "SELECT bundle_id, sender, received_at FROM quarantine ORDER BY received_at, bundle_id";
        self.all(sql, [], "listing the quarantine", |r| {
            let (bundle_id, sender, received_at) = r.try_into()?;
            Ok(Quarantined { bundle_id, sender, received_at })
        })
    }

    /// The quarantined bundles of a sender, oldest first, as files.
    pub fn quarantined_files(&self, sender: &str) -> crate::Result<Vec<(String, Vec<u8>)>> {
        let sql = "SELECT bundle_id, file FROM quarantine WHERE sender = ?1 ORDER BY received_at, bundle_id";
        self.all(sql, [sender], "reading the quarantine", |r| r.try_into())
    }

    pub fn release_from_quarantine(&self, bundle_id: &str) -> crate::Result<()> {
        self.conn
            .execute("DELETE FROM quarantine WHERE bundle_id = ?1", [bundle_id])
            .doing("releasing a bundle from quarantine")
            .map(|_| ())
    }

    /// Notes that `bundle_id`, covering changes up to `up_to_seq`, was
    /// written for `peers`.
    pub fn record_export(&self, bundle_id: &str, peers: &[String], up_to_seq: i64, at: i64) -> crate::Result<()> {
        for peer in peers {
            self.conn
                .execute(
                    "INSERT INTO exports (bundle_id, peer, up_to_seq, created_at) VALUES (?1, ?2, ?3, ?4)",
                    params![bundle_id, peer, up_to_seq, at],
                )
                .doing("recording an export")?;
        }
        Ok(())
    }

    /// Whether every change logged after `after_seq`, up to `up_to_seq`,
    /// came in with an imported bundle (none was made here).
    pub fn only_imported_between(&self, after_seq: i64, up_to_seq: i64) -> crate::Result<bool> {
        self.conn
            .query_row(
                "SELECT NOT EXISTS (SELECT 1 FROM change_log WHERE seq > ?1 AND seq <= ?2 AND op <> 'import')",
                params![after_seq, up_to_seq],
                |r| r.get(0),
            )
            .doing("reading the change log")
    }

    /// Counts the changes up to `up_to_seq` as told to `peer` by our bundle
    /// `bundle_id`: for a peer known to hold them already, the versions it
    /// sent us itself, so that they are not sent back to it.
    pub fn extend_export(&self, bundle_id: &str, peer: &str, up_to_seq: i64) -> crate::Result<()> {
        self.conn
            .execute(
                "UPDATE exports SET up_to_seq = MAX(up_to_seq, ?3) WHERE bundle_id = ?1 AND peer = ?2",
                params![bundle_id, peer, up_to_seq],
            )
            .doing("recording an export")
            .map(|_| ())
    }

    /// The bundles this laptop wrote for `peer`, newest first: what a lost
    /// laptop could read, if its passphrase is broken.
    pub fn bundles_sent_to(&self, peer: &str) -> crate::Result<Vec<SentBundle>> {
        let sql = "SELECT bundle_id, created_at, up_to_seq, acked_at FROM exports WHERE peer = ?1
                   ORDER BY created_at DESC, bundle_id";
        self.all(sql, [peer], "listing the bundles sent to a device", |r| {
            let (bundle_id, created_at, up_to_seq, acked_at) = r.try_into()?;
            Ok(SentBundle { bundle_id, created_at, up_to_seq, acked_at })
        })
    }

    /// Where an incremental export to `peer` starts: after the last change
    /// it acknowledged having.
    pub fn acked_up_to(&self, peer: &str) -> crate::Result<i64> {
        self.conn
            .query_row(
                "SELECT COALESCE(MAX(up_to_seq), 0) FROM exports WHERE peer = ?1 AND acked_at IS NOT NULL",
                [peer],
                |r| r.get(0),
            )
            .doing("reading acknowledgements")
    }

    /// Bundles from `sender` applied here, newest first: acknowledged in
    /// the next bundle sent back.
    pub fn bundles_from(&self, sender: &str, limit: usize) -> crate::Result<Vec<String>> {
        let sql = "SELECT bundle_id FROM bundles_seen WHERE sender = ?1 ORDER BY imported_at DESC, bundle_id LIMIT ?2";
        self.all(sql, params![sender, limit as i64], "reading imported bundles", |r| r.get(0))
    }

    /// Runs `work` in a transaction that is always rolled back: a preview
    /// of what a write would do.
    pub fn rehearse<T, E>(
        &mut self,
        now_millis: i64,
        work: impl FnOnce(&mut Writer<'_>) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<crate::StoreError>,
    {
        self.write_with(now_millis, work, false)
    }
}

fn enrol(conn: &Connection, device_id: &str, role: DeviceRole, missions: &[String], at: i64) -> crate::Result<()> {
    let missions = (!missions.is_empty()).then(|| serde_json::to_string(missions).expect("ids serialise"));
    conn.execute(
        "UPDATE devices SET trust = 'trusted', role = ?2, decided_at = ?3, missions = ?4 WHERE device_id = ?1",
        params![device_id, role.code(), at, missions],
    )
    .doing("enrolling a device")
    .map(|_| ())
}

fn set_certificate_of(conn: &Connection, device_id: &str, certificate_json: &str) -> crate::Result<()> {
    conn.execute("UPDATE devices SET certificate = ?2 WHERE device_id = ?1", params![device_id, certificate_json])
        .doing("keeping a device's certificate")
        .map(|_| ())
}

/// How many laptops not decided yet are kept (met nearby, or senders of
/// quarantined bundles), and as many claims of a known laptop's id under
/// other keys: a mission's laptops many times over. Past it the oldest
/// that brought nothing are forgotten, so that someone connecting again
/// and again under new keys grows neither the store nor the list a person
/// decides from.
pub const MAX_UNDECIDED_DEVICES: usize = 100;

fn remember(conn: &Connection, device: &DeviceRecord) -> crate::Result<()> {
    conn.execute(
        "INSERT INTO devices (device_id, name, role, signing_key, age_recipient, trust, first_seen, decided_at, missions)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (device_id) DO UPDATE SET name = excluded.name, role = excluded.role",
        params![
            device.device_id,
            device.name,
            device.role.code(),
            device.signing_key,
            device.age_recipient,
            device.trust,
            device.first_seen,
            device.decided_at,
            device.missions.as_ref().map(|m| serde_json::to_string(m).expect("ids serialise"))
        ],
    )
    .doing("recording a device")?;
    if device.trust == DeviceTrust::Pending { forget_oldest_undecided(conn) } else { Ok(()) }
}

/// Forgets the pending laptops past [`MAX_UNDECIDED_DEVICES`], oldest
/// first, with the bundles they left in quarantine. Kept whatever their
/// age: one that ever had a bundle applied here, or whose certificate came
/// with versions relayed by another (their work is in the store).
fn forget_oldest_undecided(conn: &Connection) -> crate::Result<()> {
    let beyond = "SELECT device_id FROM devices d
                  WHERE trust = 'pending' AND certificate IS NULL
                    AND NOT EXISTS (SELECT 1 FROM bundles_seen b WHERE b.sender = d.device_id)
                  ORDER BY first_seen DESC, device_id DESC LIMIT -1 OFFSET ?1";
    let limit = MAX_UNDECIDED_DEVICES as i64;
    conn.execute(&format!("DELETE FROM quarantine WHERE sender IN ({beyond})"), [limit])
        .doing("forgetting the oldest devices not decided yet")?;
    conn.execute(&format!("DELETE FROM devices WHERE device_id IN ({beyond})"), [limit])
        .doing("forgetting the oldest devices not decided yet")?;
    Ok(())
}

impl Writer<'_> {
    /// [`Store::remember_device`], inside the transaction that applies a
    /// bundle: a device met in a refused bundle leaves no trace.
    pub fn remember_device(&self, device: &DeviceRecord) -> crate::Result<()> {
        remember(&self.tx, device)
    }

    /// [`Store::enrol`], inside the transaction that applies a bundle.
    pub fn enrol(&self, device_id: &str, role: DeviceRole, missions: &[String]) -> crate::Result<()> {
        enrol(&self.tx, device_id, role, missions, self.now_millis)
    }

    /// [`Store::set_device_certificate`], inside the transaction that applies a bundle.
    pub fn set_device_certificate(&self, device_id: &str, certificate_json: &str) -> crate::Result<()> {
        set_certificate_of(&self.tx, device_id, certificate_json)
    }

    /// Marks our exports that `peer` says it has applied, and forgets the
    /// acknowledgements it took back: `bundle_ids` are the most recent of
    /// our bundles it holds, so one of ours acknowledged, newer than the
    /// oldest of them and missing from them, is one it no longer holds (it
    /// restored a backup). Each export only carried what the one before
    /// had not, so that one and every later one are sent again. Forgetting
    /// too much only makes a bundle larger; its import is idempotent.
    pub fn record_acks(&self, peer: &str, bundle_ids: &[String], listed_at_most: usize) -> crate::Result<()> {
        for bundle_id in bundle_ids {
            self.tx
                .execute(
                    "UPDATE exports SET acked_at = ?3 WHERE bundle_id = ?1 AND peer = ?2 AND acked_at IS NULL",
                    params![bundle_id, peer, self.now_millis],
                )
                .doing("recording an acknowledgement")?;
        }
        // The list travels as a JSON array rather than a temporary table:
        // a temporary table would keep this connection's temporary
        // database open, and index builds could no longer sort on disk
        // (`Writer::rebuild_indexes`).
        let listed = serde_json::to_string(bundle_ids).expect("a list of strings is JSON");
        // It lists at most `listed_at_most` of ours: fewer, and the list is
        // all it holds; as many, and the oldest of them bounds what the
        // list says.
        self.tx
            .execute(
                "WITH listed AS (SELECT DISTINCT value AS bundle_id FROM json_each(?3)),
                      ours AS (SELECT DISTINCT e.bundle_id, e.up_to_seq FROM exports e
                               JOIN listed l ON l.bundle_id = e.bundle_id WHERE e.peer = ?1),
                      window AS (SELECT CASE WHEN (SELECT COUNT(*) FROM ours) < ?2 THEN 0
                                             ELSE (SELECT MIN(up_to_seq) FROM ours) END AS start)
                 UPDATE exports SET acked_at = NULL
                 WHERE peer = ?1 AND up_to_seq >= (
                     SELECT MIN(lost.up_to_seq) FROM exports lost
                     WHERE lost.peer = ?1 AND lost.acked_at IS NOT NULL
                       AND lost.bundle_id NOT IN (SELECT bundle_id FROM listed)
                       AND lost.up_to_seq >= (SELECT start FROM window))",
                params![peer, listed_at_most as i64, listed],
            )
            .doing("recording an acknowledgement")?;
        Ok(())
    }

    /// Notes a bundle as applied, inside the transaction that applies it.
    pub fn record_bundle(&self, bundle_id: &str, sender: &str, counts_json: &str) -> crate::Result<()> {
        self.tx
            .execute(
                "INSERT INTO bundles_seen (bundle_id, sender, imported_at, counts) VALUES (?1, ?2, ?3, ?4)",
                params![bundle_id, sender, self.now_millis, counts_json],
            )
            .doing("recording an imported bundle")
            .map(|_| ())
    }
}

/// A device revoked here: the key revoked and the last of its counters
/// still accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevokedDevice {
    pub device_id: String,
    pub signing_key: String,
    pub last_counter: u64,
    /// The coordinator's signed record, JSON; `None` if decided here only.
    pub record: Option<String>,
}

fn read_revocation(r: &rusqlite::Row<'_>) -> rusqlite::Result<RevokedDevice> {
    Ok(RevokedDevice {
        device_id: r.get(0)?,
        signing_key: r.get(1)?,
        last_counter: r.get::<_, i64>(2)? as u64,
        record: r.get(3)?,
    })
}

fn revoke(conn: &Connection, revoked: &RevokedDevice, at: i64) -> crate::Result<()> {
    conn.execute(
        "INSERT INTO revocations (device_id, signing_key, last_counter, record) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (device_id) DO UPDATE SET
             last_counter = min(last_counter, excluded.last_counter),
             record = COALESCE(record, excluded.record)",
        params![revoked.device_id, revoked.signing_key, revoked.last_counter as i64, revoked.record],
    )
    .doing("recording a revocation")?;
    conn.execute(
        "UPDATE devices SET trust = 'revoked', decided_at = ?2 WHERE device_id = ?1 AND signing_key = ?3",
        params![revoked.device_id, at, revoked.signing_key],
    )
    .doing("revoking a device")
    .map(|_| ())
}

/// The refusals held here, read before a restore and put back over the
/// backup: revocations with the devices they revoke, and devices refused
/// at first contact. A backup taken before a laptop was lost must not make
/// it trusted again (bundles encrypted to it, its later work accepted),
/// nor one taken before an impostor was refused offer it again with its
/// bundles waiting. A revocation lifted since the backup comes back with
/// it; trusting the laptop again is one decision away.
pub(crate) struct HeldRefusals {
    revocations: Vec<RevokedDevice>,
    /// Revoked or rejected.
    devices: Vec<DeviceRecord>,
}

impl HeldRefusals {
    pub(crate) fn read(conn: &Connection) -> crate::Result<HeldRefusals> {
        let mut statement = conn
            .prepare("SELECT device_id, signing_key, last_counter, record FROM revocations ORDER BY device_id")
            .doing("listing revocations")?;
        let revocations =
            statement.query_map([], read_revocation).and_then(Iterator::collect).doing("listing revocations")?;
        let sql =
            format!("SELECT {DEVICE_COLUMNS} FROM devices WHERE trust IN ('revoked', 'rejected') ORDER BY device_id");
        let mut statement = conn.prepare(&sql).doing("listing refused devices")?;
        let devices =
            statement.query_map([], read_device).and_then(Iterator::collect).doing("listing refused devices")?;
        Ok(HeldRefusals { revocations, devices })
    }

    /// Records them again as they were decided: a device the backup never
    /// met is added, one it trusts or waits on is refused, and what a
    /// refused device left in quarantine goes, as when it was refused.
    pub(crate) fn put_back(&self, conn: &Connection) -> crate::Result<()> {
        for device in &self.devices {
            remember(conn, device)?;
            let decided_at = device.decided_at.unwrap_or_default();
            if device.trust == DeviceTrust::Rejected {
                conn.execute(
                    "UPDATE devices SET trust = 'rejected', decided_at = ?3
                     WHERE device_id = ?1 AND signing_key = ?2 AND trust <> 'self'",
                    params![device.device_id, device.signing_key, decided_at],
                )
                .doing("refusing a device again")?;
            }
            conn.execute("DELETE FROM quarantine WHERE sender = ?1", [&device.device_id])
                .doing("dropping a refused device's bundles")?;
        }
        for revoked in &self.revocations {
            let device = self.devices.iter().find(|d| d.device_id == revoked.device_id);
            revoke(conn, revoked, device.and_then(|d| d.decided_at).unwrap_or_default())?;
        }
        Ok(())
    }
}

impl Store {
    /// Revokes a device: its versions after `last_counter` are refused,
    /// and so are the bundles it sends.
    pub fn revoke(&self, revoked: &RevokedDevice, at: i64) -> crate::Result<()> {
        revoke(&self.conn, revoked, at)
    }

    pub fn revocation(&self, device_id: &str) -> crate::Result<Option<RevokedDevice>> {
        self.conn
            .query_row(
                "SELECT device_id, signing_key, last_counter, record FROM revocations WHERE device_id = ?1",
                [device_id],
                read_revocation,
            )
            .optional()
            .doing("reading a revocation")
    }

    /// Forgets the revocation of a device a person decided to trust again.
    pub fn lift_revocation(&self, device_id: &str) -> crate::Result<()> {
        self.conn
            .execute("DELETE FROM revocations WHERE device_id = ?1", [device_id])
            .doing("lifting a revocation")
            .map(|_| ())
    }

    /// The signed revocation records this laptop holds, to pass on.
    pub fn revocation_records(&self) -> crate::Result<Vec<String>> {
        let sql = "SELECT record FROM revocations WHERE record IS NOT NULL ORDER BY device_id";
        self.all(sql, [], "listing revocations", |r| r.get(0))
    }

    /// The highest counter of `device` among the versions held here: what
    /// a revocation decided now still accepts.
    pub fn highest_counter_of(&self, device: &str) -> crate::Result<u64> {
        let path = format!("$.\"{}\"", device.replace('"', ""));
        let mut highest = 0i64;
        for kind in binome_domain::Kind::ALL {
            let found: Option<i64> = self
                .conn
                .query_row(
                    &format!("SELECT max(CAST(json_extract(vv, ?1) AS INTEGER)) FROM {}", kind.table()),
                    [&path],
                    |r| r.get(0),
                )
                .doing("reading a device's counters")?;
            highest = highest.max(found.unwrap_or(0));
        }
        let heads: Option<i64> = self
            .conn
            .query_row("SELECT max(CAST(json_extract(vv, ?1) AS INTEGER)) FROM row_heads", [&path], |r| r.get(0))
            .doing("reading a device's counters")?;
        Ok(highest.max(heads.unwrap_or(0)) as u64)
    }
}

impl Writer<'_> {
    /// [`Store::revoke`], inside the transaction that applies a bundle.
    pub fn revoke(&self, revoked: &RevokedDevice) -> crate::Result<()> {
        revoke(&self.tx, revoked, self.now_millis)
    }
}

/// Device ids claimed with other keys than those recorded.
impl Store {
    /// Keeps a claim apart from the device recorded under the same id.
    pub fn claim_device(&self, claim: &DeviceRecord) -> crate::Result<()> {
        self.conn
            .execute(
                "INSERT INTO device_claims (device_id, signing_key, age_recipient, name, role, first_seen)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
                params![
                    claim.device_id,
                    claim.signing_key,
                    claim.age_recipient,
                    claim.name,
                    claim.role.code(),
                    claim.first_seen
                ],
            )
            .doing("keeping a device claim")?;
        self.conn
            .execute(
                "DELETE FROM device_claims WHERE rowid IN (
                     SELECT rowid FROM device_claims ORDER BY first_seen DESC, rowid DESC LIMIT -1 OFFSET ?1)",
                [MAX_UNDECIDED_DEVICES as i64],
            )
            .doing("forgetting the oldest device claims")
            .map(|_| ())
    }

    /// The claims kept apart, as devices not decided yet.
    pub fn device_claims(&self) -> crate::Result<Vec<DeviceRecord>> {
        // The columns of a device, a claim being one not decided yet.
        let sql = "SELECT device_id, name, role, signing_key, age_recipient, 'pending', first_seen, NULL, NULL
                   FROM device_claims ORDER BY device_id, first_seen";
        self.all(sql, [], "listing device claims", read_device)
    }

    /// A person chose this claim: its keys replace the device recorded
    /// under its id, not trusted yet, and the other claims of that id go.
    pub fn adopt_claim(&self, claim: &DeviceRecord) -> crate::Result<()> {
        self.conn
            .execute(
                "UPDATE devices SET signing_key = ?2, age_recipient = ?3, name = ?4, role = ?5, trust = 'pending',
                     decided_at = NULL, missions = NULL, certificate = NULL
                 WHERE device_id = ?1",
                params![claim.device_id, claim.signing_key, claim.age_recipient, claim.name, claim.role.code()],
            )
            .doing("adopting a device claim")?;
        self.conn
            .execute("DELETE FROM device_claims WHERE device_id = ?1", [&claim.device_id])
            .doing("adopting a device claim")
            .map(|_| ())
    }

    /// A person chose the device recorded under this id: the other claims go.
    pub fn drop_claims(&self, device_id: &str) -> crate::Result<()> {
        self.conn
            .execute("DELETE FROM device_claims WHERE device_id = ?1", [device_id])
            .doing("dropping device claims")
            .map(|_| ())
    }

    /// Whether anything this device sent or wrote was ever applied here.
    pub fn device_has_applied(&self, device_id: &str) -> crate::Result<bool> {
        let sent: bool = self
            .conn
            .query_row("SELECT EXISTS (SELECT 1 FROM bundles_seen WHERE sender = ?1)", [device_id], |r| r.get(0))
            .doing("checking a device's bundles")?;
        Ok(sent || self.highest_counter_of(device_id)? > 0)
    }

    /// Removes a device (or a claim of its id with `signing_key`) and the
    /// bundles it left in quarantine; the caller checks it never sent an
    /// applied version.
    pub fn forget_device(&self, device_id: &str, signing_key: &str) -> crate::Result<()> {
        let claimed = self
            .conn
            .execute("DELETE FROM device_claims WHERE device_id = ?1 AND signing_key = ?2", [device_id, signing_key])
            .doing("forgetting a device")?;
        if claimed == 0 {
            self.conn
                .execute("DELETE FROM devices WHERE device_id = ?1 AND signing_key = ?2", [device_id, signing_key])
                .doing("forgetting a device")?;
            self.conn.execute("DELETE FROM quarantine WHERE sender = ?1", [device_id]).doing("forgetting a device")?;
        }
        Ok(())
    }
}
