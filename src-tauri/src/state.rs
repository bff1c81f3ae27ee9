//! The one open store, shared by every command, and the language the UI
//! chose for the sentences the core writes.

use crate::chosen::{Access, ChosenFiles};
use binome_core::i18n::{Lang, Messages};
use binome_core::views::ErrorView;
use binome_core::{Binome, CoreError};
use std::path::PathBuf;
use std::sync::Mutex;

pub struct AppState {
    binome: Mutex<Result<Binome, ErrorView>>,
    /// A second connection to the same store for long reports (a country's
    /// indicators take seconds): WAL lets it read while the first one
    /// serves every other screen and writes. Opened on first use.
    reports: Mutex<Option<Binome>>,
    store_path: PathBuf,
    lang: Mutex<Lang>,
    /// The files the person chose in this run's dialogs.
    pub chosen: ChosenFiles,
}

impl AppState {
    /// Opens the store the CLI uses by default. A store that cannot be
    /// opened (a newer Binôme's, a damaged disk) is reported to the UI
    /// instead of closing the window.
    pub fn open(store_path: PathBuf) -> AppState {
        if let Some(dir) = store_path.parent() {
            let _ = binome_core::private::create_private_dir(dir);
        }
        let messages = Messages::new(Lang::Fr);
        let binome = Binome::open(&store_path).map_err(|e| ErrorView::from_core(&e, &messages));
        AppState {
            binome: Mutex::new(binome),
            reports: Mutex::new(None),
            store_path,
            lang: Mutex::new(Lang::Fr),
            chosen: ChosenFiles::default(),
        }
    }

    pub fn set_lang(&self, lang: Lang) {
        *self.lang.lock().unwrap_or_else(|p| p.into_inner()) = lang;
    }

    pub fn messages(&self) -> Messages {
        Messages::new(*self.lang.lock().unwrap_or_else(|p| p.into_inner()))
    }

    /// A path the person chose to open, or the refusal naming it.
    pub fn readable(&self, path: &str) -> Result<PathBuf, ErrorView> {
        self.chosen.check(Access::Read, path, &self.messages())
    }

    /// A path the person chose to save to, or the refusal naming it.
    pub fn writable(&self, path: &str) -> Result<PathBuf, ErrorView> {
        self.chosen.check(Access::Write, path, &self.messages())
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

    /// Runs a read-only report on the reports connection, so a long one
    /// does not hold the other commands back. Reports never write.
    pub fn reading<T>(&self, work: impl FnOnce(&Binome) -> Result<T, CoreError>) -> Result<T, ErrorView> {
        let mut guard = self.reports.lock().unwrap_or_else(|p| p.into_inner());
        if guard.is_none() {
            // The main connection opened (and migrated) the store first.
            self.with(|_| Ok(()))?;
            let opened = Binome::open(&self.store_path).map_err(|e| ErrorView::from_core(&e, &self.messages()))?;
            *guard = Some(opened);
        }
        let binome = guard.as_ref().expect("opened above");
        work(binome).map_err(|e| ErrorView::from_core(&e, &self.messages()))
    }
}

#[cfg(test)]
mod tests {
    use super::AppState;
    use binome_core::DeviceRole;
    use std::sync::{Arc, mpsc};
    use std::time::Duration;

    #[test]
    fn a_long_report_does_not_hold_the_other_screens_back() {
        let dir = tempfile::tempdir().unwrap();
        let state = Arc::new(AppState::open(dir.path().join("binome.sqlite3")));
        state.with(|b| b.init("Bureau", "Awa", DeviceRole::Coordinator).map(drop)).unwrap();
        let (started, report_running) = mpsc::channel();
        let (release, report_may_end) = mpsc::channel::<()>();
        let report = {
            let state = Arc::clone(&state);
            std::thread::spawn(move || {
                state.reading(|b| {
                    started.send(()).unwrap();
                    report_may_end.recv().unwrap();
                    b.indicators(&Default::default(), None).map(drop)
                })
            })
        };
        report_running.recv().unwrap();
        let (answered, answer) = mpsc::channel();
        {
            let state = Arc::clone(&state);
            std::thread::spawn(move || answered.send(state.with(|b| b.status_view()).is_ok()));
        }
        let other = answer.recv_timeout(Duration::from_secs(10));
        release.send(()).unwrap();
        assert_eq!(other, Ok(true), "another screen answered while the report ran");
        report.join().unwrap().unwrap();
    }
}
