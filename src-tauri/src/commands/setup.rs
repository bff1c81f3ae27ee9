//! First start: this laptop's identity, the language, demo data.

use super::Answer;
use crate::state::AppState;
use binome_core::DeviceRole;
use binome_core::demo::DemoScale;
use binome_core::i18n::Lang;
use binome_core::views::StatusView;
use tauri::State;

/// The demo's seed: the same data every time, as in `binome demo`.
const DEMO_SEED: u64 = 42;

#[tauri::command]
pub async fn status(state: State<'_, AppState>) -> Answer<StatusView> {
    state.with(|b| b.status_view())
}

/// The language of the sentences the core writes (errors, problems).
#[tauri::command]
pub async fn set_language(state: State<'_, AppState>, lang: Lang) -> Answer<()> {
    state.set_lang(lang);
    Ok(())
}

#[tauri::command]
pub async fn init_device(
    state: State<'_, AppState>,
    name: String,
    author: String,
    role: DeviceRole,
) -> Answer<StatusView> {
    state.with(|b| {
        b.init(name.trim(), author.trim(), role)?;
        b.status_view()
    })
}

#[tauri::command]
pub async fn load_demo(state: State<'_, AppState>) -> Answer<StatusView> {
    state.with(|b| {
        b.load_demo(DEMO_SEED, DemoScale::Mission)?;
        b.status_view()
    })
}
