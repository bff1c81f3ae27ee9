//! The payload: one JSON line per row version, zstd-compressed, then
//! age-encrypted. Written and read as a stream, so a country's bundle
//! (two million versions) never sits whole in memory on either side.

use crate::error::{BundleError, Limit};
use crate::format::{COMPRESSION, ENCRYPTION, PayloadInfo, Recipient};
use crate::keys::DeviceKeys;
use crate::limits::{MAX_LINE_BYTES, MAX_PLAINTEXT_BYTES};
#[cfg(doc)]
use crate::lines::write_signed_line;
use crate::lines::{Item, parse_item, write_proven_line, write_segment_line};
use crate::segment::Segment;
use binome_store::RemoteVersion;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::{self, BufRead, BufReader, Read, Write};

/// zstd level: small bundles for email and WhatsApp at little CPU cost.
const COMPRESSION_LEVEL: i32 = 9;

/// What failed while writing, kept as the error's source (zip, age,
/// zstd and the file system each have their own type).
fn write_error(e: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> BundleError {
    BundleError::Write(std::io::Error::other(e))
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
    /// Segment lines written.
    pub segments: u64,
}

/// Compresses and encrypts versions into `W` as they are pushed.
pub struct PayloadWriter<W: Write> {
    encoder: zstd::stream::Encoder<'static, age::stream::StreamWriter<Hashing<W>>>,
    covers: BTreeMap<String, u64>,
    counts: BTreeMap<String, u64>,
    versions: u64,
    segments: u64,
    plain_bytes: u64,
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
            segments: 0,
            plain_bytes: 0,
            line: Vec::with_capacity(1024),
        })
    }

    /// Writes a version whose origin signed `signed` (its line as
    /// [`write_signed_line`] gives it), proven by the segment line numbered
    /// `proof`; without a proof (a version this laptop holds unsigned),
    /// the line goes as signed.
    pub fn push(&mut self, version: &RemoteVersion, signed: &[u8], proof: Option<u32>) -> Result<(), BundleError> {
        let own = version.meta.vv.get(&version.meta.origin);
        let highest = self.covers.entry(version.meta.origin.clone()).or_insert(0);
        *highest = (*highest).max(own);
        *self.counts.entry(version.kind.table().to_owned()).or_insert(0) += 1;
        self.versions += 1;
        self.line.clear();
        match proof {
            Some(segment) => write_proven_line(signed, segment, &mut self.line),
            None => self.line.extend_from_slice(signed),
        }
        self.line.push(b'\n');
        self.plain_bytes += self.line.len() as u64;
        self.encoder.write_all(&self.line).map_err(write_error)
    }

    /// Writes an origin's segment, which must come before the versions it
    /// signs; gives the number they name it by.
    pub fn push_segment(&mut self, segment: &Segment) -> Result<u32, BundleError> {
        let number = u32::try_from(self.segments).map_err(write_error)?;
        self.segments += 1;
        self.line.clear();
        write_segment_line(segment, &mut self.line).map_err(write_error)?;
        self.line.push(b'\n');
        self.plain_bytes += self.line.len() as u64;
        self.encoder.write_all(&self.line).map_err(write_error)?;
        Ok(number)
    }

    /// Streams bytes into the payload as they are, lines or not.
    #[cfg(feature = "test-support")]
    pub(crate) fn push_raw(&mut self, plaintext: &mut dyn Read) -> Result<(), BundleError> {
        self.plain_bytes += io::copy(plaintext, &mut self.encoder).map_err(write_error)?;
        Ok(())
    }

    /// Ends the compressed and encrypted streams; gives back the sink.
    pub fn finish(self) -> Result<(W, WrittenPayload), BundleError> {
        let encrypted = self.encoder.finish().map_err(write_error)?;
        let hashing = encrypted.finish().map_err(write_error)?;
        let info = PayloadInfo {
            sha256: hex::encode(hashing.hasher.finalize()),
            bytes: hashing.bytes,
            compression: COMPRESSION.into(),
            encryption: ENCRYPTION.into(),
            plain_bytes: Some(self.plain_bytes),
        };
        Ok((
            hashing.inner,
            WrittenPayload {
                info,
                covers: self.covers,
                counts: self.counts,
                versions: self.versions,
                segments: self.segments,
            },
        ))
    }
}

/// Counts the bytes read through it and refuses the first beyond `max`:
/// zstd can turn a few kilobytes into gigabytes.
struct Bounded<R> {
    inner: R,
    read: u64,
    max: u64,
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read > self.max {
            return Err(io::Error::other(PlaintextTooLarge));
        }
        Ok(n)
    }
}

#[derive(Debug)]
struct PlaintextTooLarge;

impl std::fmt::Display for PlaintextTooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the decompressed payload is larger than declared")
    }
}

impl std::error::Error for PlaintextTooLarge {}

