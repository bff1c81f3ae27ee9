//! Who wrote the versions a bundle carries, as this laptop can verify it:
//! each origin's signing key and rights come from this laptop's own
//! decision about that device (itself, or trusted after a fingerprint
//! check) or from a certificate the bundle carries, signed by a
//! coordinator trusted here. Never from a card the sender writes.

use super::SyncRefusal;
use super::revocation::Revocations;
use super::rights::OriginRights;
use crate::app::Binome;
use crate::error::{CoreError, Result};
use binome_store::DeviceTrust;
use binome_sync::{Certificate, Header, OriginKey};
use std::collections::HashMap;

/// An origin as verified: its key, what it may change, and the certificate
/// that vouched for it when this laptop did not know it.
pub(super) struct VerifiedOrigin {
    pub key: OriginKey,
    /// For a revoked device, the last of its counters still accepted.
    pub accept_up_to: Option<u64>,
    pub rights: OriginRights,
    pub certificate: Option<Certificate>,
}

pub(super) struct VerifiedOrigins {
    pub by_device: HashMap<String, VerifiedOrigin>,
}

impl VerifiedOrigins {
    pub fn get(&self, device: &str) -> Result<&VerifiedOrigin> {
        self.by_device
            .get(device)
            .ok_or_else(|| CoreError::Sync(SyncRefusal::UnverifiedOrigin { device: device.to_owned(), name: None }))
    }
}

impl Binome {
    /// Every origin the bundle's signed header says it carries, verified;
    /// the first that cannot be is refused by name, before anything is
    /// decrypted or written.
    pub(super) fn verify_origins(&self, header: &Header, revocations: &Revocations) -> Result<VerifiedOrigins> {
        let mut by_device = HashMap::new();
        for origin in header.covers.keys() {
            let (mut verified, key) = self.verify_origin(header, origin)?;
            verified.accept_up_to = revocations.limit(origin, &key);
            by_device.insert(origin.clone(), verified);
        }
        Ok(VerifiedOrigins { by_device })
    }

    /// The origin as verified, with its signing key in hex.
    fn verify_origin(&self, header: &Header, origin: &str) -> Result<(VerifiedOrigin, String)> {
        let unverified = || CoreError::Sync(SyncRefusal::UnverifiedOrigin { device: origin.to_owned(), name: None });
        let known = self.store.device_record(origin)?;
        if let Some(known) = &known {
            match known.trust {
                // A revoked device's earlier work still comes through:
                // the revocation bounds its counters.
                DeviceTrust::Revoked if self.store.revocation(origin)?.is_none() => {
                    return Err(CoreError::Sync(SyncRefusal::Revoked { device: known.name.clone() }));
                }
                DeviceTrust::Rejected => {
                    return Err(CoreError::Sync(SyncRefusal::Rejected { device: known.name.clone() }));
                }
                trust if trust.vouches() || trust == DeviceTrust::Revoked => {
                    let key = OriginKey::from_hex(&known.signing_key).ok_or_else(unverified)?;
                    let rights =
                        OriginRights { role: known.role, name: known.name.clone(), missions: known.missions.clone() };
                    let verified = VerifiedOrigin { key, accept_up_to: None, rights, certificate: None };
                    return Ok((verified, known.signing_key.clone()));
                }
                _ => {}
            }
        }
        // Not decided here: a coordinator trusted here may vouch for it.
        let sender_certificate = header.certificate.iter().filter(|_| header.sender.device_id == origin);
        for certificate in sender_certificate.chain(header.origin_certificates.iter()) {
            let body = &certificate.body;
            if body.device_id != origin {
                continue;
            }
            if known.as_ref().is_some_and(|k| k.signing_key != body.signing_key) {
                continue;
            }
            if !self.certificate_admits(certificate, origin, &body.signing_key, &body.age_recipient)? {
                continue;
            }
            let key = OriginKey::from_hex(&body.signing_key).ok_or_else(unverified)?;
            let rights =
                OriginRights { role: body.role, name: body.name.clone(), missions: Some(body.missions.clone()) };
            let verified = VerifiedOrigin { key, accept_up_to: None, rights, certificate: Some(certificate.clone()) };
            return Ok((verified, body.signing_key.clone()));
        }
        Err(unverified())
    }
}
