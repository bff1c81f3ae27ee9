//! The compact copies of the facts the indicators count (migration 0010):
//! which record table each copies, and how a copy is filled whole. Triggers
//! keep them row by row; a load into an empty table drops those triggers
//! and fills the copy once after the rows (`bulk.rs`), in the records' key
//! order, instead of in random order row by row.

use crate::error::Doing;

/// A record table and its compact copy.
pub(crate) struct CompactFacts {
    pub records: &'static str,
    pub facts: &'static str,
    /// The live records as fact rows, columns in the copy's order.
    rows_view: &'static str,
    /// The records' columns holding ids the copy numbers.
    numbered: &'static [&'static str],
}

const ALL: [CompactFacts; 3] = [
    CompactFacts {
        records: "attendance",
        facts: "attendance_facts",
        rows_view: "attendance_fact_rows",
        numbered: &["session_id", "person_id"],
    },
    CompactFacts {
        records: "test_scores",
        facts: "score_facts",
        rows_view: "score_fact_rows",
        numbered: &["session_id", "person_id"],
    },
    CompactFacts {
        records: "assessments",
        facts: "assessment_facts",
        rows_view: "assessment_fact_rows",
        numbered: &["person_id", "framework_id", "competency_id", "mission_id"],
    },
];

impl CompactFacts {
    /// The compact copy of a record table, if it has one.
    pub fn of(records: &str) -> Option<&'static CompactFacts> {
        ALL.iter().find(|c| c.records == records)
    }

    /// Fills the copy from every live record, its ids numbered first.
    pub fn fill(&self, conn: &rusqlite::Connection) -> crate::Result<()> {
        let ids: Vec<String> = self
            .numbered
            .iter()
            .map(|column| format!("SELECT {column} FROM {} WHERE {column} IS NOT NULL", self.records))
            .collect();
        let sql = format!(
            "INSERT OR IGNORE INTO fact_keys (id) {};
             DELETE FROM {facts};
             INSERT INTO {facts} SELECT * FROM {view} ORDER BY 1;",
            ids.join(" UNION "),
            facts = self.facts,
            view = self.rows_view,
        );
        conn.execute_batch(&sql).doing("filling the indicators' facts")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{NOW, store};
    use crate::{DeviceRole, Store};
    use binome_domain::Kind;
    use serde_json::json;

    const SESSION: &str = "0190a4b2-0000-7000-8000-00000000000a";
    const FRAMEWORK: &str = "0190a4b2-0000-7000-8000-00000000000f";

    fn id(kind: u8, i: usize) -> String {
        format!("0190a4b2-0000-7000-8{kind:03}-{i:012}")
    }

    fn row(value: serde_json::Value) -> binome_domain::Row {
        value.as_object().unwrap().clone()
    }

    fn attendance(i: usize, status: &str) -> binome_domain::Row {
        row(json!({"session_id": SESSION, "person_id": id(1, i % 7), "status": status}))
    }

    fn score(i: usize, score: f64) -> binome_domain::Row {
        let phase = if i % 2 == 0 { "pre" } else { "post" };
        row(
            json!({"session_id": SESSION, "person_id": id(1, i % 7), "phase": phase, "score": score, "max_score": 20.0}),
        )
    }

    fn assessment(i: usize, rating: &str) -> binome_domain::Row {
        let mission = (i % 2 == 0).then(|| id(3, 1));
        row(json!({"person_id": id(1, i % 7), "framework_id": FRAMEWORK, "competency_id": "smni-diu",
            "date": "2026-11-02", "context": "training", "mission_id": mission,
            "ratings": format!("{{\"smni-diu-1\":\"{rating}\"}}")}))
    }

    /// Each copy, and the live records it copies, row for row.
    fn copies(store: &Store) -> Vec<(Vec<String>, Vec<String>)> {
        let rows = |sql: String| -> Vec<String> {
            let mut stmt = store.conn.prepare(&sql).unwrap();
            let width = stmt.column_count();
            stmt.query_map([], |r| {
                (0..width).map(|i| r.get::<_, rusqlite::types::Value>(i).map(|v| format!("{v:?}"))).collect()
            })
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
        };
        ALL.iter()
            .map(|c| {
                (
                    rows(format!("SELECT * FROM {} ORDER BY 1", c.facts)),
                    rows(format!("SELECT * FROM {} ORDER BY 1", c.rows_view)),
                )
            })
            .collect()
    }

    fn assert_copies_match(store: &Store, live: [usize; 3]) {
        for ((facts, records), (c, live)) in copies(store).into_iter().zip(ALL.iter().zip(live)) {
            assert_eq!(facts, records, "{} against its live records", c.facts);
            assert_eq!(facts.len(), live, "{}", c.facts);
        }
    }

    /// `count` attendance records, scores and assessments, all live.
    fn write_one_of_each(store: &mut Store, count: usize) {
        store
            .write(NOW, |w| -> crate::Result<()> {
                for i in 0..count {
                    w.put(Kind::Attendance, &id(10, i), &attendance(i, "present"))?;
                    w.put(Kind::TestScore, &id(11, i), &score(i, 12.0))?;
                    w.put(Kind::Assessment, &id(12, i), &assessment(i, "competent"))?;
                }
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn the_copies_follow_every_write_of_their_records() {
        let mut store = store();
        write_one_of_each(&mut store, 10);
        assert_copies_match(&store, [10, 10, 10]);

        // An edit, a deletion, and a record brought back.
        store
            .write(NOW + 1, |w| -> crate::Result<()> {
                w.put(Kind::Attendance, &id(10, 3), &attendance(3, "absent"))?;
                w.put(Kind::TestScore, &id(11, 3), &score(3, 18.0))?;
                w.put(Kind::Assessment, &id(12, 3), &assessment(3, "proficient"))?;
                for kind in [Kind::Attendance, Kind::TestScore, Kind::Assessment] {
                    let n = match kind {
                        Kind::Attendance => 10,
                        Kind::TestScore => 11,
                        _ => 12,
                    };
                    w.delete(kind, &id(n, 4))?;
                    w.delete(kind, &id(n, 5))?;
                }
                w.put(Kind::Attendance, &id(10, 5), &attendance(5, "late"))?;
                Ok(())
            })
            .unwrap();
        assert_copies_match(&store, [9, 8, 8]);
        let status: String = store
            .conn
            .query_row("SELECT status FROM attendance_facts WHERE attendance_id = ?1", [id(10, 3)], |r| r.get(0))
            .unwrap();
        assert_eq!(status, "absent");

        // Whatever removes a record (no path of Binôme does) removes its fact.
        store.conn.execute("DELETE FROM attendance WHERE id = ?1", [id(10, 6)]).unwrap();
        assert_copies_match(&store, [8, 8, 8]);
    }

    fn triggers(store: &Store) -> Vec<String> {
        let mut stmt =
            store.conn.prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name").unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
    }

    #[test]
    fn a_load_into_empty_tables_fills_the_copies_once_and_puts_the_triggers_back() {
        let mut store = store();
        let before = triggers(&store);
        assert_eq!(before.len(), 9, "three triggers for each of the three copies");
        store
            .write(NOW, |w| -> crate::Result<()> {
                let deferred = w.defer_indexes_of_empty(&[Kind::Attendance, Kind::TestScore, Kind::Assessment])?;
                let dropped: i64 =
                    w.tx.query_row("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'", [], |r| r.get(0))
                        .unwrap();
                assert_eq!(dropped, 0, "no trigger while loading");
                for i in 0..40 {
                    w.put(Kind::Attendance, &id(10, i), &attendance(i, "present"))?;
                    w.put(Kind::TestScore, &id(11, i), &score(i, 9.5))?;
                    w.put(Kind::Assessment, &id(12, i), &assessment(i, "competent"))?;
                }
                w.delete(Kind::Attendance, &id(10, 0))?;
                w.rebuild_indexes(deferred)
            })
            .unwrap();
        assert_eq!(triggers(&store), before);
        assert_copies_match(&store, [39, 40, 40]);
        store.write(NOW + 1, |w| w.put(Kind::Attendance, &id(10, 1), &attendance(1, "excused")).map(drop)).unwrap();
        assert_copies_match(&store, [39, 40, 40]);
        let plan: String = store
            .conn
            .query_row(&format!("EXPLAIN QUERY PLAN {}", super::super::facts::LIVE_ATTENDANCE), [], |r| r.get(3))
            .unwrap();
        assert!(plan.contains("COVERING INDEX attendance_facts_read"), "{plan}");
    }

    /// A new key is a copy through `sqlcipher_export`, which writes the
    /// rows before the triggers: the copies arrive as they were, once.
    #[test]
    fn the_copies_survive_a_new_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite3");
        let (old, new) = (crate::key::test_key(), crate::StoreKey::from_bytes([8; 32]));
        let mut store = Store::open(&path, &old).unwrap();
        store.init_device("device-a", "a", "author-a", DeviceRole::Coordinator, NOW).unwrap();
        write_one_of_each(&mut store, 12);
        let before = copies(&store);
        drop(store);
        crate::rekey_in_place(&path, &old, &new).unwrap();
        let mut store = Store::open(&path, &new).unwrap();
        assert_eq!(copies(&store), before);
        assert_copies_match(&store, [12, 12, 12]);
        assert_eq!(triggers(&store).len(), 9);
        store.write(NOW + 1, |w| w.put(Kind::Attendance, &id(10, 1), &attendance(1, "absent")).map(drop)).unwrap();
        assert_copies_match(&store, [12, 12, 12]);
    }
}
