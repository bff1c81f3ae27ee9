//! Errors as the CLI prints them; the sentences come from the core.

use binome_core::i18n::Messages;

pub use binome_core::describe::{describe as describe_core, row_problems};

pub fn describe(error: &anyhow::Error, m: &Messages) -> String {
    let Some(core) = error.downcast_ref::<binome_core::CoreError>() else {
        return format!("{error:#}\n");
    };
    describe_core(core, m)
}
