//! `binome sync nearby`: one sync with a laptop on the same network.

use clap::{Arg, ArgGroup, Command};

use super::Ctx;
use super::sync::print_outcome;
use crate::output::say;
use binome_core::nearby::{Card, GREETING, Greeting, Link, Places};
use binome_core::sync::{Announcement, agree, greet};
use binome_core::{Binome, CoreError, NEARBY_PORT, NearbyError, NearbySide};
use clap::ArgMatches;
use std::net::{SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::process::ExitCode;
use std::sync::{Arc, mpsc};
use std::time::Duration;

const CONNECTING: Duration = Duration::from_secs(10);
/// How long the laptops nearby have to answer: mDNS answers come within a
/// second on a quiet network.
const DISCOVERY: Duration = Duration::from_secs(3);

pub fn sync(binome: &mut Binome, matches: &ArgMatches, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    match matches.subcommand().expect("an action is required") {
        ("nearby", sub) => nearby(binome, sub, ctx),
        (other, _) => unreachable!("undeclared action {other}"),
    }
}

fn connection(error: std::io::Error) -> CoreError {
    CoreError::Nearby(NearbyError::Connection(error))
}

fn nearby(binome: &mut Binome, matches: &ArgMatches, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let m = ctx.messages;
    let outcome = if let Some(address) = matches.get_one::<String>("listen") {
        let listener = TcpListener::bind(socket_address(address)?).map_err(connection)?;
        let local = listener.local_addr().map_err(connection)?;
        // The first line, alone, for scripts: where to connect.
        say(m.text("nearby-listening", &[("address", local.to_string())]));
        let announced = announce(binome, local, ctx);
        if !ctx.json {
            eprintln!(
                "{}",
                m.text("nearby-listening-help", &[("address", local.to_string()), ("port", local.port().to_string())])
            );
        }
        let greeting = greet_first(&listener, binome.nearby_card()?, ctx)?;
        // Found: the others stop seeing this laptop.
        drop(announced);
        let standing = binome.nearby_standing(greeting.peer())?;
        binome.sync_agreed(agree(greeting, standing)?, &mut |_, _| {})?
    } else {
        let address = match matches.get_one::<String>("peer") {
            Some(text) => match peer_address(binome, text)? {
                Some(address) => address,
                None => {
                    eprintln!("{}", m.text("nearby-peer-not-found", &[("peer", text.clone())]));
                    eprint!("{}", super::errors::code_line("nearby-peer-not-found", m));
                    return Ok(ExitCode::from(3));
                }
            },
            None => match pick(binome, ctx)? {
                Some(address) => address,
                None => return Ok(ExitCode::from(3)),
            },
        };
        binome
            .sync_nearby(TcpStream::connect_timeout(&address, CONNECTING).map_err(connection)?, NearbySide::Initiator)?
    };
    if ctx.json {
        say(serde_json::to_string_pretty(&outcome)?);
        return Ok(ExitCode::SUCCESS);
    }
    let peer = &outcome.peer;
    say(m.text(
        "nearby-connected",
        &[
            ("name", peer.name.clone()),
            ("role", m.value(peer.role.code())),
            ("fingerprint", peer.fingerprint.clone()),
            ("code", outcome.code.clone()),
        ],
    ));
    say(m.text(
        "nearby-sent",
        &[("versions", outcome.sent.versions.to_string()), ("bytes", outcome.sent.bytes.to_string())],
    ));
    print_outcome(&outcome.received, ctx)?;
    Ok(ExitCode::SUCCESS)
}

/// The first connection that greets. Connections are greeted side by side
/// (as many as the app serves at once), so that a stranger that says nothing keeps no laptop
/// waiting behind it; one that does not greet (something else on the
/// network, a laptop that gave up) is told on standard error and the wait
/// goes on.
fn greet_first(listener: &TcpListener, card: Card, ctx: &Ctx) -> Result<Greeting, CoreError> {
    let listener = listener.try_clone().map_err(connection)?;
    let card = Arc::new(card);
    let (greeted, results) = mpsc::channel();
    let places = Places::default();
    // Waits for the process's end: once a laptop has greeted, the ones
    // after it are greeted and let go.
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else {
                std::thread::sleep(Duration::from_millis(100));
                continue;
            };
            let Some(place) = places.take() else { continue };
            let (card, greeted) = (card.clone(), greeted.clone());
            std::thread::spawn(move || {
                let greeting = greet(Link::new(stream, GREETING), NearbySide::Responder, &card);
                drop(place);
                let _ = greeted.send(greeting);
            });
        }
    });
    loop {
        match results.recv() {
            Ok(Ok(greeting)) => return Ok(greeting),
            Ok(Err(error)) => {
                eprintln!("{}", binome_core::describe::describe(&error, ctx.messages).trim_end());
                eprint!("{}", super::errors::code_line(error.code(), ctx.messages));
            }
            Err(_) => return Err(connection(std::io::Error::other("the listener stopped"))),
        }
    }
}

