//! A session's attendance roster and score grid.

use super::Answer;
use crate::state::AppState;
use binome_core::domain::codes::{AttendanceStatus, Phase};
use binome_core::views::{RecordView, RosterView, ScoreGrid};
use tauri::State;

#[tauri::command]
pub async fn roster(state: State<'_, AppState>, session_id: String) -> Answer<RosterView> {
    state.with(|b| b.roster(&session_id))
}

/// One tick, saved at once.
#[tauri::command]
pub async fn mark_attendance(
    state: State<'_, AppState>,
    session_id: String,
    person_id: String,
    status: AttendanceStatus,
) -> Answer<RecordView> {
    state.with(|b| b.mark_attendance(&session_id, &person_id, status))
}

#[tauri::command]
pub async fn mark_all_present(state: State<'_, AppState>, session_id: String) -> Answer<RosterView> {
    state.with(|b| b.mark_all_present(&session_id))
}

#[tauri::command]
pub async fn score_grid(state: State<'_, AppState>, session_id: String) -> Answer<ScoreGrid> {
    state.with(|b| b.score_grid(&session_id))
}

#[tauri::command]
pub async fn enter_score(
    state: State<'_, AppState>,
    session_id: String,
    person_id: String,
    phase: Phase,
    score: String,
    max_score: String,
) -> Answer<ScoreGrid> {
    state.with(|b| {
        b.enter_score(&session_id, &person_id, phase, &score, &max_score)?;
        b.score_grid(&session_id)
    })
}
