//! The sync screens: trusted devices, a bundle's preview and report,
//! quarantined bundles, and conflicts with their versions side by side.

use super::RecordView;
use crate::app::Binome;
use crate::error::Result;
use crate::sync::ImportOutcome;
use binome_domain::Kind;
use serde::Serialize;
use std::path::Path;

#[cfg(feature = "ts")]
use ts_rs::TS;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct DeviceRowView {
    pub id: String,
    pub name: String,
    pub role: binome_store::DeviceRole,
    pub trust: binome_store::DeviceTrust,
    pub fingerprint: String,
    /// Milliseconds since 1970, when first seen here.
    pub first_seen: f64,
}

/// A bundle written for a device, as the lost-laptop procedure lists
/// them: what whoever holds that laptop could read, passphrase broken.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct SentBundleView {
    pub bundle_id: String,
    /// Milliseconds since 1970.
    pub created_at: f64,
    /// The device said it had applied it.
    pub acknowledged: bool,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct ExportView {
    pub path: String,
    pub versions: u32,
    pub bytes: u32,
    pub recipients: Vec<String>,
    pub incremental: bool,
}

/// What a bundle brings (or brought) to one kind of record.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct TableCountView {
    pub kind: Option<Kind>,
    pub table: String,
    pub new: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub conflicting: u32,
}

/// What became of a bundle (the screen's sentence is `ui-bundle-<code>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(TS))]
pub enum BundleOutcome {
    Applied,
    AlreadyImported,
    /// Its sender is not trusted yet: kept aside until they are.
    Quarantined,
    /// A hello from a laptop met for the first time.
    DeviceIntroduced,
}

/// A bundle's preview (`dry_run`) or the report once imported.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct BundleOutcomeView {
    pub outcome: BundleOutcome,
    pub dry_run: bool,
    pub sender: String,
    pub fingerprint: Option<String>,
    pub counts: Vec<TableCountView>,
    /// Versions stamped more than a day ahead of this laptop's clock.
    pub far_future: u32,
}

impl From<ImportOutcome> for BundleOutcomeView {
    fn from(outcome: ImportOutcome) -> Self {
        let empty = |outcome: BundleOutcome, sender: String, fingerprint: Option<String>| BundleOutcomeView {
            outcome,
            dry_run: false,
            sender,
            fingerprint,
            counts: Vec::new(),
            far_future: 0,
        };
        match outcome {
            ImportOutcome::Applied { sender, counts, far_future, dry_run, .. } => BundleOutcomeView {
                outcome: BundleOutcome::Applied,
                dry_run,
                sender,
                fingerprint: None,
                counts: counts
                    .into_iter()
                    .map(|(table, c)| TableCountView {
                        kind: Kind::from_table(&table),
                        table,
                        new: c.new as u32,
                        updated: c.updated as u32,
                        unchanged: c.unchanged as u32,
                        conflicting: c.conflicting as u32,
                    })
                    .collect(),
                far_future: far_future as u32,
            },
            ImportOutcome::AlreadyImported { .. } => empty(BundleOutcome::AlreadyImported, String::new(), None),
            ImportOutcome::Quarantined { name, fingerprint, .. } => {
                empty(BundleOutcome::Quarantined, name, Some(fingerprint))
            }
            ImportOutcome::DeviceIntroduced { name, fingerprint, .. } => {
                empty(BundleOutcome::DeviceIntroduced, name, Some(fingerprint))
            }
        }
    }
}

/// A bundle waiting for its sender to be trusted or rejected.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct QuarantineView {
    pub bundle_id: String,
    pub device: DeviceRowView,
    pub received_at: f64,
}

/// One of a conflict's versions.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct HeadView {
    /// The position to pass back to keep this version.
    pub index: u32,
    pub device: String,
    pub author: String,
    /// Milliseconds since 1970 (from its hybrid clock).
    pub at: f64,
    pub deleted: bool,
    pub record: RecordView,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct ConflictView {
    pub kind: Kind,
    pub id: String,
    pub label: String,
    pub heads: Vec<HeadView>,
    /// Fields whose values differ between the versions.
    pub differing: Vec<String>,
}

impl Binome {
    fn device_row(&self, record: &binome_store::DeviceRecord) -> DeviceRowView {
        DeviceRowView {
            id: record.device_id.clone(),
            name: record.name.clone(),
            role: record.role,
            trust: record.trust,
            fingerprint: binome_sync::fingerprint(&record.signing_key, &record.age_recipient),
            first_seen: record.first_seen as f64,
        }
    }

    pub fn device_rows(&self) -> Result<Vec<DeviceRowView>> {
        Ok(self.devices()?.iter().map(|d| self.device_row(d)).collect())
    }

