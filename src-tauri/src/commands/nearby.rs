//! Sync nearby from the sync screen: wait while it is open, find the
//! laptops on the network, sync with one.

use super::Answer;
use crate::nearby::sync_over;
use crate::state::AppState;
use binome_core::views::{ErrorView, NearbyLaptopView, NearbyListeningView, NearbyOutcomeView};
use binome_core::{CoreError, NearbyError, NearbySide};
use std::net::TcpStream;
use std::time::Duration;
use tauri::{AppHandle, Emitter, State};

const CONNECTING: Duration = Duration::from_secs(10);
/// How long the laptops nearby have to answer, as in the CLI.
const DISCOVERY: Duration = Duration::from_secs(3);

/// Starts waiting for the laptops nearby (if not already), and says where.
#[tauri::command]
pub async fn nearby_listen(app: AppHandle, state: State<'_, AppState>) -> Answer<NearbyListeningView> {
    state.listening(|slot| {
        if slot.is_none() {
            *slot = Some(crate::nearby::start(&app, &state)?);
        }
        Ok(slot.as_ref().expect("set above").view.clone())
    })
}

/// The sync screen closed: this laptop stops listening and announcing.
#[tauri::command]
pub async fn nearby_stop(state: State<'_, AppState>) -> Answer<()> {
    let stopped = state.listening(|slot| Ok(slot.take()))?;
    drop(stopped);
    Ok(())
}

/// The laptops that answer within a few seconds; the store is not held
/// while they are awaited.
#[tauri::command]
pub async fn nearby_discover(state: State<'_, AppState>) -> Answer<Vec<NearbyLaptopView>> {
    let own = state.with(|b| Ok(b.keys()?.fingerprint()))?;
    // Three seconds of waiting, off the threads that serve the other commands.
    let found = tauri::async_runtime::spawn_blocking(move || binome_core::nearby::discover(DISCOVERY, &own))
        .await
        .map_err(|e| nearby_error(&state, NearbyError::Connection(std::io::Error::other(e.to_string()))))?
        .map_err(|e| nearby_error(&state, e))?;
    let known = state.with(|b| b.known_nearby(found))?;
    Ok(known.into_iter().map(Into::into).collect())
}

/// Syncs with the laptop at `address` (an IP, with or without its port),
/// sending `nearby-progress` events as the other's versions are applied.
#[tauri::command]
pub async fn nearby_sync(app: AppHandle, state: State<'_, AppState>, address: String) -> Answer<NearbyOutcomeView> {
    let refused = |detail: &str| {
        nearby_error(
            &state,
            NearbyError::Connection(std::io::Error::new(std::io::ErrorKind::InvalidInput, detail.to_owned())),
        )
    };
    let target = binome_core::nearby::typed_address(&address).ok_or_else(|| refused(&address))?;
    let stream = TcpStream::connect_timeout(&target, CONNECTING)
        .map_err(|e| nearby_error(&state, NearbyError::Connection(e)))?;
    let mut progress = |done: u64, total: u64| {
        let _ = app.emit("nearby-progress", super::sync::Progress { done, total });
    };
    sync_over(&state, stream, NearbySide::Initiator, &mut progress).map(Into::into)
}

fn nearby_error(state: &AppState, error: NearbyError) -> ErrorView {
    ErrorView::from_core(&CoreError::Nearby(error), &state.messages())
}
