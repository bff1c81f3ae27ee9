//! The payload: one JSON line per row version, zstd-compressed, then
//! age-encrypted. Written and read as a stream, so a country's bundle
//! (two million versions) never sits whole in memory on either side.

use crate::BundleError;
use crate::format::{PayloadInfo, Recipient};
use crate::keys::DeviceKeys;
use crate::lines::{parse_line, write_line};
use binome_store::RemoteVersion;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::{self, BufRead, BufReader, Read, Write};

/// zstd level: small bundles for email and WhatsApp at little CPU cost.
const COMPRESSION_LEVEL: i32 = 9;

fn write_error(e: impl std::fmt::Display) -> BundleError {
    BundleError::Write(e.to_string())
}

/// Hashes and counts what passes through: the signed header names the
/// payload's hash and size, known only once the last byte is out.
struct Hashing<W> {
    inner: W,
    hasher: Sha256,
    bytes: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(buf)?;
        self.hasher.update(&buf[..written]);
        self.bytes += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// What the header says about a payload once it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct WrittenPayload {
    pub info: PayloadInfo,
    /// Per origin device, the highest counter among the versions carried.
    pub covers: BTreeMap<String, u64>,
    /// Versions carried, per table.
    pub counts: BTreeMap<String, u64>,
    pub versions: u64,
}

/// Compresses and encrypts versions into `W` as they are pushed.
pub struct PayloadWriter<W: Write> {
    encoder: zstd::stream::Encoder<'static, age::stream::StreamWriter<Hashing<W>>>,
    covers: BTreeMap<String, u64>,
    counts: BTreeMap<String, u64>,
    versions: u64,
    line: Vec<u8>,
}

impl<W: Write> PayloadWriter<W> {
    /// Starts a payload readable by each recipient's age key.
    pub fn new(sink: W, recipients: &[(Recipient, String)]) -> Result<Self, BundleError> {
        let parsed: Vec<age::x25519::Recipient> = recipients
            .iter()
            .map(|(_, key)| key.parse::<age::x25519::Recipient>().map_err(write_error))
            .collect::<Result<_, _>>()?;
        let encryptor =
            age::Encryptor::with_recipients(parsed.iter().map(|r| r as &dyn age::Recipient)).map_err(write_error)?;
        let encrypted =
            encryptor.wrap_output(Hashing { inner: sink, hasher: Sha256::new(), bytes: 0 }).map_err(write_error)?;
        let encoder = zstd::stream::Encoder::new(encrypted, COMPRESSION_LEVEL).map_err(write_error)?;
        Ok(PayloadWriter {
            encoder,
            covers: BTreeMap::new(),
            counts: BTreeMap::new(),
            versions: 0,
            line: Vec::with_capacity(1024),
        })
    }

    pub fn push(&mut self, version: &RemoteVersion) -> Result<(), BundleError> {
        let own = version.meta.vv.get(&version.meta.origin);
        let highest = self.covers.entry(version.meta.origin.clone()).or_insert(0);
        *highest = (*highest).max(own);
        *self.counts.entry(version.kind.table().to_owned()).or_insert(0) += 1;
        self.versions += 1;
        self.line.clear();
        write_line(version, &mut self.line).map_err(write_error)?;
        self.line.push(b'\n');
        self.encoder.write_all(&self.line).map_err(write_error)
    }

    /// Ends the compressed and encrypted streams; gives back the sink.
    pub fn finish(self) -> Result<(W, WrittenPayload), BundleError> {
        let encrypted = self.encoder.finish().map_err(write_error)?;
        let hashing = encrypted.finish().map_err(write_error)?;
        let info = PayloadInfo {
            sha256: hex::encode(hashing.hasher.finalize()),
            bytes: hashing.bytes,
            compression: "zstd".into(),
            encryption: "age".into(),
        };
        Ok((hashing.inner, WrittenPayload { info, covers: self.covers, counts: self.counts, versions: self.versions }))
    }
}

/// Decrypts `ciphertext` and hands each non-empty line, with its number,
/// to `each`. Stops at the first error, the caller's or the payload's.
pub fn for_each_line<E: From<BundleError>>(
    ciphertext: impl Read,
    keys: &DeviceKeys,
    mut each: impl FnMut(&str, usize) -> Result<(), E>,
) -> Result<(), E> {
    let decryptor =
        age::Decryptor::new(ciphertext).map_err(|e| BundleError::BadPayload { line: 0, detail: e.to_string() })?;
    let plaintext = decryptor.decrypt(std::iter::once(&keys.age as &dyn age::Identity)).map_err(|e| match e {
        age::DecryptError::NoMatchingKeys => BundleError::NotForUs,
        other => BundleError::BadPayload { line: 0, detail: other.to_string() },
    })?;
    let decoder = zstd::stream::Decoder::new(plaintext)
        .map_err(|e| BundleError::BadPayload { line: 0, detail: e.to_string() })?;
    let mut lines = BufReader::with_capacity(64 * 1024, decoder);
    let mut line = String::new();
    let mut number = 0;
    loop {
        line.clear();
        number += 1;
        let read =
            lines.read_line(&mut line).map_err(|e| BundleError::BadPayload { line: number, detail: e.to_string() })?;
        if read == 0 {
            return Ok(());
        }
        if !line.trim().is_empty() {
            each(line.trim_end_matches(['\n', '\r']), number)?;
        }
    }
}

/// Decrypts and parses every version in turn. A payload carrying more
/// versions than its signed header counts is refused.
pub fn for_each_version<E: From<BundleError>>(
    ciphertext: impl Read,
    keys: &DeviceKeys,
    carried: u64,
    mut each: impl FnMut(RemoteVersion) -> Result<(), E>,
) -> Result<u64, E> {
    let mut seen = 0u64;
    for_each_line(ciphertext, keys, |text, number| -> Result<(), E> {
        if let Some(version) = parse_line(text, number).map_err(E::from)? {
            seen += 1;
            if seen > carried {
                return Err(BundleError::PayloadMismatch { what: "count" }.into());
            }
            each(version)?;
        }
        Ok(())
    })?;
    Ok(seen)
}
