//! The system's file dialogs. End-to-end tests cannot click in a GTK
//! dialog, so `BINOME_E2E_PICK` names a file whose content is the answer
//! (a path, or empty for "cancelled"); it is never set in normal use.

use super::{Answer, shell_error};
use crate::chosen::Access;
use crate::state::AppState;
use std::path::Path;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

fn scripted_answer() -> Option<Option<String>> {
    let script = std::env::var_os("BINOME_E2E_PICK")?;
    let answer = std::fs::read_to_string(script).unwrap_or_default().trim().to_owned();
    Some((!answer.is_empty()).then_some(answer))
}

/// What a file is picked for, which sets the dialog's filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum FilePurpose {
    Bundle,
    Pdf,
    Workbook,
    Csv,
    Json,
    Xml,
    /// A list to import: any spreadsheet or delimited text Binôme reads.
    Spreadsheet,
    /// A store file (an expert's, reopened with a recovery kit).
    Store,
}

fn filters(purpose: FilePurpose) -> (&'static str, &'static [&'static str]) {
    match purpose {
        FilePurpose::Bundle => ("Binôme", &["binome"]),
        FilePurpose::Pdf => ("PDF", &["pdf"]),
        FilePurpose::Workbook => ("Excel", &["xlsx"]),
        FilePurpose::Csv => ("CSV", &["csv"]),
        FilePurpose::Json => ("JSON", &["json"]),
        FilePurpose::Xml => ("ADX", &["xml"]),
        FilePurpose::Spreadsheet => ("Excel / CSV", &["xlsx", "xls", "ods", "csv", "txt"]),
        FilePurpose::Store => ("Binôme", &["sqlite3"]),
    }
}

/// The dialog's answer, remembered as chosen for that use.
fn chosen(state: &AppState, access: Access, answer: Option<String>) -> Option<String> {
    if let Some(path) = &answer {
        state.chosen.remember(access, Path::new(path));
    }
    answer
}

/// A file to read, or none if cancelled.
#[tauri::command]
pub async fn pick_file(app: AppHandle, state: State<'_, AppState>, purpose: FilePurpose) -> Answer<Option<String>> {
    if let Some(answer) = scripted_answer() {
        return Ok(chosen(&state, Access::Read, answer));
    }
    let (name, extensions) = filters(purpose);
    let picked = app.dialog().file().add_filter(name, extensions).blocking_pick_file();
    let answer = picked
        .map(|p| p.into_path().map(|p| p.display().to_string()))
        .transpose()
        .map_err(|e| shell_error("dialog", e.to_string()))?;
    Ok(chosen(&state, Access::Read, answer))
}

/// Where to write a file, or none if cancelled.
#[tauri::command]
pub async fn pick_save(
    app: AppHandle,
    state: State<'_, AppState>,
    purpose: FilePurpose,
    suggested: String,
) -> Answer<Option<String>> {
    if let Some(answer) = scripted_answer() {
        return Ok(chosen(&state, Access::Write, answer));
    }
    let (name, extensions) = filters(purpose);
    let picked = app.dialog().file().add_filter(name, extensions).set_file_name(&suggested).blocking_save_file();
    let answer = picked
        .map(|p| p.into_path().map(|p| p.display().to_string()))
        .transpose()
        .map_err(|e| shell_error("dialog", e.to_string()))?;
    Ok(chosen(&state, Access::Write, answer))
}
