//! The one store, locked or open, shared by every command, and the
//! language the UI chose for the sentences the core writes.

use crate::chosen::{Access, ChosenFiles};
use binome_core::i18n::{Lang, Messages};
use binome_core::vault::{Passphrase, StoreState, store_state};
use binome_core::views::ErrorView;
use binome_core::{Binome, CoreError};
use std::path::PathBuf;
use std::sync::Mutex;

/// The store as the window has it.
enum Slot {
    /// Its key is not in memory: every command but unlocking is refused.
    Locked,
    // Boxed: a Binome is large beside the other states.
    Open(Box<Binome>),
    /// It cannot be opened at all (a newer Binôme's, its key file lost).
    Unavailable(ErrorView),
}

/// The code of a command refused while the store is locked: the UI then
/// shows the unlock screen.
pub const LOCKED: &str = "locked";

pub struct AppState {
    binome: Mutex<Slot>,
    /// A second connection to the same store for long reports (a country's
    /// indicators take seconds): WAL lets it read while the first one
    /// serves every other screen and writes. Opened on first use.
    reports: Mutex<Option<Binome>>,
    store_path: PathBuf,
    lang: Mutex<Lang>,
    /// The files the person chose in this run's dialogs.
    pub chosen: ChosenFiles,
    /// Waiting for the laptops nearby, while the sync screen is open.
    nearby: Mutex<Option<crate::nearby::Listening>>,
    /// The port it waits on: Binôme's, unless `--nearby-port` says.
    pub nearby_port: u16,
}

