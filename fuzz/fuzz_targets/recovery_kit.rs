//! A recovery kit from anyone: a coordinator opens the kit an expert sent
//! (USB stick, email) with `binome unlock --from-kit`. A real kit, sealed
//! to this process's coordinator, is damaged by the fuzzer's splice: in its
//! JSON when the first byte is even, in its sealed key (age's header and
//! payload) before the kit is written when odd. Read and opened as the
//! command does: a typed refusal or the key, never a panic, and nothing
//! read past the kit's bounds.

#![no_main]

mod splice;

use binome_core::vault::recovery::{KitCoordinator, RecoveryKit, RecoverySeal};
use binome_core::vault::{open_kit, parse_kit};
use binome_sync::{DeviceKeys, seal_to};
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

/// The coordinator's keys, and the store key sealed to them.
fn coordinator() -> &'static (DeviceKeys, Vec<u8>) {
    static SEALED: OnceLock<(DeviceKeys, Vec<u8>)> = OnceLock::new();
    SEALED.get_or_init(|| {
        let keys = DeviceKeys::generate();
        let sealed = seal_to(&[keys.age_recipient()], &[7; 32]).expect("a key seals");
        (keys, sealed)
    })
}

fn kit_file(keys: &DeviceKeys, sealed: Vec<u8>) -> Vec<u8> {
    let kit = RecoveryKit {
        format: "binome-recovery-kit".into(),
        version: 1,
        store: "0190a4b2-0000-7000-8000-0000000000aa".into(),
        device_id: "device-expert".into(),
        device_name: "Portable de Moundou".into(),
        author: "Awa Diallo".into(),
        seal: RecoverySeal {
            coordinators: vec![KitCoordinator {
                device_id: "device-coordinator".into(),
                name: "Coordination N'Djamena".into(),
                age_recipient: keys.age_recipient(),
            }],
            sealed,
        },
    };
    serde_json::to_vec_pretty(&kit).expect("a kit serialises")
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, splice)) = data.split_first() else { return };
    let (keys, sealed) = coordinator();
    let file = if which % 2 == 0 {
        splice::spliced(&kit_file(keys, sealed.clone()), splice)
    } else {
        kit_file(keys, splice::spliced(sealed, splice))
    };
    let path = Path::new("kit-de-recuperation.json");
    let Ok(kit) = parse_kit(&file, path) else { return };
    let _ = open_kit(keys, &kit, path);
});
