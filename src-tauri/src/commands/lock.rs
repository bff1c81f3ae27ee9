//! The lock on the store: what the window asks for at start, unlocking
//! (or choosing the passphrase of a new store), locking on demand or when
//! the person has left, and changing the passphrase. The passphrase is
//! wiped from memory once used; only the store's connections hold its key.

use super::Answer;
use crate::state::AppState;
use binome_core::vault::{MIN_PASSPHRASE_CHARS, Passphrase, StoreState};
use serde::Serialize;
use tauri::{Emitter, State};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
pub struct LockView {
    /// `None` when the store is open.
    pub state: Option<StoreState>,
    pub min_chars: u32,
}

#[tauri::command]
pub async fn lock_state(state: State<'_, AppState>) -> Answer<LockView> {
    Ok(LockView { state: state.lock_state()?, min_chars: MIN_PASSPHRASE_CHARS as u32 })
}

/// Unlocks with the passphrase, or sets the one of a new store.
#[tauri::command]
pub async fn unlock(app: tauri::AppHandle, state: State<'_, AppState>, passphrase: String) -> Answer<LockView> {
    state.unlock(&Passphrase::new(passphrase), || {
        // The lock screen's explanation only: the unlock goes on without it.
        let _ = app.emit("store-key-replacing", ());
    })?;
    crate::prepare_dashboard(&app);
    lock_state(state).await
}

#[tauri::command]
pub async fn lock(state: State<'_, AppState>) -> Answer<LockView> {
    state.lock();
    lock_state(state).await
}

#[tauri::command]
pub async fn change_passphrase(state: State<'_, AppState>, current: String, new: String) -> Answer<()> {
    let (current, new) = (Passphrase::new(current), Passphrase::new(new));
    state.with(|b| b.change_passphrase(&current, &new))
}

/// Whether the store key is remembered on this computer's keychain.
#[tauri::command]
pub async fn remembered_here(state: State<'_, AppState>) -> Answer<bool> {
    state.with(|b| b.is_remembered())
}

/// "Se souvenir sur cet ordinateur": the store key put in (or taken out
/// of) the keychain, so that the app opens without the passphrase.
#[tauri::command]
pub async fn remember_here(state: State<'_, AppState>, remember: bool) -> Answer<bool> {
    state.with(|b| {
        b.remember_on_this_computer(remember)?;
        b.is_remembered()
    })
}
