//! Reading a bundle: its header and payload verified, its sender decided
//! (trusted, enrolled by a trusted coordinator, or kept in quarantine),
//! every origin verified, then each version checked against its origin's
//! signature and rights and applied, all in one transaction after a backup.

use super::origins::VerifiedOrigins;
use super::rights::{any_limited, check_rights};
use super::signing::SegmentBook;
use super::{ImportOutcome, QUARANTINE_MAX_BUNDLE_BYTES, SyncRefusal, TableCounts};
use crate::app::Binome;
use crate::error::{CoreError, Result};
use binome_domain::version::MAX_FUTURE_DRIFT_MS;
use binome_domain::{Hlc, Kind};
use binome_store::{DeviceRecord, DeviceTrust, RemoteVersion, Writer};
use binome_sync::{BundleFile, Certificate, DeviceKeys, Header, Item, UNSIGNED_ORIGINS_FORMAT, open_bundle};
use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Seek};
use std::path::Path;

/// How often an import reports progress, in versions applied.
const PROGRESS_EVERY: u64 = 2_000;

/// How the sender of a bundle stands here.
enum Sender {
    /// Trusted here (or this laptop itself).
    Trusted,
    /// Unknown or pending here, but enrolled by a coordinator trusted here:
    /// trusted once its bundle is applied.
    Enrolled(Box<Certificate>),
}

