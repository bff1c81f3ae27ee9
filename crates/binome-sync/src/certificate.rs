//! Enrolment certificates: a coordinator vouches, with its signature, for
//! a device's keys, role and missions. A laptop that trusts the coordinator
//! then trusts the enrolled device on sight, without a phone call.

use crate::BundleError;
use crate::keys::DeviceKeys;
use binome_domain::DeviceRole;
use ed25519_dalek::{Signature, Signer, VerifyingKey};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issuer {
    pub device_id: String,
    pub name: String,
    pub signing_key: String,
}

/// What the coordinator states. Field order is fixed: the signature
/// covers this struct's JSON serialisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateBody {
    pub device_id: String,
    pub name: String,
    pub role: DeviceRole,
    pub signing_key: String,
    pub age_recipient: String,
    /// Missions the device works on; empty for all.
    pub missions: Vec<String>,
    pub issuer: Issuer,
    pub issued_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certificate {
    pub body: CertificateBody,
    /// ed25519 signature of the body's JSON by the issuer, hex.
    pub signature: String,
}

/// The ed25519 signature, hex, of a statement's JSON serialisation.
pub(crate) fn sign_statement(body: &impl Serialize, issuer: &DeviceKeys) -> String {
    let bytes = serde_json::to_vec(body).expect("a statement serialises");
    hex::encode(issuer.signing.sign(&bytes).to_bytes())
}

/// Whether `signature` (hex) is `issuer_key`'s (hex) over the statement.
pub(crate) fn statement_signed_by(body: &impl Serialize, issuer_key: &str, signature: &str) -> bool {
    let Some(key) = hex::decode(issuer_key).ok().and_then(|k| <[u8; 32]>::try_from(k).ok()) else { return false };
    let Ok(key) = VerifyingKey::from_bytes(&key) else { return false };
    let Some(signature) = hex::decode(signature).ok().and_then(|s| <[u8; 64]>::try_from(s).ok()) else {
        return false;
    };
    let bytes = serde_json::to_vec(body).expect("a statement serialises");
    key.verify_strict(&bytes, &Signature::from_bytes(&signature)).is_ok()
}

impl Certificate {
    pub fn issue(body: CertificateBody, issuer: &DeviceKeys) -> Certificate {
        let signature = sign_statement(&body, issuer);
        Certificate { body, signature }
    }

    /// Checks that the issuer named in the certificate signed it. Whether
    /// that issuer is trusted is the reader's decision.
    pub fn verify(&self) -> Result<(), BundleError> {
        if statement_signed_by(&self.body, &self.body.issuer.signing_key, &self.signature) {
            Ok(())
        } else {
            Err(BundleError::BadCertificate)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(issuer: &DeviceKeys, device: &DeviceKeys) -> CertificateBody {
        CertificateBody {
            device_id: "device-r".into(),
            name: "portable-referent".into(),
            role: DeviceRole::Referent,
            signing_key: device.signing_public_hex(),
            age_recipient: device.age_recipient(),
            missions: vec![],
            issuer: Issuer {
                device_id: "device-c".into(),
                name: "bureau".into(),
                signing_key: issuer.signing_public_hex(),
            },
            issued_at: "2026-11-23T10:00:00Z".into(),
        }
    }

    #[test]
    fn a_certificate_holds_only_as_issued() {
        let (coordinator, device) = (DeviceKeys::generate(), DeviceKeys::generate());
        let certificate = Certificate::issue(body(&coordinator, &device), &coordinator);
        assert!(certificate.verify().is_ok());
        let mut promoted = certificate.clone();
        promoted.body.role = DeviceRole::Coordinator;
        assert!(matches!(promoted.verify(), Err(BundleError::BadCertificate)));
        let forged = Certificate::issue(body(&coordinator, &device), &device);
        assert!(
            matches!(forged.verify(), Err(BundleError::BadCertificate)),
            "signed by someone else than the issuer named"
        );
    }
}
