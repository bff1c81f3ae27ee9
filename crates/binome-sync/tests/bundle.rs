//! The bundle file through every way it can go wrong on the road.

use binome_domain::{Kind, VersionVector};
use binome_store::{RemoteVersion, VersionMeta};
use binome_sync::{
    BundleError, BundleKind, DeviceKeys, Outgoing, Recipient, Sender, decrypt_payload, read_bundle, write_bundle,
};
use serde_json::json;
use std::io::{Cursor, Read, Write};

fn sender(keys: &DeviceKeys) -> Sender {
    Sender {
        device_id: "device-a".into(),
        name: "portable-expert".into(),
        role: binome_domain::DeviceRole::Expert,
        signing_key: keys.signing_public_hex(),
        age_recipient: keys.age_recipient(),
        fingerprint: keys.fingerprint(),
    }
}

fn version(name: &str) -> RemoteVersion {
    let mut vv = VersionVector::default();
    vv.set("device-a", 3);
    RemoteVersion {
        kind: Kind::Programme,
        id: "0190a4b2-0000-7000-8000-000000000001".into(),
        data: binome_store::normalise(
            Kind::Programme,
            json!({"code": "PASST2", "name": name, "country": "TD", "start_date": "2016-01-01", "hours_per_day": 7, "pass_mark": 80})
                .as_object()
                .unwrap(),
        ),
        extra: None,
        meta: VersionMeta {
            vv,
            hlc: 42,
            origin: "device-a".into(),
            author: "Claire".into(),
            deleted: false,
            proof: None,
        },
    }
}

/// What `from` states about a bundle encrypted to `to`.
fn outgoing(bundle_id: &str, from: &DeviceKeys, to: &[&DeviceKeys]) -> Outgoing {
    Outgoing {
        bundle_id: bundle_id.into(),
        created_hlc: 42,
        created_at: "2026-11-23T10:00:00Z".into(),
        sender: sender(from),
        recipients: to
            .iter()
            .map(|k| (Recipient { device_id: "x".into(), fingerprint: k.fingerprint() }, k.age_recipient()))
            .collect(),
        kind: BundleKind::Full,
        mission: None,
        schema_version: 2,
        acks: vec![],
        origins: vec![],
        certificate: None,
        origin_certificates: vec![],
        revocations: vec![],
    }
}

fn bundle(from: &DeviceKeys, to: &[&DeviceKeys]) -> Vec<u8> {
    let outgoing = outgoing("0190a4b2-0000-7000-8000-0000000000ff", from, to);
    write_bundle(outgoing, &[version("Appui santé Tchad")], from).unwrap()
}

fn entry_bytes(bytes: &[u8], name: &str) -> Vec<u8> {
    let mut out = Vec::new();
    zip::ZipArchive::new(Cursor::new(bytes)).unwrap().by_name(name).unwrap().read_to_end(&mut out).unwrap();
    out
}

/// Rewrites one entry of the zip, keeping the others as they are.
fn with_entry(bytes: &[u8], name: &str, change: impl Fn(Vec<u8>) -> Option<Vec<u8>>) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let entry_name = file.name().to_owned();
        let mut content = Vec::new();
        file.read_to_end(&mut content).unwrap();
        let content = if entry_name == name { change(content) } else { Some(content) };
        if let Some(content) = content {
            out.start_file(entry_name, stored).unwrap();
            out.write_all(&content).unwrap();
        }
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn a_bundle_reads_back_for_its_recipient_with_the_same_versions() {
    let (a, b) = (DeviceKeys::generate(), DeviceKeys::generate());
    let bytes = bundle(&a, &[&a, &b]);
    let parsed = read_bundle(&bytes).unwrap();
    assert_eq!(parsed.header.sender.fingerprint, a.fingerprint());
    assert_eq!(parsed.header.counts["programmes"], 1);
    assert_eq!(parsed.header.covers["device-a"], 3);
    let header_text = String::from_utf8(entry_bytes(&bytes, "header.json")).unwrap();
    assert!(header_text.contains("\"sender\""), "{header_text}");
    assert!(
        !header_text.contains("Appui") && !header_text.contains("Claire"),
        "no record data in clear: {header_text}"
    );
    assert!(!bytes.windows(5).any(|w| w == b"Appui"), "the payload is not readable either");
    assert_eq!(decrypt_payload(&parsed, &b).unwrap(), [version("Appui santé Tchad")]);
}

#[test]
fn a_bundle_not_encrypted_to_us_is_refused() {
    let (a, b, c) = (DeviceKeys::generate(), DeviceKeys::generate(), DeviceKeys::generate());
    let parsed = read_bundle(&bundle(&a, &[&b])).unwrap();
    assert!(matches!(decrypt_payload(&parsed, &c), Err(BundleError::NotForUs)));
}

