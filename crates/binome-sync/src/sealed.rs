//! A few secret bytes sealed to devices' age keys, outside any bundle:
//! the store key a coordinator reopens a forgotten store with (the
//! recovery kit). Any one of the recipients opens it; nobody else.

use crate::keys::DeviceKeys;
use std::io::{Read, Write};

/// A sealed store key is a few hundred bytes per recipient.
const MAX_SEALED_BYTES: usize = 64 * 1024;
const MAX_SECRET_BYTES: u64 = 1024;

#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error("not sealed to this device")]
    NotForUs,
    #[error("unreadable sealed secret: {0}")]
    Damaged(String),
}

/// Seals `secret` to every age recipient given (`age1…`).
pub fn seal_to(recipients: &[String], secret: &[u8]) -> Result<Vec<u8>, SealError> {
    let damaged = |e: &dyn std::fmt::Display| SealError::Damaged(e.to_string());
    let parsed: Vec<age::x25519::Recipient> = recipients
        .iter()
        .map(|r| r.parse::<age::x25519::Recipient>().map_err(|e| damaged(&e)))
        .collect::<Result<_, _>>()?;
    let encryptor =
        age::Encryptor::with_recipients(parsed.iter().map(|r| r as &dyn age::Recipient)).map_err(|e| damaged(&e))?;
    let mut sealed = Vec::new();
    let mut writer = encryptor.wrap_output(&mut sealed).map_err(|e| damaged(&e))?;
    writer.write_all(secret).map_err(|e| damaged(&e))?;
    writer.finish().map_err(|e| damaged(&e))?;
    Ok(sealed)
}

/// Opens what [`seal_to`] sealed, with this device's age key.
pub fn open_sealed(keys: &DeviceKeys, sealed: &[u8]) -> Result<zeroize::Zeroizing<Vec<u8>>, SealError> {
    let damaged = |e: &dyn std::fmt::Display| SealError::Damaged(e.to_string());
    if sealed.len() > MAX_SEALED_BYTES {
        return Err(SealError::Damaged(format!("larger than {MAX_SEALED_BYTES} bytes")));
    }
    let decryptor = age::Decryptor::new(sealed).map_err(|e| damaged(&e))?;
    let mut reader = decryptor.decrypt(std::iter::once(&keys.age as &dyn age::Identity)).map_err(|e| match e {
        age::DecryptError::NoMatchingKeys => SealError::NotForUs,
        other => damaged(&other),
    })?;
    let mut secret = zeroize::Zeroizing::new(Vec::new());
    (&mut reader).take(MAX_SECRET_BYTES).read_to_end(&mut secret).map_err(|e| damaged(&e))?;
    Ok(secret)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_recipient_and_only_they_open_the_seal() {
        let (first, second, stranger) = (DeviceKeys::generate(), DeviceKeys::generate(), DeviceKeys::generate());
        let sealed = seal_to(&[first.age_recipient(), second.age_recipient()], b"store key").unwrap();
        assert_eq!(open_sealed(&first, &sealed).unwrap().as_slice(), b"store key");
        assert_eq!(open_sealed(&second, &sealed).unwrap().as_slice(), b"store key");
        assert!(matches!(open_sealed(&stranger, &sealed), Err(SealError::NotForUs)));
        assert!(matches!(open_sealed(&first, &sealed[..sealed.len() / 2]), Err(SealError::Damaged(_))));
    }
}
