//! Which HMAC SQLCipher checks each page of an encrypted store with.
//!
//! Reading a page costs its AES decryption and its HMAC; the HMAC is most
//! of it. SQLCipher's default, HMAC-SHA-512, is the faster of the two on a
//! processor without SHA instructions; HMAC-SHA-256 is more than twice as
//! fast on one that has them (most laptops since 2017 on AMD, 2019 on
//! Intel, every Apple silicon Mac). A new store takes the faster one for
//! the processor that creates it. Opening tries that one, then the other,
//! so a store or backup carried to another laptop, and every store made
//! before this choice existed (SHA-512), still opens: the HMAC of the
//! first page tells which is right, as it tells a wrong key.

/// The page HMAC, as SQLCipher names it in `PRAGMA cipher_hmac_algorithm`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PageMac {
    Sha256,
    Sha512,
}

impl PageMac {
    pub(crate) fn pragma_value(self) -> &'static str {
        match self {
            PageMac::Sha256 => "HMAC_SHA256",
            PageMac::Sha512 => "HMAC_SHA512",
        }
    }

    /// What opening tries after `self` fails on the first page.
    pub(crate) fn other(self) -> PageMac {
        match self {
            PageMac::Sha256 => PageMac::Sha512,
            PageMac::Sha512 => PageMac::Sha256,
        }
    }

    /// The faster HMAC on this processor: what new stores get and opening
    /// tries first.
    pub(crate) fn for_this_processor() -> PageMac {
        if has_sha256_instructions() { PageMac::Sha256 } else { PageMac::Sha512 }
    }
}

// The only processor-specific code of the store: whether the CPU computes
// SHA-256 in hardware (OpenSSL, which SQLCipher calls, uses it if so).
#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
fn has_sha256_instructions() -> bool {
    std::arch::is_x86_feature_detected!("sha")
}

#[cfg(target_arch = "aarch64")]
fn has_sha256_instructions() -> bool {
    std::arch::is_aarch64_feature_detected!("sha2")
}

#[cfg(not(any(target_arch = "x86", target_arch = "x86_64", target_arch = "aarch64")))]
fn has_sha256_instructions() -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::key::{StoreKey, test_key};
    use crate::{Store, StoreError};
    use rusqlite::Connection;

    fn page_mac_of(conn: &Connection) -> String {
        conn.query_row("PRAGMA cipher_hmac_algorithm", [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn a_new_store_and_its_encrypted_copies_check_pages_with_this_processor_s_faster_hmac() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite3");
        let store = Store::open(&path, &test_key()).unwrap();
        assert_eq!(page_mac_of(&store.conn), PageMac::for_this_processor().pragma_value());

        let plain = dir.path().join("plain.sqlite3");
        Connection::open(&plain).unwrap().execute_batch("CREATE TABLE t (x); PRAGMA user_version = 3;").unwrap();
        let copy = dir.path().join("copy.sqlite3");
        crate::encrypted_copy(&plain, &test_key(), &copy).unwrap();
        let copy = crate::open::open_keyed(&copy, &test_key(), Default::default()).unwrap();
        assert_eq!(page_mac_of(&copy), PageMac::for_this_processor().pragma_value());
    }

    #[test]
    fn a_store_made_with_the_other_hmac_opens_with_its_rows_and_still_refuses_a_wrong_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite3");
        let other = PageMac::for_this_processor().other();
        {
            // As a laptop with the other kind of processor, or a Binôme
            // before this choice (SHA-512 everywhere), made it.
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(&format!(
                "PRAGMA key = \"{}\"; PRAGMA cipher_page_size = {}; PRAGMA cipher_hmac_algorithm = {};",
                test_key().literal().as_str(),
                crate::open::PAGE_SIZE,
                other.pragma_value()
            ))
            .unwrap();
            conn.execute_batch("CREATE TABLE kept (name TEXT); INSERT INTO kept VALUES ('Fatimé Ngaba');").unwrap();
        }
        let store = Store::open(&path, &test_key()).unwrap();
        assert_eq!(page_mac_of(&store.conn), other.pragma_value());
        let name: String = store.conn.query_row("SELECT name FROM kept", [], |r| r.get(0)).unwrap();
        assert_eq!(name, "Fatimé Ngaba");
        let second = store.reopen().unwrap();
        assert_eq!(page_mac_of(&second.conn), other.pragma_value());
        drop((store, second));

        match Store::open(&path, &StoreKey::from_bytes([8; 32])) {
            Err(StoreError::WrongKey { path: named }) => assert_eq!(named, path.display().to_string()),
            other => panic!("expected WrongKey, got {:?}", other.map(|_| ())),
        }
    }
}
