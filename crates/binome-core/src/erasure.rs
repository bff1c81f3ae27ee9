//! The right to erasure: a coordinator erases a person at their request.
//!
//! The erasure is a record that travels like any other; the store blanks
//! the person's names, service, phone and email wherever it holds them
//! (`binome-store`'s `erasures.rs`), here and on every laptop that imports
//! it. Attendance, scores and assessments stay, so every figure still
//! counts the person, under a code (`binome_domain::erasure`).
//!
//! Backups taken before an erasure still hold the name until rotation
//! removes them: [`crate::backups::BACKUPS_KEPT`] imports later, or for one
//! taken by hand [`crate::backups::BACKUPS_KEPT_BY_HAND`] backups by hand
//! later; a restore
//! of one of them keeps every erasure made since (see [`Binome::restore`]).

use crate::app::Binome;
use crate::error::{CoreError, Result};
use binome_domain::{Input, Kind};
use binome_store::{RemoteVersion, StoredRow};

impl Binome {
    /// Erases the person `person` designates (id, name or code), with the
    /// reference of the request if there is one. Only a coordinator's
    /// laptop may (the role rule every receiver applies too). Erasing a
    /// person already erased changes nothing.
    pub fn erase_person(&mut self, person: &str, reference: Option<&str>) -> Result<StoredRow> {
        let person_id = self.resolve(Kind::Person, person)?;
        let mut input = Input::new();
        input.insert("person_id".into(), person_id.clone());
        input.insert("date".into(), chrono::Utc::now().date_naive().format("%Y-%m-%d").to_string());
        if let Some(reference) = reference.filter(|r| !r.trim().is_empty()) {
            input.insert("reference".into(), reference.to_owned());
        }
        let erasure = self
            .prepare(Kind::Erasure, &input, None)?
            .map_err(|problems| CoreError::Invalid { kind: Kind::Erasure, problems })?;
        if let Some(existing) = self.store.get(Kind::Erasure, &erasure.id)? {
            return Ok(existing);
        }
        self.check_role(Kind::Erasure, &erasure.data)?;
        let now = self.now_millis();
        self.store.write(now, |w| -> Result<StoredRow> {
            let written = w.put(Kind::Erasure, &erasure.id, &erasure.data)?;
            // A version of the person from this laptop, blanked by the store
            // as it is written, that has seen every version here: it replaces
            // them on every laptop it reaches, and this laptop signs it.
            if let Some(person) = w.get(Kind::Person, &person_id)? {
                w.put(Kind::Person, &person_id, &person.data)?;
            }
            Ok(written)
        })
    }

    /// Every erasure this store holds, as versions to apply again: what a
    /// restore of an older backup must not undo.
    pub(crate) fn erasures_to_keep(&self) -> Result<Vec<RemoteVersion>> {
        let mut kept = Vec::new();
        for row in
            self.store.list(Kind::Erasure, &binome_store::ListQuery { include_deleted: true, ..Default::default() })?
        {
            kept.push(RemoteVersion {
                kind: Kind::Erasure,
                id: row.id,
                data: row.data,
                extra: row.extra,
                meta: binome_store::VersionMeta {
                    vv: row.vv,
                    hlc: row.hlc,
                    origin: row.origin,
                    author: row.author.unwrap_or_default(),
                    deleted: row.deleted,
                    // Segment numbers are this store's: the backup numbers
                    // its own. Without one, another origin's erasure is not
                    // relayed from here until it comes back in a bundle.
                    proof: None,
                },
            });
        }
        Ok(kept)
    }

    /// Applies again the erasures a restore would have undone.
    pub(crate) fn keep_erasures(&mut self, erasures: &[RemoteVersion]) -> Result<()> {
        if erasures.is_empty() {
            return Ok(());
        }
        let now = self.now_millis();
        self.store.write(now, |w| -> Result<()> {
            for erasure in erasures {
                w.apply_remote(erasure)?;
            }
            Ok(())
        })
    }
}
