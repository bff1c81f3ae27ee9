//! The bundle file: a zip with three stored entries, in this order:
//! `header.json` (cleartext, no personal data), `header.sig` (ed25519 over
//! the header's exact bytes) and `payload.age` (JSON Lines, zstd, age).

use crate::BundleError;
use crate::keys::{DeviceKeys, fingerprint};
use crate::lines::{parse_line, to_line};
use binome_store::RemoteVersion;
use ed25519_dalek::{Signature, Signer, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};

pub const FORMAT_NAME: &str = "binome-bundle";
/// The payload line format; a reader refuses a bundle whose
/// `min_reader_format` is above what it reads.
pub const FORMAT_VERSION: u32 = 1;
pub const BUNDLE_EXTENSION: &str = "binome";
const HEADER_ENTRY: &str = "header.json";
const SIGNATURE_ENTRY: &str = "header.sig";
const PAYLOAD_ENTRY: &str = "payload.age";
/// zstd level: small bundles for email and WhatsApp at little CPU cost.
const COMPRESSION_LEVEL: i32 = 9;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sender {
    pub device_id: String,
    pub name: String,
    pub role: String,
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
    pub role: String,
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
    /// "full" or "incremental".
    pub kind: String,
    pub mission: Option<String>,
    /// Per origin device, the highest counter among the versions carried.
    pub covers: BTreeMap<String, u64>,
    /// Versions carried, per table.
    pub counts: BTreeMap<String, u64>,
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
pub struct Outgoing<'a> {
    pub bundle_id: String,
    pub created_hlc: i64,
    pub created_at: String,
    pub sender: Sender,
    pub recipients: Vec<(Recipient, String)>,
    pub kind: &'a str,
    pub mission: Option<String>,
    pub schema_version: i64,
    pub acks: Vec<String>,
    pub origins: Vec<Origin>,
    pub certificate: Option<crate::Certificate>,
}

fn write_error(e: impl std::fmt::Display) -> BundleError {
    BundleError::Write(e.to_string())
}

/// Writes a bundle of `versions`, signed with `keys`, encrypted to the
/// age recipients given with `outgoing.recipients`.
pub fn write_bundle(
    outgoing: Outgoing<'_>,
    versions: &[RemoteVersion],
    keys: &DeviceKeys,
) -> Result<Vec<u8>, BundleError> {
    let mut covers: BTreeMap<String, u64> = BTreeMap::new();
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    let mut compressed = zstd::stream::Encoder::new(Vec::new(), COMPRESSION_LEVEL).map_err(write_error)?;
    for version in versions {
        let own = version.meta.vv.get(&version.meta.origin);
        let entry = covers.entry(version.meta.origin.clone()).or_insert(0);
        *entry = (*entry).max(own);
        *counts.entry(version.kind.table().to_owned()).or_insert(0) += 1;
        compressed.write_all(to_line(version).as_bytes()).map_err(write_error)?;
        compressed.write_all(b"\n").map_err(write_error)?;
    }
    let compressed = compressed.finish().map_err(write_error)?;

    let parsed: Vec<age::x25519::Recipient> = outgoing
        .recipients
        .iter()
        .map(|(_, key)| key.parse::<age::x25519::Recipient>().map_err(write_error))
        .collect::<Result<_, _>>()?;
    let encryptor =
        age::Encryptor::with_recipients(parsed.iter().map(|r| r as &dyn age::Recipient)).map_err(write_error)?;
    let mut encrypted = Vec::new();
    let mut writer = encryptor.wrap_output(&mut encrypted).map_err(write_error)?;
    writer.write_all(&compressed).map_err(write_error)?;
    writer.finish().map_err(write_error)?;

    let header = Header {
        format: FORMAT_NAME.to_owned(),
        format_version: FORMAT_VERSION,
        min_reader_format: FORMAT_VERSION,
        schema_version: outgoing.schema_version,
        bundle_id: outgoing.bundle_id,
        created_hlc: outgoing.created_hlc,
        created_at: outgoing.created_at,
        sender: outgoing.sender,
        recipients: outgoing.recipients.into_iter().map(|(r, _)| r).collect(),
        kind: outgoing.kind.to_owned(),
        mission: outgoing.mission,
        covers,
        counts,
        acks: outgoing.acks,
        origins: outgoing.origins,
        certificate: outgoing.certificate,
        payload: PayloadInfo {
            sha256: hex::encode(Sha256::digest(&encrypted)),
            bytes: encrypted.len() as u64,
            compression: "zstd".into(),
            encryption: "age".into(),
        },
        other: BTreeMap::new(),
    };
    let header_bytes = serde_json::to_vec_pretty(&header).map_err(write_error)?;
    let signature = keys.signing.sign(&header_bytes);

    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in [
        (HEADER_ENTRY, header_bytes.as_slice()),
        (SIGNATURE_ENTRY, &signature.to_bytes()[..]),
        (PAYLOAD_ENTRY, &encrypted),
    ] {
        zip.start_file(name, stored).map_err(write_error)?;
        zip.write_all(bytes).map_err(write_error)?;
    }
    Ok(zip.finish().map_err(write_error)?.into_inner())
}