fn read_error(error: io::Error, line: usize, max: u64) -> BundleError {
    if error.get_ref().is_some_and(|inner| inner.is::<PlaintextTooLarge>()) {
        BundleError::TooLarge { limit: Limit::Plaintext, max }
    } else {
        BundleError::BadPayload { line, detail: error.to_string() }
    }
}

/// Decrypts `ciphertext` and hands each line, with its number, to `each`.
/// Stops at the first error, the caller's or the payload's: a line longer
/// than [`MAX_LINE_BYTES`], a blank line (writers write none), text that
/// is not UTF-8, or more decompressed bytes than `plain_bytes` declares
/// (or [`MAX_PLAINTEXT_BYTES`] when it declares nothing).
pub fn for_each_line<E: From<BundleError>>(
    ciphertext: impl Read,
    keys: &DeviceKeys,
    plain_bytes: Option<u64>,
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
    let max = plain_bytes.unwrap_or(MAX_PLAINTEXT_BYTES).min(MAX_PLAINTEXT_BYTES);
    let mut lines = BufReader::with_capacity(64 * 1024, Bounded { inner: decoder, read: 0, max });
    let mut line = Vec::with_capacity(1024);
    let mut number = 0;
    loop {
        line.clear();
        number += 1;
        let read = (&mut lines)
            .take(MAX_LINE_BYTES as u64 + 1)
            .read_until(b'\n', &mut line)
            .map_err(|e| read_error(e, number, max))?;
        if read == 0 {
            break;
        }
        if line.last() == Some(&b'\n') {
            line.pop();
        } else if line.len() > MAX_LINE_BYTES {
            return Err(BundleError::TooLarge { limit: Limit::Line, max: MAX_LINE_BYTES as u64 }.into());
        }
        let text =
            std::str::from_utf8(&line).map_err(|e| BundleError::BadPayload { line: number, detail: e.to_string() })?;
        if text.trim().is_empty() {
            return Err(BundleError::BadPayload { line: number, detail: "blank line".into() }.into());
        }
        each(text, number)?;
    }
    let read = lines.into_inner().read;
    if plain_bytes.is_some_and(|declared| declared != read) {
        return Err(BundleError::PayloadMismatch { what: "plain size" }.into());
    }
    Ok(())
}

/// Decrypts and parses every line in turn. The versions of each table
/// this Binôme knows must be exactly those the signed header counts, and
/// the segments too; one more is refused as soon as it is read.
pub fn for_each_item<E: From<BundleError>>(
    ciphertext: impl Read,
    keys: &DeviceKeys,
    plain_bytes: Option<u64>,
    declared: &BTreeMap<String, u64>,
    declared_segments: u64,
    mut each: impl FnMut(Item) -> Result<(), E>,
) -> Result<u64, E> {
    let mut seen: BTreeMap<&'static str, u64> = BTreeMap::new();
    let mut total = 0u64;
    let mut segments = 0u64;
    for_each_line(ciphertext, keys, plain_bytes, |text, number| -> Result<(), E> {
        match parse_item(text, number).map_err(E::from)? {
            Some(Item::Version(version, proof)) => {
                let table = version.kind.table();
                let count = seen.entry(table).or_insert(0);
                *count += 1;
                let allowed = declared.get(table).copied().unwrap_or(0);
                if *count > allowed {
                    return Err(BundleError::CountMismatch {
                        table: table.to_owned(),
                        declared: allowed,
                        found: *count,
                    }
                    .into());
                }
                total += 1;
                each(Item::Version(version, proof))
            }
            Some(Item::Segment(segment)) => {
                segments += 1;
                if segments > declared_segments {
                    return Err(segment_mismatch(declared_segments, segments).into());
                }
                each(Item::Segment(segment))
            }
            None => Ok(()),
        }
    })?;
    for (table, &count) in declared {
        if binome_domain::Kind::from_table(table).is_none() {
            continue;
        }
        let found = seen.get(table.as_str()).copied().unwrap_or(0);
        if found != count {
            return Err(BundleError::CountMismatch { table: table.clone(), declared: count, found }.into());
        }
    }
    if segments != declared_segments {
        return Err(segment_mismatch(declared_segments, segments).into());
    }
    Ok(total)
}

fn segment_mismatch(declared: u64, found: u64) -> BundleError {
    BundleError::CountMismatch { table: SEGMENTS.to_owned(), declared, found }
}

/// How segment lines are named where tables are (counts, messages).
pub const SEGMENTS: &str = "segments";

/// Decrypts and parses every version in turn, as [`for_each_item`] does,
/// leaving segments aside.
pub fn for_each_version<E: From<BundleError>>(
    ciphertext: impl Read,
    keys: &DeviceKeys,
    plain_bytes: Option<u64>,
    declared: &BTreeMap<String, u64>,
    declared_segments: u64,
    mut each: impl FnMut(RemoteVersion) -> Result<(), E>,
) -> Result<u64, E> {
    for_each_item(ciphertext, keys, plain_bytes, declared, declared_segments, |item| match item {
        Item::Version(version, _) => each(version),
        Item::Segment(_) => Ok(()),
    })
}
