//! `binome sync nearby` between laptops on one machine, over loopback: both
//! ways in one action, only what is new the next time, and nothing for a
//! laptop that is not trusted, revoked, or not Binôme at all.

use crate::support::{Store, error_code};
use crate::sync::introduce;
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Stdio};

/// `store` waiting for one laptop on a free loopback port: the process and
/// the address it printed first.
fn listening(store: &Store) -> (Child, String) {
    let mut child = store
        .process(&["--json", "sync", "nearby", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binome starts");
    let mut first = String::new();
    BufReader::new(child.stdout.as_mut().unwrap()).read_line(&mut first).unwrap();
    let address = first.trim().to_owned();
    assert!(address.starts_with("127.0.0.1:"), "the first line is the address: {first:?}");
    (child, address)
}

/// The listener's exit code and JSON outcome (what follows the address).
fn finished(child: Child) -> (Option<i32>, Option<Value>, String) {
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let json = stdout.find('{').and_then(|start| serde_json::from_str(&stdout[start..]).ok());
    (out.status.code(), json, String::from_utf8(out.stderr).unwrap())
}

/// One sync, `listener` waiting and `connector` connecting: both outcomes.
fn sync(listener: &Store, connector: &Store) -> (Value, Value) {
    let (child, address) = listening(listener);
    let connected = connector.json(&["sync", "nearby", "--peer", &address]);
    let (code, listened, stderr) = finished(child);
    assert_eq!(code, Some(0), "{stderr}");
    (listened.expect("the listener's outcome"), connected)
}

fn applied(outcome: &Value, table: &str) -> u64 {
    outcome["received"]["counts"][table]["new"].as_u64().unwrap_or(0)
}

#[test]
fn two_laptops_sync_both_ways_in_one_action_then_send_only_what_is_new() {
    let expert = Store::named("portable-expert", "Claire Durand", "expert");
    let coordinator = Store::named("bureau-ndjamena", "Fatimé Ngaba", "coordinator");
    introduce(&expert, &coordinator);
    expert.ok(&["demo", "--scale", "mission"]);
    coordinator.ok(&[
        "programmes",
        "add",
        "--code",
        "PASA2",
        "--name",
        "PASA 2",
        "--country",
        "GN",
        "--start-date",
        "01/01/2020",
    ]);

    let (at_coordinator, at_expert) = sync(&coordinator, &expert);
    assert_eq!(expert.dump(), coordinator.dump(), "both stores hold the same after one sync");
    assert!(applied(&at_coordinator, "attendance") > 100, "{at_coordinator}");
    assert_eq!(applied(&at_expert, "programmes"), 1, "{at_expert}");
    assert_eq!(at_expert["peer"]["name"], "bureau-ndjamena");
    assert_eq!(at_coordinator["peer"]["role"], "expert");
    assert_eq!(at_expert["code"], at_coordinator["code"], "both screens show the same code");

    // The acknowledgements came back at once, and neither sends back what
    // it received from the other: the next sync carries the one edit made
    // since, the one after nothing.
    let session = expert.json(&["sessions", "list"])[0]["id"].as_str().unwrap().to_owned();
    expert.ok(&["sessions", "edit", &session, "--notes", "Salle de naissance, 8 participantes"]);
    let (at_expert, at_coordinator) = sync(&expert, &coordinator);
    assert_eq!(at_expert["sent"]["versions"], 1, "{at_expert}");
    assert_eq!(at_coordinator["sent"]["versions"], 0, "{at_coordinator}");
    assert_eq!(at_coordinator["received"]["counts"]["sessions"]["updated"], 1, "{at_coordinator}");
    assert_eq!(expert.dump(), coordinator.dump());
    let (at_expert, at_coordinator) = sync(&expert, &coordinator);
    assert_eq!(at_expert["sent"]["versions"], 0, "{at_expert}");
    assert_eq!(at_coordinator["sent"]["versions"], 0, "{at_coordinator}");

    // A third laptop syncing with the coordinator gets the expert's work,
    // still signed by the expert.
    let referent = Store::named("portable-referent", "Abdel Haggar", "referent");
    introduce(&referent, &coordinator);
    introduce(&referent, &expert);
    sync(&referent, &coordinator);
    assert_eq!(referent.dump(), expert.dump());
}

#[test]
fn a_laptop_not_trusted_yet_gets_nothing_until_its_fingerprint_is_checked() {
    let (a, stranger) = (Store::named("a", "A", "expert"), Store::named("inconnu", "X", "coordinator"));
    a.ok(&["demo", "--scale", "mission"]);
    let (a_before, stranger_before) = (a.dump(), stranger.dump());

    let (child, address) = listening(&a);
    let refused = stranger.cmd(&["--json", "sync", "nearby", "--peer", &address]).output().unwrap();
    assert_eq!(refused.status.code(), Some(1));
    let (code, _, stderr) = finished(child);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("inconnu") && stderr.contains("binome devices trust"), "{stderr}");
    // Both screens show the same code, to compare before trusting.
    let shown = |text: &str| {
        let at = text.find("code ").map(|i| i + 5)?;
        text.get(at..at + 7).map(str::to_owned)
    };
    let theirs = String::from_utf8_lossy(&refused.stderr).into_owned();
    assert!(shown(&stderr).is_some_and(|c| c.len() == 7), "{stderr}");
    assert_eq!(shown(&stderr), shown(&theirs), "{stderr} / {theirs}");
    assert_eq!((a.dump(), stranger.dump()), (a_before, stranger_before), "nothing crossed");

    // Each now knows the other, pending, as a first bundle leaves it: once
    // both have checked fingerprints, the same action syncs.
    let pending = a.json(&["devices", "list"]);
    let card = pending.as_array().unwrap().iter().find(|d| d["name"] == "inconnu").expect("remembered").clone();
    assert_eq!(card["trust"], "pending");
    a.ok(&["devices", "trust", "inconnu"]);
    stranger.ok(&["devices", "trust", "a"]);
    sync(&a, &stranger);
    assert_eq!(a.dump(), stranger.dump());
}

#[test]
fn a_revoked_laptop_is_refused_and_changes_nothing() {
    let (a, b) = (Store::named("a", "A", "coordinator"), Store::named("b", "B", "expert"));
    introduce(&a, &b);
    b.ok(&["demo", "--scale", "mission"]);
    a.ok(&["devices", "revoke", "b"]);
    let before = a.dump();
    let (child, address) = listening(&a);
    let refused = b.cmd(&["sync", "nearby", "--peer", &address]).output().unwrap();
    assert_eq!(refused.status.code(), Some(1));
    let said = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(error_code(&said), Some("nearby-refused-by-peer (revoked)"), "{said}");
    assert_eq!(finished(child).0, Some(1));
    assert_eq!(a.dump(), before);
}

#[test]
fn a_name_nobody_answers_to_is_said_not_found() {
    let a = Store::named("a", "A", "expert");
    let err = a.refused(&["sync", "nearby", "--peer", "portable-absent"], 3, "nearby-peer-not-found");
    assert!(err.contains("portable-absent"), "{err}");
}

/// Something else on the network connecting first (random bytes, a port
/// scanner that closes at once, connections that say nothing) changes
/// nothing and is told on standard error; the laptop goes on waiting for
/// the one it waits for, and syncs with it at once.
#[test]
fn random_bytes_a_closed_connection_or_silence_change_nothing_and_the_wait_goes_on() {
    let (a, b) = (Store::named("a", "A", "expert"), Store::named("b", "B", "coordinator"));
    introduce(&a, &b);
    a.ok(&["demo", "--scale", "mission"]);
    let (a_before, b_before) = (a.dump(), b.dump());
    let (child, address) = listening(&a);
    // Two that connect and say nothing, kept open: greeted one after the
    // other, they would keep the laptop below waiting past its own
    // greeting's time.
    let silent: Vec<std::net::TcpStream> = (0..2).map(|_| std::net::TcpStream::connect(&address).unwrap()).collect();
    let mut stream = std::net::TcpStream::connect(&address).unwrap();
    let noise: Vec<u8> = (0..100_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let _ = stream.write_all(&noise);
    drop(stream);
    drop(std::net::TcpStream::connect(&address).unwrap());
    assert_eq!(a.dump(), a_before, "the bytes changed nothing");

    let at_b = b.json(&["sync", "nearby", "--peer", &address]);
    drop(silent);
    let (code, at_a, stderr) = finished(child);
    assert_eq!(code, Some(0), "{stderr}");
    let told: Vec<&str> = stderr.lines().filter_map(|line| line.strip_prefix("Code : ")).collect();
    assert_eq!(told.len(), 2, "{stderr}");
    assert!(told.iter().all(|code| ["nearby-channel", "nearby-connection"].contains(code)), "{stderr}");
    assert_eq!(at_a.expect("the listener's outcome")["peer"]["name"], "b");
    assert!(applied(&at_b, "attendance") > 100, "{at_b}");
    assert_ne!(b.dump(), b_before);
    assert_eq!(a.dump(), b.dump());
}
