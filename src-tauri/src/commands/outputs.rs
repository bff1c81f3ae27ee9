//! Documents and files for others: printable PDFs and the donor workbook.

use super::Answer;
use crate::state::AppState;
use binome_core::domain::indicators::Scope;
use std::path::PathBuf;
use tauri::State;

fn write(path: &str, bytes: Vec<u8>) -> Result<(), binome_core::CoreError> {
    let path = PathBuf::from(path);
    std::fs::write(&path, bytes).map_err(|e| binome_core::CoreError::io(&path, e))
}

#[tauri::command]
pub async fn print_attendance_sheet(state: State<'_, AppState>, session_id: String, path: String) -> Answer<()> {
    let m = state.messages();
    state.with(|b| write(&path, b.attendance_sheet_pdf(&session_id, &m)?))
}

#[tauri::command]
pub async fn print_certificate(
    state: State<'_, AppState>,
    person_id: String,
    mission_id: String,
    path: String,
) -> Answer<()> {
    let m = state.messages();
    state.with(|b| write(&path, b.certificate_pdf(&person_id, &mission_id, &m)?))
}

#[tauri::command]
pub async fn print_mission_report(state: State<'_, AppState>, mission_id: String, path: String) -> Answer<()> {
    let m = state.messages();
    state.with(|b| write(&path, b.mission_report_pdf(&mission_id, &m)?))
}

/// The donor workbook of one mission (indicators, then its records).
#[tauri::command]
pub async fn export_mission_workbook(
    state: State<'_, AppState>,
    mission_id: String,
    path: String,
    pseudonymise: bool,
) -> Answer<()> {
    let m = state.messages();
    let scope = Scope { mission_id: Some(mission_id), ..Scope::default() };
    state.with(|b| write(&path, b.donor_workbook(&scope, &[], true, pseudonymise, &m)?))
}
