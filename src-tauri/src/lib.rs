//! Binôme's desktop app: a Tauri v2 window over `binome-core`. The UI (in
//! `ui/`) is built into the binary; the store is the one the CLI opens by
//! default, so both see the same data.

pub mod bindings;
mod chosen;
#[cfg(test)]
mod command_bindings;
mod commands;
mod nearby;
mod state;

use state::AppState;
use tauri::Manager;

/// `--store PATH` opens another store than the default one (a colleague's
/// copy, a test's); otherwise the CLI's default store.
fn store_path_from(args: impl Iterator<Item = String>) -> std::path::PathBuf {
    let mut args = args.skip_while(|a| a != "--store").skip(1);
    args.next().map(std::path::PathBuf::from).unwrap_or_else(binome_core::default_store_path)
}

/// `--nearby-port N` waits for the laptops nearby on another port than
/// Binôme's (a computer where 47474 is taken, two apps on one machine).
fn nearby_port_from(args: impl Iterator<Item = String>) -> u16 {
    let mut args = args.skip_while(|a| a != "--nearby-port").skip(1);
    args.next().and_then(|port| port.parse().ok()).unwrap_or(binome_core::NEARBY_PORT)
}

/// Notes files the person dropped on the window as chosen for reading.
fn dropped(app: &tauri::AppHandle, paths: &[std::path::PathBuf]) {
    let state = app.state::<AppState>();
    for path in paths {
        state.chosen.remember(chosen::Access::Read, path);
    }
}

/// Reads the dashboard's facts on the reports connection in the
/// background, so the first dashboard of a session (seconds for a
/// country's store) is counted from memory when the person opens it.
pub(crate) fn prepare_dashboard(app: &tauri::AppHandle) {
    let app = app.clone();
    std::thread::spawn(move || {
        // Locked, or failing: the dashboard itself asks again and shows
        // the error where the person sees it.
        let _ = app.state::<AppState>().reading(|b| b.prepare_dashboard());
    });
}

pub fn run() {
    let store_path = store_path_from(std::env::args());
    let nearby_port = nearby_port_from(std::env::args());
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(AppState::open(store_path, nearby_port))
        .setup(|app| {
            prepare_dashboard(app.handle());
            Ok(())
        })
        // Files dropped on the window are chosen too, as the system tells
        // it here (the page's copy of the event is not trusted). Tauri runs
        // these handlers right after passing the event to the page, before
        // the page can ask for the file.
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
                dropped(window.app_handle(), paths);
            }
        })
        .on_webview_event(|webview, event| {
            if let tauri::WebviewEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
                dropped(webview.app_handle(), paths);
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::lock::lock_state,
            commands::lock::unlock,
            commands::lock::lock,
            commands::lock::change_passphrase,
            commands::lock::remembered_here,
            commands::lock::remember_here,
            commands::recovery::save_recovery_kit,
            commands::recovery::save_recovery_kit_pdf,
            commands::recovery::reset_from_recovery_kit,
            commands::backups::backups,
            commands::backups::back_up_now,
            commands::backups::restore_backup,
            commands::setup::status,
            commands::setup::set_language,
            commands::setup::init_device,
            commands::setup::load_demo,
            commands::records::fields,
            commands::records::list_records,
            commands::records::get_record,
            commands::records::save_record,
            commands::records::delete_record,
            commands::records::preview_import,
            commands::records::import_file,
            commands::records::save_import_template,
            commands::records::duplicates,
            commands::records::merge_persons,
            commands::records::erase_person,
            commands::session::roster,
            commands::session::mark_attendance,
            commands::session::mark_all_present,
            commands::session::score_grid,
            commands::session::enter_score,
            commands::nearby::nearby_listen,
            commands::nearby::nearby_stop,
            commands::nearby::nearby_discover,
            commands::nearby::nearby_sync,
            commands::sync::devices,
            commands::sync::bundles_sent_to,
            commands::sync::export_bundle,
            commands::sync::preview_bundle,
            commands::sync::import_bundle,
            commands::sync::quarantine,
            commands::sync::trust_device,
            commands::sync::reject_device,
            commands::sync::revoke_device,
            commands::sync::trust_revoked_device,
            commands::sync::conflicts,
            commands::sync::settle_conflict,
            commands::outputs::print_attendance_sheet,
            commands::outputs::print_certificate,
            commands::outputs::print_mission_report,
            commands::outputs::export_mission_workbook,
            commands::outputs::export_workbook,
            commands::outputs::export_csv,
            commands::outputs::dhis2_template,
            commands::outputs::dhis2_export,
            commands::outputs::dhis2_push,
            commands::outputs::indicators,
            commands::review::review_queue,
            commands::review::session_review,
            commands::review::review_session,
            commands::review::submit_session,
            commands::competency::competency_grid,
            commands::competency::rate_criterion,
            commands::competency::progression,
            commands::files::pick_file,
            commands::files::pick_save,
        ])
        .run(tauri::generate_context!())
        .expect("the window opens (a display is needed)");
}

#[cfg(test)]
mod tests {
    use super::store_path_from;

    #[test]
    fn store_flag_chooses_the_file() {
        let args = ["binome-desktop", "--store", "/tmp/other.sqlite3"].map(String::from);
        assert_eq!(store_path_from(args.into_iter()), std::path::PathBuf::from("/tmp/other.sqlite3"));
        let args = ["binome-desktop"].map(String::from);
        assert_eq!(store_path_from(args.into_iter()), binome_core::default_store_path());
    }
}
