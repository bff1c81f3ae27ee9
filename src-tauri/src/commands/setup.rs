//! First start: this laptop's identity, the language, demo data.

use super::Answer;
use crate::state::AppState;
use binome_core::DeviceRole;
use binome_core::demo::DemoScale;
use binome_core::i18n::Lang;
use binome_core::views::StatusView;
use serde::Deserialize;
use tauri::State;
use ts_rs::TS;

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

/// What the first start asks: named fields, so that the laptop's name and
/// its user's cannot be swapped on the way.
#[derive(Debug, Deserialize, TS)]
pub struct NewDevice {
    /// The laptop, as its peers will see it.
    pub name: String,
    /// Who uses it, as their records will show.
    pub author: String,
    pub role: DeviceRole,
}

#[tauri::command]
pub async fn init_device(state: State<'_, AppState>, device: NewDevice) -> Answer<StatusView> {
    state.with(|b| {
        b.init(device.name.trim(), device.author.trim(), device.role)?;
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
