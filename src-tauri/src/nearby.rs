//! Waiting for the laptops nearby while the sync screen is open: a TCP
//! listener on Binôme's port, announced by mDNS, on a thread of its own.
//! Each laptop that connects is synced with at once (the store's lock
//! taken for that time only), and the screen hears of it by an event.

use crate::state::AppState;
use binome_core::views::{ErrorView, NearbyListeningView, NearbyOutcomeView};
use binome_core::{NearbyError, NearbySide};
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager};

/// How long a silent peer is waited for, as in the CLI.
pub const SILENCE: Duration = Duration::from_secs(120);
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
            // A sync under way finishes first: its store work is one
            // transaction either way.
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
            while !stop.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((stream, _)) => sync_with(&app, stream),
                    // Nobody yet (or a connection that failed before it was
                    // accepted): look again.
                    Err(_) => std::thread::sleep(POLL),
                }
            }
        })
    };
    Ok(Listening { stop, thread: Some(thread), view })
}

fn sync_with(app: &AppHandle, stream: std::net::TcpStream) {
    let state = app.state::<AppState>();
    let prepared = stream
        .set_nonblocking(false)
        .and_then(|()| stream.set_read_timeout(Some(SILENCE)))
        .and_then(|()| stream.set_write_timeout(Some(SILENCE)));
    let synced = match prepared {
        Ok(()) => {
            let mut progress = |done: u64, total: u64| {
                let _ = app.emit("nearby-progress", crate::commands::sync::Progress { done, total });
            };
            state.with(|b| b.sync_nearby_with_progress(stream, NearbySide::Responder, &mut progress))
        }
        Err(error) => Err(connection_error(&state, error)),
    };
    // The screen may be gone: nobody to tell, and nothing to undo.
    let _ = match synced {
        Ok(outcome) => app.emit("nearby-synced", NearbyOutcomeView::from(outcome)),
        Err(error) => app.emit("nearby-failed", error),
    };
}