impl Binome {
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
        let imported = self.import_from(std::io::BufReader::new(file), whole, dry_run, progress);
        imported.map_err(|e| self.with_device_name(e))
    }

    /// A refusal about a device's signature names the device as people
    /// know it when this laptop knows it.
    fn with_device_name(&self, error: CoreError) -> CoreError {
        // Only a name for the message: the refusal stands, and is told by
        // the device id alone, if the record cannot be read.
        let name_of = |device: &str| self.store.device_record(device).ok().flatten().map(|record| record.name);
        match error {
            CoreError::Sync(SyncRefusal::Unverified { device, kind, id, .. }) => {
                CoreError::Sync(SyncRefusal::Unverified { name: name_of(&device), device, kind, id })
            }
            CoreError::Sync(SyncRefusal::UnverifiedOrigin { device, .. }) => {
                CoreError::Sync(SyncRefusal::UnverifiedOrigin { name: name_of(&device), device })
            }
            other => other,
        }
    }

    /// Verifies a bundle held in memory (one kept in quarantine, applied
    /// once its sender is trusted) and applies it.
    pub fn import_bundle_bytes(&mut self, bytes: &[u8], dry_run: bool) -> Result<ImportOutcome> {
        let imported = self.import_from(std::io::Cursor::new(bytes), || Ok(bytes.to_vec()), dry_run, &mut |_, _| {});
        imported.map_err(|e| self.with_device_name(e))
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
        let header = bundle.header.clone();
        let sender = match self.decide_on_sender(&header, dry_run)? {
            Some(sender) => sender,
            None => return self.keep_in_quarantine(&header, &keys, whole, dry_run),
        };
        if self.store.bundle_seen(&header.bundle_id)? {
            return Ok(ImportOutcome::AlreadyImported { bundle_id: header.bundle_id.clone() });
        }
        let revocations = self.revocations_for(&header)?;
        if revocations.limit(&header.sender.device_id, &header.sender.signing_key).is_some() {
            return Err(CoreError::Sync(SyncRefusal::Revoked { device: header.sender.name.clone() }));
        }
        let origins = self.verify_origins(&header, &revocations)?;
        // Only an enrolment limited to missions needs to know, before
        // applying, which mission each session of the bundle belongs to.
        let sessions_in_bundle = if any_limited(origins.by_device.values().map(|o| &o.rights)) {
            sessions_in(&mut bundle, &keys)?
        } else {
            HashMap::new()
        };
        if !dry_run {
            self.backup(crate::backups::BackupReason::ImportBundle)?;
        }
        let now = self.now_millis();
        let mut apply = Apply { header: &header, origins: &origins, sessions_in_bundle: &sessions_in_bundle, now };
        let work = |w: &mut Writer<'_>| -> Result<Applied> {
            let applied = apply.run(w, &mut bundle, &keys, progress)?;
            apply.record(w, &sender, &applied.counts)?;
            revocations.record(w)?;
            Ok(applied)
        };
        let Applied { counts, far_future, after_revocation } =
            if dry_run { self.store.rehearse(now, work)? } else { self.store.write(now, work)? };
        Ok(ImportOutcome::Applied {
            bundle_id: header.bundle_id.clone(),
            sender: header.sender.name.clone(),
            counts,
            far_future,
            after_revocation,
            dry_run,
        })
    }

    /// Whether the sender's bundles are applied; `None` for a sender that
    /// must be decided on first.
    fn decide_on_sender(&self, header: &Header, dry_run: bool) -> Result<Option<Sender>> {
        let sender = &header.sender;
        let known = self.store.device_record(&sender.device_id)?;
        if let Some(known) = &known {
            if known.signing_key != sender.signing_key || known.age_recipient != sender.age_recipient {
                // Another device under a known id: a person chooses between
                // them by fingerprint. One trusted here keeps its bundles
                // coming meanwhile; against one not decided yet, the claim
                // waits in quarantine like any unknown sender.
                if known.trust.vouches() {
                    if !dry_run {
                        self.store.claim_device(&pending_card(header, self.now_millis()))?;
                    }
                    return Err(CoreError::Sync(SyncRefusal::KeyMismatch { device: sender.name.clone() }));
                }
                return Ok(None);
            }
            match known.trust {
                DeviceTrust::Revoked => {
                    return Err(CoreError::Sync(SyncRefusal::Revoked { device: sender.name.clone() }));
                }
                DeviceTrust::Rejected => {
                    return Err(CoreError::Sync(SyncRefusal::Rejected { device: sender.name.clone() }));
                }
                trust if trust.vouches() => return Ok(Some(Sender::Trusted)),
                _ => {}
            }
        }
        if let Some(certificate) = &header.certificate {
            if self.certificate_admits(certificate, &sender.device_id, &sender.signing_key, &sender.age_recipient)? {
                return Ok(Some(Sender::Enrolled(Box::new(certificate.clone()))));
            }
        }
        Ok(None)
    }

    /// A bundle from a device not trusted yet: kept for when a person has
    /// checked its fingerprint, or, if not addressed here, only the device
    /// remembered so that it can be trusted.
    fn keep_in_quarantine(
        &mut self,
        header: &Header,
        keys: &DeviceKeys,
        whole: impl FnOnce() -> Result<Vec<u8>>,
        dry_run: bool,
    ) -> Result<ImportOutcome> {
        let sender = &header.sender;
        let now = self.now_millis();
        let for_us = header.recipients.iter().any(|r| r.fingerprint == keys.fingerprint());
        let file = if for_us && !dry_run {
            self.check_quarantine_room(header.payload.bytes)?;
            let file = whole()?;
            self.check_quarantine_room(file.len() as u64)?;
            Some(file)
        } else {
            None
        };
        if !dry_run {
            let card = pending_card(header, now);
            match self.store.device_record(&sender.device_id)? {
                None => self.store.remember_device(&card)?,
                Some(known) if known.signing_key != card.signing_key || known.age_recipient != card.age_recipient => {
                    self.store.claim_device(&card)?
                }
                Some(_) => {}
            }
        }
        if !for_us {
            return Ok(ImportOutcome::DeviceIntroduced {
                sender: sender.device_id.clone(),
                name: sender.name.clone(),
                fingerprint: sender.fingerprint.clone(),
            });
        }
        if let Some(file) = file {
            self.store.quarantine(&header.bundle_id, &sender.device_id, now, &file)?;
        }
        Ok(ImportOutcome::Quarantined {
            bundle_id: header.bundle_id.clone(),
            sender: sender.device_id.clone(),
            name: sender.name.clone(),
            fingerprint: sender.fingerprint.clone(),
        })
    }
}

/// What applying a bundle's versions did.
struct Applied {
    counts: BTreeMap<String, TableCounts>,
    /// Versions stamped far in the future (a sender's clock ahead).
    far_future: u64,
    /// Versions of revoked devices made after their revocation, not applied.
    after_revocation: u64,
}

/// One bundle being applied inside its transaction.
struct Apply<'a> {
    header: &'a Header,
    origins: &'a VerifiedOrigins,
    sessions_in_bundle: &'a HashMap<String, String>,
    now: i64,
}

