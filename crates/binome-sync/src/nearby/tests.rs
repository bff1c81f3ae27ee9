use super::*;
use crate::DeviceKeys;
use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::thread;

/// Runs `listening` on the responder's end of a loopback connection and
/// `connecting` on the initiator's, and returns both results.
fn pair<A: Send + 'static, B>(
    listening: impl FnOnce(TcpStream) -> A + Send + 'static,
    connecting: impl FnOnce(TcpStream) -> B,
) -> (A, B) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let responder = thread::spawn(move || listening(listener.accept().unwrap().0));
    let initiator = connecting(TcpStream::connect(address).unwrap());
    (responder.join().unwrap(), initiator)
}

fn hello_from(channel: &Channel<TcpStream>, keys: &DeviceKeys, name: &str) -> Hello {
    Hello::sign(channel, keys, &format!("id-{name}"), name, binome_domain::DeviceRole::Expert)
}

#[test]
fn both_laptops_prove_their_keys_see_the_same_code_and_exchange_a_bundle() {
    let bundle: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    let sent = bundle.clone();
    let (listener_saw, connector_saw) = pair(
        move |stream| {
            let keys = DeviceKeys::generate();
            let mut channel = Channel::open(stream, Side::Responder).unwrap();
            channel.send_message(&Message::Hello(hello_from(&channel, &keys, "salle"))).unwrap();
            let Message::Hello(theirs) = channel.receive_message().unwrap() else { panic!("a hello first") };
            let peer = theirs.verify(&channel).unwrap();
            let Message::Bundle { bytes } = channel.receive_message().unwrap() else { panic!("a bundle") };
            let mut received = Vec::new();
            channel.receive_bundle(bytes, &mut received).unwrap();
            (peer, short_code(channel.handshake_hash()), received, keys.fingerprint())
        },
        move |stream| {
            let keys = DeviceKeys::generate();
            let mut channel = Channel::open(stream, Side::Initiator).unwrap();
            channel.send_message(&Message::Hello(hello_from(&channel, &keys, "couloir"))).unwrap();
            let Message::Hello(theirs) = channel.receive_message().unwrap() else { panic!("a hello first") };
            let peer = theirs.verify(&channel).unwrap();
            channel.send_bundle(&mut sent.as_slice(), sent.len() as u64).unwrap();
            (peer, short_code(channel.handshake_hash()), keys.fingerprint())
        },
    );
    let (listener_peer, listener_code, received, listener_fingerprint) = listener_saw;
    let (connector_peer, connector_code, connector_fingerprint) = connector_saw;
    assert_eq!(received, bundle, "the bundle arrives whole, across several messages");
    assert_eq!(listener_code, connector_code);
    assert_eq!(listener_code.len(), 7);
    assert_eq!((listener_peer.name.as_str(), listener_peer.fingerprint), ("couloir", connector_fingerprint));
    assert_eq!((connector_peer.name.as_str(), connector_peer.fingerprint), ("salle", listener_fingerprint));
}

#[test]
fn a_hello_recorded_on_another_connection_or_reflected_back_is_refused() {
    let keys = DeviceKeys::generate();
    // A hello as an eavesdropper could have kept from an earlier sync.
    let (recorded, ()) = pair(
        |stream| {
            let channel = Channel::open(stream, Side::Responder).unwrap();
            hello_from(&channel, &DeviceKeys::generate(), "autre")
        },
        |stream| drop(Channel::open(stream, Side::Initiator).unwrap()),
    );
    let (replayed, reflected) = pair(
        move |stream| {
            let mut channel = Channel::open(stream, Side::Responder).unwrap();
            let own = hello_from(&channel, &keys, "salle");
            channel.send_message(&Message::Hello(own.clone())).unwrap();
            let Message::Hello(theirs) = channel.receive_message().unwrap() else { panic!("a hello") };
            // Its own hello, as if the other side had sent it back.
            (theirs.verify(&channel).err(), own.verify(&channel).err())
        },
        move |stream| {
            let mut channel = Channel::open(stream, Side::Initiator).unwrap();
            let Message::Hello(_) = channel.receive_message().unwrap() else { panic!("a hello") };
            channel.send_message(&Message::Hello(recorded)).unwrap();
        },
    )
    .0;
    assert!(matches!(replayed, Some(NearbyError::BadSignature)), "{replayed:?}");
    assert!(matches!(reflected, Some(NearbyError::BadSignature)), "{reflected:?}");
}