impl AppState {
    /// The store the CLI uses by default, locked until the person gives
    /// its passphrase. One that can never be opened (its key file lost) is
    /// reported to the UI instead of closing the window.
    pub fn open(store_path: PathBuf, nearby_port: u16) -> AppState {
        if let Some(dir) = store_path.parent() {
            let _ = binome_core::private::create_private_dir(dir);
        }
        let messages = Messages::new(Lang::Fr);
        let slot = match store_state(&store_path) {
            // A key remembered on this computer opens it at once; a keychain
            // that does not answer leaves it to the passphrase.
            Ok(StoreState::Locked) => match Binome::open_remembered(&store_path) {
                Ok(Some(binome)) => Slot::Open(Box::new(binome)),
                Ok(None) | Err(_) => Slot::Locked,
            },
            Ok(_) => Slot::Locked,
            Err(e) => Slot::Unavailable(ErrorView::from_core(&e.into(), &messages)),
        };
        AppState {
            binome: Mutex::new(slot),
            reports: Mutex::new(None),
            store_path,
            lang: Mutex::new(Lang::Fr),
            nearby: Mutex::new(None),
            nearby_port,
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

    fn slot(&self) -> std::sync::MutexGuard<'_, Slot> {
        // A panic in an earlier command must not lock the user out: the
        // store itself is consistent (every write is one transaction).
        self.binome.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// What the window shows first: the store open, or what unlocking it
    /// asks for.
    pub fn lock_state(&self) -> Result<Option<StoreState>, ErrorView> {
        match &*self.slot() {
            Slot::Open(_) => Ok(None),
            Slot::Unavailable(error) => Err(error.clone()),
            Slot::Locked => {
                store_state(&self.store_path).map(Some).map_err(|e| ErrorView::from_core(&e.into(), &self.messages()))
            }
        }
    }

    /// Opens the store with its passphrase, or with a new one for a new
    /// store or one from before encryption; `replacing_key` is called
    /// before a long unlock that puts the store under a new key.
    pub fn unlock(&self, passphrase: &Passphrase, replacing_key: impl FnOnce()) -> Result<(), ErrorView> {
        let mut slot = self.slot();
        if matches!(*slot, Slot::Open(_)) {
            return Ok(());
        }
        let state = store_state(&self.store_path).map_err(|e| ErrorView::from_core(&e.into(), &self.messages()))?;
        let opened = match state {
            StoreState::New | StoreState::Unprotected => Binome::set_up(&self.store_path, passphrase),
            StoreState::Locked => Binome::unlock_telling(&self.store_path, passphrase, replacing_key),
        };
        *slot = Slot::Open(Box::new(opened.map_err(|e| ErrorView::from_core(&e, &self.messages()))?));
        Ok(())
    }

    /// Closes both connections: the key leaves memory with them.
    pub fn lock(&self) {
        let mut slot = self.slot();
        if matches!(*slot, Slot::Open(_)) {
            *slot = Slot::Locked;
        }
        *self.reports.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }

    /// Runs one use case on the store; a core error becomes the sentence
    /// and marked fields the UI shows.
    pub fn with<T>(&self, work: impl FnOnce(&mut Binome) -> Result<T, CoreError>) -> Result<T, ErrorView> {
        let mut slot = self.slot();
        let binome = match &mut *slot {
            Slot::Open(binome) => binome,
            Slot::Unavailable(error) => return Err(error.clone()),
            Slot::Locked => return Err(self.locked()),
        };
        work(binome).map_err(|e| ErrorView::from_core(&e, &self.messages()))
    }

    fn locked(&self) -> ErrorView {
        crate::commands::shell_error(LOCKED, self.messages().text("ui-error-locked", &[]))
    }

    /// Starts or stops waiting for the laptops nearby.
    pub fn listening<T>(
        &self,
        work: impl FnOnce(&mut Option<crate::nearby::Listening>) -> Result<T, ErrorView>,
    ) -> Result<T, ErrorView> {
        work(&mut self.nearby.lock().unwrap_or_else(|p| p.into_inner()))
    }

    /// Runs a read-only report on the reports connection, so a long one
    /// does not hold the other commands back. Reports never write.
    pub fn reading<T>(&self, work: impl FnOnce(&Binome) -> Result<T, CoreError>) -> Result<T, ErrorView> {
        let mut guard = self.reports.lock().unwrap_or_else(|p| p.into_inner());
        if guard.is_none() {
            // The main connection opened (and migrated) the store first.
            *guard = Some(self.with(|b| b.reopen())?);
        }
        let binome = guard.as_ref().expect("opened above");
        work(binome).map_err(|e| ErrorView::from_core(&e, &self.messages()))
    }
}

/// A coordinator's laptop set up in `dir`, unlocked: what the shell's
/// tests start from.
#[cfg(test)]
pub(crate) fn unlocked_for_tests(dir: &std::path::Path) -> std::sync::Arc<AppState> {
    let state = std::sync::Arc::new(AppState::open(dir.join("binome.sqlite3"), binome_core::NEARBY_PORT));
    state.unlock(&binome_core::vault::Passphrase::new("la case de Mme Acta"), || {}).unwrap();
    state.with(|b| b.init("Bureau", "Awa", binome_core::DeviceRole::Coordinator).map(drop)).unwrap();
    state
}

#[cfg(test)]
mod tests {
    use super::AppState;
    use binome_core::DeviceRole;
    use std::sync::{Arc, mpsc};
    use std::time::Duration;

    #[test]
    fn nothing_answers_while_locked_and_locking_closes_both_connections() {
        use binome_core::vault::{Passphrase, StoreState};
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(dir.path().join("binome.sqlite3"), binome_core::NEARBY_PORT);
        assert_eq!(state.lock_state().unwrap(), Some(StoreState::New));
        assert_eq!(state.with(|b| b.status_view()).map(drop).unwrap_err().code, super::LOCKED);
        state.unlock(&Passphrase::new("la case de Mme Acta"), || {}).unwrap();
        state.with(|b| b.init("Bureau", "Awa", DeviceRole::Coordinator).map(drop)).unwrap();
        state.reading(|b| b.device().map(drop)).unwrap();
        state.lock();
        assert_eq!(state.lock_state().unwrap(), Some(StoreState::Locked));
        assert_eq!(state.with(|b| b.status_view()).map(drop).unwrap_err().code, super::LOCKED);
        assert_eq!(state.reading(|b| b.device().map(drop)).unwrap_err().code, super::LOCKED);
        let wrong = state.unlock(&Passphrase::new("la case de Mme Achta"), || {}).unwrap_err();
        assert_eq!(wrong.code, "wrong-passphrase");
        state.unlock(&Passphrase::new("la case de Mme Acta"), || {}).unwrap();
        assert_eq!(state.lock_state().unwrap(), None);
        assert_eq!(state.with(|b| b.status_view()).unwrap().device.map(|d| d.author), Some("Awa".to_owned()));
    }

    /// Needs a Secret Service in the session: `scripts/test.sh` runs it
    /// under `dbus-run-session` with an unlocked gnome-keyring.
    #[test]
    #[ignore = "needs the session's keychain: run by scripts/test.sh under dbus-run-session"]
    fn a_store_remembered_on_this_computer_opens_at_start_and_asks_again_once_locked() {
        use binome_core::vault::{Passphrase, StoreState};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("binome.sqlite3");
        let state = AppState::open(path.clone(), binome_core::NEARBY_PORT);
        state.unlock(&Passphrase::new("la case de Mme Acta"), || {}).unwrap();
        state.with(|b| b.init("Bureau", "Awa", DeviceRole::Coordinator).map(drop)).unwrap();
        state.with(|b| b.remember_on_this_computer(true)).unwrap();
        drop(state);

        let restarted = AppState::open(path.clone(), binome_core::NEARBY_PORT);
        assert_eq!(restarted.lock_state().unwrap(), None, "opened from the keychain");
        assert_eq!(restarted.with(|b| b.status_view()).unwrap().device.map(|d| d.author), Some("Awa".to_owned()));
        restarted.lock();
        assert_eq!(restarted.lock_state().unwrap(), Some(StoreState::Locked), "locking asks the passphrase");
        restarted.unlock(&Passphrase::new("la case de Mme Acta"), || {}).unwrap();
        restarted.with(|b| b.remember_on_this_computer(false)).unwrap();
        drop(restarted);
        assert_eq!(
            AppState::open(path, binome_core::NEARBY_PORT).lock_state().unwrap(),
            Some(StoreState::Locked),
            "forgotten"
        );
    }

    #[test]
    fn a_long_report_does_not_hold_the_other_screens_back() {
        let dir = tempfile::tempdir().unwrap();
        let state = super::unlocked_for_tests(dir.path());
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
