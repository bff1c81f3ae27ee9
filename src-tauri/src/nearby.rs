//! Waiting for the laptops nearby while the sync screen is open: a TCP
//! listener on Binôme's port, announced by mDNS, on a thread of its own.
//! Each laptop that connects is synced with on a thread of its own, the
//! store's lock taken only for the steps that read or write it
//! ([`sync_over`]), and the screen hears of it by an event.

use crate::state::AppState;
use binome_core::nearby::{GREETING, Greeting, Link, Places};
use binome_core::sync::{NearbyOutcome, agree, greet};
use binome_core::views::{ErrorView, NearbyListeningView, NearbyOutcomeView};
use binome_core::{NearbyError, NearbySide};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager};

/// How often the waiting thread looks whether the screen closed.
const POLL: Duration = Duration::from_millis(200);
/// The listener while it runs; dropping it stops it and its announcement.
pub struct Listening {
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
    pub view: NearbyListeningView,
}

impl Drop for Listening {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            // At most one poll's wait. A sync under way goes on on its own
            // thread to its end: its store work is one transaction either
            // way.
            let _ = thread.join();
        }
    }
}

fn connection_error(state: &AppState, error: std::io::Error) -> ErrorView {
    ErrorView::from_core(&NearbyError::Connection(error).into(), &state.messages())
}

/// Starts waiting on every interface, on Binôme's port (or the one the
/// app was started with).
pub fn start(app: &AppHandle, state: &AppState) -> Result<Listening, ErrorView> {
    let port = state.nearby_port;
    let listener =
        TcpListener::bind(SocketAddr::from((Ipv4Addr::UNSPECIFIED, port))).map_err(|e| connection_error(state, e))?;
    listener.set_nonblocking(true).map_err(|e| connection_error(state, e))?;
    // Where multicast is blocked the address can still be typed.
    let announcement = state.with(|b| b.announce_nearby(port, None)).ok();
    let view = NearbyListeningView {
        addresses: binome_core::nearby::local_addresses()
            .iter()
            .map(|ip| SocketAddr::new(*ip, port).to_string())
            .collect(),
        port,
        announced: announcement.is_some(),
    };
    let stop = Arc::new(AtomicBool::new(false));
    let thread = {
        let (app, stop) = (app.clone(), stop.clone());
        std::thread::spawn(move || {
            let _announced = announcement;
            let places = Places::default();
            while !stop.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((stream, _)) => serve_apart(&app, stream, &places),
                    // Nobody yet (or a connection that failed before it was
                    // accepted): look again.
                    Err(_) => std::thread::sleep(POLL),
                }
            }
        })
    };
    Ok(Listening { stop, thread: Some(thread), view })
}

/// Serves `stream` on a thread of its own, so that a laptop slow to greet
/// keeps none waiting behind it; closes it when every place is taken.
fn serve_apart(app: &AppHandle, stream: TcpStream, places: &Places) {
    let Some(place) = places.take() else { return };
    let app = app.clone();
    std::thread::spawn(move || {
        let _place = place;
        sync_with(&app, stream);
    });
}

fn sync_with(app: &AppHandle, stream: TcpStream) {
    let state = app.state::<AppState>();
    // What does not greet is no laptop the screen waits for (random bytes,
    // a port scanner, a laptop that gave up, which says so on its own
    // screen): nothing to show here.
    let Ok(greeting) = greet_over(&state, stream, NearbySide::Responder) else { return };
    let mut progress = |done: u64, total: u64| {
        let _ = app.emit("nearby-progress", crate::commands::sync::Progress { done, total });
    };
    let synced = sync_greeted(&state, greeting, &mut progress);
    // The screen may be gone: nobody to tell, and nothing to undo.
    let _ = match synced {
        Ok(outcome) => app.emit("nearby-synced", NearbyOutcomeView::from(outcome)),
        Err(error) => app.emit("nearby-failed", error),
    };
}

/// A sync with the laptop at the other end of `stream`, the store's lock
/// taken for the steps that read or write it only: the greeting and the
/// verdicts wait on the network without it, so someone on the network
/// who connects and says nothing holds up no tick meanwhile.
pub fn sync_over(
    state: &AppState,
    stream: TcpStream,
    side: NearbySide,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<NearbyOutcome, ErrorView> {
    let greeting = greet_over(state, stream, side)?;
    sync_greeted(state, greeting, progress)
}

fn greet_over(state: &AppState, stream: TcpStream, side: NearbySide) -> Result<Greeting, ErrorView> {
    // A listener's connections may inherit its non-blocking mode (Windows,
    // macOS).
    stream.set_nonblocking(false).map_err(|e| connection_error(state, e))?;
    let link = Link::new(stream, GREETING);
    let card = state.with(|b| b.nearby_card())?;
    greet(link, side, &card).map_err(|e| ErrorView::from_core(&e, &state.messages()))
}

fn sync_greeted(
    state: &AppState,
    greeting: Greeting,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<NearbyOutcome, ErrorView> {
    let standing = state.with(|b| b.nearby_standing(greeting.peer()))?;
    let agreed = agree(greeting, standing).map_err(|e| ErrorView::from_core(&e, &state.messages()))?;
    state.with(|b| b.sync_agreed(agreed, progress))
}

#[cfg(test)]
mod tests {
    use super::sync_over;
    use binome_core::NearbySide;
    use std::io::Read;
    use std::net::{TcpListener, TcpStream};
    use std::sync::Arc;

    /// A laptop waiting on someone who does not answer (a stranger on the
    /// network, an address mistyped onto another service) keeps the store
    /// free: ticks and the other screens go on meanwhile.
    #[test]
    fn a_peer_that_says_nothing_holds_up_no_other_command() {
        let dir = tempfile::tempdir().unwrap();
        let state = crate::state::unlocked_for_tests(dir.path());
        let silent = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = silent.local_addr().unwrap();
        let syncing = {
            let state = Arc::clone(&state);
            std::thread::spawn(move || {
                sync_over(&state, TcpStream::connect(address).unwrap(), NearbySide::Initiator, &mut |_, _| {})
                    .map(drop)
                    .map_err(|e| e.code)
            })
        };
        let (mut peer, _) = silent.accept().unwrap();
        // The handshake's first message arrived: the sync is waiting on
        // this peer, which answers nothing.
        peer.read_exact(&mut [0u8; 2]).unwrap();
        let status = state.with(|b| b.status_view()).map(|s| s.device.map(|d| d.author));
        assert!(!syncing.is_finished(), "the other command answered while the sync still waited");
        assert_eq!(status.map_err(|e| e.code), Ok(Some("Awa".to_owned())));
        drop(peer);
        assert_eq!(syncing.join().unwrap(), Err("nearby-connection".to_owned()), "the peer gone");
    }
}
