//! Writing a bundle: what the recipients have not acknowledged, each
//! version after the segment its origin signed it in.

use super::signing::Signer;
use super::{ExportReport, SyncRefusal};
use crate::app::Binome;
use crate::error::{CoreError, Result};
use binome_domain::{Hlc, Kind};
use binome_sync::{BundleKind, Outgoing, PayloadWriter, Recipient, seal_bundle};
use std::io::Seek;
use std::path::Path;

/// How many of a peer's bundles a bundle to it acknowledges: enough to
/// cover the ones still on their way.
pub(super) const ACKS_PER_PEER: usize = 50;

impl Binome {
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
        let addressees = self.addressees(&sender, to)?;
        let since = if full { 0 } else { self.acknowledged_by_all(&addressees.peers)? };
        let up_to = self.store.last_change_seq()?;
        // The encrypted payload goes to a file beside the bundle as it is
        // written; the zip is then sealed around it and renamed into place,
        // so an interrupted export never leaves a half bundle behind.
        let payload_path = sibling(out, "payload");
        let sealed_path = sibling(out, "part");
        let _cleanup = RemoveOnDrop(vec![payload_path.clone(), sealed_path.clone()]);
        let (payload, written, signed) =
            self.write_payload(&payload_path, &addressees.recipients, &keys, &sender.device_id, since, scope.as_ref())?;
        let held_back = signed.held_back;
        let (origins, origin_certificates) = self.origins_of(&signed.origins, &sender.device_id)?;
        let mut acks = Vec::new();
        for peer in &addressees.peers {
            acks.extend(self.store.bundles_from(peer, ACKS_PER_PEER)?);
        }
        let certificate = match self.store.certificate()? {
            Some(text) => Some(serde_json::from_str(&text).map_err(|_| unreadable_certificate(&sender.device_id))?),
            None => None,
        };
        let now = self.now_millis();
        let bundle_id = binome_domain::new_id().hyphenated().to_string();
        let outgoing = Outgoing {
            bundle_id: bundle_id.clone(),
            created_hlc: Hlc::tick(Hlc(self.device()?.hlc), now).0,
            created_at: chrono::DateTime::from_timestamp_millis(now).unwrap_or_default().to_rfc3339(),
            sender,
            recipients: addressees.recipients,
            kind: if since == 0 { BundleKind::Full } else { BundleKind::Incremental },
            mission,
            schema_version: binome_store::SYNCED_SCHEMA_VERSION,
            acks,
            origins,
            certificate,
            origin_certificates,
            revocations: self.revocation_records()?,
        };
        let versions = written.versions;
        let sealed =
            binome_store::private::create_private_file(&sealed_path).map_err(|e| CoreError::io(&sealed_path, e))?;
        let sealed = seal_bundle(
            outgoing,
            written,
            &mut std::io::BufReader::new(payload),
            &keys,
            std::io::BufWriter::new(sealed),
        )?;
        let bytes = close_into_place(sealed, &sealed_path, out)?;
        self.store.record_export(&bundle_id, &addressees.peers, up_to, now)?;
        Ok(ExportReport { bundle_id, versions, bytes, recipients: addressees.names, incremental: since > 0, held_back })
    }

    /// Writes every version after `since` (in `scope`) to `path`, encrypted
    /// to `recipients` and signed in segments; the file comes back rewound
    /// for sealing, with the devices whose versions it holds and those held
    /// back.
    fn write_payload(
        &self,
        path: &Path,
        recipients: &[(Recipient, String)],
        keys: &binome_sync::DeviceKeys,
        me: &str,
        since: i64,
        scope: Option<&binome_store::MissionScope>,
    ) -> Result<(std::fs::File, binome_sync::WrittenPayload, Signed)> {
        let file = std::fs::File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(path)
            .map_err(|e| CoreError::io(path, e))?;
        let mut writer = PayloadWriter::new(std::io::BufWriter::new(file), recipients)?;
        let mut signer = Signer::new(me, keys);
        self.store.for_each_version_in(since, scope, |v| signer.push(&self.store, &mut writer, v))?;
        signer.finish(&mut writer)?;
        let signed =
            Signed { origins: std::mem::take(&mut signer.origins), held_back: std::mem::take(&mut signer.held_back) };
        let (payload, written) = writer.finish()?;
        let mut payload = payload.into_inner().map_err(|e| CoreError::io(path, e.into_error()))?;
        payload.seek(std::io::SeekFrom::Start(0)).map_err(|e| CoreError::io(path, e))?;
        Ok((payload, written, signed))
    }

    /// This laptop first (it reads its own bundles back), then each device
    /// named in `to`, which must be trusted.
    fn addressees(&self, sender: &binome_sync::Sender, to: &[String]) -> Result<Addressees> {
        let mut addressees = Addressees {
            recipients: vec![(
                Recipient { device_id: sender.device_id.clone(), fingerprint: sender.fingerprint.clone() },
                sender.age_recipient.clone(),
            )],
            names: Vec::new(),
            peers: Vec::new(),
        };
        for text in to {
            let device = self.find_device(text)?;
            if !device.trust.vouches() {
                return Err(CoreError::Sync(SyncRefusal::UnknownRecipient { text: text.clone() }));
            }
            let fingerprint = binome_sync::fingerprint(&device.signing_key, &device.age_recipient);
            addressees.names.push(device.name.clone());
            addressees.peers.push(device.device_id.clone());
            addressees.recipients.push((Recipient { device_id: device.device_id, fingerprint }, device.age_recipient));
        }
        Ok(addressees)
    }

    /// Where an incremental bundle starts: after the last change every peer
    /// acknowledged (everything when there is no peer, or one acknowledged
    /// nothing yet).
    fn acknowledged_by_all(&self, peers: &[String]) -> Result<i64> {
        let mut since: Option<i64> = None;
        for peer in peers {
            let acked = self.store.acked_up_to(peer)?;
            since = Some(since.map_or(acked, |s| s.min(acked)));
        }
        Ok(since.unwrap_or(0))
    }

    /// The devices whose versions the bundle carries, and the certificates
    /// of those other than this laptop, for receivers that never met them.
    fn origins_of(
        &self,
        origin_ids: &std::collections::BTreeSet<String>,
        sender_id: &str,
    ) -> Result<(Vec<binome_sync::Origin>, Vec<binome_sync::Certificate>)> {
        let mut origins = Vec::new();
        let mut certificates = Vec::new();
        for id in origin_ids {
            if id != sender_id
                && let Some(text) = self.store.device_certificate(id)?
            {
                // Kept only once verified on import: a parse failure is a bug.
                certificates.push(serde_json::from_str(&text).map_err(|_| unreadable_certificate(id))?);
            }
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
        Ok((origins, certificates))
    }
}

