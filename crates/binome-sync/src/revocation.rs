//! Revocation records: a coordinator states, with its signature, that a
//! device (a lost or stolen laptop) is revoked, and the last of its
//! counters it accepts. The record travels in every bundle, so every
//! laptop stops the device's later work while its earlier work, relayed by
//! anyone, still comes through.

use crate::certificate::{Issuer, sign_statement, statement_signed_by};
use crate::keys::DeviceKeys;
use serde::{Deserialize, Serialize};

/// What the coordinator states. Field order is fixed: the signature
/// covers this struct's JSON serialisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevocationBody {
    pub device_id: String,
    pub name: String,
    /// The key revoked: a device id claimed later with another key is
    /// another matter.
    pub signing_key: String,
    /// The device's versions up to this counter are still accepted.
    pub last_counter: u64,
    pub issuer: Issuer,
    pub issued_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revocation {
    pub body: RevocationBody,
    /// ed25519 signature of the body's JSON by the issuer, hex.
    pub signature: String,
}

impl Revocation {
    pub fn issue(body: RevocationBody, issuer: &DeviceKeys) -> Revocation {
        let signature = sign_statement(&body, issuer);
        Revocation { body, signature }
    }

    /// Whether the issuer named in the record signed it. Whether that
    /// issuer is a coordinator trusted here is the reader's decision.
    pub fn is_signed_by_its_issuer(&self) -> bool {
        statement_signed_by(&self.body, &self.body.issuer.signing_key, &self.signature)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_revocation_verifies_only_as_issued() {
        let (issuer, device) = (DeviceKeys::generate(), DeviceKeys::generate());
        let body = RevocationBody {
            device_id: "device-x".into(),
            name: "portable-vole".into(),
            signing_key: device.signing_public_hex(),
            last_counter: 42,
            issuer: Issuer {
                device_id: "office".into(),
                name: "bureau".into(),
                signing_key: issuer.signing_public_hex(),
            },
            issued_at: "2026-12-01T10:00:00Z".into(),
        };
        let revocation = Revocation::issue(body, &issuer);
        assert!(revocation.is_signed_by_its_issuer());
        let mut later = revocation.clone();
        later.body.last_counter = 1_000;
        assert!(!later.is_signed_by_its_issuer());
    }
}
