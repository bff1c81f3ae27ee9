//! A device's two key pairs: ed25519 to sign bundle headers, age (X25519)
//! to receive encrypted payloads; and the short fingerprint people read to
//! each other over the phone before trusting a device.

use age::secrecy::ExposeSecret;
use ed25519_dalek::SigningKey;
use sha2::{Digest, Sha256};

pub struct DeviceKeys {
    pub signing: SigningKey,
    pub age: age::x25519::Identity,
}

impl DeviceKeys {
    pub fn generate() -> DeviceKeys {
        let mut seed = [0u8; 32];
        getrandom::getrandom(&mut seed).expect("the operating system provides randomness");
        DeviceKeys { signing: SigningKey::from_bytes(&seed), age: age::x25519::Identity::generate() }
    }

    /// The secrets as text, for the store: (signing key hex, age identity).
    pub fn secrets(&self) -> (String, String) {
        (hex::encode(self.signing.to_bytes()), self.age.to_string().expose_secret().to_owned())
    }

    pub fn from_secrets(signing_hex: &str, age_identity: &str) -> Option<DeviceKeys> {
        let bytes: [u8; 32] = hex::decode(signing_hex).ok()?.try_into().ok()?;
        let age = age_identity.parse::<age::x25519::Identity>().ok()?;
        Some(DeviceKeys { signing: SigningKey::from_bytes(&bytes), age })
    }

    pub fn signing_public_hex(&self) -> String {
        hex::encode(self.signing.verifying_key().to_bytes())
    }

    pub fn age_recipient(&self) -> String {
        self.age.to_public().to_string()
    }

    pub fn fingerprint(&self) -> String {
        fingerprint(&self.signing_public_hex(), &self.age_recipient())
    }
}

/// 16 hex digits in four groups ("3F9A 21C0 77DE 0B45"), from both public
/// keys, so a check read aloud covers the signing and the encryption key.
pub fn fingerprint(signing_public_hex: &str, age_recipient: &str) -> String {
    let digest = Sha256::new()
        .chain_update(signing_public_hex.as_bytes())
        .chain_update(b"|")
        .chain_update(age_recipient.as_bytes())
        .finalize();
    let text = hex::encode_upper(&digest[..8]);
    text.as_bytes().chunks(4).map(|c| std::str::from_utf8(c).expect("hex is ASCII")).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_survive_being_stored_as_text() {
        let keys = DeviceKeys::generate();
        let (signing, age) = keys.secrets();
        let back = DeviceKeys::from_secrets(&signing, &age).unwrap();
        assert_eq!(back.fingerprint(), keys.fingerprint());
        assert_eq!(keys.fingerprint().len(), 19);
        assert_ne!(DeviceKeys::generate().fingerprint(), keys.fingerprint());
    }
}