    /// The bundles this laptop wrote for the device `text` names.
    pub fn bundles_sent_to(&self, text: &str) -> Result<Vec<SentBundleView>> {
        let device = self.find_device(text)?;
        Ok(self
            .store
            .bundles_sent_to(&device.device_id)?
            .into_iter()
            .map(|b| SentBundleView {
                bundle_id: b.bundle_id,
                created_at: b.created_at as f64,
                acknowledged: b.acked_at.is_some(),
            })
            .collect())
    }

    pub fn export_view(&mut self, out: &Path, to: &[String], mission: Option<&str>) -> Result<ExportView> {
        let report = self.export_bundle_for(out, to, false, mission.filter(|m| !m.is_empty()))?;
        Ok(ExportView {
            path: out.display().to_string(),
            versions: report.versions as u32,
            bytes: report.bytes as u32,
            recipients: report.recipients,
            incremental: report.incremental,
        })
    }

    pub fn quarantine_views(&self) -> Result<Vec<QuarantineView>> {
        let mut out = Vec::new();
        for q in self.store.quarantined()? {
            let Some(device) = self.store.device_record(&q.sender)? else { continue };
            out.push(QuarantineView {
                bundle_id: q.bundle_id,
                device: self.device_row(&device),
                received_at: q.received_at as f64,
            });
        }
        Ok(out)
    }

    pub fn conflict_views(&self) -> Result<Vec<ConflictView>> {
        let names: std::collections::HashMap<String, String> =
            self.devices()?.into_iter().map(|d| (d.device_id, d.name)).collect();
        let mut out = Vec::new();
        for (kind, id) in self.store.conflicts()? {
            let heads = self.store.heads(kind, &id)?;
            let mut views = Vec::new();
            for (index, head) in heads.iter().enumerate() {
                let row = binome_store::StoredRow {
                    kind,
                    id: id.clone(),
                    data: head.data.clone(),
                    deleted: head.meta.deleted,
                    vv: head.meta.vv.clone(),
                    hlc: head.meta.hlc,
                    origin: head.meta.origin.clone(),
                    change_seq: 0,
                    author: Some(head.meta.author.clone()),
                    extra: None,
                    proof: None,
                };
                views.push(HeadView {
                    index: index as u32,
                    device: names.get(&head.meta.origin).cloned().unwrap_or_else(|| head.meta.origin.clone()),
                    author: head.meta.author.clone(),
                    at: binome_domain::Hlc(head.meta.hlc).millis() as f64,
                    deleted: head.meta.deleted,
                    record: self.record_view(&row),
                });
            }
            let mut differing: Vec<String> = kind
                .fields()
                .iter()
                .map(|f| f.name.to_owned())
                .filter(|f| views.windows(2).any(|w| w[0].record.text.get(f) != w[1].record.text.get(f)))
                .collect();
            if views.windows(2).any(|w| w[0].deleted != w[1].deleted) {
                differing.push("deleted".into());
            }
            let label = self.label_of(kind, &id);
            out.push(ConflictView { kind, id, label, heads: views, differing });
        }
        Ok(out)
    }
}

/// A sync with a laptop nearby, as the sync screen reports it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct NearbyOutcomeView {
    pub peer_name: String,
    pub peer_role: binome_domain::DeviceRole,
    pub fingerprint: String,
    /// The six digits both screens show.
    pub code: String,
    pub sent_versions: u32,
    pub received: BundleOutcomeView,
}

impl From<crate::sync::NearbyOutcome> for NearbyOutcomeView {
    fn from(outcome: crate::sync::NearbyOutcome) -> Self {
        NearbyOutcomeView {
            peer_name: outcome.peer.name,
            peer_role: outcome.peer.role,
            fingerprint: outcome.peer.fingerprint,
            code: outcome.code,
            sent_versions: u32::try_from(outcome.sent.versions).unwrap_or(u32::MAX),
            received: outcome.received.into(),
        }
    }
}

/// A laptop found on the network.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct NearbyLaptopView {
    pub fingerprint: String,
    pub role: binome_domain::DeviceRole,
    /// Where it listens, the first one to try first.
    pub addresses: Vec<String>,
    /// Its name here, when this laptop has met it.
    pub name: Option<String>,
    pub trust: Option<binome_store::DeviceTrust>,
}

impl From<crate::sync::NearbyLaptop> for NearbyLaptopView {
    fn from(laptop: crate::sync::NearbyLaptop) -> Self {
        NearbyLaptopView {
            fingerprint: laptop.fingerprint,
            role: laptop.role,
            addresses: laptop.addresses,
            name: laptop.name,
            trust: laptop.trust,
        }
    }
}

/// What the sync screen shows while this laptop waits for one nearby.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct NearbyListeningView {
    /// Addresses to type on the other laptop, with the port.
    pub addresses: Vec<String>,
    pub port: u16,
    /// False where multicast is blocked: the others cannot find it, only
    /// type its address.
    pub announced: bool,
}
