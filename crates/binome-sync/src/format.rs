//! The bundle file: a zip with three stored entries, in this order:
//! `header.json` (cleartext, no personal data), `header.sig` (ed25519 over
//! the header's exact bytes) and `payload.age` (JSON Lines, zstd, age).

use crate::error::{BundleError, Limit};
use crate::keys::{DeviceKeys, fingerprint};
use crate::limits::{MAX_HEADER_BYTES, MAX_PLAINTEXT_BYTES, SPOOL_IN_MEMORY_BYTES};
use crate::lines::Item;
use crate::payload::{PayloadWriter, WrittenPayload, for_each_item, for_each_line, for_each_version};
use binome_domain::DeviceRole;
use binome_store::RemoteVersion;
use ed25519_dalek::{Signature, Signer, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::{Cursor, Read, Seek, Write};

pub const FORMAT_NAME: &str = "binome-bundle";
/// The payload line format; a reader refuses a bundle whose
/// `min_reader_format` is above what it reads. Format 2 added origin
/// segments (a format-1 reader could not check who wrote a version);
/// format 3 names each version's segment by its place in the payload.
pub const FORMAT_VERSION: u32 = 3;
/// Versions named their segment by its 32-byte id: written by development
/// builds only, between formats 1 and 3, and not read.
const SEGMENT_ID_FORMAT: u32 = 2;
/// Bundles whose versions carry no origin signature: only the sender's own
/// versions in them are accepted (its header signature covers them).
pub const UNSIGNED_ORIGINS_FORMAT: u32 = 1;
pub const BUNDLE_EXTENSION: &str = "binome";
const HEADER_ENTRY: &str = "header.json";
const SIGNATURE_ENTRY: &str = "header.sig";
const PAYLOAD_ENTRY: &str = "payload.age";
const SIGNATURE_BYTES: u64 = 64;
pub(crate) const COMPRESSION: &str = "zstd";
pub(crate) const ENCRYPTION: &str = "age";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sender {
    pub device_id: String,
    pub name: String,
    pub role: DeviceRole,
    /// ed25519 public key, hex.
    pub signing_key: String,
    /// age X25519 recipient (`age1…`).
    pub age_recipient: String,
    pub fingerprint: String,
}

/// A device whose versions a bundle relays, vouched for by the sender.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Origin {
    pub device_id: String,
    pub name: String,
    pub role: DeviceRole,
    pub signing_key: String,
    pub age_recipient: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recipient {
    pub device_id: String,
    pub fingerprint: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PayloadInfo {
    pub sha256: String,
    pub bytes: u64,
    pub compression: String,
    pub encryption: String,
    /// The JSON Lines' size once decrypted and decompressed; a reader stops
    /// at the first byte beyond it. Absent from bundles written before it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plain_bytes: Option<u64>,
}

/// Whether a bundle carries everything its sender holds in scope, or what
/// its recipients had not acknowledged yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BundleKind {
    Full,
    Incremental,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    pub format_version: u32,
    pub min_reader_format: u32,
    pub schema_version: i64,
    pub bundle_id: String,
    pub created_hlc: i64,
    /// The sender's wall clock, for people (laptop clocks are often wrong).
    pub created_at: String,
    pub sender: Sender,
    pub recipients: Vec<Recipient>,
    pub kind: BundleKind,
    pub mission: Option<String>,
    /// Per origin device, the highest counter among the versions carried.
    pub covers: BTreeMap<String, u64>,
    /// Versions carried, per table.
    pub counts: BTreeMap<String, u64>,
    /// Origin segments carried (format 2).
    #[serde(default)]
    pub segments: u64,
    /// Enrolment certificates of origins other than the sender, so that a
    /// receiver who never met them can check their versions and rights.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub origin_certificates: Vec<crate::Certificate>,
    /// Revocations signed by coordinators, as the sender knows them: every
    /// bundle carries them all, so they reach every laptop.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub revocations: Vec<crate::Revocation>,
    /// Bundles the sender applied from its recipients: they need not be
    /// covered again in the next incremental export to the sender.
    #[serde(default)]
    pub acks: Vec<String>,
    /// The devices whose versions are carried, with their roles.
    #[serde(default)]
    pub origins: Vec<Origin>,
    /// The sender's enrolment by a coordinator, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<crate::Certificate>,
    pub payload: PayloadInfo,
    /// Fields added by a newer Binôme, kept when relaying.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

/// A bundle whose structure and signature have been checked; its payload
/// is still encrypted.
#[derive(Debug, Clone)]
pub struct ParsedBundle {
    pub header: Header,
    pub payload: Vec<u8>,
}

/// What the caller states about a bundle it is writing.
pub struct Outgoing {
    pub bundle_id: String,
    pub created_hlc: i64,
    pub created_at: String,
    pub sender: Sender,
    pub recipients: Vec<(Recipient, String)>,
    pub kind: BundleKind,
    pub mission: Option<String>,
    pub schema_version: i64,
    pub acks: Vec<String>,
    pub origins: Vec<Origin>,
    pub certificate: Option<crate::Certificate>,
    pub origin_certificates: Vec<crate::Certificate>,
    pub revocations: Vec<crate::Revocation>,
}

/// What failed while writing, kept as the error's source (zip, age,
/// zstd and the file system each have their own type).
fn write_error(e: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> BundleError {
    BundleError::Write(std::io::Error::other(e))
}

fn unreadable(e: impl std::fmt::Display) -> BundleError {
    BundleError::Unreadable { detail: e.to_string() }
}

/// Writes the zip to `out`: the header describing `written`, its
/// signature, then the payload's bytes copied from `payload`.
pub fn seal_bundle<O: Write + Seek>(
    outgoing: Outgoing,
    written: WrittenPayload,
    payload: &mut impl Read,
    keys: &DeviceKeys,
    out: O,
) -> Result<O, BundleError> {
    seal_header(header_for(outgoing, written), payload, keys, out)
}

/// The header that describes `written` as `outgoing` states it.
pub(crate) fn header_for(outgoing: Outgoing, written: WrittenPayload) -> Header {
    Header {
        format: FORMAT_NAME.to_owned(),
        format_version: FORMAT_VERSION,
        min_reader_format: FORMAT_VERSION,
        schema_version: outgoing.schema_version,
        bundle_id: outgoing.bundle_id,
        created_hlc: outgoing.created_hlc,
        created_at: outgoing.created_at,
        sender: outgoing.sender,
        recipients: outgoing.recipients.into_iter().map(|(r, _)| r).collect(),
        kind: outgoing.kind,
        mission: outgoing.mission,
        covers: written.covers,
        counts: written.counts,
        segments: written.segments,
        origin_certificates: outgoing.origin_certificates,
        revocations: outgoing.revocations,
        acks: outgoing.acks,
        origins: outgoing.origins,
        certificate: outgoing.certificate,
        payload: written.info,
        other: BTreeMap::new(),
    }
}

/// Signs `header` and writes the zip around it and the payload.
pub(crate) fn seal_header<O: Write + Seek>(
    header: Header,
    payload: &mut impl Read,
    keys: &DeviceKeys,
    out: O,
) -> Result<O, BundleError> {
    let header_bytes = serde_json::to_vec_pretty(&header).map_err(write_error)?;
    let signature = keys.signing.sign(&header_bytes);

    let mut zip = zip::ZipWriter::new(out);
    let stored = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(header.payload.bytes >= u64::from(u32::MAX));
    for (name, bytes) in [(HEADER_ENTRY, header_bytes.as_slice()), (SIGNATURE_ENTRY, &signature.to_bytes()[..])] {
        zip.start_file(name, stored).map_err(write_error)?;
        zip.write_all(bytes).map_err(write_error)?;
    }
    zip.start_file(PAYLOAD_ENTRY, stored).map_err(write_error)?;
    let copied = std::io::copy(payload, &mut zip).map_err(write_error)?;
    if copied != header.payload.bytes {
        return Err(write_error(format!("payload copied {copied} of {} bytes", header.payload.bytes)));
    }
    zip.finish().map_err(write_error)
}

/// Writes a bundle of `versions` in memory, signed with `keys`, encrypted
/// to the age recipients given with `outgoing.recipients`, with no origin
/// segments: the envelope alone, for tests of it. A store's export signs
/// its versions and streams through [`PayloadWriter`] and [`seal_bundle`].
pub fn write_bundle(outgoing: Outgoing, versions: &[RemoteVersion], keys: &DeviceKeys) -> Result<Vec<u8>, BundleError> {
    let mut writer = PayloadWriter::new(Vec::new(), &outgoing.recipients)?;
    let mut line = Vec::new();
    for version in versions {
        line.clear();
        crate::lines::write_signed_line(version, &mut line).map_err(write_error)?;
        writer.push(version, &line, None)?;
    }
    let (payload, written) = writer.finish()?;
    Ok(seal_bundle(outgoing, written, &mut payload.as_slice(), keys, Cursor::new(Vec::new()))?.into_inner())
}

/// A small entry's bytes as stored, refused beyond `max` bytes before
/// they are read. The zip CRC is not checked: the signature and the signed
/// payload hash are the integrity checks, and they say precisely what was
/// changed.
fn small_entry<R: Read + Seek>(
    archive: &mut zip::ZipArchive<R>,
    name: &str,
    max: u64,
    limit: Limit,
) -> Result<Option<Vec<u8>>, BundleError> {
    let Some(index) = archive.index_for_name(name) else { return Ok(None) };
    let file = stored_entry(archive, index, name)?;
    if file.size() > max {
        return Err(BundleError::TooLarge { limit, max });
    }
    let mut bytes = Vec::new();
    file.take(max + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    if bytes.len() as u64 > max {
        return Err(BundleError::TooLarge { limit, max });
    }
    Ok(Some(bytes))
}

fn stored_entry<'a, R: Read + Seek>(
    archive: &'a mut zip::ZipArchive<R>,
    index: usize,
    name: &str,
) -> Result<zip::read::ZipFile<'a, R>, BundleError> {
    let file = archive.by_index_raw(index).map_err(unreadable)?;
    if file.compression() != zip::CompressionMethod::Stored {
        return Err(BundleError::Unreadable { detail: format!("{name} is compressed") });
    }
    Ok(file)
}

/// The payload's encrypted bytes, copied out of the bundle while they were
/// hashed: what is decrypted afterwards is exactly what was verified, even
/// if the file it came from changes meanwhile (a watched folder, a USB
/// stick still being written).
enum Spool {
    Memory(Vec<u8>),
    File(std::fs::File),
}

impl Spool {
    fn for_size(bytes: u64) -> Result<Spool, BundleError> {
        if bytes <= SPOOL_IN_MEMORY_BYTES {
            Ok(Spool::Memory(Vec::with_capacity(bytes as usize)))
        } else {
            tempfile::tempfile().map(Spool::File).map_err(unreadable)
        }
    }

    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Spool::Memory(bytes) => bytes,
            Spool::File(file) => file,
        }
    }

    fn reader(&mut self) -> Result<Box<dyn Read + '_>, BundleError> {
        match self {
            Spool::Memory(bytes) => Ok(Box::new(bytes.as_slice())),
            Spool::File(file) => {
                file.seek(std::io::SeekFrom::Start(0)).map_err(unreadable)?;
                Ok(Box::new(std::io::BufReader::with_capacity(64 * 1024, &*file)))
            }
        }
    }
}

