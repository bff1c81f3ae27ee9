//! Revocation that travels: a coordinator revokes a lost laptop with a
//! signed record naming the last of its counters still accepted; every
//! bundle carries the records its sender holds, so every laptop stops the
//! device's later work while its earlier work, relayed by anyone, still
//! comes through.

use crate::app::Binome;
use crate::error::{CoreError, Result};
use binome_store::{DeviceRecord, DeviceRole, DeviceTrust, RevokedDevice, Writer};
use binome_sync::{Header, Issuer, Revocation, RevocationBody};
use std::collections::HashMap;

/// The revocations an import goes by: those held here and those the bundle
/// brings from a coordinator trusted here, by device.
#[derive(Default)]
pub(super) struct Revocations {
    pub by_device: HashMap<String, RevokedDevice>,
    /// Brought by this bundle and not held here yet: recorded with it.
    pub new: Vec<RevokedDevice>,
}

impl Revocations {
    /// The last counter still accepted from `device` signing with `key`.
    pub fn limit(&self, device: &str, key: &str) -> Option<u64> {
        self.by_device.get(device).filter(|r| r.signing_key == key).map(|r| r.last_counter)
    }

    pub fn record(&self, w: &Writer<'_>) -> Result<()> {
        for revoked in &self.new {
            w.revoke(revoked)?;
        }
        Ok(())
    }
}

impl Binome {
    /// The revocations held here for the origins of `header`, with those it
    /// brings signed by a coordinator trusted here.
    pub(super) fn revocations_for(&self, header: &Header) -> Result<Revocations> {
        let mut revocations = Revocations::default();
        for origin in header.covers.keys().chain(std::iter::once(&header.sender.device_id)) {
            if let Some(revoked) = self.store.revocation(origin)? {
                revocations.by_device.insert(origin.clone(), revoked);
            }
        }
        for record in &header.revocations {
            if !self.issued_by_trusted_coordinator(record)? {
                continue;
            }
            let body = &record.body;
            let held = self.store.revocation(&body.device_id)?;
            if held.as_ref().is_some_and(|h| h.record.is_some() && h.last_counter <= body.last_counter) {
                continue;
            }
            let revoked = RevokedDevice {
                device_id: body.device_id.clone(),
                signing_key: body.signing_key.clone(),
                last_counter: held.map_or(body.last_counter, |h| h.last_counter.min(body.last_counter)),
                record: Some(serde_json::to_string(record).expect("a revocation serialises")),
            };
            revocations.by_device.insert(body.device_id.clone(), revoked.clone());
            revocations.new.push(revoked);
        }
        Ok(revocations)
    }

    fn issued_by_trusted_coordinator(&self, record: &Revocation) -> Result<bool> {
        let issuer = &record.body.issuer;
        let trusted = self.store.device_record(&issuer.device_id)?.is_some_and(|known| {
            known.trust.vouches() && known.role == DeviceRole::Coordinator && known.signing_key == issuer.signing_key
        });
        Ok(trusted && record.is_signed_by_its_issuer())
    }

    /// The signed revocations held here, for a bundle's header.
    pub(super) fn revocation_records(&self) -> Result<Vec<Revocation>> {
        let mut records = Vec::new();
        for text in self.store.revocation_records()? {
            records.push(serde_json::from_str(&text).map_err(|_| {
                CoreError::Bundle(binome_sync::BundleError::Unreadable { detail: "stored revocation".into() })
            })?);
        }
        Ok(records)
    }

    /// A lost laptop. Its versions up to the last counter seen here stay
    /// accepted from anyone; later ones, and any bundle it sends, are
    /// refused. A coordinator's revocation is signed and travels in every
    /// bundle it sends; another laptop's holds here only.
    pub fn revoke_device(&mut self, text: &str) -> Result<DeviceRecord> {
        let device = self.find_device(text)?;
        let me = self.device()?.clone();
        if device.device_id == me.device_id {
            return Err(CoreError::RevokeOwnLaptop);
        }
        let last_counter = self.store.highest_counter_of(&device.device_id)?;
        let now = self.now_millis();
        let record = if me.role == DeviceRole::Coordinator {
            let keys = self.keys()?;
            let body = RevocationBody {
                device_id: device.device_id.clone(),
                name: device.name.clone(),
                signing_key: device.signing_key.clone(),
                last_counter,
                issuer: Issuer {
                    device_id: me.device_id.clone(),
                    name: me.name.clone(),
                    signing_key: keys.signing_public_hex(),
                },
                issued_at: chrono::DateTime::from_timestamp_millis(now).unwrap_or_default().to_rfc3339(),
            };
            Some(serde_json::to_string(&Revocation::issue(body, &keys)).expect("a revocation serialises"))
        } else {
            None
        };
        let revoked = RevokedDevice {
            device_id: device.device_id.clone(),
            signing_key: device.signing_key.clone(),
            last_counter,
            record,
        };
        self.store.revoke(&revoked, now)?;
        for (bundle_id, _) in self.store.quarantined_files(&device.device_id)? {
            self.store.release_from_quarantine(&bundle_id)?;
        }
        // A revoked coordinator no longer opens this laptop's kit.
        self.refresh_recovery()?;
        self.refresh_pseudonym_keys()?;
        Ok(DeviceRecord { trust: DeviceTrust::Revoked, ..device })
    }
}
