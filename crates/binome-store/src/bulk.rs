//! Loading many rows into an empty table, as a coordinator's first import
//! of a country does. Keeping a secondary index up to date row by row
//! writes to it in random order, and once an index outgrows the page
//! cache every row costs page reads and writes; building the index once,
//! sorted, after the rows is several times quicker (benches/README.md).
//! So an import drops the indexes of the tables it is about to fill and
//! builds them again before it commits. Both happen inside the import's
//! transaction: a refused bundle rolls the indexes back with the rows.

use crate::error::Doing;
use crate::indicators::compact::CompactFacts;
use crate::rows::Writer;
use binome_domain::Kind;

/// The page cache, and so the sort's runs, while indexes are built.
const INDEX_BUILD_CACHE_KIB: i64 = 8 * 1024;

/// The page cache while rows are loaded into empty tables: keyed by
/// random ids, they outgrow any cache a laptop can spare, so a larger one
/// buys little time and costs an import's memory budget.
const LOAD_CACHE_KIB: i64 = LOAD_MIB * 1024;
const LOAD_MIB: i64 = 32;

/// Indexes dropped for a load, with the SQL that builds them again.
#[must_use = "the dropped indexes must be built again before the transaction commits"]
#[derive(Debug, Default)]
pub struct DeferredIndexes {
    indexes: Vec<(String, String)>,
    /// Triggers that keep the indicators' compact facts, dropped with the
    /// tables they copy, which are filled once after the load.
    triggers: Vec<(String, String)>,
    facts_of: Vec<&'static str>,
}

impl DeferredIndexes {
    pub fn is_empty(&self) -> bool {
        self.indexes.is_empty() && self.triggers.is_empty()
    }
}

