//! Documents and files for others: printable PDFs and the donor workbook.

use super::Answer;
use crate::state::AppState;
use binome_core::dhis2::Dhis2Format;
use binome_core::domain::disclosure::Disclosure;
use binome_core::domain::indicators::{Breakdown, Scope};
use binome_core::exports::CsvRequest;
use binome_core::i18n::Messages;
use binome_core::views::ScopeText;
use binome_core::{Binome, CoreError};
use std::path::Path;
use tauri::State;

fn write(path: &Path, bytes: Vec<u8>) -> Result<(), CoreError> {
    binome_core::private::write_private(path, &bytes).map_err(|e| CoreError::io(path, e))
}

/// A document made from the store in the person's language, written to
/// the file they chose in the save dialog.
fn write_document(
    state: &AppState,
    path: &str,
    make: impl FnOnce(&mut Binome, &Messages) -> Result<Vec<u8>, CoreError>,
) -> Answer<()> {
    let path = state.writable(path)?;
    let m = state.messages();
    state.with(|b| write(&path, make(b, &m)?))
}

#[tauri::command]
pub async fn print_attendance_sheet(state: State<'_, AppState>, session_id: String, path: String) -> Answer<()> {
    write_document(&state, &path, |b, m| b.attendance_sheet_pdf(&session_id, m))
}

#[tauri::command]
pub async fn print_certificate(
    state: State<'_, AppState>,
    person_id: String,
    mission_id: String,
    path: String,
) -> Answer<()> {
    write_document(&state, &path, |b, m| b.certificate_pdf(&person_id, &mission_id, m))
}

#[tauri::command]
pub async fn print_mission_report(state: State<'_, AppState>, mission_id: String, path: String) -> Answer<()> {
    write_document(&state, &path, |b, m| b.mission_report_pdf(&mission_id, m))
}

/// The donor workbook of one mission (indicators, then its records).
#[tauri::command]
pub async fn export_mission_workbook(
    state: State<'_, AppState>,
    mission_id: String,
    path: String,
    pseudonymise: bool,
    disclosure: Disclosure,
) -> Answer<()> {
    let scope = Scope { mission_id: Some(mission_id), ..Scope::default() };
    write_document(&state, &path, |b, m| b.donor_workbook(&scope, &[], true, pseudonymise, disclosure, m))
}

fn scope(b: &Binome, s: &ScopeText) -> Result<Scope, CoreError> {
    b.scope_from_view(s)
}

/// The common indicators for a scope, split by one breakdown or none: the
/// dashboard's and the debrief's figures, the same as `binome indicators`.
#[tauri::command]
pub async fn indicators(
    state: State<'_, AppState>,
    scope_text: ScopeText,
    by: Option<Breakdown>,
) -> Answer<binome_core::indicators::IndicatorReport> {
    let m = state.messages();
    state.reading(|b| {
        let mut report = b.indicators(&scope(b, &scope_text)?, by)?;
        // The CLI's group names, so both front ends read the same.
        if let Some(by) = by {
            for group in &mut report.groups {
                group.label = binome_core::exports::group_label(&m, by, &group.key, &group.label);
            }
        }
        Ok(report)
    })
}

/// The donor workbook for a programme and period.
#[tauri::command]
pub async fn export_workbook(
    state: State<'_, AppState>,
    scope_text: ScopeText,
    pseudonymise: bool,
    disclosure: Disclosure,
    path: String,
) -> Answer<()> {
    write_document(&state, &path, |b, m| {
        b.donor_workbook(&scope(b, &scope_text)?, &[], true, pseudonymise, disclosure, m)
    })
}

/// One table as CSV, French Excel dialect or plain.
#[tauri::command]
pub async fn export_csv(
    state: State<'_, AppState>,
    scope_text: ScopeText,
    request: CsvRequest,
    path: String,
) -> Answer<()> {
    write_document(&state, &path, |b, m| b.csv_export(&scope(b, &scope_text)?, &request, m))
}

#[tauri::command]
pub async fn dhis2_template(state: State<'_, AppState>, path: String) -> Answer<()> {
    let path = state.writable(&path)?;
    state.with(|b| {
        let template = b.dhis2_template()?;
        write(&path, serde_json::to_vec_pretty(&template).expect("the template serialises"))
    })
}

/// Sends the values of a period to a DHIS2 server: `dry_run` first (DHIS2
/// checks and imports nothing), then for real once the person confirms.
#[tauri::command]
#[allow(clippy::too_many_arguments)]
pub async fn dhis2_push(
    state: State<'_, AppState>,
    mapping_path: String,
    period: String,
    programme: Option<String>,
    server: String,
    user: String,
    password: String,
    dry_run: bool,
) -> Answer<binome_core::dhis2::ImportSummary> {
    use binome_core::dhis2::{Dhis2Auth, data_value_sets_json, push_data_value_sets};
    let mapping_path = state.readable(&mapping_path)?;
    state.with(|b| {
        let export = b.dhis2_export_from_file(&mapping_path, &period, programme.as_deref())?;
        let body = data_value_sets_json(&export, None);
        let auth = Dhis2Auth::Basic { user, password };
        push_data_value_sets(&server, &auth, &body, dry_run).map_err(binome_core::CoreError::Dhis2)
    })
}

/// DHIS2 values of a period (`json` or `adx`); the number of values.
#[tauri::command]
pub async fn dhis2_export(
    state: State<'_, AppState>,
    mapping_path: String,
    period: String,
    programme: Option<String>,
    format: Dhis2Format,
    path: String,
) -> Answer<u32> {
    let mapping_path = state.readable(&mapping_path)?;
    let path = state.writable(&path)?;
    state.with(|b| {
        let export = b.dhis2_export_from_file(&mapping_path, &period, programme.as_deref())?;
        let body = format.render(&export, &binome_core::utc_now_iso());
        write(&path, body.into_bytes())?;
        Ok(export.values.len() as u32)
    })
}
