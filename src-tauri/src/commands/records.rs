//! Lists, forms, participants' imports and duplicates.

use super::Answer;
use crate::state::AppState;
use binome_core::PersonMerge;
use binome_core::domain::Kind;
use binome_core::import::{ImportKind, ImportOptions};
use binome_core::views::ImportRequest;
use binome_core::views::{self, FieldView, ImportPreview, ListRequest, Page, RecordView};
use std::collections::BTreeMap;
use tauri::State;

#[tauri::command]
pub async fn fields(kind: Kind) -> Answer<Vec<FieldView>> {
    Ok(views::field_views(kind))
}

#[tauri::command]
pub async fn list_records(state: State<'_, AppState>, request: ListRequest) -> Answer<Page> {
    state.with(|b| b.list_page(&request))
}

#[tauri::command]
pub async fn get_record(state: State<'_, AppState>, kind: Kind, id: String) -> Answer<RecordView> {
    state.with(|b| b.record(kind, &id))
}

/// Creates (no id) or edits a record from the text a form holds.
#[tauri::command]
pub async fn save_record(
    state: State<'_, AppState>,
    kind: Kind,
    id: Option<String>,
    input: BTreeMap<String, String>,
) -> Answer<RecordView> {
    state.with(|b| b.save_form(kind, id.as_deref(), &input))
}

#[tauri::command]
pub async fn delete_record(state: State<'_, AppState>, kind: Kind, id: String) -> Answer<RecordView> {
    state.with(|b| {
        let row = b.delete(kind, &id)?;
        Ok(b.record_view(&row))
    })
}

/// Both import commands: a rehearsal (`dry_run`) or the real import.
fn run_import(state: &AppState, request: ImportRequest, dry_run: bool) -> Answer<ImportPreview> {
    let kind = request.kind;
    let options = ImportOptions {
        mission: request.mission_id.filter(|m| !m.is_empty()),
        sheet: request.sheet.filter(|s| !s.is_empty()),
        hidden_rows: request.hidden_rows,
        columns: request.choices.columns,
        values: request.choices.values,
        dry_run,
        ..ImportOptions::default()
    };
    let path = state.readable(&request.path)?;
    let m = state.messages();
    state.with(|b| b.import_with_rows(kind, &path, &options, &m))
}

/// Every row of the file and every problem, nothing written.
#[tauri::command]
pub async fn preview_import(state: State<'_, AppState>, request: ImportRequest) -> Answer<ImportPreview> {
    run_import(&state, request, true)
}

/// Imports all rows or none (after a backup of the store).
#[tauri::command]
pub async fn import_file(state: State<'_, AppState>, request: ImportRequest) -> Answer<ImportPreview> {
    run_import(&state, request, false)
}

#[tauri::command]
pub async fn duplicates(state: State<'_, AppState>) -> Answer<Vec<views::DuplicateView>> {
    state.with(|b| b.duplicate_views())
}

/// Counts one person's records as another's: a record that syncs,
/// nothing deleted.
#[tauri::command]
pub async fn merge_persons(state: State<'_, AppState>, merge: PersonMerge) -> Answer<RecordView> {
    state.with(|b| {
        let row = b.merge_persons(&merge)?;
        Ok(b.record_view(&row))
    })
}

/// Erases a person at their request (a coordinator's laptop only): the
/// person as shown from then on, under a code.
#[tauri::command]
pub async fn erase_person(
    state: State<'_, AppState>,
    person_id: String,
    reference: Option<String>,
) -> Answer<RecordView> {
    state.with(|b| {
        b.erase_person(&person_id, reference.as_deref())?;
        let person = b.get(binome_core::domain::Kind::Person, &person_id)?;
        Ok(b.record_view(&person))
    })
}

/// The spreadsheet template of an import, as an Excel workbook with the
/// headings in the app's language.
#[tauri::command]
pub async fn save_import_template(state: State<'_, AppState>, kind: ImportKind, path: String) -> Answer<()> {
    let path = state.writable(&path)?;
    let m = state.messages();
    state.with(|_| {
        let bytes = binome_core::import::template_xlsx(kind, &m)?;
        binome_core::private::write_private(&path, &bytes).map_err(|e| binome_core::CoreError::io(&path, e))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chosen::Access;
    use binome_core::DeviceRole;
    use std::path::Path;

    fn request(path: &str) -> ImportRequest {
        ImportRequest {
            kind: ImportKind::Participants,
            path: path.into(),
            mission_id: None,
            sheet: None,
            hidden_rows: Default::default(),
            choices: Default::default(),
        }
    }

    #[test]
    fn the_webview_cannot_make_the_import_read_a_file_the_person_did_not_choose() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(dir.path().join("binome.sqlite3"), binome_core::NEARBY_PORT);
        state.unlock(&binome_core::vault::Passphrase::new("la case de Mme Acta"), || {}).unwrap();
        state.with(|b| b.init("Portable", "Awa", DeviceRole::Expert).map(drop)).unwrap();
        let secret = dir.path().join("id_ed25519");
        std::fs::write(&secret, "Nom;Prénom\nCLEF;PRIVÉE\n").unwrap();
        let secret = secret.display().to_string();
        for dry_run in [true, false] {
            let refused = run_import(&state, request(&secret), dry_run).unwrap_err();
            assert_eq!(refused.code, "path-not-chosen");
            assert!(refused.message.contains(&secret), "{}", refused.message);
        }
        // The same file once the person picked it in the dialog.
        state.chosen.remember(Access::Read, Path::new(&secret));
        let preview = run_import(&state, request(&secret), true).unwrap();
        assert_eq!(preview.rows.len(), 1);
    }
}
