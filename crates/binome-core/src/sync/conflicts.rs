//! Settling a conflict: keeping one of a row's concurrent versions.

use crate::app::Binome;
use crate::error::{CoreError, Result};
use binome_domain::Kind;

impl Binome {
    /// Settles a conflict by keeping one of its versions (by position in
    /// `heads`): that choice is a new local edit that has seen them all.
    pub fn resolve_conflict(&mut self, kind: Kind, id: &str, keep: usize) -> Result<binome_store::StoredRow> {
        let heads = self.store.heads(kind, id)?;
        let chosen =
            heads.get(keep).ok_or_else(|| CoreError::NotFound { kind, text: format!("{id} #{keep}") })?.clone();
        let now = self.now_millis();
        self.store.write(now, |w| {
            if chosen.meta.deleted {
                w.delete(kind, id).map(|r| r.expect("the row exists"))
            } else {
                w.put(kind, id, &chosen.data)
            }
            .map_err(CoreError::from)
        })
    }
}

impl Binome {
    /// Keeps one version of a conflict (by its index in [`ConflictView`]).
    pub fn settle_conflict(&mut self, kind: Kind, id: &str, keep: u32) -> Result<crate::views::RecordView> {
        let row = self.resolve_conflict(kind, id, keep as usize)?;
        Ok(self.record_view(&row))
    }
}

/// What the CLI lists: the rows in conflict, each version of one, the
/// bundles waiting in quarantine and a device met.
impl Binome {
    pub fn conflicting_rows(&self) -> Result<Vec<(Kind, String)>> {
        Ok(self.store.conflicts()?)
    }

    pub fn versions_of(&self, kind: Kind, id: &str) -> Result<Vec<binome_store::Head>> {
        Ok(self.store.heads(kind, id)?)
    }

    pub fn quarantined(&self) -> Result<Vec<binome_store::Quarantined>> {
        Ok(self.store.quarantined()?)
    }

    pub fn device_record(&self, device_id: &str) -> Result<Option<binome_store::DeviceRecord>> {
        Ok(self.store.device_record(device_id)?)
    }
}