#[test]
fn a_truncated_file_is_unreadable() {
    let a = DeviceKeys::generate();
    let bytes = bundle(&a, &[&a]);
    for cut in [bytes.len() / 2, bytes.len() - 10, 30] {
        assert!(matches!(read_bundle(&bytes[..cut]), Err(BundleError::Unreadable { .. })), "cut at {cut}");
    }
}

#[test]
fn a_flipped_byte_in_the_header_breaks_the_signature() {
    let a = DeviceKeys::generate();
    let bytes = with_entry(&bundle(&a, &[&a]), "header.json", |h| {
        Some(String::from_utf8(h).unwrap().replace("2026-11-23T10", "2026-11-23T11").into_bytes())
    });
    assert!(matches!(read_bundle(&bytes), Err(BundleError::BadSignature)));
}

#[test]
fn a_bundle_of_an_unknown_kind_is_unreadable_before_its_signature_is_checked() {
    let a = DeviceKeys::generate();
    let bytes = with_entry(&bundle(&a, &[&a]), "header.json", |h| {
        Some(String::from_utf8(h).unwrap().replace("\"full\"", "\"fulL\"").into_bytes())
    });
    assert!(matches!(read_bundle(&bytes), Err(BundleError::Unreadable { .. })));
}

#[test]
fn a_flipped_byte_in_the_payload_is_caught_by_the_signed_hash() {
    let a = DeviceKeys::generate();
    let bytes = with_entry(&bundle(&a, &[&a]), "payload.age", |mut p| {
        let middle = p.len() / 2;
        p[middle] ^= 0x01;
        Some(p)
    });
    assert!(matches!(read_bundle(&bytes), Err(BundleError::PayloadMismatch { what: "hash" })));
}

#[test]
fn a_missing_or_foreign_signature_is_refused() {
    let (a, mallory) = (DeviceKeys::generate(), DeviceKeys::generate());
    let original = bundle(&a, &[&a]);
    let unsigned = with_entry(&original, "header.sig", |_| None);
    assert!(matches!(read_bundle(&unsigned), Err(BundleError::MissingSignature)));
    let forged = with_entry(&original, "header.sig", |_| {
        use ed25519_dalek::Signer;
        Some(mallory.signing.sign(b"something else").to_bytes().to_vec())
    });
    assert!(matches!(read_bundle(&forged), Err(BundleError::BadSignature)));
}

/// `original` with its header's text changed by `edit`, signed again with `keys`.
fn with_header(original: &[u8], keys: &DeviceKeys, edit: impl Fn(String) -> String) -> Vec<u8> {
    use ed25519_dalek::Signer;
    let text = String::from_utf8(entry_bytes(original, "header.json")).unwrap();
    let edited = edit(text).into_bytes();
    let signature = keys.signing.sign(&edited).to_bytes().to_vec();
    with_entry(&with_entry(original, "header.json", |_| Some(edited.clone())), "header.sig", |_| {
        Some(signature.clone())
    })
}

#[test]
fn a_bundle_for_a_newer_reader_asks_for_an_update() {
    let a = DeviceKeys::generate();
    let current = format!("\"min_reader_format\": {}", binome_sync::FORMAT_VERSION);
    let bytes = with_header(&bundle(&a, &[&a]), &a, |text| text.replace(&current, "\"min_reader_format\": 7"));
    assert!(matches!(
        read_bundle(&bytes),
        Err(BundleError::NewerFormat { found: 7, supported: binome_sync::FORMAT_VERSION })
    ));
}

/// Format 2 named segments by id: a reader of format 3 would take its
/// proofs for numbers, so it refuses the bundle before decrypting it.
#[test]
fn a_bundle_of_the_development_format_2_is_refused_as_unsupported() {
    let a = DeviceKeys::generate();
    let bytes = with_header(&bundle(&a, &[&a]), &a, |text| {
        let format = binome_sync::FORMAT_VERSION;
        text.replace(&format!("\"format_version\": {format}"), "\"format_version\": 2")
            .replace(&format!("\"min_reader_format\": {format}"), "\"min_reader_format\": 2")
    });
    match read_bundle(&bytes) {
        Err(error @ BundleError::Unsupported { field: "format_version", .. }) => {
            assert_eq!(error.code(), "bundle-unsupported");
        }
        other => panic!("expected format 2 refused, got {other:?}"),
    }
}

