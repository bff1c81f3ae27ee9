//! Competency grids and a person's progression.

use super::Answer;
use crate::state::AppState;
use binome_core::views::{CompetencyGrid, CompetencyRating, GridContext, ProgressionRow};
use tauri::State;

/// A session's id for an assessment made in training, else the date of a
/// follow-up visit.
fn context(session_id: Option<String>, date: Option<String>) -> GridContext {
    match session_id {
        Some(session) => GridContext::Session(session),
        None => GridContext::FollowUp(date.unwrap_or_default()),
    }
}

#[tauri::command]
pub async fn competency_grid(
    state: State<'_, AppState>,
    person_id: String,
    framework_id: String,
    session_id: Option<String>,
    date: Option<String>,
) -> Answer<CompetencyGrid> {
    state.with(|b| b.competency_grid(&person_id, &framework_id, &context(session_id, date)))
}

#[tauri::command]
#[allow(clippy::too_many_arguments)]
pub async fn rate_criterion(
    state: State<'_, AppState>,
    person_id: String,
    framework_id: String,
    session_id: Option<String>,
    date: Option<String>,
    competency_id: String,
    criterion_id: String,
    level: String,
) -> Answer<CompetencyRating> {
    state.with(|b| {
        b.rate_criterion(&person_id, &framework_id, &context(session_id, date), &competency_id, &criterion_id, &level)
    })
}

#[tauri::command]
pub async fn progression(state: State<'_, AppState>, person_id: String) -> Answer<Vec<ProgressionRow>> {
    state.with(|b| b.progression(&person_id))
}
