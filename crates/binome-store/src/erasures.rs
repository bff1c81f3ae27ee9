//! Erased persons (right to erasure) kept erased in every version this
//! store holds: the row shown, its concurrent heads, and every version
//! written later, local or received.
//!
//! A version blanked here no longer matches its origin's signature, so it
//! loses its proof and is not relayed (the export holds back a version of
//! another origin without a proof); the erasure record travels instead,
//! and every laptop blanks its own copies. The erasing coordinator's own
//! blanked version is signed as it leaves and relays like any other.

use crate::error::Doing;
use crate::open::Store;
use crate::rows::Writer;
use crate::sync::RemoteVersion;
use binome_domain::erasure::erase;
use binome_domain::{Kind, Row};
use rusqlite::OptionalExtension;
use serde_json::Value;

const IS_ERASED: &str = "SELECT 1 FROM erasures WHERE person_id = ?1 LIMIT 1";

fn is_erased(conn: &rusqlite::Connection, person_id: &str) -> crate::Result<bool> {
    conn.prepare_cached(IS_ERASED)
        .doing("preparing an erasure check")?
        .query_row([person_id], |_| Ok(()))
        .optional()
        .doing("checking an erasure")
        .map(|found| found.is_some())
}

impl Store {
    /// Whether a coordinator has erased this person (a deleted erasure
    /// still counts: what was blanked cannot come back).
    pub fn is_erased(&self, person_id: &str) -> crate::Result<bool> {
        is_erased(&self.conn, person_id)
    }
}

impl Writer<'_> {
    pub(crate) fn is_erased(&self, person_id: &str) -> crate::Result<bool> {
        is_erased(&self.tx, person_id)
    }

    /// `data` as this store may keep it: blanked when the person is
    /// erased. `None` when nothing needs to change.
    pub(crate) fn erased_values(&self, kind: Kind, id: &str, data: &Row) -> crate::Result<Option<Row>> {
        if kind != Kind::Person || !self.is_erased(id)? {
            return Ok(None);
        }
        let mut blanked = data.clone();
        Ok(erase(id, &mut blanked).then_some(blanked))
    }

    /// A received version of an erased person, blanked before it meets the
    /// row: a replay of what was blanked here is then recognised as known.
    /// Fields unknown to this Binôme go too (they may be personal), and the
    /// proof goes with any change, since it no longer proves these values.
    pub(crate) fn erased_incoming(&self, incoming: &RemoteVersion) -> crate::Result<Option<RemoteVersion>> {
        if incoming.kind != Kind::Person || !self.is_erased(&incoming.id)? {
            return Ok(None);
        }
        let mut blanked = incoming.clone();
        let changed = erase(&incoming.id, &mut blanked.data) | blanked.extra.take().is_some();
        if !changed {
            return Ok(None);
        }
        blanked.meta.proof = None;
        Ok(Some(blanked))
    }

    /// Blanks an erased person's row and concurrent versions in place.
    pub(crate) fn erase_person_in_place(&mut self, person_id: &str) -> crate::Result<()> {
        if let Some(row) = self.get(Kind::Person, person_id)? {
            let mut data = row.data.clone();
            if erase(person_id, &mut data) || row.extra.is_some() {
                self.tx
                    .prepare_cached(
                        "UPDATE persons SET family_name = ?2, given_names = NULL, service = NULL, phone = NULL,
                         email = NULL, extra = NULL, proof = NULL WHERE id = ?1",
                    )
                    .doing("preparing an erasure")?
                    .execute(rusqlite::params![person_id, data["family_name"].as_str()])
                    .doing("erasing a person")?;
            }
        }
        let heads: Vec<(String, i64, String)> = self
            .tx
            .prepare_cached("SELECT origin, hlc, data FROM row_heads WHERE table_name = 'persons' AND row_id = ?1")
            .doing("preparing an erasure")?
            .query_map([person_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .doing("reading versions to erase")?
            .collect::<Result<_, _>>()
            .doing("reading versions to erase")?;
        for (origin, hlc, text) in heads {
            let Ok(Value::Object(mut object)) = serde_json::from_str::<Value>(&text) else {
                return Err(crate::StoreError::Corrupt {
                    table: "row_heads".into(),
                    id: person_id.to_owned(),
                    column: "data".into(),
                });
            };
            let before = object.len();
            object.retain(|name, _| Kind::Person.field(name).is_some());
            if !erase(person_id, &mut object) && object.len() == before {
                continue;
            }
            self.tx
                .prepare_cached(
                    "UPDATE row_heads SET data = ?4, proof = NULL
                     WHERE table_name = 'persons' AND row_id = ?1 AND origin = ?2 AND hlc = ?3",
                )
                .doing("preparing an erasure")?
                .execute(rusqlite::params![person_id, origin, hlc, Value::Object(object).to_string()])
                .doing("erasing a version")?;
        }
        Ok(())
    }
}