/// Passes bytes on to a writer while hashing them.
struct HashingWriter<'a> {
    inner: &'a mut dyn Write,
    hasher: Sha256,
}

impl Write for HashingWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let written = self.inner.write(buf)?;
        self.hasher.update(&buf[..written]);
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// A bundle whose structure, header, signature and payload hash have been
/// checked; its payload, still encrypted, is held apart from the file it
/// came from and decrypted as a stream.
pub struct BundleFile {
    spool: Spool,
    pub header: Header,
}

/// Refuses a header this Binôme cannot read whole: another format, a
/// newer one, a newer store schema, another compression or encryption.
fn check_header(header: &Header) -> Result<(), BundleError> {
    if header.format != FORMAT_NAME {
        return Err(BundleError::Unreadable { detail: format!("format {:?}", header.format) });
    }
    if header.min_reader_format > FORMAT_VERSION {
        return Err(BundleError::NewerFormat { found: header.min_reader_format, supported: FORMAT_VERSION });
    }
    if header.format_version < header.min_reader_format
        || header.min_reader_format == 0
        || header.min_reader_format == SEGMENT_ID_FORMAT
    {
        return Err(BundleError::Unsupported { field: "format_version", value: header.format_version.to_string() });
    }
    let supported = binome_store::SYNCED_SCHEMA_VERSION;
    if header.schema_version > supported {
        return Err(BundleError::NewerSchema { found: header.schema_version, supported });
    }
    if header.schema_version < 1 {
        return Err(BundleError::Unsupported { field: "schema_version", value: header.schema_version.to_string() });
    }
    if header.payload.compression != COMPRESSION {
        return Err(BundleError::Unsupported {
            field: "payload.compression",
            value: header.payload.compression.clone(),
        });
    }
    if header.payload.encryption != ENCRYPTION {
        return Err(BundleError::Unsupported { field: "payload.encryption", value: header.payload.encryption.clone() });
    }
    if let Some(plain) = header.payload.plain_bytes.filter(|&plain| plain > MAX_PLAINTEXT_BYTES) {
        return Err(BundleError::Unsupported { field: "payload.plain_bytes", value: plain.to_string() });
    }
    Ok(())
}

