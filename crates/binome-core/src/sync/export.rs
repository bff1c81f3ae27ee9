//! Writing a bundle: what the recipients have not acknowledged, each
//! version after the segment its origin signed it in.

use super::signing::Signer;
use super::{ExportReport, SyncRefusal};
use crate::app::Binome;
use crate::error::{CoreError, Result};
use binome_domain::{Hlc, Kind};
use binome_sync::{Outgoing, PayloadWriter, Recipient, seal_bundle};
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
        let mut recipients = vec![(
            Recipient { device_id: sender.device_id.clone(), fingerprint: sender.fingerprint.clone() },
            sender.age_recipient.clone(),
        )];
        let mut names = Vec::new();
        let mut peers = Vec::new();
        for text in to {
            let device = self.find_device(text)?;
            if !device.trust.vouches() {
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
        let me = sender.device_id.clone();
        let mut signer = Signer::new(&me, &keys);
        self.store.for_each_version_in(since, scope.as_ref(), |v| signer.push(&self.store, &mut writer, v))?;
        signer.finish(&mut writer)?;
        let (origin_ids, held_back) = (std::mem::take(&mut signer.origins), std::mem::take(&mut signer.held_back));
        let (payload, written) = writer.finish()?;
        let mut payload = payload.into_inner().map_err(|e| CoreError::io(&payload_path, e.into_error()))?;
        payload.seek(std::io::SeekFrom::Start(0)).map_err(|e| CoreError::io(&payload_path, e))?;
        let mut origins = Vec::new();
        let mut origin_certificates = Vec::new();
        for id in origin_ids.iter().filter(|id| **id != sender.device_id) {
            if let Some(text) = self.store.device_certificate(id)? {
                // Kept only once verified on import: a parse failure is a bug.
                origin_certificates.push(serde_json::from_str(&text).map_err(|_| unreadable_certificate(id))?);
            }
        }
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
        let sender_id = sender.device_id.clone();
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
            schema_version: binome_store::SYNCED_SCHEMA_VERSION,
            acks,
            origins,
            certificate: match self.store.certificate()? {
                Some(text) => Some(serde_json::from_str(&text).map_err(|_| unreadable_certificate(&sender_id))?),
                None => None,
            },
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
        let sealed = sealed.into_inner().map_err(|e| CoreError::io(&sealed_path, e.into_error()))?;
        sealed.sync_all().map_err(|e| CoreError::io(&sealed_path, e))?;
        let bytes = sealed.metadata().map_err(|e| CoreError::io(&sealed_path, e))?.len();
        drop(sealed);
        std::fs::rename(&sealed_path, out).map_err(|e| CoreError::io(out, e))?;
        self.store.record_export(&bundle_id, &peers, up_to, now)?;
        Ok(ExportReport { bundle_id, versions, bytes, recipients: names, incremental: since > 0, held_back })
    }
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
