//! A session's attendance roster and score grid.

use super::Answer;
use crate::state::AppState;
use binome_core::views::{RecordView, RosterView, ScoreGrid};
use binome_core::{AttendanceMark, ScoreEntry};
use tauri::State;

#[tauri::command]
pub async fn roster(state: State<'_, AppState>, session_id: String) -> Answer<RosterView> {
    state.with(|b| b.roster(&session_id))
}

/// One tick, saved at once.
#[tauri::command]
pub async fn mark_attendance(state: State<'_, AppState>, mark: AttendanceMark) -> Answer<RecordView> {
    state.with(|b| b.mark_attendance(&mark))
}

#[tauri::command]
pub async fn mark_all_present(state: State<'_, AppState>, session_id: String) -> Answer<RosterView> {
    state.with(|b| b.mark_all_present(&session_id))
}

#[tauri::command]
pub async fn score_grid(state: State<'_, AppState>, session_id: String) -> Answer<ScoreGrid> {
    state.with(|b| b.score_grid(&session_id))
}

/// The grid as it is after the score, which may have changed a total.
#[tauri::command]
pub async fn enter_score(state: State<'_, AppState>, entry: ScoreEntry) -> Answer<ScoreGrid> {
    state.with(|b| {
        b.enter_score(&entry)?;
        b.score_grid(&entry.session_id)
    })
}
