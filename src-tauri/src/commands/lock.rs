//! The lock on the store: what the window asks for at start, unlocking
//! (or choosing the passphrase of a new store), locking on demand or when
//! the person has left, and changing the passphrase. The passphrase is
//! wiped from memory once used; only the store's connections hold its key.

use super::Answer;
use crate::state::AppState;
use binome_core::vault::{MIN_PASSPHRASE_CHARS, Passphrase, StoreState};
use serde::Serialize;
use tauri::State;
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
pub async fn unlock(state: State<'_, AppState>, passphrase: String) -> Answer<LockView> {
    state.unlock(&Passphrase::new(passphrase))?;
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
