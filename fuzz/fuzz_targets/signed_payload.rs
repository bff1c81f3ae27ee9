//! Any bytes, signed and encrypted as a trusted laptop would send them,
//! reach the payload's decryption, decompression and line parsing: the
//! bytes are the plaintext JSON Lines of a correctly signed bundle, so the
//! fuzzer works past the signature and the hash. A typed error or versions,
//! never a panic, a hang or an unbounded allocation.
#![no_main]

use binome_sync::crafted::crafted_bundle;
use binome_sync::{BundleError, BundleKind, DeviceKeys, Item, Outgoing, Recipient, Sender, open_bundle};
use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;
use std::sync::OnceLock;

fn keys() -> &'static DeviceKeys {
    static KEYS: OnceLock<DeviceKeys> = OnceLock::new();
    KEYS.get_or_init(DeviceKeys::generate)
}

fn outgoing(keys: &DeviceKeys) -> Outgoing {
    Outgoing {
        bundle_id: "0190a4b2-0000-7000-8000-0000000000ff".into(),
        created_hlc: 1,
        created_at: "2026-12-01T10:00:00Z".into(),
        sender: Sender {
            device_id: "device-a".into(),
            name: "portable-fuzz".into(),
            role: binome_domain::DeviceRole::Expert,
            signing_key: keys.signing_public_hex(),
            age_recipient: keys.age_recipient(),
            fingerprint: keys.fingerprint(),
        },
        recipients: vec![(
            Recipient { device_id: "device-a".into(), fingerprint: keys.fingerprint() },
            keys.age_recipient(),
        )],
        kind: BundleKind::Full,
        mission: None,
        schema_version: 1,
        acks: vec![],
        origins: vec![],
        certificate: None,
        origin_certificates: vec![],
        revocations: vec![],
    }
}

fuzz_target!(|data: &[u8]| {
    // The first byte sets how many versions the header claims, so that
    // count checks are reached as well as parsing.
    let (claimed, plaintext) = data.split_first().map_or((0, data), |(n, rest)| (u64::from(*n % 8), rest));
    let counts: BTreeMap<String, u64> = [("programmes".to_owned(), claimed)].into();
    let keys = keys();
    let Ok(bytes) = crafted_bundle(outgoing(keys), &mut &plaintext[..], counts, 0, keys, |_| {}) else { return };
    let mut bundle = open_bundle(std::io::Cursor::new(bytes)).expect("a crafted bundle opens");
    let _ = bundle.for_each_item(keys, |item| {
        if let Item::Segment(segment) = item {
            let _ = segment.verify(&binome_sync::OriginKey::of(keys));
        }
        Ok::<_, BundleError>(())
    });
});