#[test]
fn garbage_a_bundle_too_large_or_a_field_too_long_is_refused_without_reading_on() {
    // Random bytes where the handshake should be.
    let (garbage, ()) = pair(
        |stream| Channel::open(stream, Side::Responder).err().map(|e| e.code()),
        |mut stream| {
            let noise: Vec<u8> = (0..5_000u32).map(|i| (i * 7919 % 256) as u8).collect();
            let _ = stream.write_all(&noise);
        },
    );
    assert!(matches!(garbage, Some("nearby-channel" | "nearby-connection")), "{garbage:?}");

    let refused = pair(
        |stream| {
            let mut channel = Channel::open(stream, Side::Responder).unwrap();
            let Message::Bundle { bytes } = channel.receive_message().unwrap() else { panic!("a bundle") };
            let too_large = channel.receive_bundle(bytes, &mut std::io::sink()).err().map(|e| e.code());
            let too_long = channel.receive_message().err().map(|e| e.code());
            (too_large, too_long)
        },
        |stream| {
            let mut channel = Channel::open(stream, Side::Initiator).unwrap();
            channel.send_message(&Message::Bundle { bytes: MAX_NEARBY_BUNDLE_BYTES + 1 }).unwrap();
            let mut hello = hello_from(&channel, &DeviceKeys::generate(), "x");
            hello.name = "n".repeat(201);
            channel.send_message(&Message::Hello(hello)).unwrap();
        },
    )
    .0;
    assert_eq!(refused, (Some("nearby-protocol"), Some("nearby-protocol")));
}

#[test]
fn a_refusal_s_code_is_its_name_on_the_wire() {
    use strum::VariantArray;
    for refusal in Refusal::VARIANTS {
        let code: &str = (*refusal).into();
        assert_eq!(serde_json::to_value(refusal).unwrap(), code, "{refusal:?}");
    }
}

/// Someone on the network who connects, then sends nothing, or a byte now
/// and then (each read on its own would wait afresh), is cut off when the
/// greeting's time is up, told apart from a connection cut.
#[test]
fn a_peer_silent_or_dribbling_its_greeting_is_cut_off_when_the_greeting_s_time_is_up() {
    let card = Card {
        keys: DeviceKeys::generate(),
        device_id: "id-salle".into(),
        name: "salle".into(),
        role: binome_domain::DeviceRole::Coordinator,
    };
    let greeting_time = std::time::Duration::from_millis(400);
    for dribble in [false, true] {
        let (card_ref, outcome) = (&card, std::sync::Mutex::new(None));
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        thread::scope(|scope| {
            scope.spawn(|| {
                let link = Link::new(listener.accept().unwrap().0, greeting_time);
                *outcome.lock().unwrap() =
                    Some(Greeting::open(link, Side::Responder, card_ref).err().map(|e| e.code()));
            });
            // A frame announced of 65,535 bytes, then its bytes one every
            // 100 ms (thirty seconds' worth), until the other side closes
            // the connection.
            let mut stream = TcpStream::connect(address).unwrap();
            for _ in 0..300 {
                if outcome.lock().unwrap().is_some() || (dribble && stream.write_all(&[0xFF]).is_err()) {
                    break;
                }
                thread::sleep(std::time::Duration::from_millis(100));
            }
        });
        assert_eq!(outcome.into_inner().unwrap(), Some(Some("nearby-unanswered")), "dribbling: {dribble}");
    }
}
