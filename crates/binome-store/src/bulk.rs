//! Loading many rows into an empty table, as a coordinator's first import
//! of a country does. Keeping a secondary index up to date row by row
//! writes to it in random order, and once an index outgrows the page
//! cache every row costs page reads and writes; building the index once,
//! sorted, after the rows is several times quicker (benches/README.md).
//! So an import drops the indexes of the tables it is about to fill and
//! builds them again before it commits. Both happen inside the import's
//! transaction: a refused bundle rolls the indexes back with the rows.

use crate::error::Doing;
use crate::rows::Writer;
use binome_domain::Kind;

/// The page cache, and so the sort buffer, while indexes are built.
const INDEX_BUILD_CACHE_KIB: i64 = 8 * 1024;

/// Indexes dropped for a load, with the SQL that builds them again.
#[must_use = "the dropped indexes must be built again before the transaction commits"]
#[derive(Debug, Default)]
pub struct DeferredIndexes {
    indexes: Vec<(String, String)>,
}

impl DeferredIndexes {
    pub fn is_empty(&self) -> bool {
        self.indexes.is_empty()
    }
}

impl Writer<'_> {
    /// Drops the secondary indexes of those `kinds` whose table holds no
    /// row yet. Lookups by id keep working: ids are the tables' keys.
    /// Until [`Writer::rebuild_indexes`], merged versions of those kinds
    /// are inserted first and probed only if their id is taken.
    pub fn defer_indexes_of_empty(&mut self, kinds: &[Kind]) -> crate::Result<DeferredIndexes> {
        let mut deferred = DeferredIndexes::default();
        for kind in kinds {
            let table = kind.table();
            let empty: bool = self
                .tx
                .query_row(&format!("SELECT NOT EXISTS (SELECT 1 FROM {table})"), [], |r| r.get(0))
                .doing("checking whether a table is empty")?;
            if !empty {
                continue;
            }
            self.filling.insert(*kind);
            // Indexes SQLite makes itself (for keys and UNIQUE) have no SQL
            // and cannot be dropped; only those the schema created are.
            let mut stmt = self
                .tx
                .prepare(
                    "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL",
                )
                .doing("reading a table's indexes")?;
            let indexes = stmt
                .query_map([table], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
                .doing("reading a table's indexes")?
                .collect::<Result<Vec<_>, _>>()
                .doing("reading a table's indexes")?;
            for (name, sql) in indexes {
                self.tx.execute_batch(&format!("DROP INDEX \"{name}\"")).doing("dropping an index for a load")?;
                deferred.indexes.push((name, sql));
            }
        }
        Ok(deferred)
    }

    /// Builds again the indexes [`Writer::defer_indexes_of_empty`] dropped.
    pub fn rebuild_indexes(&mut self, deferred: DeferredIndexes) -> crate::Result<()> {
        self.filling.clear();
        if deferred.is_empty() {
            return Ok(());
        }
        // SQLite sorts an index's entries in a buffer as large as the page
        // cache, on top of the cache itself. A smaller cache while building
        // keeps an import under its memory budget; the sort merges more runs
        // instead (benches/README.md).
        let cache: i64 = self.tx.query_row("PRAGMA cache_size", [], |r| r.get(0)).doing("reading the cache size")?;
        self.tx
            .pragma_update(None, "cache_size", -INDEX_BUILD_CACHE_KIB)
            .doing("sizing the cache for an index build")?;
        let built = deferred
            .indexes
            .iter()
            .try_for_each(|(_, sql)| self.tx.execute_batch(sql).doing("building an index after a load"));
        self.tx.pragma_update(None, "cache_size", cache).doing("sizing the page cache")?;
        built
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DeviceRole, Store, StoreError};
    use serde_json::json;

    const NOW: i64 = 1_700_000_000_000;

    fn store() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        store.init_device("device-a", "a", "author-a", DeviceRole::Coordinator, NOW).unwrap();
        store
    }

    fn indexes(store: &Store, table: &str) -> Vec<(String, String)> {
        let mut stmt = store
            .conn
            .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL ORDER BY name")
            .unwrap();
        stmt.query_map([table], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<Result<_, _>>().unwrap()
    }

    fn person(id: &str, organisation: &str) -> (String, binome_domain::Row) {
        let data = json!({"family_name": "ABAKAR", "role": "participant", "organisation_id": organisation});
        (id.to_owned(), data.as_object().unwrap().clone())
    }

    #[test]
    fn a_load_into_an_empty_table_ends_with_its_indexes_and_finds_rows_by_them() {
        let mut store = store();
        let before = indexes(&store, "persons");
        assert!(!before.is_empty(), "persons has a secondary index to defer");
        store
            .write(NOW, |w| -> crate::Result<()> {
                let deferred = w.defer_indexes_of_empty(&[Kind::Person, Kind::Attendance])?;
                assert!(!deferred.is_empty());
                for i in 0..50 {
                    let (id, data) = person(&format!("0190a4b2-0000-7000-8000-{i:012}"), &format!("org-{}", i % 5));
                    w.put(Kind::Person, &id, &data)?;
                }
                w.rebuild_indexes(deferred)
            })
            .unwrap();
        assert_eq!(indexes(&store, "persons"), before);
        let by_organisation: i64 = store
            .conn
            .query_row(
                "SELECT count(*) FROM persons INDEXED BY persons_organisation WHERE organisation_id = 'org-3'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(by_organisation, 10);
    }

    #[test]
    fn a_refused_load_leaves_the_indexes_as_they_were() {
        let mut store = store();
        let before = indexes(&store, "attendance");
        let refused = store.write(NOW, |w| -> crate::Result<()> {
            let _deferred = w.defer_indexes_of_empty(&[Kind::Attendance])?;
            assert!(indexes_in(w, "attendance").is_empty(), "dropped while loading");
            Err(StoreError::Dump(std::io::Error::other("refused midway")))
        });
        assert!(refused.is_err());
        assert_eq!(indexes(&store, "attendance"), before);
    }

    #[test]
    fn a_table_holding_rows_keeps_its_indexes() {
        let mut store = store();
        let (id, data) = person("0190a4b2-0000-7000-8000-000000000001", "org-1");
        store.write(NOW, |w| w.put(Kind::Person, &id, &data).map(drop)).unwrap();
        let before = indexes(&store, "persons");
        store
            .write(NOW, |w| -> crate::Result<()> {
                let deferred = w.defer_indexes_of_empty(&[Kind::Person])?;
                assert!(deferred.is_empty());
                w.rebuild_indexes(deferred)
            })
            .unwrap();
        assert_eq!(indexes(&store, "persons"), before);
    }

    fn indexes_in(w: &Writer<'_>, table: &str) -> Vec<String> {
        let mut stmt =
            w.tx.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL")
                .unwrap();
        stmt.query_map([table], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
    }
}
