//! The files the person chose. A command reads or writes a path only if
//! a file dialog the backend opened gave it for that use, in this run of
//! the app: a script in the webview (an injected page, a malicious
//! bundle's text rendered by mistake) cannot make "import preview" read
//! `~/.ssh/id_ed25519` or "export" overwrite `~/.bashrc`.

use binome_core::i18n::Messages;
use binome_core::views::ErrorView;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Given by the "open" dialog.
    Read,
    /// Given by the "save as" dialog.
    Write,
}

#[derive(Default)]
pub struct ChosenFiles {
    read: Mutex<HashSet<PathBuf>>,
    write: Mutex<HashSet<PathBuf>>,
}

impl ChosenFiles {
    fn set(&self, access: Access) -> std::sync::MutexGuard<'_, HashSet<PathBuf>> {
        let set = match access {
            Access::Read => &self.read,
            Access::Write => &self.write,
        };
        set.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Notes what a dialog answered.
    pub fn remember(&self, access: Access, path: &Path) {
        self.set(access).insert(path.to_path_buf());
    }

    /// The path if a dialog gave it for this use; otherwise the refusal
    /// the UI shows, naming the path.
    pub fn check(&self, access: Access, path: &str, messages: &Messages) -> Result<PathBuf, ErrorView> {
        let path = PathBuf::from(path);
        if self.set(access).contains(&path) {
            return Ok(path);
        }
        let use_code = match access {
            Access::Read => "read",
            Access::Write => "write",
        };
        Err(ErrorView {
            code: "path-not-chosen".into(),
            message: messages
                .text("error-path-not-chosen", &[("path", path.display().to_string()), ("use", use_code.to_owned())]),
            problems: Vec::new(),
            rows: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use binome_core::i18n::Lang;

    #[test]
    fn only_what_a_dialog_gave_is_read_or_written_and_only_for_that_use() {
        let chosen = ChosenFiles::default();
        let m = Messages::new(Lang::Fr);
        chosen.remember(Access::Read, Path::new("/home/awa/liste.xlsx"));
        chosen.remember(Access::Write, Path::new("/home/awa/rapport.pdf"));
        assert!(chosen.check(Access::Read, "/home/awa/liste.xlsx", &m).is_ok());
        assert!(chosen.check(Access::Write, "/home/awa/rapport.pdf", &m).is_ok());
        for (access, path) in [
            (Access::Read, "/home/awa/.ssh/id_ed25519"),
            (Access::Write, "/home/awa/liste.xlsx"),
            (Access::Read, "/home/awa/rapport.pdf"),
            (Access::Read, "/home/awa/../awa/liste.xlsx"),
        ] {
            let refused = chosen.check(access, path, &m).unwrap_err();
            assert_eq!(refused.code, "path-not-chosen", "{path}");
            assert!(refused.message.contains(path), "{}", refused.message);
        }
    }
}
