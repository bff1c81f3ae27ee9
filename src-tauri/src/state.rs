//! The one open store, shared by every command, and the language the UI
//! chose for the sentences the core writes.

use binome_core::i18n::{Lang, Messages};
use binome_core::views::ErrorView;
use binome_core::{Binome, CoreError};
use std::path::PathBuf;
use std::sync::Mutex;

pub struct AppState {
    binome: Mutex<Result<Binome, ErrorView>>,
    lang: Mutex<Lang>,
}

impl AppState {
    /// Opens the store the CLI uses by default. A store that cannot be
    /// opened (a newer Binôme's, a damaged disk) is reported to the UI
    /// instead of closing the window.
    pub fn open(store_path: PathBuf) -> AppState {
        if let Some(dir) = store_path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let messages = Messages::new(Lang::Fr);
        let binome = Binome::open(&store_path).map_err(|e| ErrorView::from_core(&e, &messages));
        AppState { binome: Mutex::new(binome), lang: Mutex::new(Lang::Fr) }
    }

    pub fn set_lang(&self, lang: Lang) {
        *self.lang.lock().unwrap_or_else(|p| p.into_inner()) = lang;
    }

    pub fn messages(&self) -> Messages {
        Messages::new(*self.lang.lock().unwrap_or_else(|p| p.into_inner()))
    }

    /// Runs one use case on the store; a core error becomes the sentence
    /// and marked fields the UI shows.
    pub fn with<T>(&self, work: impl FnOnce(&mut Binome) -> Result<T, CoreError>) -> Result<T, ErrorView> {
        // A panic in an earlier command must not lock the user out: the
        // store itself is consistent (every write is one transaction).
        let mut guard = self.binome.lock().unwrap_or_else(|p| p.into_inner());
        let binome = guard.as_mut().map_err(|e| e.clone())?;
        work(binome).map_err(|e| ErrorView::from_core(&e, &self.messages()))
    }
}