/// An entry's bytes as stored. The zip CRC is not checked: the signature
/// and the signed payload hash are the integrity checks, and they say
/// precisely what was changed.
fn entry(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<Vec<u8>>, BundleError> {
    let Some(index) = archive.index_for_name(name) else { return Ok(None) };
    let mut file = archive.by_index_raw(index).map_err(|e| BundleError::Unreadable { detail: e.to_string() })?;
    if file.compression() != zip::CompressionMethod::Stored {
        return Err(BundleError::Unreadable { detail: format!("{name} is compressed") });
    }
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(|e| BundleError::Unreadable { detail: e.to_string() })?;
    Ok(Some(bytes))
}

/// Checks a bundle's structure, format version, signature and payload
/// hash. Says nothing yet about whether its sender is trusted.
pub fn read_bundle(bytes: &[u8]) -> Result<ParsedBundle, BundleError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| BundleError::Unreadable { detail: e.to_string() })?;
    let header_bytes =
        entry(&mut archive, HEADER_ENTRY)?.ok_or(BundleError::Unreadable { detail: "no header".into() })?;
    let header: Header = serde_json::from_slice(&header_bytes)
        .map_err(|e| BundleError::Unreadable { detail: format!("header: {e}") })?;
    if header.format != FORMAT_NAME {
        return Err(BundleError::Unreadable { detail: format!("format {:?}", header.format) });
    }
    if header.min_reader_format > FORMAT_VERSION {
        return Err(BundleError::NewerFormat { found: header.min_reader_format, supported: FORMAT_VERSION });
    }
    let signature = entry(&mut archive, SIGNATURE_ENTRY)?.ok_or(BundleError::MissingSignature)?;
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
    let payload = entry(&mut archive, PAYLOAD_ENTRY)?.ok_or(BundleError::PayloadMismatch { what: "missing" })?;
    if payload.len() as u64 != header.payload.bytes {
        return Err(BundleError::PayloadMismatch { what: "size" });
    }
    if hex::encode(Sha256::digest(&payload)) != header.payload.sha256 {
        return Err(BundleError::PayloadMismatch { what: "hash" });
    }
    Ok(ParsedBundle { header, payload })
}

/// Decrypts and parses every line; nothing is applied here.
pub fn decrypt_payload(bundle: &ParsedBundle, keys: &DeviceKeys) -> Result<Vec<RemoteVersion>, BundleError> {
    let decryptor = age::Decryptor::new(bundle.payload.as_slice())
        .map_err(|e| BundleError::BadPayload { line: 0, detail: e.to_string() })?;
    let reader = decryptor.decrypt(std::iter::once(&keys.age as &dyn age::Identity)).map_err(|e| match e {
        age::DecryptError::NoMatchingKeys => BundleError::NotForUs,
        other => BundleError::BadPayload { line: 0, detail: other.to_string() },
    })?;
    let mut text = String::new();
    zstd::stream::Decoder::new(reader)
        .and_then(|mut d| d.read_to_string(&mut text))
        .map_err(|e| BundleError::BadPayload { line: 0, detail: e.to_string() })?;
    let mut versions = Vec::new();
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        if let Some(version) = parse_line(line, i + 1)? {
            versions.push(version);
        }
    }
    let carried: u64 = bundle.header.counts.values().sum();
    if versions.len() as u64 > carried {
        return Err(BundleError::PayloadMismatch { what: "count" });
    }
    Ok(versions)
}
