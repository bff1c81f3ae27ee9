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
    describe_core_error(core, m)
}

/// A core error's sentences, closed by its code.
pub fn describe_core_error(error: &binome_core::CoreError, m: &Messages) -> String {
    let code = match error {
        // Which field broke which rule, for scripts and tests as for people.
        binome_core::CoreError::Invalid { problems, .. } => {
            let each: Vec<String> = problems.0.iter().map(|p| format!("{}={}", p.field, p.code.as_str())).collect();
            format!("{} ({})", error.code(), each.join(", "))
        }
        // Which refusal, whichever laptop said it.
        binome_core::CoreError::NearbyPeerRefused { refusal, .. }
        | binome_core::CoreError::NearbyRefusedByPeer { refusal, .. } => {
            format!("{} ({})", error.code(), <&str>::from(*refusal))
        }
        _ => error.code().to_owned(),
    };
    describe_core(error, m) + &code_line(&code, m)
}

/// The line that closes a refusal: its code, what a script, a test or the
/// person helping on the phone matches, whatever the language and wording.
pub fn code_line(code: &str, m: &Messages) -> String {
    m.text("cli-error-code", &[("code", code.to_owned())]) + "\n"
}