impl Apply<'_> {
    /// Checks and applies every version in turn; the first refusal rolls
    /// the whole transaction back. Returns the counts per table and the
    /// versions stamped far in the future.
    fn run(
        &mut self,
        w: &mut Writer<'_>,
        bundle: &mut BundleFile,
        keys: &DeviceKeys,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<Applied> {
        let total: u64 = self.header.counts.values().sum();
        let unsigned_sender =
            (self.header.format_version == UNSIGNED_ORIGINS_FORMAT).then_some(self.header.sender.device_id.as_str());
        let mut counts: BTreeMap<String, TableCounts> = BTreeMap::new();
        let (mut done, mut far_future, mut after_revocation) = (0u64, 0u64, 0u64);
        let mut book = SegmentBook::default();
        progress(0, total);
        let deferred = w.defer_indexes_of_empty(&bulk_loaded(self.header))?;
        bundle.for_each_item(keys, |item| -> Result<()> {
            let (mut version, proof) = match item {
                Item::Segment(segment) => return book.admit(w, segment, self.origins),
                Item::Version(version, proof) => (version, proof),
            };
            let origin = self.origins.get(&version.meta.origin)?;
            book.check(w, &mut version, proof, unsigned_sender)?;
            if origin.accept_up_to.is_some_and(|last| version.meta.vv.get(&version.meta.origin) > last) {
                after_revocation += 1;
                return Ok(());
            }
            check_rights(w, &origin.rights, &version, self.sessions_in_bundle)?;
            if Hlc(version.meta.hlc).millis() > self.now + MAX_FUTURE_DRIFT_MS {
                far_future += 1;
            }
            let entry = counts.entry(version.kind.table().to_owned()).or_default();
            tally(entry, w.apply_remote(&version)?, &version)?;
            done += 1;
            if done % PROGRESS_EVERY == 0 {
                progress(done, total);
            }
            Ok(())
        })?;
        w.rebuild_indexes(deferred)?;
        progress(total, total);
        Ok(Applied { counts, far_future, after_revocation })
    }

    /// What the applied bundle changes beyond its versions: the bundle
    /// noted as applied, its acknowledgements, and the devices it made
    /// known (an enrolled sender, origins vouched for by a certificate).
    fn record(&self, w: &mut Writer<'_>, sender: &Sender, counts: &BTreeMap<String, TableCounts>) -> Result<()> {
        let header = self.header;
        let card = &header.sender;
        let summary = serde_json::to_string(counts).expect("counts serialise");
        w.record_bundle(&header.bundle_id, &card.device_id, &summary)?;
        w.record_acks(&card.device_id, &header.acks, super::export::ACKS_PER_PEER)?;
        if let Sender::Enrolled(certificate) = sender {
            let body = &certificate.body;
            w.remember_device(&DeviceRecord {
                device_id: card.device_id.clone(),
                name: card.name.clone(),
                role: body.role,
                signing_key: card.signing_key.clone(),
                age_recipient: card.age_recipient.clone(),
                trust: DeviceTrust::Trusted,
                first_seen: self.now,
                decided_at: Some(self.now),
                missions: None,
            })?;
            w.enrol(&card.device_id, body.role, &body.missions)?;
        }
        // Kept to pass on with the sender's versions, whoever issued it: the
        // laptops they reach decide whether they trust the issuer.
        if let Some(certificate) = header.certificate.as_ref().filter(|c| {
            let body = &c.body;
            body.device_id == card.device_id && body.signing_key == card.signing_key && c.verify().is_ok()
        }) {
            w.set_device_certificate(&card.device_id, &certificate_json(certificate))?;
        }
        for (device, origin) in &self.origins.by_device {
            let Some(certificate) = &origin.certificate else { continue };
            if device == &card.device_id {
                continue;
            }
            let body = &certificate.body;
            w.remember_device(&DeviceRecord {
                device_id: device.clone(),
                name: body.name.clone(),
                role: origin.rights.role,
                signing_key: body.signing_key.clone(),
                age_recipient: body.age_recipient.clone(),
                trust: DeviceTrust::Relayed,
                first_seen: self.now,
                decided_at: None,
                missions: None,
            })?;
            w.set_device_certificate(device, &certificate_json(certificate))?;
        }
        Ok(())
    }
}

/// The sender as its header describes it, not decided yet.
fn pending_card(header: &Header, now: i64) -> DeviceRecord {
    let sender = &header.sender;
    DeviceRecord {
        device_id: sender.device_id.clone(),
        name: sender.name.clone(),
        role: sender.role,
        signing_key: sender.signing_key.clone(),
        age_recipient: sender.age_recipient.clone(),
        trust: DeviceTrust::Pending,
        first_seen: now,
        decided_at: None,
        missions: None,
    }
}

fn certificate_json(certificate: &Certificate) -> String {
    serde_json::to_string(certificate).expect("a certificate serialises")
}

fn tally(entry: &mut TableCounts, applied: binome_store::Applied, version: &RemoteVersion) -> Result<()> {
    use binome_store::Applied as Merged;
    match applied {
        Merged::New => entry.new += 1,
        Merged::Updated => entry.updated += 1,
        Merged::Unchanged => entry.unchanged += 1,
        Merged::Conflict => entry.conflicting += 1,
        Merged::Forged => {
            return Err(CoreError::Sync(SyncRefusal::Forged { kind: version.kind, id: version.id.clone() }));
        }
    }
    Ok(())
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
