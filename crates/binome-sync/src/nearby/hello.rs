//! Each laptop's hello: its card, and its device key's signature over the
//! handshake's hash, which only this connection has.

use super::{Channel, NearbyError, Side};
use crate::{DeviceKeys, fingerprint};
use binome_domain::DeviceRole;
use ed25519_dalek::{Signature, Signer, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

const SIGNED_CONTEXT: &[u8] = b"binome-nearby/1 hello";
const MAX_NAME_CHARS: usize = 200;
const MAX_FIELD_CHARS: usize = 128;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hello {
    pub device_id: String,
    pub name: String,
    pub role: DeviceRole,
    /// ed25519 public key, hex.
    pub signing_key: String,
    pub age_recipient: String,
    /// ed25519 signature, hex, over the context, the signer's side and the
    /// handshake hash.
    pub signature: String,
}

/// The other laptop, its hello verified: it holds the signing key it
/// shows. The same public identity a bundle's sender states.
pub type Peer = crate::Sender;

fn signed_bytes(side: Side, handshake_hash: &[u8]) -> Vec<u8> {
    let mut bytes = SIGNED_CONTEXT.to_vec();
    bytes.push(match side {
        Side::Initiator => b'I',
        Side::Responder => b'R',
    });
    bytes.extend_from_slice(handshake_hash);
    bytes
}

impl Hello {
    /// This laptop's hello on `channel`.
    pub fn sign<S>(channel: &Channel<S>, keys: &DeviceKeys, device_id: &str, name: &str, role: DeviceRole) -> Hello {
        let signature = keys.signing.sign(&signed_bytes(channel.side(), channel.handshake_hash()));
        Hello {
            device_id: device_id.to_owned(),
            name: name.to_owned(),
            role,
            signing_key: keys.signing_public_hex(),
            age_recipient: keys.age_recipient(),
            signature: hex::encode(signature.to_bytes()),
        }
    }

    /// The other side's hello checked against this connection: signed by
    /// the key it shows, for the other side's end of this handshake.
    pub fn verify<S>(self, channel: &Channel<S>) -> Result<Peer, NearbyError> {
        let their_side = match channel.side() {
            Side::Initiator => Side::Responder,
            Side::Responder => Side::Initiator,
        };
        let key: [u8; 32] = hex::decode(&self.signing_key)
            .ok()
            .and_then(|bytes| bytes.try_into().ok())
            .ok_or_else(|| NearbyError::protocol("a signing key that is not 32 bytes of hex"))?;
        let key = VerifyingKey::from_bytes(&key).map_err(|_| NearbyError::BadSignature)?;
        let signature: [u8; 64] = hex::decode(&self.signature)
            .ok()
            .and_then(|bytes| bytes.try_into().ok())
            .ok_or_else(|| NearbyError::protocol("a signature that is not 64 bytes of hex"))?;
        key.verify(&signed_bytes(their_side, channel.handshake_hash()), &Signature::from_bytes(&signature))
            .map_err(|_| NearbyError::BadSignature)?;
        if self.age_recipient.parse::<age::x25519::Recipient>().is_err() {
            return Err(NearbyError::protocol("an age recipient that does not parse"));
        }
        Ok(Peer {
            fingerprint: fingerprint(&self.signing_key, &self.age_recipient),
            device_id: self.device_id,
            name: self.name,
            role: self.role,
            signing_key: self.signing_key,
            age_recipient: self.age_recipient,
        })
    }

    pub(crate) fn check_bounds(&self) -> Result<(), NearbyError> {
        let too_long = |field: &str, value: &str, max: usize| {
            (value.chars().count() > max).then(|| NearbyError::protocol(format!("a {field} over {max} characters")))
        };
        let checks = [
            too_long("device id", &self.device_id, MAX_FIELD_CHARS),
            too_long("name", &self.name, MAX_NAME_CHARS),
            too_long("signing key", &self.signing_key, MAX_FIELD_CHARS),
            too_long("age recipient", &self.age_recipient, MAX_FIELD_CHARS),
            too_long("signature", &self.signature, MAX_FIELD_CHARS),
        ];
        match checks.into_iter().flatten().next() {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }
}

/// Six digits both screens show for the same connection ("482 913"): if
/// someone relays between the two laptops, each side has its own handshake
/// and the codes differ.
pub fn short_code(handshake_hash: &[u8]) -> String {
    let digest = Sha256::new().chain_update(b"binome-nearby/1 code").chain_update(handshake_hash).finalize();
    let number = u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]]) % 1_000_000;
    format!("{:03} {:03}", number / 1000, number % 1000)
}
