//! Watching a folder (a USB stick, a shared folder) for bundles: each file
//! dropped there is imported, then moved to `imported/` or, with a file
//! saying why, to `rejected/`. A file still being copied is left for the
//! next pass.

use crate::app::Binome;
use crate::error::{CoreError, Result};
use crate::sync::ImportOutcome;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub const IMPORTED_DIR: &str = "imported";
pub const REJECTED_DIR: &str = "rejected";

#[derive(Debug)]
pub struct WatchResult {
    pub file: PathBuf,
    pub outcome: std::result::Result<ImportOutcome, CoreError>,
    pub moved_to: PathBuf,
}

/// Remembers file sizes between passes, to leave files still being copied.
#[derive(Debug, Default)]
pub struct Watcher {
    sizes: HashMap<PathBuf, u64>,
}

fn move_into(file: &Path, folder: &Path) -> Result<PathBuf> {
    std::fs::create_dir_all(folder).map_err(|e| CoreError::io(folder, e))?;
    let name = file.file_name().unwrap_or_default();
    let mut target = folder.join(name);
    let mut n = 1;
    while target.exists() {
        target = folder.join(format!("{}-{n}", name.to_string_lossy()));
        n += 1;
    }
    std::fs::rename(file, &target).map_err(|e| CoreError::io(file, e))?;
    Ok(target)
}

impl Watcher {
    /// One pass over `dir`. With `settle`, a file is imported only once its
    /// size is the same as on the previous pass. `reason` writes the
    /// sentence saved beside a rejected file.
    pub fn pass(
        &mut self,
        binome: &mut Binome,
        dir: &Path,
        settle: bool,
        reason: impl Fn(&CoreError) -> String,
    ) -> Result<Vec<WatchResult>> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| CoreError::io(dir, e))?
            // An entry that cannot be read (gone since the listing began)
            // is no bundle to import; the next pass sees what is there.
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == binome_sync::BUNDLE_EXTENSION))
            .collect();
        files.sort();
        let mut results = Vec::new();
        for file in files {
            let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
            let previous = self.sizes.insert(file.clone(), size);
            if settle && previous != Some(size) {
                continue;
            }
            self.sizes.remove(&file);
            let outcome = binome.import_bundle(&file, false);
            let moved_to = match &outcome {
                Ok(_) => move_into(&file, &dir.join(IMPORTED_DIR))?,
                Err(error) => {
                    let target = move_into(&file, &dir.join(REJECTED_DIR))?;
                    let note = target.with_file_name(format!(
                        "{}.raison.txt",
                        target.file_name().unwrap_or_default().to_string_lossy()
                    ));
                    binome_store::private::write_private(&note, reason(error).as_bytes())
                        .map_err(|e| CoreError::io(&note, e))?;
                    target
                }
            };
            results.push(WatchResult { file, outcome, moved_to });
        }
        Ok(results)
    }
}
