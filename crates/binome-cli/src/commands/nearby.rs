//! `binome sync nearby`: one sync with a laptop on the same network.

use super::Ctx;
use super::sync::print_outcome;
use crate::output::say;
use binome_core::{Binome, CoreError, NEARBY_PORT, NearbyError, NearbySide};
use clap::ArgMatches;
use std::net::{SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::process::ExitCode;
use std::time::Duration;

/// How long a silent peer is waited for: longer than a programme's import
/// on the other side, which sends progress meanwhile.
const SILENCE: Duration = Duration::from_secs(120);
const CONNECTING: Duration = Duration::from_secs(10);

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
    let (stream, side) = if let Some(address) = matches.get_one::<String>("listen") {
        let listener = TcpListener::bind(socket_address(address)?).map_err(connection)?;
        let local = listener.local_addr().map_err(connection)?;
        // The first line, alone, for scripts: where to connect.
        say(m.text("nearby-listening", &[("address", local.to_string())]));
        if !ctx.json {
            eprintln!(
                "{}",
                m.text("nearby-listening-help", &[("address", local.to_string()), ("port", local.port().to_string())])
            );
        }
        (listener.accept().map_err(connection)?.0, NearbySide::Responder)
    } else {
        let address = socket_address(matches.get_one::<String>("peer").expect("the group is required"))?;
        (TcpStream::connect_timeout(&address, CONNECTING).map_err(connection)?, NearbySide::Initiator)
    };
    stream.set_read_timeout(Some(SILENCE)).map_err(connection)?;
    stream.set_write_timeout(Some(SILENCE)).map_err(connection)?;
    let outcome = binome.sync_nearby(stream, side)?;
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

/// `ADDRESS[:PORT]`: a host name or an IP, on Binôme's port unless given.
fn socket_address(text: &str) -> Result<SocketAddr, CoreError> {
    let resolve = |text: &str| text.to_socket_addrs().ok().and_then(|mut found| found.next());
    resolve(text)
        .or_else(|| resolve(&format!("{text}:{NEARBY_PORT}")))
        .or_else(|| resolve(&format!("[{text}]:{NEARBY_PORT}")))
        .ok_or_else(|| {
            connection(std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("{text:?} is not an address")))
        })
}