/// Checks a bundle's structure, header, signature and payload hash (one
/// streaming pass over the payload, which is copied aside as it is
/// hashed). Says nothing yet about whether its sender is trusted.
pub fn open_bundle<R: Read + Seek>(source: R) -> Result<BundleFile, BundleError> {
    let mut archive = zip::ZipArchive::new(source).map_err(unreadable)?;
    let header_bytes = small_entry(&mut archive, HEADER_ENTRY, MAX_HEADER_BYTES, Limit::Header)?
        .ok_or(BundleError::Unreadable { detail: "no header".into() })?;
    let header: Header = serde_json::from_slice(&header_bytes)
        .map_err(|e| BundleError::Unreadable { detail: format!("header: {e}") })?;
    if header.format == FORMAT_NAME && header.min_reader_format > FORMAT_VERSION {
        return Err(BundleError::NewerFormat { found: header.min_reader_format, supported: FORMAT_VERSION });
    }
    let signature = small_entry(&mut archive, SIGNATURE_ENTRY, SIGNATURE_BYTES, Limit::Header)
        .map_err(|_| BundleError::BadSignature)?
        .ok_or(BundleError::MissingSignature)?;
    let signature = Signature::from_slice(&signature).map_err(|_| BundleError::BadSignature)?;
    let key: [u8; 32] = hex::decode(&header.sender.signing_key)
        .ok()
        .and_then(|k| k.try_into().ok())
        .ok_or(BundleError::BadSignature)?;
    let key = VerifyingKey::from_bytes(&key).map_err(|_| BundleError::BadSignature)?;
    key.verify_strict(&header_bytes, &signature).map_err(|_| BundleError::BadSignature)?;
    if header.sender.fingerprint != fingerprint(&header.sender.signing_key, &header.sender.age_recipient) {
        return Err(BundleError::BadSignature);
    }
    check_header(&header)?;
    let payload_index =
        archive.index_for_name(PAYLOAD_ENTRY).ok_or(BundleError::PayloadMismatch { what: "missing" })?;
    let payload = stored_entry(&mut archive, payload_index, PAYLOAD_ENTRY)?;
    if payload.size() != header.payload.bytes {
        return Err(BundleError::PayloadMismatch { what: "size" });
    }
    let mut spool = Spool::for_size(header.payload.bytes)?;
    let mut hashing = HashingWriter { inner: spool.writer(), hasher: Sha256::new() };
    let bytes = std::io::copy(&mut payload.take(header.payload.bytes + 1), &mut hashing).map_err(unreadable)?;
    let digest = hashing.hasher.finalize();
    if bytes != header.payload.bytes {
        return Err(BundleError::PayloadMismatch { what: "size" });
    }
    if hex::encode(digest) != header.payload.sha256 {
        return Err(BundleError::PayloadMismatch { what: "hash" });
    }
    Ok(BundleFile { spool, header })
}

