//! The passphrase a person types, and how it seals the store key:
//! Argon2id stretches it into a key-encryption key, XChaCha20-Poly1305
//! seals the store key with it. A wrong passphrase fails the seal's tag,
//! so it is told apart from a damaged file without trying the store.

use super::VaultError;
use argon2::{Algorithm, Argon2, Params, Version};
use binome_store::{STORE_KEY_BYTES, StoreKey};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

/// Fewer characters than this are refused: a short passphrase falls to a
/// guess per Argon2 run on a stolen laptop. No rule on the kind of
/// characters; a sentence in any language is best.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    pub fn new(text: impl Into<String>) -> Passphrase {
        Passphrase(Zeroizing::new(text.into()))
    }

    /// A passphrase for a new seal: long enough.
    pub fn checked_new(&self) -> Result<&Passphrase, VaultError> {
        if self.0.chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(VaultError::PassphraseTooShort { min: MIN_PASSPHRASE_CHARS });
        }
        Ok(self)
    }

    /// The same passphrase typed twice.
    pub fn matches(&self, other: &Passphrase) -> bool {
        self.0.as_str() == other.0.as_str()
    }

    fn bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(…)")
    }
}

/// Argon2id's costs, written in every seal so that later releases may
/// raise them without locking anyone out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stretching {
    pub memory_kib: u32,
    pub passes: u32,
    pub lanes: u32,
}

/// Chosen and measured in `benches/README.md` ("Unlocking"): under a
/// second on a slow field laptop, a memory cost a GPU farm pays dearly.
pub const STRETCHING: Stretching = Stretching { memory_kib: 64 * 1024, passes: 3, lanes: 1 };

/// What a new seal costs. The CLI's integration tests start the program a
/// few thousand times, each unlocking a store: at the product's costs that
/// was most of the test run, and the costs are not what those tests check.
/// So a debug build with `test-support` (what the tests build) seals at
/// Argon2's lowest costs; a release build always seals at `STRETCHING`,
/// whatever its features. Opening reads the costs from the seal, so every
/// build opens every store.
#[cfg(all(feature = "test-support", debug_assertions))]
const SEALING: Stretching = Stretching { memory_kib: 8, passes: 1, lanes: 1 };
#[cfg(not(all(feature = "test-support", debug_assertions)))]
const SEALING: Stretching = STRETCHING;

/// Costs above these are refused in a key file: a forged one could make
/// unlocking take hours or all memory.
const MAX_MEMORY_KIB: u32 = 1024 * 1024;
const MAX_PASSES: u32 = 64;
const MAX_LANES: u32 = 16;

const SALT_BYTES: usize = 16;
const NONCE_BYTES: usize = 24;

/// The store key sealed under a passphrase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassphraseSeal {
    pub kdf: Kdf,
    #[serde(flatten)]
    pub stretching: Stretching,
    #[serde(with = "super::base64_bytes")]
    pub salt: Vec<u8>,
    #[serde(with = "super::base64_bytes")]
    pub nonce: Vec<u8>,
    #[serde(with = "super::base64_bytes")]
    pub sealed: Vec<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kdf {
    Argon2id,
}

fn stretch(passphrase: &Passphrase, salt: &[u8], costs: Stretching) -> Result<Zeroizing<[u8; 32]>, VaultError> {
    let damaged = |detail: String| VaultError::KeyFileDamaged { detail };
    if costs.memory_kib > MAX_MEMORY_KIB || costs.passes > MAX_PASSES || costs.lanes > MAX_LANES {
        return Err(damaged(format!("Argon2 costs out of bounds: {costs:?}")));
    }
    let params =
        Params::new(costs.memory_kib, costs.passes, costs.lanes, Some(32)).map_err(|e| damaged(e.to_string()))?;
    let mut kek = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.bytes(), salt, kek.as_mut())
        .map_err(|e| damaged(e.to_string()))?;
    Ok(kek)
}

/// `binds` ties the seal to one store: a seal copied into another key
/// file does not open.
pub fn seal(key: &StoreKey, passphrase: &Passphrase, binds: &[u8]) -> Result<PassphraseSeal, VaultError> {
    passphrase.checked_new()?;
    let mut salt = vec![0u8; SALT_BYTES];
    let mut nonce = vec![0u8; NONCE_BYTES];
    getrandom::getrandom(&mut salt).expect("the operating system provides randomness");
    getrandom::getrandom(&mut nonce).expect("the operating system provides randomness");
    let kek = stretch(passphrase, &salt, SEALING)?;
    let cipher = XChaCha20Poly1305::new(kek.as_ref().into());
    let sealed = cipher
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: key.as_bytes(), aad: binds })
        .expect("sealing 32 bytes cannot fail");
    Ok(PassphraseSeal { kdf: Kdf::Argon2id, stretching: SEALING, salt, nonce, sealed })
}

pub fn unseal(seal: &PassphraseSeal, passphrase: &Passphrase, binds: &[u8]) -> Result<StoreKey, VaultError> {
    if seal.salt.len() < 8 || seal.nonce.len() != NONCE_BYTES {
        return Err(VaultError::KeyFileDamaged { detail: "salt or nonce of the wrong size".to_owned() });
    }
    let kek = stretch(passphrase, &seal.salt, seal.stretching)?;
    let cipher = XChaCha20Poly1305::new(kek.as_ref().into());
    let opened = cipher
        .decrypt(XNonce::from_slice(&seal.nonce), Payload { msg: &seal.sealed, aad: binds })
        .map_err(|_| VaultError::WrongPassphrase)?;
    let opened = Zeroizing::new(opened);
    let bytes: [u8; STORE_KEY_BYTES] = opened
        .as_slice()
        .try_into()
        .map_err(|_| VaultError::KeyFileDamaged { detail: "a sealed key of the wrong size".to_owned() })?;
    Ok(StoreKey::from_bytes(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_right_passphrase_unseals_the_key_a_wrong_one_or_another_store_does_not() {
        let key = StoreKey::generate();
        let sealed = seal(&key, &Passphrase::new("la case de Mme Achta"), b"store-1").unwrap();
        let opened = unseal(&sealed, &Passphrase::new("la case de Mme Achta"), b"store-1").unwrap();
        assert_eq!(opened.as_bytes(), key.as_bytes());
        assert!(matches!(
            unseal(&sealed, &Passphrase::new("la case de Mme Acta"), b"store-1"),
            Err(VaultError::WrongPassphrase)
        ));
        assert!(matches!(
            unseal(&sealed, &Passphrase::new("la case de Mme Achta"), b"store-2"),
            Err(VaultError::WrongPassphrase)
        ));
    }

    #[test]
    fn a_short_passphrase_is_refused_for_a_new_seal() {
        let refused = seal(&StoreKey::generate(), &Passphrase::new("1234567"), b"s");
        assert!(matches!(refused, Err(VaultError::PassphraseTooShort { min: MIN_PASSPHRASE_CHARS })));
        // Eight characters, some of them beyond ASCII, are enough.
        assert!(seal(&StoreKey::generate(), &Passphrase::new("éléphant"), b"s").is_ok());
    }

    #[test]
    fn a_key_file_asking_for_absurd_costs_is_refused_before_any_work() {
        let mut sealed = seal(&StoreKey::generate(), &Passphrase::new("la case de Mme Achta"), b"s").unwrap();
        sealed.stretching.memory_kib = u32::MAX;
        assert!(matches!(
            unseal(&sealed, &Passphrase::new("la case de Mme Achta"), b"s"),
            Err(VaultError::KeyFileDamaged { .. })
        ));
    }
}