/// The schema's objects of a `kind` ('index', 'trigger') on `table`, with
/// their SQL; those SQLite makes itself (for keys and UNIQUE) have none.
fn schema_objects(tx: &rusqlite::Connection, kind: &str, table: &str) -> crate::Result<Vec<(String, String)>> {
    let mut stmt = tx
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = ?1 AND tbl_name = ?2 AND sql IS NOT NULL")
        .doing("reading a table's schema")?;
    stmt.query_map([kind, table], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .doing("reading a table's schema")?
        .collect::<Result<Vec<_>, _>>()
        .doing("reading a table's schema")
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
            let mut indexes = schema_objects(&self.tx, "index", table)?;
            // Kept row by row, a copy's unique key would take the records'
            // random ids in random order: filled once after, in key order.
            if let Some(compact) = CompactFacts::of(table) {
                indexes.extend(schema_objects(&self.tx, "index", compact.facts)?);
                for (name, sql) in schema_objects(&self.tx, "trigger", table)? {
                    self.tx
                        .execute_batch(&format!("DROP TRIGGER \"{name}\""))
                        .doing("dropping a trigger for a load")?;
                    deferred.triggers.push((name, sql));
                }
                deferred.facts_of.push(compact.records);
            }
            for (name, sql) in indexes {
                self.tx.execute_batch(&format!("DROP INDEX \"{name}\"")).doing("dropping an index for a load")?;
                deferred.indexes.push((name, sql));
            }
        }
        if !deferred.is_empty() && self.cache_to_restore.is_none() {
            let cache: i64 =
                self.tx.query_row("PRAGMA cache_size", [], |r| r.get(0)).doing("reading the cache size")?;
            self.tx.pragma_update(None, "cache_size", -LOAD_CACHE_KIB).doing("sizing the cache for a load")?;
            // Given back when the write ends, the load refused or not.
            self.cache_to_restore = Some(cache);
        }
        Ok(deferred)
    }

    /// Builds again the indexes [`Writer::defer_indexes_of_empty`] dropped.
    pub fn rebuild_indexes(&mut self, deferred: DeferredIndexes) -> crate::Result<()> {
        self.filling.clear();
        if deferred.is_empty() {
            return Ok(());
        }
        // With temporary storage in memory, SQLite sorts a whole index in
        // memory: a country's attendance index is far over an import's
        // memory budget. On disk, the sort writes runs the size of the page
        // cache to a temporary file, deleted on close, and merges them.
        // Those runs hold index keys only: ids, codes, dates and numbers,
        // never a name, a phone or a comment (a test keeps indexes so), so
        // nothing personal meets the disk in clear. Other statements keep
        // temporary storage in memory: their sorts may hold names.
        self.tx
            .pragma_update(None, "cache_size", -INDEX_BUILD_CACHE_KIB)
            .doing("sizing the cache for an index build")?;
        // Inside a transaction the pragma is refused if the connection's
        // temporary database is open (nothing here opens it: a test keeps
        // it so); the sort then stays in memory, as it was.
        let on_disk = self.tx.pragma_update(None, "temp_store", "FILE").is_ok();
        let built = deferred
            .facts_of
            .iter()
            .filter_map(|records| CompactFacts::of(records))
            .try_for_each(|compact| compact.fill(&self.tx))
            .and_then(|()| {
                deferred
                    .indexes
                    .iter()
                    .chain(&deferred.triggers)
                    .try_for_each(|(_, sql)| self.tx.execute_batch(sql).doing("building an index after a load"))
            });
        if on_disk {
            self.tx.pragma_update(None, "temp_store", "MEMORY").doing("keeping temporary storage in memory")?;
        }
        built
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{NOW, store};
    use crate::{Store, StoreError};
    use binome_domain::kind::FieldType;
    use serde_json::json;

    fn indexes(store: &Store, table: &str) -> Vec<(String, String)> {
        let mut stmt = store
            .conn
            .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL ORDER BY name")
            .unwrap();
        stmt.query_map([table], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<Result<_, _>>().unwrap()
    }

    /// Index builds sort on disk, in clear: what an index holds must never
    /// be text a person typed (a name, a phone, a comment), only ids,
    /// codes, dates, numbers and bookkeeping.
    #[test]
    fn no_index_holds_text_a_person_typed() {
        let store = store();
        let mut stmt = store
            .conn
            .prepare("SELECT name, tbl_name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL")
            .unwrap();
        let all: Vec<(String, String)> =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<Result<_, _>>().unwrap();
        assert!(all.len() >= 10, "the schema's indexes: {all:?}");
        for (index, table) in all {
            let mut info = store.conn.prepare(&format!("PRAGMA index_info(\"{index}\")")).unwrap();
            let columns: Vec<String> = info.query_map([], |r| r.get(2)).unwrap().collect::<Result<_, _>>().unwrap();
            for column in columns {
                let Some(field) = Kind::from_table(&table).and_then(|kind| kind.field(&column)) else { continue };
                // A competency's id inside its framework: a code, as a reference is.
                let code_like = column == "competency_id";
                assert!(
                    code_like || !matches!(field.ty, FieldType::Text(_) | FieldType::LongText | FieldType::Json),
                    "{index} on {table} holds {column}, text a person typed"
                );
            }
        }
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
        let cache = pragma(&store, "cache_size");
        let refused = store.write(NOW, |w| -> crate::Result<()> {
            let _deferred = w.defer_indexes_of_empty(&[Kind::Attendance])?;
            assert!(indexes_in(w, "attendance").is_empty(), "dropped while loading");
            assert_eq!(w.tx.query_row("PRAGMA cache_size", [], |r| r.get::<_, i64>(0)).unwrap(), -LOAD_CACHE_KIB);
            Err(StoreError::Dump(std::io::Error::other("refused midway")))
        });
        assert!(refused.is_err());
        assert_eq!(indexes(&store, "attendance"), before);
        assert_eq!(pragma(&store, "cache_size"), cache, "the page cache is given back");
    }

    /// What lets a load sort its index builds on disk: inside a write,
    /// even after acknowledgements were recorded, the connection's
    /// temporary database is closed, so its storage may change.
    #[test]
    fn a_write_may_move_temporary_storage_after_acknowledgements() {
        let mut store = store();
        store
            .write(NOW, |w| -> crate::Result<()> {
                w.record_acks("peer", &["b1".to_owned(), "b2".to_owned()], 50)?;
                w.tx.pragma_update(None, "temp_store", "FILE").expect("temporary storage can move");
                w.tx.pragma_update(None, "temp_store", "MEMORY").expect("and come back");
                Ok(())
            })
            .unwrap();
    }

    fn pragma(store: &Store, name: &str) -> i64 {
        store.conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0)).unwrap()
    }

    /// Names must never meet the disk: index builds sort there, and only
    /// they; every other statement's temporary storage stays in memory.
    #[test]
    fn a_load_gives_back_the_page_cache_and_keeps_temporary_storage_in_memory() {
        let mut store = store();
        let cache = pragma(&store, "cache_size");
        store
            .write(NOW, |w| -> crate::Result<()> {
                let deferred = w.defer_indexes_of_empty(&[Kind::Person])?;
                let (id, data) = person("0190a4b2-0000-7000-8000-000000000001", "org-1");
                w.put(Kind::Person, &id, &data)?;
                w.rebuild_indexes(deferred)?;
                let temp_store: i64 = w.tx.query_row("PRAGMA temp_store", [], |r| r.get(0)).unwrap();
                assert_eq!(temp_store, 2, "MEMORY once the indexes are built");
                Ok(())
            })
            .unwrap();
        assert_eq!(pragma(&store, "cache_size"), cache);
        assert_eq!(pragma(&store, "temp_store"), 2);
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
