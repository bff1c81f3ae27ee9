//! A bundle signed by a trusted laptop, but holding a version already known
//! here with other values (a forgery, or a bug that reused a counter), is
//! refused whole and the store is left exactly as it was.

use binome_core::sync::SyncRefusal;
use binome_core::{CoreError, DeviceRole};
use binome_store::RemoteVersion;
use binome_sync::crafted::{crafted_bundle, signed_lines};
use support::{dump, introduce, open_store};

#[path = "support/crafting.rs"]
mod crafting;
mod support;

#[test]
fn the_same_version_with_other_values_is_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = open_store(&dir.path().join("a.sqlite3")).unwrap();
    let mut b = open_store(&dir.path().join("b.sqlite3")).unwrap();
    a.init("a", "A", DeviceRole::Expert).unwrap();
    b.init("b", "B", DeviceRole::Coordinator).unwrap();
    introduce(&mut b, &mut a, "b", &dir.path().join("hello-b.binome"));
    introduce(&mut a, &mut b, "a", &dir.path().join("hello-a.binome"));
    a.load_demo(3, binome_core::demo::DemoScale::Mission).unwrap();
    let genuine = dir.path().join("genuine.binome");
    a.export_bundle(&genuine, &["b".to_owned()], false).unwrap();
    b.import_bundle(&genuine, false).unwrap();
    let before = dump(&b);

    // A new bundle, properly signed by a, re-using a version with a new title.
    let mut versions: Vec<RemoteVersion> = Vec::new();
    a.store()
        .for_each_version(|v| -> binome_store::Result<()> {
            versions.push(v);
            Ok(())
        })
        .unwrap();
    let session = versions.iter_mut().find(|v| v.kind == binome_core::domain::Kind::Session).unwrap();
    session.data.insert("title".into(), "Séance jamais tenue".into());
    let keys = a.keys().unwrap();
    let outgoing = crafting::outgoing(&mut a, &mut b);
    // Signed by a's own key, segment and all: only the merge can tell.
    let counts = versions.iter().fold(std::collections::BTreeMap::new(), |mut counts, v| {
        *counts.entry(v.kind.table().to_owned()).or_insert(0u64) += 1;
        counts
    });
    let (lines, segments) = signed_lines(&versions, &keys);
    let mut header_covers = std::collections::BTreeMap::new();
    header_covers.insert(a.device().unwrap().device_id.clone(), a.device().unwrap().counter as u64);
    let forged = crafted_bundle(outgoing, &mut lines.as_slice(), counts, segments, &keys, |header| {
        header.covers = header_covers
    })
    .unwrap();
    match b.import_bundle_bytes(&forged, false) {
        Err(CoreError::Sync(SyncRefusal::Forged { kind, .. })) => assert_eq!(kind, binome_core::domain::Kind::Session),
        other => panic!("expected a forgery refusal, got {other:?}"),
    }
    assert_eq!(dump(&b), before, "nothing of the forged bundle was applied");
}