/// Announces this laptop while it waits, unless it listens on loopback
/// only. Where multicast is blocked, typing the address still works: a
/// warning says so, the wait goes on.
fn announce(binome: &mut Binome, local: SocketAddr, ctx: &Ctx) -> Option<Announcement> {
    if local.ip().is_loopback() {
        return None;
    }
    let only = (!local.ip().is_unspecified()).then(|| local.ip());
    match binome.announce_nearby(local.port(), only) {
        Ok(announcement) => Some(announcement),
        Err(error) => {
            eprintln!("{}", binome_core::describe::describe(&error, ctx.messages).trim_end());
            None
        }
    }
}

/// `--peer`: an address, or a laptop found on the network by its name
/// here or its fingerprint, or a host name; `None` when it is none of them.
fn peer_address(binome: &mut Binome, text: &str) -> Result<Option<SocketAddr>, CoreError> {
    if let Some(address) = binome_core::nearby::typed_address(text) {
        return Ok(Some(address));
    }
    let wanted = normalised(text);
    let found = binome.discover_nearby(DISCOVERY)?;
    let matching = found.iter().find(|laptop| {
        normalised(&laptop.fingerprint) == wanted
            || laptop.name.as_deref().is_some_and(|name| normalised(name) == wanted)
    });
    match matching.and_then(|laptop| laptop.addresses.first()) {
        Some(address) => address.parse().map(Some).map_err(|_| not_an_address(address)),
        None => Ok(socket_address(text).ok()),
    }
}

/// No `--listen` nor `--peer`: the laptops found, one to choose.
fn pick(binome: &mut Binome, ctx: &Ctx) -> anyhow::Result<Option<SocketAddr>> {
    let m = ctx.messages;
    let found = binome.discover_nearby(DISCOVERY)?;
    let reachable: Vec<_> = found.iter().filter(|laptop| !laptop.addresses.is_empty()).collect();
    if reachable.is_empty() {
        eprintln!("{}", m.text("nearby-none-found", &[]));
        return Ok(None);
    }
    for (number, laptop) in reachable.iter().enumerate() {
        let name = laptop.name.clone().unwrap_or_else(|| m.text("nearby-unknown-laptop", &[]));
        say(m.text(
            "nearby-found-line",
            &[
                ("number", (number + 1).to_string()),
                ("name", name),
                ("role", m.value(laptop.role.code())),
                ("fingerprint", laptop.fingerprint.clone()),
                ("address", laptop.addresses[0].clone()),
            ],
        ));
    }
    eprint!("{} ", m.text("nearby-pick", &[("count", reachable.len().to_string())]));
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer)?;
    let chosen = answer.trim().parse::<usize>().ok().and_then(|n| n.checked_sub(1)).and_then(|i| reachable.get(i));
    match chosen {
        Some(laptop) => Ok(Some(laptop.addresses[0].parse().map_err(|_| not_an_address(&laptop.addresses[0]))?)),
        None => {
            eprintln!("{}", m.text("nearby-pick-none", &[]));
            Ok(None)
        }
    }
}

fn normalised(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

fn not_an_address(text: &str) -> CoreError {
    connection(std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("{text:?}")))
}

/// `ADDRESS[:PORT]`: an IP or a host name, on Binôme's port unless given.
fn socket_address(text: &str) -> Result<SocketAddr, CoreError> {
    if let Some(address) = binome_core::nearby::typed_address(text) {
        return Ok(address);
    }
    let resolve = |text: &str| text.to_socket_addrs().ok().and_then(|mut found| found.next());
    resolve(text).or_else(|| resolve(&format!("{text}:{NEARBY_PORT}"))).ok_or_else(|| not_an_address(text))
}

// The grammar of these commands, beside their handlers.

/// Every interface, on the port IT staff open for Binôme.
const NEARBY_LISTEN_DEFAULT: &str = "0.0.0.0:47474";

pub(crate) fn sync_command() -> Command {
    Command::new("sync")
        .about("Synchroniser sans fichier / sync without a file")
        .subcommand_required(true)
        .subcommand(
            Command::new("nearby")
                .visible_alias("proximite")
                .about(
                    "Avec un ordinateur sur le même réseau (Wi-Fi, partage de connexion) / with a computer on the same network (Wi-Fi, hotspot)",
                )
                .arg(
                    Arg::new("listen")
                        .long("listen")
                        .visible_alias("attendre")
                        .num_args(0..=1)
                        .default_missing_value(NEARBY_LISTEN_DEFAULT)
                        .value_name("ADRESSE[:PORT]")
                        .help("Attendre un ordinateur, synchroniser une fois, sortir ; la première ligne est l'adresse et le port / wait for one computer, sync once, exit; the first line is the address and port"),
                )
                .arg(
                    Arg::new("peer")
                        .long("peer")
                        .visible_alias("avec")
                        .value_name("ADRESSE[:PORT]")
                        .help("Se connecter à cet ordinateur (adresse, nom ou empreinte), synchroniser une fois, sortir ; sans --listen ni --peer : chercher et choisir / connect to this computer (address, name or fingerprint), sync once, exit; with neither: find and choose"),
                )
                .group(ArgGroup::new("how").args(["listen", "peer"])),
        )
}
