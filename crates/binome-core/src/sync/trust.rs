//! The devices this laptop knows and what it decided about each: trust
//! after a fingerprint check, enrolment certificates from coordinators,
//! rejection and revocation.

use super::{ImportOutcome, SyncRefusal};
use crate::app::Binome;
use crate::error::{CoreError, Result};
use binome_domain::Kind;
use binome_store::{DeviceRecord, DeviceRole, DeviceTrust};
use binome_sync::{BundleError, Certificate};

impl Binome {
    /// The devices known here, with the claims of a known id under other
    /// keys, each shown as not decided yet, for a person to choose by
    /// fingerprint.
    pub fn devices(&self) -> Result<Vec<DeviceRecord>> {
        let mut devices = self.store.devices()?;
        devices.extend(self.store.device_claims()?);
        Ok(devices)
    }

    /// A device by id (or prefix), name, or fingerprint (spaces optional).
    pub fn find_device(&self, text: &str) -> Result<DeviceRecord> {
        let wanted = text.replace(' ', "").to_uppercase();
        let matches: Vec<DeviceRecord> = self
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

    /// Whether `certificate` is about the device with these keys and signed
    /// by a coordinator this laptop trusts, with the key it trusts.
    pub(super) fn certificate_admits(
        &self,
        certificate: &Certificate,
        device_id: &str,
        signing_key: &str,
        age_recipient: &str,
    ) -> Result<bool> {
        let body = &certificate.body;
        let about_device =
            body.device_id == device_id && body.signing_key == signing_key && body.age_recipient == age_recipient;
        if !about_device || certificate.verify().is_err() {
            return Ok(false);
        }
        Ok(self.store.device_record(&body.issuer.device_id)?.is_some_and(|issuer| {
            issuer.trust.vouches()
                && issuer.role == DeviceRole::Coordinator
                && issuer.signing_key == body.issuer.signing_key
        }))
    }

    /// A coordinator enrols a device it has met: a certificate of its keys,
    /// role and missions, for the device to install. Trusted here too.
    pub fn enrol_device(&mut self, text: &str, role: DeviceRole, missions: &[String]) -> Result<Certificate> {
        let keys = self.keys()?;
        let me = self.device()?.clone();
        if me.role != DeviceRole::Coordinator {
            return Err(CoreError::CoordinatorOnly { role: me.role });
        }
        let device = self.find_device(text)?;
        let missions = missions.iter().map(|m| self.resolve(Kind::Mission, m)).collect::<Result<Vec<_>>>()?;
        let now = self.now_millis();
        let body = binome_sync::CertificateBody {
            device_id: device.device_id.clone(),
            name: device.name.clone(),
            role,
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
        self.store.enrol(&device.device_id, role, &body.missions, now)?;
        Ok(Certificate::issue(body, &keys))
    }

    /// Keeps this laptop's certificate, to show in every bundle it sends.
    pub fn install_certificate(&mut self, certificate: &Certificate) -> Result<()> {
        certificate.verify()?;
        let sender = self.sender()?;
        let body = &certificate.body;
        if body.device_id != sender.device_id || body.signing_key != sender.signing_key {
            return Err(CoreError::Bundle(BundleError::BadCertificate));
        }
        self.store.set_certificate(&serde_json::to_string(certificate).expect("a certificate serialises"))?;
        Ok(())
    }

    /// Trusts a device (after its fingerprint was checked) and applies the
    /// bundles it had sent, oldest first.
    ///
    /// When the device chosen is a claim of a known id under other keys,
    /// its keys replace the ones recorded; bundles left in quarantine under
    /// that id by the other keys are then dropped.
    pub fn trust_device(&mut self, text: &str) -> Result<(DeviceRecord, Vec<ImportOutcome>)> {
        let device = self.find_device(text)?;
        if device.trust == DeviceTrust::Revoked {
            return Err(CoreError::Sync(SyncRefusal::RevokedNeedsConfirmation { device: device.name }));
        }
        if self.is_claim(&device)? {
            self.store.adopt_claim(&device)?;
        }
        self.store.set_trust(&device.device_id, DeviceTrust::Trusted, self.now_millis())?;
        let mut outcomes = Vec::new();
        for (bundle_id, file) in self.store.quarantined_files(&device.device_id)? {
            match self.import_bundle_bytes(&file, false) {
                Ok(outcome) => outcomes.push(outcome),
                // Sent under this id by the keys not chosen.
                Err(CoreError::Sync(SyncRefusal::KeyMismatch { .. })) => {}
                Err(other) => return Err(other),
            }
            self.store.release_from_quarantine(&bundle_id)?;
        }
        self.store.drop_claims(&device.device_id)?;
        self.refresh_recovery()?;
        self.refresh_pseudonym_keys()?;
        Ok((DeviceRecord { trust: DeviceTrust::Trusted, ..device }, outcomes))
    }

    /// Whether `device` is a claim kept apart rather than the device recorded.
    fn is_claim(&self, device: &DeviceRecord) -> Result<bool> {
        Ok(self
            .store
            .device_record(&device.device_id)?
            .is_some_and(|recorded| recorded.signing_key != device.signing_key))
    }

    /// Removes a device met in a bundle (an impostor, a typo of an
    /// introduction) that never sent anything applied here, with what it
    /// left in quarantine. This laptop and devices whose work is here stay.
    pub fn forget_device(&mut self, text: &str) -> Result<DeviceRecord> {
        let device = self.find_device(text)?;
        let refuse = || CoreError::Sync(SyncRefusal::DeviceHasWork { device: device.name.clone() });
        if device.trust == DeviceTrust::Own {
            return Err(refuse());
        }
        if !self.is_claim(&device)? && self.store.device_has_applied(&device.device_id)? {
            return Err(refuse());
        }
        self.store.forget_device(&device.device_id, &device.signing_key)?;
        Ok(device)
    }

    /// Trusts again a device that was revoked (found, or revoked by
    /// mistake), once a person has confirmed it: the revocation held here
    /// is lifted (a coordinator's record still travels from elsewhere).
    pub fn trust_revoked_device(&mut self, text: &str) -> Result<(DeviceRecord, Vec<ImportOutcome>)> {
        let device = self.find_device(text)?;
        self.store.lift_revocation(&device.device_id)?;
        self.store.set_trust(&device.device_id, DeviceTrust::Pending, self.now_millis())?;
        self.trust_device(text)
    }

    /// Refuses a device: its quarantined bundles are dropped, later ones refused.
    pub fn reject_device(&mut self, text: &str) -> Result<DeviceRecord> {
        self.decide(text, DeviceTrust::Rejected)
    }

    fn decide(&mut self, text: &str, trust: DeviceTrust) -> Result<DeviceRecord> {
        let device = self.find_device(text)?;
        self.store.set_trust(&device.device_id, trust, self.now_millis())?;
        for (bundle_id, _) in self.store.quarantined_files(&device.device_id)? {
            self.store.release_from_quarantine(&bundle_id)?;
        }
        self.refresh_recovery()?;
        self.refresh_pseudonym_keys()?;
        Ok(DeviceRecord { trust, ..device })
    }
}
