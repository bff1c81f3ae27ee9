//! Sync nearby cut at every stage of the exchange: each store is left as
//! it was or with the other's whole bundle applied, never part of one, and
//! the next sync carries on to the same stores on both laptops.

use binome_core::domain::{Input, Kind};
use binome_core::{Binome, NearbySide};
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use support::{dump, expert_and_office};

mod support;

/// A connection that breaks, both ways, once `left` bytes are written:
/// someone walking away with the laptop.
struct CutAfter {
    stream: TcpStream,
    left: usize,
}

impl Read for CutAfter {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.stream.read(buf)
    }
}

impl binome_core::nearby::Connection for CutAfter {
    fn set_read_timeout(&self, wait: Option<std::time::Duration>) -> std::io::Result<()> {
        self.stream.set_read_timeout(wait)
    }

    fn set_write_timeout(&self, wait: Option<std::time::Duration>) -> std::io::Result<()> {
        self.stream.set_write_timeout(wait)
    }
}

impl Write for CutAfter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.left == 0 {
            let _ = self.stream.shutdown(Shutdown::Both);
            return Err(std::io::ErrorKind::BrokenPipe.into());
        }
        let n = self.stream.write(&buf[..buf.len().min(self.left)])?;
        self.left -= n;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.stream.flush()
    }
}

/// The office listens, the expert connects through a connection cut after
/// `cut` bytes; both results, errors as codes.
fn sync(expert: &mut Binome, office: &mut Binome, cut: usize) -> (Result<(), &'static str>, Result<(), &'static str>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::scope(|scope| {
        let listening = scope.spawn(|| {
            let (stream, _) = listener.accept().unwrap();
            office.sync_nearby(stream, NearbySide::Responder).map(drop).map_err(|e| e.code())
        });
        let stream = CutAfter { stream: TcpStream::connect(address).unwrap(), left: cut };
        let connected = expert.sync_nearby(stream, NearbySide::Initiator).map(drop).map_err(|e| e.code());
        (connected, listening.join().unwrap())
    })
}

fn programme(office: &mut Binome) {
    let mut input = Input::new();
    for (field, value) in [("code", "PASA2"), ("name", "PASA 2"), ("country", "GN"), ("start_date", "01/01/2020")] {
        input.insert(field.into(), value.into());
    }
    office.add(Kind::Programme, &input).unwrap();
}

#[test]
fn a_sync_cut_anywhere_applies_whole_bundles_or_nothing_and_the_next_one_finishes() {
    let mut cuts_that_failed = 0;
    for cut in [40, 400, 4_000, 20_000, 40_000, 60_000, 80_000, 200_000] {
        let dir = tempfile::tempdir().unwrap();
        let (mut expert, mut office) = expert_and_office(dir.path());
        expert.load_demo(7, binome_core::demo::DemoScale::Mission).unwrap();
        programme(&mut office);
        let attendance = expert.store().count(Kind::Attendance).unwrap();
        let programmes = expert.store().count(Kind::Programme).unwrap();

        let (connected, listened) = sync(&mut expert, &mut office, cut);
        if connected.is_err() || listened.is_err() {
            cuts_that_failed += 1;
            for code in [connected.err(), listened.err()].into_iter().flatten() {
                assert!(code.starts_with("nearby-"), "cut after {cut} bytes: {code}");
            }
        }
        let office_has = office.store().count(Kind::Attendance).unwrap();
        assert!(office_has == 0 || office_has == attendance, "cut after {cut}: {office_has} of {attendance}");
        let expert_has = expert.store().count(Kind::Programme).unwrap();
        assert!(expert_has == programmes || expert_has == programmes + 1, "cut after {cut}: {expert_has}");

        assert_eq!(sync(&mut expert, &mut office, usize::MAX), (Ok(()), Ok(())), "after a cut at {cut}");
        assert_eq!(dump(&expert), dump(&office), "after a cut at {cut}");
        assert_eq!(office.store().count(Kind::Attendance).unwrap(), attendance);
    }
    assert!(cuts_that_failed >= 5, "the cuts fell inside the exchange: {cuts_that_failed}");
}

#[test]
fn the_waiting_side_is_told_how_far_the_import_of_what_came_has_gone() {
    let dir = tempfile::tempdir().unwrap();
    let (mut expert, mut office) = expert_and_office(dir.path());
    expert.load_demo(7, binome_core::demo::DemoScale::Mission).unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let mut told = Vec::new();
    let sent = std::thread::scope(|scope| {
        let connecting =
            scope.spawn(|| expert.sync_nearby(TcpStream::connect(address).unwrap(), NearbySide::Initiator));
        let (stream, _) = listener.accept().unwrap();
        office
            .sync_nearby_with_progress(stream, NearbySide::Responder, &mut |done, total| told.push((done, total)))
            .unwrap();
        connecting.join().unwrap().unwrap().sent.versions
    });
    assert!(sent > 600, "{sent}");
    assert_eq!(told.first(), Some(&(0, sent)), "the bar starts at nought of what was sent: {told:?}");
}

/// Someone on the network connecting again and again, each time under new
/// keys, is remembered as a laptop to decide on each time: the list keeps
/// the newest of them, bounded, and the laptops decided on stay.
#[test]
fn strangers_connecting_again_and_again_leave_a_bounded_list_and_the_known_laptops() {
    use binome_core::DeviceTrust;
    use binome_core::nearby::{Card, GREETING, Link};
    use binome_sync::DeviceKeys;
    let dir = tempfile::tempdir().unwrap();
    let (_expert, mut office) = expert_and_office(dir.path());
    let strangers = binome_store::MAX_UNDECIDED_DEVICES + 20;
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::scope(|scope| {
        let office = &mut office;
        let listening = scope.spawn(move || {
            (0..strangers)
                .map(|_| {
                    office.sync_nearby(listener.accept().unwrap().0, NearbySide::Responder).err().map(|e| e.code())
                })
                .collect::<Vec<_>>()
        });
        for n in 0..strangers {
            let card = Card {
                keys: DeviceKeys::generate(),
                device_id: format!("inconnu-{n:03}"),
                name: "bureau-ndjamena".into(),
                role: binome_core::DeviceRole::Coordinator,
            };
            let link = Link::new(TcpStream::connect(address).unwrap(), GREETING);
            let greeting = binome_core::sync::greet(link, NearbySide::Initiator, &card).unwrap();
            let _ = binome_core::sync::agree(greeting, None);
        }
        assert!(listening.join().unwrap().iter().all(|code| *code == Some("nearby-peer-refused")));
    });
    let devices = office.store().devices().unwrap();
    let pending: Vec<&str> =
        devices.iter().filter(|d| d.trust == DeviceTrust::Pending).map(|d| d.device_id.as_str()).collect();
    assert_eq!(pending.len(), binome_store::MAX_UNDECIDED_DEVICES);
    assert!(pending.contains(&format!("inconnu-{:03}", strangers - 1).as_str()), "the newest is kept");
    assert!(!pending.contains(&"inconnu-000"), "the oldest went first");
    let trusted: Vec<&str> =
        devices.iter().filter(|d| d.trust == DeviceTrust::Trusted).map(|d| d.name.as_str()).collect();
    assert_eq!(trusted, ["portable-expert"]);
}
