//! Any bytes given to the bundle reader give a bundle or a typed error,
//! never a panic, a hang or an unbounded allocation.
#![no_main]

use binome_sync::{DeviceKeys, decrypt_payload, read_bundle};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn keys() -> &'static DeviceKeys {
    static KEYS: OnceLock<DeviceKeys> = OnceLock::new();
    KEYS.get_or_init(DeviceKeys::generate)
}

fuzz_target!(|data: &[u8]| {
    if let Ok(parsed) = read_bundle(data) {
        let _ = decrypt_payload(&parsed, keys());
    }
});
