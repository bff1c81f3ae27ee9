//! A referent's review of sessions and the expert's side of it.

use super::Answer;
use crate::state::AppState;
use binome_core::SessionDecision;
use binome_core::domain::codes::ReviewStatus;
use binome_core::views::{ReviewPage, SessionReview};
use tauri::State;

#[tauri::command]
pub async fn review_queue(
    state: State<'_, AppState>,
    mission_id: Option<String>,
    status: Option<ReviewStatus>,
    offset: u32,
    limit: u32,
) -> Answer<ReviewPage> {
    state.with(|b| b.review_queue(mission_id.as_deref(), status, offset, limit))
}

#[tauri::command]
pub async fn session_review(state: State<'_, AppState>, session_id: String) -> Answer<SessionReview> {
    state.with(|b| b.session_review(&session_id))
}

#[tauri::command]
pub async fn review_session(state: State<'_, AppState>, decision: SessionDecision) -> Answer<SessionReview> {
    state.with(|b| b.review_session(&decision))
}

#[tauri::command]
pub async fn submit_session(state: State<'_, AppState>, session_id: String) -> Answer<SessionReview> {
    state.with(|b| b.submit_session(&session_id))
}
