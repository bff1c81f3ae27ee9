//! The commands the UI invokes. Each one hands its arguments to one
//! `binome-core` use case and returns the core's view or its error as the
//! UI shows it; nothing here knows SQL or the domain's rules.
//!
//! Every command is `async` so that Tauri runs it off the window's thread:
//! a long import never freezes the UI.

pub mod backups;
pub mod competency;
pub mod files;
pub mod lock;
pub mod nearby;
pub mod outputs;
pub mod records;
pub mod recovery;
pub mod review;
pub mod session;
pub mod setup;
pub mod sync;

use binome_core::views::ErrorView;

/// What every command returns to the UI.
pub type Answer<T> = Result<T, ErrorView>;

/// An error that does not come from the core (a file dialog that failed).
pub fn shell_error(code: &str, message: String) -> ErrorView {
    ErrorView { code: code.to_owned(), message, problems: Vec::new(), rows: Vec::new() }
}
