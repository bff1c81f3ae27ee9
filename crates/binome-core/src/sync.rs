//! Exchanging bundles: this laptop's keys, the devices it trusts, export,
//! and import — verified, decrypted and parsed before the one transaction
//! that applies it, after a backup; unknown senders wait in quarantine.

use crate::app::Binome;
use crate::error::{CoreError, Result};
use binome_domain::version::MAX_FUTURE_DRIFT_MS;
use binome_domain::{Hlc, Kind};
use binome_store::{Applied, DeviceRecord, DeviceRole, RemoteVersion};
use binome_sync::{
    BundleError, BundleFile, DeviceKeys, Header, Outgoing, PayloadWriter, Recipient, Sender, open_bundle, seal_bundle,
};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Seek};
use std::path::Path;

/// Why a verified bundle is still not applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum SyncRefusal {
    #[error("device {device} was revoked")]
    Revoked { device: String },
    #[error("device {device} was rejected")]
    Rejected { device: String },
    #[error("device {device} signs with another key than the one trusted")]
    KeyMismatch { device: String },
    #[error("the {table} row {id} comes with other values under a version already known")]
    Forged { table: String, id: String },
    #[error("no trusted device matches {text:?}")]
    UnknownRecipient { text: String },
    #[error("{text:?} matches several devices")]
    AmbiguousDevice { text: String, candidates: Vec<String> },
    #[error("a {role} device may not change {table} records")]
    RoleForbids { device: String, role: String, table: String },
    #[error("versions from device {device} come without its card")]
    UnknownOrigin { device: String },
    #[error("device {device} may not change {table} {id}: outside its missions")]
    OutsideMissions { device: String, table: String, id: String },
    #[error("the {table} row {id} holds a {field} longer than {max}")]
    FieldTooLong { table: String, id: String, field: String, max: usize },
    #[error("the quarantine is full ({limit:?}, at most {max})")]
    QuarantineFull { limit: QuarantineLimit, max: u64 },
}

/// What bounds the bundles kept for devices not trusted yet: anybody can
/// hand a laptop a file, and every backup copies the quarantine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuarantineLimit {
    /// One bundle's bytes.
    BundleBytes,
    /// Bundles waiting at once.
    Bundles,
    /// All waiting bundles' bytes together.
    TotalBytes,
}

/// A first bundle from a laptop met on a mission is tens of kilobytes; a
/// coordinator's whole programme a few megabytes.
pub const QUARANTINE_MAX_BUNDLE_BYTES: u64 = 32 << 20;
pub const QUARANTINE_MAX_BUNDLES: u64 = 20;
pub const QUARANTINE_MAX_TOTAL_BYTES: u64 = 128 << 20;

/// What a bundle's origin device may change.
#[derive(Debug, Clone, Default)]
struct OriginRights {
    role: String,
    name: String,
    /// From an enrolment certificate; `None` or empty for all missions.
    missions: Option<Vec<String>>,
}

