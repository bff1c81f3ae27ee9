//! Laptops that edit the same records and pass bundles around, by file or
//! by sync nearby, in any order, end with the same store once each has
//! heard from the others: the way a bundle travels changes nothing.

use binome_core::domain::{Input, Kind};
use binome_core::{Binome, DeviceRole, NearbySide};
use proptest::prelude::*;
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use support::{dump, introduce, open_store};

mod support;

const NAMES: [&str; 3] = ["portable-a", "portable-b", "bureau-c"];

#[derive(Debug, Clone)]
enum Op {
    /// Laptop `.0` renames programme `.1`.
    Edit(usize, usize, u8),
    /// Laptop `.0` sends to laptop `.1` by file (export, then import).
    File(usize, usize),
    /// Laptops `.0` and `.1` sync nearby, `.0` connecting.
    Nearby(usize, usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..3usize, 0..2usize, any::<u8>()).prop_map(|(at, row, salt)| Op::Edit(at, row, salt)),
        (0..3usize, 0..3usize).prop_filter("two laptops", |(a, b)| a != b).prop_map(|(a, b)| Op::File(a, b)),
        (0..3usize, 0..3usize).prop_filter("two laptops", |(a, b)| a != b).prop_map(|(a, b)| Op::Nearby(a, b)),
    ]
}

fn laptops(dir: &Path) -> Vec<Binome> {
    let mut all: Vec<Binome> = NAMES
        .iter()
        .map(|name| {
            let mut laptop = open_store(&dir.join(name).join("store.sqlite3")).unwrap();
            laptop.init(name, name, DeviceRole::Coordinator).unwrap();
            laptop
        })
        .collect();
    for (from, name) in NAMES.iter().enumerate() {
        for to in (0..NAMES.len()).filter(|to| *to != from) {
            let (a, b) = pair(&mut all, from, to);
            introduce(a, b, name, &dir.join(format!("hello-{from}-{to}.binome")));
        }
    }
    all
}

fn pair(all: &mut [Binome], a: usize, b: usize) -> (&mut Binome, &mut Binome) {
    if a < b {
        let (left, right) = all.split_at_mut(b);
        (&mut left[a], &mut right[0])
    } else {
        let (left, right) = all.split_at_mut(a);
        (&mut right[0], &mut left[b])
    }
}

/// Both laptops' programmes, made once on the first so that edits meet.
fn programmes(all: &mut [Binome], dir: &Path) -> Vec<String> {
    let ids: Vec<String> = ["PASST2", "PASA2"]
        .iter()
        .map(|code| {
            let mut input = Input::new();
            for (field, value) in [("code", *code), ("name", *code), ("country", "TD"), ("start_date", "01/01/2016")] {
                input.insert(field.into(), value.into());
            }
            all[0].add(Kind::Programme, &input).unwrap().id
        })
        .collect();
    for to in 1..3 {
        send_file(all, 0, to, dir);
    }
    ids
}

fn send_file(all: &mut [Binome], from: usize, to: usize, dir: &Path) {
    let file = dir.join("bundle.binome");
    let (a, b) = pair(all, from, to);
    a.export_bundle(&file, &[NAMES[to].to_owned()], false).unwrap();
    b.import_bundle(&file, false).unwrap();
}

fn sync_nearby(all: &mut [Binome], connecting: usize, waiting: usize) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let (a, b) = pair(all, connecting, waiting);
    std::thread::scope(|scope| {
        let listened = scope.spawn(|| b.sync_nearby(listener.accept().unwrap().0, NearbySide::Responder).map(drop));
        a.sync_nearby(TcpStream::connect(address).unwrap(), NearbySide::Initiator).unwrap();
        listened.join().unwrap().unwrap();
    });
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn bundles_by_file_or_nearby_in_any_order_end_in_the_same_stores(ops in proptest::collection::vec(op(), 1..14)) {
        let dir = tempfile::tempdir().unwrap();
        let mut all = laptops(dir.path());
        let ids = programmes(&mut all, dir.path());
        for op in &ops {
            match *op {
                Op::Edit(at, row, salt) => {
                    let mut input = Input::new();
                    input.insert("name".into(), format!("{} v{salt}", NAMES[at]));
                    all[at].edit(Kind::Programme, &ids[row], &input).unwrap();
                }
                Op::File(from, to) => send_file(&mut all, from, to, dir.path()),
                Op::Nearby(a, b) => sync_nearby(&mut all, a, b),
            }
        }
        // Everyone hears from everyone: a ring, twice, nearby.
        for _ in 0..2 {
            sync_nearby(&mut all, 0, 1);
            sync_nearby(&mut all, 1, 2);
            sync_nearby(&mut all, 2, 0);
        }
        let first = dump(&all[0]);
        for laptop in &all[1..] {
            prop_assert_eq!(&dump(laptop), &first);
        }
    }
}
