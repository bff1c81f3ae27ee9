//! Errors as the CLI prints them; the sentences come from the core.

use binome_core::i18n::Messages;

pub use binome_core::describe::{describe as describe_core, row_problems};

pub fn describe(error: &anyhow::Error, m: &Messages) -> String {
    if let Some(file) = error.downcast_ref::<super::mapping_file::MappingFileError>() {
        let (path, detail) = match file {
            super::mapping_file::MappingFileError::Io { path, source } => (path, source.to_string()),
            super::mapping_file::MappingFileError::Syntax { path, source } => (path, source.message().to_owned()),
        };
        return m.text("error-mapping-file", &[("path", path.clone()), ("detail", detail)]) + "\n";
    }
    if let Some(passphrase) = error.downcast_ref::<super::passphrase::PassphraseError>() {
        return super::passphrase::describe(passphrase, m) + "\n";
    }
    let Some(core) = error.downcast_ref::<binome_core::CoreError>() else {
        return format!("{error:#}\n");
    };
    describe_core(core, m)
}
