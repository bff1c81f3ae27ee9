//! The key a store is encrypted with: 32 random bytes, given to SQLCipher
//! as a raw key so it runs no key derivation of its own. The passphrase
//! only unwraps this key (binome-core's vault), so changing it rewrites no
//! page of the store.

use zeroize::Zeroizing;

pub const STORE_KEY_BYTES: usize = 32;

pub struct StoreKey(Zeroizing<[u8; STORE_KEY_BYTES]>);

impl StoreKey {
    /// A new key from the operating system's randomness.
    pub fn generate() -> StoreKey {
        let mut bytes = Zeroizing::new([0u8; STORE_KEY_BYTES]);
        getrandom::getrandom(bytes.as_mut()).expect("the operating system provides randomness");
        StoreKey(bytes)
    }

    pub fn from_bytes(bytes: [u8; STORE_KEY_BYTES]) -> StoreKey {
        StoreKey(Zeroizing::new(bytes))
    }

    pub fn as_bytes(&self) -> &[u8; STORE_KEY_BYTES] {
        &self.0
    }

    /// SQLCipher's raw-key literal, `x'…'`, for `PRAGMA key` and `ATTACH … KEY`.
    pub(crate) fn literal(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("x'{}'", hex::encode(self.0.as_ref())))
    }
}

impl Clone for StoreKey {
    fn clone(&self) -> StoreKey {
        StoreKey::from_bytes(*self.0)
    }
}

/// Never prints the key.
impl std::fmt::Debug for StoreKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StoreKey(…)")
    }
}

/// The key every test store of this crate is encrypted with.
#[cfg(test)]
pub(crate) fn test_key() -> StoreKey {
    StoreKey::from_bytes([7; STORE_KEY_BYTES])
}
