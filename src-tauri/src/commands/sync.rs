//! Bundles out and in, trust, quarantine and conflicts.

use super::Answer;
use crate::state::AppState;
use binome_core::domain::Kind;
use binome_core::views::{
    BundleOutcomeView, ConflictView, DeviceRowView, ExportView, QuarantineView, RecordView, SentBundleView,
};
use serde::Serialize;
use tauri::{AppHandle, Emitter, State};

/// How far an import has gone, in versions, for the progress bars.
#[derive(Clone, Serialize)]
pub(crate) struct Progress {
    pub done: u64,
    pub total: u64,
}

#[tauri::command]
pub async fn devices(state: State<'_, AppState>) -> Answer<Vec<DeviceRowView>> {
    state.with(|b| b.device_rows())
}

/// What the lost-laptop procedure shows before the revocation.
#[tauri::command]
pub async fn bundles_sent_to(state: State<'_, AppState>, device: String) -> Answer<Vec<SentBundleView>> {
    state.with(|b| b.bundles_sent_to(&device))
}

#[tauri::command]
pub async fn export_bundle(
    state: State<'_, AppState>,
    path: String,
    recipients: Vec<String>,
    mission_id: Option<String>,
) -> Answer<ExportView> {
    let path = state.writable(&path)?;
    state.with(|b| b.export_view(&path, &recipients, mission_id.as_deref()))
}

/// What importing would do, nothing written.
#[tauri::command]
pub async fn preview_bundle(state: State<'_, AppState>, path: String) -> Answer<BundleOutcomeView> {
    let path = state.readable(&path)?;
    state.with(|b| Ok(b.import_bundle(&path, true)?.into()))
}

/// Imports a bundle, sending `bundle-progress` events as it applies.
#[tauri::command]
pub async fn import_bundle(app: AppHandle, state: State<'_, AppState>, path: String) -> Answer<BundleOutcomeView> {
    let path = state.readable(&path)?;
    state.with(|b| {
        let mut progress = |done: u64, total: u64| {
            let _ = app.emit("bundle-progress", Progress { done, total });
        };
        Ok(b.import_bundle_with_progress(&path, false, &mut progress)?.into())
    })
}

#[tauri::command]
pub async fn quarantine(state: State<'_, AppState>) -> Answer<Vec<QuarantineView>> {
    state.with(|b| b.quarantine_views())
}

/// Trusts a device; its quarantined bundles are imported at once.
#[tauri::command]
pub async fn trust_device(state: State<'_, AppState>, device_id: String) -> Answer<Vec<BundleOutcomeView>> {
    state.with(|b| b.trust_device(&device_id).map(|(_, outcomes)| outcomes.into_iter().map(Into::into).collect()))
}

#[tauri::command]
pub async fn reject_device(state: State<'_, AppState>, device_id: String) -> Answer<()> {
    state.with(|b| b.reject_device(&device_id).map(|_| ()))
}

/// A lost laptop: a coordinator's revocation travels in its next bundles.
#[tauri::command]
pub async fn revoke_device(state: State<'_, AppState>, device_id: String) -> Answer<()> {
    state.with(|b| b.revoke_device(&device_id).map(|_| ()))
}

/// A revoked device found again, once the person confirmed it.
#[tauri::command]
pub async fn trust_revoked_device(state: State<'_, AppState>, device_id: String) -> Answer<Vec<BundleOutcomeView>> {
    state.with(|b| {
        b.trust_revoked_device(&device_id).map(|(_, outcomes)| outcomes.into_iter().map(Into::into).collect())
    })
}

#[tauri::command]
pub async fn conflicts(state: State<'_, AppState>) -> Answer<Vec<ConflictView>> {
    state.with(|b| b.conflict_views())
}

#[tauri::command]
pub async fn settle_conflict(state: State<'_, AppState>, kind: Kind, id: String, keep: u32) -> Answer<RecordView> {
    state.with(|b| b.settle_conflict(kind, &id, keep))
}
