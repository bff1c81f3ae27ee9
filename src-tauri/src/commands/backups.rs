//! The backups screen: the backups kept, one taken by hand, one restored.
//! A backup is named by its file name within the store's own folder: the
//! UI never sends a path.

use super::Answer;
use crate::state::AppState;
use binome_core::views::BackupView;
use tauri::State;

#[tauri::command]
pub async fn backups(state: State<'_, AppState>) -> Answer<Vec<BackupView>> {
    state.with(|b| b.backup_views())
}

#[tauri::command]
pub async fn back_up_now(state: State<'_, AppState>) -> Answer<Vec<BackupView>> {
    state.with(|b| b.back_up_by_hand())
}

/// Puts the backup back in place, after a backup of the present state.
/// The dashboard's connection reads the restored store at its next
/// report: its copy of the facts is marked with the change log's last
/// entry, which a restore moves.
#[tauri::command]
pub async fn restore_backup(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    name: String,
) -> Answer<Vec<BackupView>> {
    let restored = state.with(|b| b.restore_backup(&name))?;
    crate::prepare_dashboard(&app);
    Ok(restored)
}

#[cfg(test)]
mod tests {
    use binome_core::domain::{Input, Kind};

    fn add_person(binome: &mut binome_core::Binome, family_name: &str) -> Result<(), binome_core::CoreError> {
        let input: Input = [("family_name".to_owned(), family_name.to_owned())].into_iter().collect();
        binome.add(Kind::Person, &input).map(drop)
    }

    #[test]
    fn a_restore_shows_the_store_as_it_was_on_every_screen_and_names_only_the_store_s_backups() {
        let dir = tempfile::tempdir().unwrap();
        let state = crate::state::unlocked_for_tests(dir.path());
        state.with(|b| add_person(b, "MAHAMAT")).unwrap();
        let taken = state.with(|b| b.back_up_by_hand()).unwrap();
        let by_hand = taken[0].name.clone();
        state.with(|b| add_person(b, "SAISIE-PAR-ERREUR")).unwrap();
        let persons = |b: &binome_core::Binome| b.store().count(Kind::Person).map_err(Into::into);
        assert_eq!(state.reading(persons).unwrap(), 2, "the dashboard's connection reads the store");

        let part = &by_hand[..by_hand.len() - 3];
        for outside in ["../binome.sqlite3", "/etc/passwd", "", part] {
            let refused = state.with(|b| b.restore_backup(outside)).unwrap_err();
            assert_eq!(refused.code, "backup-not-found", "{outside:?}");
        }
        let listed = state.with(|b| b.restore_backup(&by_hand)).unwrap();
        assert_eq!(state.with(|b| b.store().count(Kind::Person).map_err(Into::into)).unwrap(), 1);
        assert_eq!(state.reading(persons).unwrap(), 1, "the reports connection shows the restored store");
        let before_restore = &listed[0];
        assert_eq!(before_restore.reason, binome_core::backups::BackupReason::BeforeRestore);
        let undone = state.with(|b| b.restore_backup(&before_restore.name)).unwrap();
        assert_eq!(state.reading(persons).unwrap(), 2, "restoring the state the restore replaced undoes it");
        assert!(undone.iter().any(|b| b.name == by_hand), "a restore prunes nothing");
    }
}
