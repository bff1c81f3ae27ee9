//! Persons as the duplicate finder and the indicators see them, and the
//! device-local alias table derived from person-merge records.

use crate::error::Doing;
use crate::open::Store;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Serialize)]
pub struct PersonSummary {
    pub id: String,
    pub family_name: String,
    pub given_names: String,
    pub phone: Option<String>,
    pub sex: Option<String>,
    /// The programme profession's id, or the code of a profession every
    /// programme knows.
    pub cadre: Option<String>,
    pub organisation_id: Option<String>,
}

impl Store {
    /// Persons that are neither deleted nor merged into another.
    pub fn active_persons(&self) -> crate::Result<Vec<PersonSummary>> {
        let sql = "SELECT id, family_name, COALESCE(given_names, ''), phone, sex, COALESCE(profession_id, cadre), organisation_id
                   FROM persons p WHERE deleted = 0
                   AND NOT EXISTS (SELECT 1 FROM person_aliases a WHERE a.person_id = p.id)
                   ORDER BY id";
        self.all(sql, [], "listing persons", |r| {
            let (id, family_name, given_names, phone, sex, cadre, organisation_id) = r.try_into()?;
            Ok(PersonSummary { id, family_name, given_names, phone, sex, cadre, organisation_id })
        })
    }

    /// The person a (possibly merged) person now counts as.
    pub fn canonical_person(&self, id: &str) -> crate::Result<String> {
        use rusqlite::OptionalExtension;
        let found: Option<String> = self
            .conn
            .query_row("SELECT canonical_id FROM person_aliases WHERE person_id = ?1", [id], |r| r.get(0))
            .optional()
            .doing("resolving a merged person")?;
        Ok(found.unwrap_or_else(|| id.to_owned()))
    }
}

/// Recomputes which person each merged person counts as. Merges apply in
/// (HLC, id) order; one that would close a cycle (two laptops merging A
/// into B and B into A) is skipped, so every device reaches the same result.
pub(crate) fn rebuild_aliases(tx: &rusqlite::Connection) -> crate::Result<()> {
    let mut stmt = tx
        .prepare("SELECT kept_id, merged_id FROM person_merges WHERE deleted = 0 ORDER BY hlc, id")
        .doing("reading person merges")?;
    let merges: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .doing("reading person merges")?
        .collect::<Result<_, _>>()
        .doing("reading person merges")?;
    let mut parent: HashMap<String, String> = HashMap::new();
    let root = |parent: &HashMap<String, String>, mut id: String| {
        while let Some(next) = parent.get(&id) {
            id = next.clone();
        }
        id
    };
    for (kept, merged) in merges {
        if parent.contains_key(&merged) {
            continue;
        }
        if root(&parent, kept.clone()) == merged {
            continue;
        }
        parent.insert(merged, kept);
    }
    tx.execute("DELETE FROM person_aliases", []).doing("clearing person aliases")?;
    let mut insert = tx
        .prepare("INSERT INTO person_aliases (person_id, canonical_id) VALUES (?1, ?2)")
        .doing("preparing person aliases")?;
    for merged in parent.keys() {
        let canonical = root(&parent, merged.clone());
        insert.execute([merged, &canonical]).doing("writing person aliases")?;
    }
    Ok(())
}