/// What signing a payload found: the devices whose versions it holds, and
/// how many versions of each origin were held back.
struct Signed {
    origins: std::collections::BTreeSet<String>,
    held_back: std::collections::BTreeMap<String, u64>,
}

/// Who a bundle is sealed to, and the peers among them by name and id.
struct Addressees {
    recipients: Vec<(Recipient, String)>,
    names: Vec<String>,
    peers: Vec<String>,
}

/// Flushes the sealed bundle to disk, then renames it to `out`: the bundle
/// appears whole or not at all. Its size in bytes.
fn close_into_place(sealed: std::io::BufWriter<std::fs::File>, sealed_path: &Path, out: &Path) -> Result<u64> {
    let sealed = sealed.into_inner().map_err(|e| CoreError::io(sealed_path, e.into_error()))?;
    sealed.sync_all().map_err(|e| CoreError::io(sealed_path, e))?;
    let bytes = sealed.metadata().map_err(|e| CoreError::io(sealed_path, e))?.len();
    drop(sealed);
    std::fs::rename(sealed_path, out).map_err(|e| CoreError::io(out, e))?;
    Ok(bytes)
}

fn unreadable_certificate(device: &str) -> CoreError {
    CoreError::Bundle(binome_sync::BundleError::Unreadable { detail: format!("stored certificate of {device}") })
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