/// What importing a bundle did, per table.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TableCounts {
    pub new: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub conflicting: u64,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ImportOutcome {
    Applied {
        bundle_id: String,
        sender: String,
        counts: BTreeMap<String, TableCounts>,
        far_future: u64,
        dry_run: bool,
    },
    AlreadyImported {
        bundle_id: String,
    },
    Quarantined {
        bundle_id: String,
        sender: String,
        name: String,
        fingerprint: String,
    },
    /// From a device not trusted yet, and addressed to others: nothing to
    /// keep, but the device is now known and can be trusted.
    DeviceIntroduced {
        sender: String,
        name: String,
        fingerprint: String,
    },
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportReport {
    pub bundle_id: String,
    pub versions: u64,
    pub bytes: u64,
    pub recipients: Vec<String>,
    pub incremental: bool,
}

/// How many of a peer's bundles a bundle to it acknowledges: enough to
/// cover the ones still on their way.
const ACKS_PER_PEER: usize = 50;

/// How often an import reports progress, in versions applied.
const PROGRESS_EVERY: u64 = 2_000;

impl Binome {
    /// This laptop's keys, made on first use (stores from before sync have none).
    pub fn keys(&mut self) -> Result<DeviceKeys> {
        let device = self.device()?.clone();
        if let Some((signing, age)) = self.store.secrets()? {
            if let Some(keys) = DeviceKeys::from_secrets(&signing, &age) {
                return Ok(keys);
            }
        }
        let keys = DeviceKeys::generate();
        let (signing, age) = keys.secrets();
        self.store.set_secrets(&signing, &age)?;
        self.store.remember_device(&DeviceRecord {
            device_id: device.device_id.clone(),
            name: device.name.clone(),
            role: device.role.code().to_owned(),
            signing_key: keys.signing_public_hex(),
            age_recipient: keys.age_recipient(),
            trust: "self".into(),
            first_seen: self.now_millis(),
            decided_at: None,
            missions: None,
        })?;
        Ok(keys)
    }

    /// This laptop as others see it in a bundle header.
    pub fn sender(&mut self) -> Result<Sender> {
        let keys = self.keys()?;
        let device = self.device()?;
        Ok(Sender {
            device_id: device.device_id.clone(),
            name: device.name.clone(),
            role: device.role.code().to_owned(),
            signing_key: keys.signing_public_hex(),
            age_recipient: keys.age_recipient(),
            fingerprint: keys.fingerprint(),
        })
    }

    pub fn devices(&self) -> Result<Vec<DeviceRecord>> {
        Ok(self.store.devices()?)
    }

    /// A device by id (or prefix), name, or fingerprint (spaces optional).
    pub fn find_device(&self, text: &str) -> Result<DeviceRecord> {
        let wanted = text.replace(' ', "").to_uppercase();
        let matches: Vec<DeviceRecord> = self
            .store
            .devices()?
            .into_iter()
            .filter(|d| {
                d.device_id.starts_with(text)
                    || d.name.eq_ignore_ascii_case(text)
                    || binome_sync::fingerprint(&d.signing_key, &d.age_recipient).replace(' ', "") == wanted
            })
            .collect();
        match matches.len() {
            1 => Ok(matches.into_iter().next().expect("one")),
            0 => Err(CoreError::Sync(SyncRefusal::UnknownRecipient { text: text.to_owned() })),
            _ => Err(CoreError::Sync(SyncRefusal::AmbiguousDevice {
                text: text.to_owned(),
                candidates: matches
                    .into_iter()
                    .map(|d| format!("{} ({})", d.name, binome_sync::fingerprint(&d.signing_key, &d.age_recipient)))
                    .collect(),
            })),
        }
    }

    /// Writes a bundle for `to` (trusted devices) and for this laptop
    /// itself: what the recipients have not acknowledged yet, or everything
    /// with `full` (overlap is harmless).
    pub fn export_bundle(&mut self, out: &Path, to: &[String], full: bool) -> Result<ExportReport> {
        self.export_bundle_for(out, to, full, None)
    }

    /// Like [`Binome::export_bundle`], limited to one mission's records when given.
    pub fn export_bundle_for(
        &mut self,
        out: &Path,
        to: &[String],
        full: bool,
        mission: Option<&str>,
    ) -> Result<ExportReport> {
        let mission = match mission {
            Some(text) => Some(self.resolve(Kind::Mission, text)?),
            None => None,
        };
        let scope = match &mission {
            Some(id) => Some(self.store.mission_scope(id)?),
            None => None,
        };
        let keys = self.keys()?;
        let sender = self.sender()?;
        let mut recipients = vec![(
            Recipient { device_id: sender.device_id.clone(), fingerprint: sender.fingerprint.clone() },
            sender.age_recipient.clone(),
        )];
        let mut names = Vec::new();
        let mut peers = Vec::new();
        for text in to {
            let device = self.find_device(text)?;
            if device.trust != "trusted" && device.trust != "self" {
                return Err(CoreError::Sync(SyncRefusal::UnknownRecipient { text: text.clone() }));
            }
            let fingerprint = binome_sync::fingerprint(&device.signing_key, &device.age_recipient);
            names.push(device.name.clone());
            peers.push(device.device_id.clone());
            recipients.push((Recipient { device_id: device.device_id, fingerprint }, device.age_recipient));
        }
        // Incremental only when every recipient has acknowledged something.
        let since = if full || peers.is_empty() {
            0
        } else {
            peers
                .iter()
                .map(|p| self.store.acked_up_to(p))
                .collect::<std::result::Result<Vec<_>, _>>()?
                .into_iter()
                .min()
                .unwrap_or(0)
        };
        let up_to = self.store.last_change_seq()?;
        // The encrypted payload goes to a file beside the bundle as it is
        // written; the zip is then sealed around it and renamed into place,
        // so an interrupted export never leaves a half bundle behind.
        let payload_path = sibling(out, "payload");
        let sealed_path = sibling(out, "part");
        let _cleanup = RemoveOnDrop(vec![payload_path.clone(), sealed_path.clone()]);
        let payload_file = std::fs::File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(&payload_path)
            .map_err(|e| CoreError::io(&payload_path, e))?;
        let mut writer = PayloadWriter::new(std::io::BufWriter::new(payload_file), &recipients)?;
        let mut origin_ids = std::collections::BTreeSet::new();
        self.store.for_each_version_in(since, scope.as_ref(), |v| -> Result<()> {
            if !origin_ids.contains(&v.meta.origin) {
                origin_ids.insert(v.meta.origin.clone());
            }
            writer.push(&v)?;
            Ok(())
        })?;
        let (payload, written) = writer.finish()?;
        let mut payload = payload.into_inner().map_err(|e| CoreError::io(&payload_path, e.into_error()))?;
        payload.seek(std::io::SeekFrom::Start(0)).map_err(|e| CoreError::io(&payload_path, e))?;
        let mut origins = Vec::new();
        for id in &origin_ids {
            if let Some(d) = self.store.device_record(id)? {
                origins.push(binome_sync::Origin {
                    device_id: d.device_id,
                    name: d.name,
                    role: d.role,
                    signing_key: d.signing_key,
                    age_recipient: d.age_recipient,
                });
            }
        }
        let mut acks = Vec::new();
        for peer in &peers {
            acks.extend(self.store.bundles_from(peer, ACKS_PER_PEER)?);
        }
        let now = self.now_millis();
        let hlc = Hlc::tick(Hlc(self.device()?.hlc), now).0;
        let bundle_id = binome_domain::new_id().hyphenated().to_string();
        let outgoing = Outgoing {
            bundle_id: bundle_id.clone(),
            created_hlc: hlc,
            created_at: chrono::DateTime::from_timestamp_millis(now).unwrap_or_default().to_rfc3339(),
            sender,
            recipients,
            kind: if since == 0 { "full" } else { "incremental" },
            mission: mission.clone(),
            schema_version: binome_store::SCHEMA_VERSION,
            acks,
            origins,
            certificate: self.store.certificate()?.and_then(|c| serde_json::from_str(&c).ok()),
        };
        let versions = written.versions;
        let sealed = std::fs::File::create(&sealed_path).map_err(|e| CoreError::io(&sealed_path, e))?;
        let sealed = seal_bundle(
            outgoing,
            written,
            &mut std::io::BufReader::new(payload),
            &keys,
            std::io::BufWriter::new(sealed),
        )?;
        let sealed = sealed.into_inner().map_err(|e| CoreError::io(&sealed_path, e.into_error()))?;
        sealed.sync_all().map_err(|e| CoreError::io(&sealed_path, e))?;
        let bytes = sealed.metadata().map_err(|e| CoreError::io(&sealed_path, e))?.len();
        drop(sealed);
        std::fs::rename(&sealed_path, out).map_err(|e| CoreError::io(out, e))?;
        self.store.record_export(&bundle_id, &peers, up_to, now)?;
        Ok(ExportReport { bundle_id, versions, bytes, recipients: names, incremental: since > 0 })
    }

    /// Reads a bundle's header and checks its signature and payload hash,
    /// without decrypting.
    pub fn inspect_bundle(&self, path: &Path) -> Result<Header> {
        let file = std::fs::File::open(path).map_err(|e| CoreError::io(path, e))?;
        Ok(open_bundle(std::io::BufReader::new(file))?.header)
    }

    pub fn import_bundle(&mut self, path: &Path, dry_run: bool) -> Result<ImportOutcome> {
        self.import_bundle_with_progress(path, dry_run, &mut |_, _| {})
    }

    /// Like [`Binome::import_bundle`], telling `progress(done, total)`.
    /// The file is read as a stream: a country's bundle is never held in
    /// memory, decrypted or not.
    pub fn import_bundle_with_progress(
        &mut self,
        path: &Path,
        dry_run: bool,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<ImportOutcome> {
        let file = std::fs::File::open(path).map_err(|e| CoreError::io(path, e))?;
        // Read again only for the quarantine, never beyond what it may keep.
        let whole = || {
            let mut bytes = Vec::new();
            let file = std::fs::File::open(path).map_err(|e| CoreError::io(path, e))?;
            file.take(QUARANTINE_MAX_BUNDLE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| CoreError::io(path, e))?;
            Ok(bytes)
        };
        self.import_from(std::io::BufReader::new(file), whole, dry_run, progress)
    }

    /// Verifies a bundle held in memory and applies it (see
    /// [`Binome::import_bundle_bytes_with_progress`]).
    pub fn import_bundle_bytes(&mut self, bytes: &[u8], dry_run: bool) -> Result<ImportOutcome> {
        self.import_bundle_bytes_with_progress(bytes, dry_run, &mut |_, _| {})
    }

    /// Like [`Binome::import_bundle_bytes`], telling `progress(done, total)`
    /// as versions are applied, for a progress bar on large bundles.
    pub fn import_bundle_bytes_with_progress(
        &mut self,
        bytes: &[u8],
        dry_run: bool,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<ImportOutcome> {
        self.import_from(std::io::Cursor::new(bytes), || Ok(bytes.to_vec()), dry_run, progress)
    }

    /// Verifies the bundle (structure, signature, payload hash), decides on
    /// its sender, then decrypts and applies it version by version in one
    /// transaction after a backup. Any refusal met on the way (a role that
    /// may not write a table, a mission outside an enrolment, a forged
    /// version, a damaged line) rolls the whole transaction back: nothing
    /// is half-written. A bundle from a device not yet trusted waits in
    /// quarantine (`whole` gives its bytes to keep).
    fn import_from<R: Read + Seek>(
        &mut self,
        source: R,
        whole: impl FnOnce() -> Result<Vec<u8>>,
        dry_run: bool,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<ImportOutcome> {
        let keys = self.keys()?;
        let mut bundle = open_bundle(source)?;
        let size = bundle.header.payload.bytes;
        let header = bundle.header.clone();
        let sender = &header.sender;
        let now = self.now_millis();
        match self.store.device_record(&sender.device_id)? {
            Some(known) if known.signing_key != sender.signing_key || known.age_recipient != sender.age_recipient => {
                return Err(CoreError::Sync(SyncRefusal::KeyMismatch { device: sender.name.clone() }));
            }
            Some(known) if known.trust == "revoked" => {
                return Err(CoreError::Sync(SyncRefusal::Revoked { device: sender.name.clone() }));
            }
            Some(known) if known.trust == "rejected" => {
                return Err(CoreError::Sync(SyncRefusal::Rejected { device: sender.name.clone() }));
            }
            Some(known) if known.trust == "trusted" || known.trust == "self" => {}
            known if header.certificate.as_ref().is_some_and(|c| self.certificate_admits(c, sender)) => {
                let role = header.certificate.as_ref().map(|c| c.body.role.clone()).unwrap_or_default();
                if !dry_run {
                    if known.is_none() {
                        self.store.remember_device(&DeviceRecord {
                            device_id: sender.device_id.clone(),
                            name: sender.name.clone(),
                            role: role.clone(),
                            signing_key: sender.signing_key.clone(),
                            age_recipient: sender.age_recipient.clone(),
                            trust: "trusted".into(),
                            first_seen: now,
                            decided_at: Some(now),
                            missions: None,
                        })?;
                    }
                    let missions = header.certificate.as_ref().map(|c| c.body.missions.clone()).unwrap_or_default();
                    self.store.enrol(&sender.device_id, &role, &missions, now)?;
                }
            }
            known => {
                let own_fingerprint = keys.fingerprint();
                let for_us = header.recipients.iter().any(|r| r.fingerprint == own_fingerprint);
                if !dry_run && known.is_none() {
                    self.store.remember_device(&DeviceRecord {
                        device_id: sender.device_id.clone(),
                        name: sender.name.clone(),
                        role: sender.role.clone(),
                        signing_key: sender.signing_key.clone(),
                        age_recipient: sender.age_recipient.clone(),
                        trust: "pending".into(),
                        first_seen: now,
                        decided_at: None,
                        missions: None,
                    })?;
                }
                if !for_us {
                    return Ok(ImportOutcome::DeviceIntroduced {
                        sender: sender.device_id.clone(),
                        name: sender.name.clone(),
                        fingerprint: sender.fingerprint.clone(),
                    });
                }
                if !dry_run {
                    self.check_quarantine_room(size)?;
                    let file = whole()?;
                    self.check_quarantine_room(file.len() as u64)?;
                    self.store.quarantine(&header.bundle_id, &sender.device_id, now, &file)?;
                }
                return Ok(ImportOutcome::Quarantined {
                    bundle_id: header.bundle_id.clone(),
                    sender: sender.device_id.clone(),
                    name: sender.name.clone(),
                    fingerprint: sender.fingerprint.clone(),
                });
            }
        }
        if self.store.bundle_seen(&header.bundle_id)? {
            return Ok(ImportOutcome::AlreadyImported { bundle_id: header.bundle_id.clone() });
        }
        let roles = self.origin_roles(&header, dry_run)?;
        // Only an enrolment limited to missions needs to know, before
        // applying, which mission each session of the bundle belongs to.
        let sessions_in_bundle = if roles.values().any(|r| r.missions.as_ref().is_some_and(|m| !m.is_empty())) {
            sessions_in(&mut bundle, &keys)?
        } else {
            HashMap::new()
        };
        if !dry_run {
            self.backup("import-bundle")?;
        }
        let bundle_id = header.bundle_id.clone();
        let sender_id = sender.device_id.clone();
        let total: u64 = header.counts.values().sum();
        let mut far_future = 0u64;
        let apply = |w: &mut binome_store::Writer<'_>| -> Result<BTreeMap<String, TableCounts>> {
            let mut counts: BTreeMap<String, TableCounts> = BTreeMap::new();
            let mut done = 0u64;
            progress(0, total);
            let deferred = w.defer_indexes_of_empty(&bulk_loaded(&header))?;
            bundle.for_each_version(&keys, |version| -> Result<()> {
                check_rights(w, &roles, &version, &sessions_in_bundle)?;
                if Hlc(version.meta.hlc).millis() > now + MAX_FUTURE_DRIFT_MS {
                    far_future += 1;
                }
                let entry = counts.entry(version.kind.table().to_owned()).or_default();
                match w.apply_remote(&version)? {
                    Applied::New => entry.new += 1,
                    Applied::Updated => entry.updated += 1,
                    Applied::Unchanged => entry.unchanged += 1,
                    Applied::Conflict => entry.conflicting += 1,
                    Applied::Forged => {
                        return Err(CoreError::Sync(SyncRefusal::Forged {
                            table: version.kind.table().into(),
                            id: version.id.clone(),
                        }));
                    }
                }
                done += 1;
                if done % PROGRESS_EVERY == 0 {
                    progress(done, total);
                }
                Ok(())
            })?;
            w.rebuild_indexes(deferred)?;
            progress(total, total);
            let summary = serde_json::to_string(&counts).expect("counts serialise");
            w.record_bundle(&bundle_id, &sender_id, &summary)?;
            w.record_acks(&sender_id, &header.acks)?;
            Ok(counts)
        };
        let counts = if dry_run { self.store.rehearse(now, apply)? } else { self.store.write(now, apply)? };
        Ok(ImportOutcome::Applied { bundle_id, sender: sender.name.clone(), counts, far_future, dry_run })
    }

    /// Refuses a bundle of `bytes` that the quarantine has no room for.
    fn check_quarantine_room(&self, bytes: u64) -> Result<()> {
        let full = |limit, max| Err(CoreError::Sync(SyncRefusal::QuarantineFull { limit, max }));
        if bytes > QUARANTINE_MAX_BUNDLE_BYTES {
            return full(QuarantineLimit::BundleBytes, QUARANTINE_MAX_BUNDLE_BYTES);
        }
        let (waiting, waiting_bytes) = self.store.quarantine_usage()?;
        if waiting >= QUARANTINE_MAX_BUNDLES {
            return full(QuarantineLimit::Bundles, QUARANTINE_MAX_BUNDLES);
        }
        if waiting_bytes + bytes > QUARANTINE_MAX_TOTAL_BYTES {
            return full(QuarantineLimit::TotalBytes, QUARANTINE_MAX_TOTAL_BYTES);
        }
        Ok(())
    }

    /// Whether a certificate lets this laptop trust `sender` on sight: it
    /// is about that sender's keys, signed by a coordinator trusted here.
    fn certificate_admits(&self, certificate: &binome_sync::Certificate, sender: &Sender) -> bool {
        let body = &certificate.body;
        let about_sender = body.device_id == sender.device_id
            && body.signing_key == sender.signing_key
            && body.age_recipient == sender.age_recipient;
        let issuer_trusted = matches!(
            self.store.device_record(&body.issuer.device_id),
            Ok(Some(issuer)) if (issuer.trust == "trusted" || issuer.trust == "self")
                && issuer.role == "coordinator"
                && issuer.signing_key == body.issuer.signing_key
        );
        about_sender && issuer_trusted && certificate.verify().is_ok()
    }

    /// A coordinator enrols a device it has met: a certificate of its keys,
    /// role and missions, for the device to install. Trusted here too.
    pub fn enrol_device(
        &mut self,
        text: &str,
        role: DeviceRole,
        missions: &[String],
    ) -> Result<binome_sync::Certificate> {
        let keys = self.keys()?;
        let me = self.device()?.clone();
        if me.role != DeviceRole::Coordinator {
            return Err(CoreError::Sync(SyncRefusal::RoleForbids {
                device: me.name,
                role: me.role.code().to_owned(),
                table: "devices".into(),
            }));
        }
        let device = self.find_device(text)?;
        let missions = missions.iter().map(|m| self.resolve(Kind::Mission, m)).collect::<Result<Vec<_>>>()?;
        let now = self.now_millis();
        let body = binome_sync::CertificateBody {
            device_id: device.device_id.clone(),
            name: device.name.clone(),
            role: role.code().to_owned(),
            signing_key: device.signing_key.clone(),
            age_recipient: device.age_recipient.clone(),
            missions,
            issuer: binome_sync::Issuer {
                device_id: me.device_id.clone(),
                name: me.name.clone(),
                signing_key: keys.signing_public_hex(),
            },
            issued_at: chrono::DateTime::from_timestamp_millis(now).unwrap_or_default().to_rfc3339(),
        };
        self.store.enrol(&device.device_id, role.code(), &body.missions, now)?;
        Ok(binome_sync::Certificate::issue(body, &keys))
    }

    /// Keeps this laptop's certificate, to show in every bundle it sends.
    pub fn install_certificate(&mut self, certificate: &binome_sync::Certificate) -> Result<()> {
        certificate.verify()?;
        let sender = self.sender()?;
        let body = &certificate.body;
        if body.device_id != sender.device_id || body.signing_key != sender.signing_key {
            return Err(CoreError::Bundle(BundleError::BadCertificate));
        }
        self.store.set_certificate(&serde_json::to_string(certificate).expect("a certificate serialises"))?;
        Ok(())
    }

    /// The role of every origin device the bundle's signed header says it
    /// carries: this laptop's records of it, or the card its trusted sender
    /// vouches for (remembered as relayed). An origin with neither is refused.
    fn origin_roles(&mut self, header: &Header, dry_run: bool) -> Result<HashMap<String, OriginRights>> {
        let mut roles = HashMap::new();
        let now = self.now_millis();
        for origin in header.covers.keys() {
            let role = match self.store.device_record(origin)? {
                Some(known) if known.trust == "revoked" || known.trust == "rejected" => {
                    return Err(CoreError::Sync(SyncRefusal::Revoked { device: known.name }));
                }
                Some(known) => OriginRights { role: known.role, name: known.name, missions: known.missions },
                None => {
                    let card = header
                        .origins
                        .iter()
                        .find(|o| &o.device_id == origin)
                        .ok_or_else(|| CoreError::Sync(SyncRefusal::UnknownOrigin { device: origin.clone() }))?;
                    if !dry_run {
                        self.store.remember_device(&DeviceRecord {
                            device_id: card.device_id.clone(),
                            name: card.name.clone(),
                            role: card.role.clone(),
                            signing_key: card.signing_key.clone(),
                            age_recipient: card.age_recipient.clone(),
                            trust: "relayed".into(),
                            first_seen: now,
                            decided_at: None,
                            missions: None,
                        })?;
                    }
                    OriginRights { role: card.role.clone(), name: card.name.clone(), missions: None }
                }
            };
            roles.insert(origin.clone(), role);
        }
        Ok(roles)
    }

    /// Trusts a device (after its fingerprint was checked) and applies the
    /// bundles it had sent, oldest first.
    pub fn trust_device(&mut self, text: &str) -> Result<(DeviceRecord, Vec<ImportOutcome>)> {
        let device = self.find_device(text)?;
        self.store.set_trust(&device.device_id, "trusted", self.now_millis())?;
        let mut outcomes = Vec::new();
        for (bundle_id, file) in self.store.quarantined_files(&device.device_id)? {
            outcomes.push(self.import_bundle_bytes(&file, false)?);
            self.store.release_from_quarantine(&bundle_id)?;
        }
        Ok((device, outcomes))
    }

    /// Refuses a device: its quarantined bundles are dropped, later ones refused.
    pub fn reject_device(&mut self, text: &str) -> Result<DeviceRecord> {
        self.decide(text, "rejected")
    }

    /// A lost laptop: nothing it signs is accepted any more.
    pub fn revoke_device(&mut self, text: &str) -> Result<DeviceRecord> {
        self.decide(text, "revoked")
    }

    fn decide(&mut self, text: &str, trust: &str) -> Result<DeviceRecord> {
        let device = self.find_device(text)?;
        self.store.set_trust(&device.device_id, trust, self.now_millis())?;
        for (bundle_id, _) in self.store.quarantined_files(&device.device_id)? {
            self.store.release_from_quarantine(&bundle_id)?;
        }
        Ok(DeviceRecord { trust: trust.to_owned(), ..device })
    }

    /// Settles a conflict by keeping one of its versions (by position in
    /// `heads`): that choice is a new local edit that has seen them all.
    pub fn resolve_conflict(&mut self, kind: Kind, id: &str, keep: usize) -> Result<binome_store::StoredRow> {
        let heads = self.store.heads(kind, id)?;
        let chosen =
            heads.get(keep).ok_or_else(|| CoreError::NotFound { kind, text: format!("{id} #{keep}") })?.clone();
        let now = self.now_millis();
        self.store.write(now, |w| {
            if chosen.meta.deleted {
                w.delete(kind, id).map(|r| r.expect("the row exists"))
            } else {
                w.put(kind, id, &chosen.data)
            }
            .map_err(CoreError::from)
        })
    }
}

impl From<BundleError> for CoreError {
    fn from(error: BundleError) -> Self {
        CoreError::Bundle(error)
    }
}

/// A file next to `out` for work in progress: `.name.suffix`, hidden.
fn sibling(out: &Path, suffix: &str) -> std::path::PathBuf {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "bundle".into());
    out.with_file_name(format!(".{name}.{suffix}"))
}

/// Removes work files when an export ends, however it ends.
struct RemoveOnDrop(Vec<std::path::PathBuf>);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        for path in &self.0 {
            // Already renamed or never made: nothing to remove.
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Each session the bundle carries, with its mission: a first, light pass
/// that parses only the lines naming the sessions table.
fn sessions_in(bundle: &mut BundleFile, keys: &DeviceKeys) -> Result<HashMap<String, String>> {
    let mut sessions = HashMap::new();
    bundle.for_each_line(keys, |text, number| -> Result<()> {
        if !text.contains("\"t\":\"sessions\"") {
            return Ok(());
        }
        if let Some(version) = binome_sync::parse_line(text, number)?.filter(|v| v.kind == Kind::Session) {
            if let Some(mission) = version.data.get("mission_id").and_then(|m| m.as_str()) {
                sessions.insert(version.id, mission.to_owned());
            }
        }
        Ok(())
    })?;
    Ok(sessions)
}

/// Tables a bundle brings enough versions of to load in bulk when they
/// are empty here (their indexes built once, after the rows).
fn bulk_loaded(header: &Header) -> Vec<Kind> {
    header
        .counts
        .iter()
        .filter(|(_, carried)| **carried >= BULK_LOAD_MIN_VERSIONS)
        .filter_map(|(table, _)| Kind::from_table(table))
        .collect()
}

/// Below this, keeping a table's indexes row by row costs next to nothing.
const BULK_LOAD_MIN_VERSIONS: u64 = 1_000;

/// Refuses a version its origin may not write: a field longer than a
/// local edit allows, a table its role does not own, or a mission outside
/// its enrolment.
fn check_rights(
    w: &binome_store::Writer<'_>,
    roles: &HashMap<String, OriginRights>,
    version: &RemoteVersion,
    sessions_in_bundle: &HashMap<String, String>,
) -> Result<()> {
    let rights = roles
        .get(&version.meta.origin)
        .ok_or_else(|| CoreError::Sync(SyncRefusal::UnknownOrigin { device: version.meta.origin.clone() }))?;
    if let Some((field, max)) = binome_domain::kind::oversized_field(version.kind, &version.data) {
        return Err(CoreError::Sync(SyncRefusal::FieldTooLong {
            table: version.kind.table().to_owned(),
            id: version.id.clone(),
            field: field.to_owned(),
            max,
        }));
    }
    if !binome_domain::merge::role_may_write(&rights.role, version.kind, &version.data) {
        return Err(CoreError::Sync(SyncRefusal::RoleForbids {
            device: rights.name.clone(),
            role: rights.role.clone(),
            table: version.kind.table().to_owned(),
        }));
    }
    if let Some(allowed) = rights.missions.as_ref().filter(|m| !m.is_empty()) {
        if let Some(mission) = mission_of(w, version, sessions_in_bundle)? {
            if !allowed.contains(&mission) {
                return Err(CoreError::Sync(SyncRefusal::OutsideMissions {
                    device: rights.name.clone(),
                    table: version.kind.table().to_owned(),
                    id: version.id.clone(),
                }));
            }
        }
    }
    Ok(())
}

/// The mission a version belongs to, if its kind is bound to one.
fn mission_of(
    w: &binome_store::Writer<'_>,
    version: &RemoteVersion,
    sessions_in_bundle: &HashMap<String, String>,
) -> Result<Option<String>> {
    let field = |name: &str| version.data.get(name).and_then(|v| v.as_str()).map(str::to_owned);
    Ok(match version.kind {
        Kind::Mission => Some(version.id.clone()),
        Kind::TeamMember | Kind::Enrolment | Kind::Session | Kind::Assessment => field("mission_id"),
        Kind::Attendance | Kind::TestScore | Kind::Review => {
            let Some(session) = field("session_id") else { return Ok(None) };
            match sessions_in_bundle.get(&session) {
                Some(mission) => Some(mission.clone()),
                None => w
                    .get(Kind::Session, &session)?
                    .and_then(|s| s.data.get("mission_id").and_then(|m| m.as_str()).map(str::to_owned)),
            }
        }
        _ => None,
    })
}