impl BundleFile {
    /// The payload's encrypted bytes, as verified.
    pub fn payload(&mut self) -> Result<impl Read + '_, BundleError> {
        self.spool.reader()
    }

    /// Decrypts the payload and hands each line, with its number, to `each`.
    pub fn for_each_line<E: From<BundleError>>(
        &mut self,
        keys: &DeviceKeys,
        each: impl FnMut(&str, usize) -> Result<(), E>,
    ) -> Result<(), E> {
        let plain = self.header.payload.plain_bytes;
        let payload = self.payload()?;
        for_each_line(payload, keys, plain, each)
    }

    /// Decrypts and parses the payload, handing each version to `each`;
    /// returns how many were read. The versions read per table must be
    /// those the signed header counts.
    pub fn for_each_version<E: From<BundleError>>(
        &mut self,
        keys: &DeviceKeys,
        mut each: impl FnMut(RemoteVersion) -> Result<(), E>,
    ) -> Result<u64, E> {
        self.for_each_item(keys, |item| match item {
            Item::Version(version, _) => each(version),
            Item::Segment(_) => Ok(()),
        })
    }

    /// Decrypts and parses the payload, handing each version and segment
    /// to `each` in payload order; returns how many versions were read.
    pub fn for_each_item<E: From<BundleError>>(
        &mut self,
        keys: &DeviceKeys,
        each: impl FnMut(Item) -> Result<(), E>,
    ) -> Result<u64, E> {
        let counts = self.header.counts.clone();
        let (plain, segments) = (self.header.payload.plain_bytes, self.header.segments);
        let payload = self.payload()?;
        for_each_item(payload, keys, plain, &counts, segments, each)
    }
}

/// Checks a bundle held in memory, as [`open_bundle`] does.
pub fn read_bundle(bytes: &[u8]) -> Result<ParsedBundle, BundleError> {
    let mut file = open_bundle(Cursor::new(bytes))?;
    let mut payload = Vec::new();
    file.payload()?.read_to_end(&mut payload).map_err(unreadable)?;
    Ok(ParsedBundle { header: file.header, payload })
}

/// Decrypts and parses every line of a bundle held in memory; nothing is
/// applied here.
pub fn decrypt_payload(bundle: &ParsedBundle, keys: &DeviceKeys) -> Result<Vec<RemoteVersion>, BundleError> {
    let mut versions = Vec::new();
    let plain = bundle.header.payload.plain_bytes;
    let segments = bundle.header.segments;
    for_each_version(bundle.payload.as_slice(), keys, plain, &bundle.header.counts, segments, |version| {
        versions.push(version);
        Ok::<_, BundleError>(())
    })?;
    Ok(versions)
}