/// One bit of the header's `min_reader_format` flipped on the road reads
/// as a bundle from a newer Binôme: that is checked before the signature,
/// whatever a newer format changed (docs/bundle-format.md, step 1).
#[test]
fn damage_to_the_format_a_reader_needs_is_refused_as_a_newer_format() {
    let a = DeviceKeys::generate();
    let mut bytes = bundle(&a, &[&a]);
    let claim = format!("\"min_reader_format\": {}", binome_sync::FORMAT_VERSION);
    let at = bytes.windows(claim.len()).position(|w| w == claim.as_bytes()).expect("the header is stored as it is");
    bytes[at + claim.len() - 1] ^= 0x04;
    match read_bundle(&bytes) {
        Err(error @ BundleError::NewerFormat { found: 7, .. }) => assert_eq!(error.code(), "bundle-newer"),
        other => panic!("expected a newer format, got {other:?}"),
    }
}

mod damaged_bundles {
    use super::*;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    fn sample() -> &'static (DeviceKeys, Vec<u8>) {
        static SAMPLE: OnceLock<(DeviceKeys, Vec<u8>)> = OnceLock::new();
        SAMPLE.get_or_init(|| {
            let keys = DeviceKeys::generate();
            let bytes = bundle(&keys, &[&keys]);
            (keys, bytes)
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        /// Whatever the road does to a file, reading it never panics and
        /// never yields versions other than the ones written.
        #[test]
        fn any_damage_is_refused_with_a_reason_or_changes_nothing(
            flips in proptest::collection::vec((any::<prop::sample::Index>(), 1..=255u8), 0..4),
            cut in proptest::option::of(any::<prop::sample::Index>()),
        ) {
            let (keys, original) = sample();
            let mut bytes = original.clone();
            for (at, mask) in &flips {
                let i = at.index(bytes.len());
                bytes[i] ^= mask;
            }
            if let Some(cut) = cut {
                bytes.truncate(cut.index(bytes.len()));
            }
            match read_bundle(&bytes).and_then(|parsed| decrypt_payload(&parsed, keys)) {
                Ok(versions) => prop_assert_eq!(versions, vec![version("Appui santé Tchad")]),
                // Damage to the format a reader needs reads as a newer one:
                // that is checked before the signature (docs/bundle-format.md,
                // step 1), so that a newer Binôme's bundle says "update"
                // whatever else its format changed. Refused all the same.
                Err(BundleError::NewerFormat { found, supported }) => {
                    let claim = format!("\"min_reader_format\": {found}");
                    let claims = |b: &[u8]| b.windows(claim.len()).any(|w| w == claim.as_bytes());
                    prop_assert!(found > supported && claims(&bytes) && !claims(original), "{claim}");
                }
                // Damage is refused as damage, never as a writer's failure
                // or a question of version or recipients.
                Err(error) => prop_assert!(
                    [
                        "bundle-unreadable",
                        "bundle-unsigned",
                        "bundle-bad-signature",
                        "bundle-payload-mismatch",
                        "bundle-bad-payload",
                        "bundle-too-large",
                        "bundle-unsupported",
                    ]
                    .contains(&error.code()),
                    "{error:?} ({})",
                    error.code()
                ),
            }
        }
    }
}

#[test]
fn a_line_carries_fields_from_a_newer_binome_among_the_known_ones_and_back() {
    let mut sent = version("PASST2");
    sent.extra = Some(json!({"budget_code": "AFD-17", "zz_region": {"name": "Ouaddaï"}}).as_object().unwrap().clone());
    let line = binome_sync::to_line(&sent);
    let fields: serde_json::Value = serde_json::from_str(&line).unwrap();
    assert_eq!(fields["d"]["budget_code"], "AFD-17", "{line}");
    assert_eq!(fields["d"]["name"], "PASST2", "{line}");
    let received = binome_sync::parse_line(&line, 1).unwrap().expect("a known table");
    assert_eq!(received, sent);
}

/// A file in a watched folder or on a USB stick can change between the
/// check of its hash and its decryption: what is decrypted is what was
/// checked, not what the file holds by then.
#[test]
fn the_payload_decrypted_is_the_payload_verified() {
    let (a, b) = (DeviceKeys::generate(), DeviceKeys::generate());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lot.binome");
    std::fs::write(&path, bundle(&a, &[&b])).unwrap();
    let mut opened = binome_sync::open_bundle(std::fs::File::open(&path).unwrap()).unwrap();

    // Another bundle of the same sender, written over the file in place.
    let outgoing = outgoing("0190a4b2-0000-7000-8000-0000000000ee", &a, &[&b]);
    let other = write_bundle(outgoing, &[version("Programme remplacé")], &a).unwrap();
    std::fs::OpenOptions::new().write(true).open(&path).unwrap().write_all(&other).unwrap();

    let mut read = Vec::new();
    opened
        .for_each_version(&b, |v| {
            read.push(v);
            Ok::<_, BundleError>(())
        })
        .unwrap();
    assert_eq!(read, [version("Appui santé Tchad")]);
}
