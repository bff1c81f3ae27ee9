//! `binome`: Binôme from a terminal, for coordinators, scripts, tests and
//! benchmarks. Errors are printed as sentences in French (default) or
//! English (`--lang en` or LANG), and mapped to exit codes:
//! 1 refused input (a record, a spreadsheet, a bundle), 2 usage, 3 not
//! found, 4 store or file problem.

mod cli;
mod commands;
mod output;

use binome_core::CoreError;
use binome_core::i18n::{Lang, Messages};
use binome_core::sync::SyncRefusal;
use std::process::ExitCode;

fn main() -> ExitCode {
    let matches = cli::command().get_matches();
    let lang = Lang::detect(matches.get_one::<String>("lang").map(String::as_str));
    let messages = Messages::new(lang);
    match commands::run(&matches, &messages) {
        Ok(code) => code,
        Err(error) => {
            eprint!("{}", commands::errors::describe(&error, &messages));
            ExitCode::from(exit_code(&error))
        }
    }
}

/// The store stays locked: no passphrase, a wrong one, or no key file.
const LOCKED: u8 = 5;

fn exit_code(error: &anyhow::Error) -> u8 {
    if error.downcast_ref::<commands::passphrase::PassphraseError>().is_some() {
        return LOCKED;
    }
    match error.downcast_ref::<CoreError>() {
        Some(
            CoreError::Invalid { .. }
            | CoreError::Import(_)
            | CoreError::UnknownBreakdown(_)
            | CoreError::DemoStoreNotEmpty
            | CoreError::PseudonymKeyUnavailable { .. }
            | CoreError::RoleForbids { .. }
            | CoreError::CoordinatorOnly { .. }
            | CoreError::RevokeOwnLaptop,
        ) => 1,
        Some(
            CoreError::NotFound { .. }
            | CoreError::Ambiguous { .. }
            | CoreError::BackupNotFound(_)
            | CoreError::BackupAmbiguous(..)
            | CoreError::Sync(SyncRefusal::UnknownRecipient { .. } | SyncRefusal::AmbiguousDevice { .. }),
        ) => 3,
        Some(
            CoreError::Bundle(_)
            | CoreError::Sync(_)
            | CoreError::Dhis2(_)
            | CoreError::Nearby(_)
            | CoreError::NearbyPeerRefused { .. }
            | CoreError::NearbyRefusedByPeer { .. },
        ) => 1,
        Some(CoreError::Vault(_)) => LOCKED,
        _ => 4,
    }
}
