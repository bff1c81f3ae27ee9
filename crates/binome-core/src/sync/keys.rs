//! This laptop's keys and how it shows itself in a bundle header.

use crate::app::Binome;
use crate::error::Result;
use binome_store::{DeviceRecord, DeviceTrust};
use binome_sync::{DeviceKeys, Sender};

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
            role: device.role,
            signing_key: keys.signing_public_hex(),
            age_recipient: keys.age_recipient(),
            trust: DeviceTrust::Own,
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
            role: device.role,
            signing_key: keys.signing_public_hex(),
            age_recipient: keys.age_recipient(),
            fingerprint: keys.fingerprint(),
        })
    }
}
