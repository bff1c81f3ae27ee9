//! The recovery kit from the app: the expert saves it (and its printable
//! page) for the coordinators it is sealed to; a coordinator's laptop sets
//! a new passphrase on an expert's store with it.

use super::Answer;
use crate::state::AppState;
use binome_core::vault::{Passphrase, RecoveryKit, reset_passphrase_from_kit};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

/// A kit written, or used.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RecoveryKitView {
    /// The laptop whose store it opens, and its person.
    pub device_name: String,
    pub author: String,
    /// The coordinators who can open it.
    pub coordinators: Vec<String>,
}

impl From<RecoveryKit> for RecoveryKitView {
    fn from(kit: RecoveryKit) -> Self {
        RecoveryKitView {
            device_name: kit.device_name,
            author: kit.author,
            coordinators: kit.seal.coordinators.into_iter().map(|c| c.name).collect(),
        }
    }
}

/// Writes this laptop's kit where the person chose; refused while no
/// coordinator is trusted here.
#[tauri::command]
pub async fn save_recovery_kit(state: State<'_, AppState>, path: String) -> Answer<RecoveryKitView> {
    let path = state.writable(&path)?;
    state.with(|b| b.write_recovery_kit(&path).map(RecoveryKitView::from))
}

/// The kit's printable page, to keep with the mission's papers.
#[tauri::command]
pub async fn save_recovery_kit_pdf(state: State<'_, AppState>, path: String) -> Answer<RecoveryKitView> {
    let path = state.writable(&path)?;
    let m = state.messages();
    state.with(|b| {
        let beside = binome_core::vault::kit_path(b.store_path());
        let kit = b.write_recovery_kit(&beside)?;
        let bytes = binome_core::print::recovery_kit_pdf(&kit, &m)?;
        binome_core::private::write_private(&path, &bytes).map_err(|e| binome_core::CoreError::io(&path, e))?;
        Ok(RecoveryKitView::from(kit))
    })
}

/// On a coordinator's laptop: a new passphrase on the expert's store that
/// `kit` opens, both files chosen in the dialogs.
#[tauri::command]
pub async fn reset_from_recovery_kit(
    state: State<'_, AppState>,
    kit: String,
    store: String,
    passphrase: String,
) -> Answer<RecoveryKitView> {
    let (kit, store) = (state.readable(&kit)?, state.readable(&store)?);
    let passphrase = Passphrase::new(passphrase);
    state.with(|b| reset_passphrase_from_kit(b, &kit, &store, &passphrase).map(RecoveryKitView::from))
}
