//! Versions that come from other devices, merged into the rows they belong
//! to by the domain's rules (`binome_domain::merge`), and the views sync
//! needs: every version for export, open conflicts, a canonical dump.

use crate::error::{Doing, StoreError};
use crate::history::ChangeOp;
use crate::open::Store;
use crate::rows::{IfTaken, RowVersion, StoredRow, VersionMeta, Writer};
use binome_domain::kind::FieldType;
use binome_domain::merge::{MergeOutcome, VersionRef, is_conflict, merge, merged_vv, winner};
use binome_domain::{Hlc, Kind, Row, VersionVector};
use rusqlite::types::ValueRef;
use serde::Serialize;
use serde_json::{Map, Value};
use std::io::Write;

/// A version of a row as it travels between devices.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RemoteVersion {
    pub kind: Kind,
    pub id: String,
    pub data: Row,
    /// Fields this Binôme does not know (from a newer one): kept, not dropped.
    pub extra: Option<Map<String, Value>>,
    pub meta: VersionMeta,
}

impl RemoteVersion {
    fn as_row(&self) -> RowVersion<'_> {
        RowVersion { kind: self.kind, id: &self.id, data: &self.data, extra: self.extra.as_ref(), meta: &self.meta }
    }
}

/// One head of a row: the version shown, or a concurrent one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Head {
    pub data: Row,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extra: Option<Map<String, Value>>,
    #[serde(flatten)]
    pub meta: VersionMeta,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Applied {
    New,
    Updated,
    Unchanged,
    Conflict,
    Forged,
}

/// Values as the store holds them, whatever JSON form they came in
/// (`18` and `18.0` are the same score).
pub fn normalise(kind: Kind, data: &Row) -> Row {
    let mut out = Row::new();
    for field in kind.fields() {
        let value = data.get(field.name).cloned().unwrap_or(Value::Null);
        out.insert(field.name.to_owned(), normalise_value(field.ty, value));
    }
    out
}

/// One value as the store would give it back after writing it: what
/// `to_sql` then reading the column makes of it, without the round trip
/// (text is moved, not copied, on the import path).
fn normalise_value(ty: FieldType, value: Value) -> Value {
    let number = |f: Option<f64>| f.and_then(serde_json::Number::from_f64).map_or(Value::Null, Value::Number);
    match (ty, value) {
        (_, Value::Null) => Value::Null,
        (FieldType::Number, v) => number(v.as_f64()),
        (FieldType::Duration, v) => v.as_i64().map_or(Value::Null, Value::from),
        // Stored as JSON text: parsed back as the store will read it (a
        // float may come back a last digit apart), so both compare equal.
        (FieldType::RefList(_) | FieldType::Json, v) => serde_json::from_str(&v.to_string()).unwrap_or(Value::Null),
        (_, Value::String(text)) => Value::String(text),
        (_, v) => Value::String(v.to_string()),
    }
}

/// Splits a travelling object into the fields this kind has and the rest.
pub fn split_fields(kind: Kind, mut object: Map<String, Value>) -> (Row, Option<Map<String, Value>>) {
    let fields = kind.fields();
    // Nearly always the object holds this kind's fields and no other: it
    // becomes the row in place, no map built again (two million lines in
    // a country's bundle).
    let known = fields.iter().filter(|f| object.contains_key(f.name)).count();
    let extra = if known == object.len() {
        None
    } else {
        let (mut data, mut extra) = (Row::new(), object);
        for field in fields {
            if let Some((name, value)) = extra.remove_entry(field.name) {
                data.insert(name, value);
            }
        }
        object = data;
        Some(extra)
    };
    for field in fields {
        match object.get_mut(field.name) {
            Some(value) => *value = normalise_value(field.ty, std::mem::take(value)),
            None => {
                object.insert(field.name.to_owned(), Value::Null);
            }
        }
    }
    (object, extra)
}

fn content(data: &Row, extra: &Option<Map<String, Value>>) -> String {
    let mut text = Value::Object(data.clone()).to_string();
    if let Some(extra) = extra {
        text.push('|');
        text.push_str(&Value::Object(extra.clone()).to_string());
    }
    text
}

fn contents_of(heads: &[Head]) -> Vec<String> {
    heads.iter().map(|h| content(&h.data, &h.extra)).collect()
}

/// The heads as the merge rules see them; `contents` are their canonical texts.
fn version_refs<'a>(heads: &'a [Head], contents: &'a [String]) -> Vec<VersionRef<'a>> {
    heads
        .iter()
        .zip(contents)
        .map(|(h, c)| VersionRef {
            vv: &h.meta.vv,
            hlc: h.meta.hlc,
            origin: &h.meta.origin,
            deleted: h.meta.deleted,
            content: c,
        })
        .collect()
}

fn head_from_row(row: StoredRow) -> Head {
    Head {
        meta: VersionMeta {
            vv: row.vv,
            hlc: row.hlc,
            origin: row.origin,
            author: row.author.unwrap_or_default(),
            deleted: row.deleted,
            proof: row.proof,
        },
        data: row.data,
        extra: row.extra,
    }
}

/// What a row shows, against a version that arrives.
enum Shown {
    NoRow,
    /// This very version, as the only head.
    This,
    /// This very version, as the only head, without the proof that comes
    /// with it now (received before bundles carried origin signatures).
    ThisWithoutProof,
    /// Something else, or more than one head: the full merge decides.
    Other,
}

/// The fields, then deleted, vv, hlc, origin, extra, whether the row has
/// other heads, and whether it lacks its origin's proof.
fn probe_sql(kind: Kind) -> String {
    let fields: Vec<&str> = kind.fields().iter().map(|f| f.name).collect();
    format!(
        "SELECT {fields}, deleted, vv, hlc, origin, extra,
                EXISTS (SELECT 1 FROM row_heads WHERE table_name = '{table}' AND row_id = t.id), proof IS NULL
         FROM {table} t WHERE id = ?1",
        fields = fields.join(", "),
        table = kind.table()
    )
}

/// Whether a stored column holds `value` (normalised), as reading the row
/// back would say. A JSON column is compared as the text it was written
/// from: equal text is the same value, and any doubt goes to the full merge.
fn stored_equals(ty: FieldType, stored: ValueRef<'_>, value: &Value) -> bool {
    match (stored, value) {
        (ValueRef::Null, Value::Null) => true,
        (ValueRef::Integer(i), Value::Number(n)) => match ty {
            FieldType::Number => n.as_f64() == Some(i as f64),
            _ => n.as_i64() == Some(i),
        },
        (ValueRef::Real(f), Value::Number(n)) => n.as_f64() == Some(f),
        (ValueRef::Text(text), v @ (Value::Array(_) | Value::Object(_) | Value::String(_)))
            if matches!(ty, FieldType::RefList(_) | FieldType::Json) =>
        {
            v.to_string().as_bytes() == text
        }
        (ValueRef::Text(text), Value::String(s)) => s.as_bytes() == text,
        _ => false,
    }
}

fn read_other_heads(conn: &rusqlite::Connection, kind: Kind, id: &str) -> crate::Result<Vec<Head>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT origin, hlc, vv, author, deleted, data, proof FROM row_heads
             WHERE table_name = ?1 AND row_id = ?2 ORDER BY origin, hlc",
        )
        .doing("preparing row heads")?;
    let rows = stmt
        .query_map([kind.table(), id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<i64>>(6)?,
            ))
        })
        .doing("reading row heads")?;
    let mut heads = Vec::new();
    for row in rows {
        let (origin, hlc, vv, author, deleted, data, proof) = row.doing("reading row heads")?;
        let corrupt = || StoreError::Corrupt { table: "row_heads".into(), id: id.into(), column: "data".into() };
        let object: Map<String, Value> = serde_json::from_str(&data).map_err(|_| corrupt())?;
        let (data, extra) = split_fields(kind, object);
        heads.push(Head {
            data,
            extra,
            meta: VersionMeta {
                vv: VersionVector::from_json(&vv).ok_or_else(corrupt)?,
                hlc,
                origin,
                author,
                deleted: deleted != 0,
                proof,
            },
        });
    }
    Ok(heads)
}

fn all_heads(conn: &rusqlite::Connection, main: Option<StoredRow>, kind: Kind, id: &str) -> crate::Result<Vec<Head>> {
    let mut heads: Vec<Head> = main.into_iter().map(head_from_row).collect();
    heads.extend(read_other_heads(conn, kind, id)?);
    Ok(heads)
}

impl Writer<'_> {
    /// The version vector a local edit starts from: every head's, merged.
    pub(crate) fn heads_vv(&self, kind: Kind, id: &str, main: Option<&StoredRow>) -> crate::Result<VersionVector> {
        let others = read_other_heads(&self.tx, kind, id)?;
        Ok(merged_vv(main.map(|m| &m.vv).into_iter().chain(others.iter().map(|h| &h.meta.vv))))
    }

    pub(crate) fn clear_heads(&self, kind: Kind, id: &str) -> crate::Result<()> {
        self.tx
            .prepare_cached("DELETE FROM row_heads WHERE table_name = ?1 AND row_id = ?2")
            .doing("preparing row heads")?
            .execute([kind.table(), id])
            .doing("clearing row heads")?;
        Ok(())
    }

    /// Merges a version from another device into its row.
    pub fn apply_remote(&mut self, incoming: &RemoteVersion) -> crate::Result<Applied> {
        let blanked = self.erased_incoming(incoming)?;
        let incoming = blanked.as_ref().unwrap_or(incoming);
        let (kind, id) = (incoming.kind, incoming.id.as_str());
        self.see_own_counter(&incoming.meta.vv);
        if self.filling.contains(&kind) {
            // A table being loaded: the insert itself tells whether the row
            // is new, with one look-up of its id instead of two.
            if self.write_row_if(incoming.as_row(), ChangeOp::Import, IfTaken::Skip)?.is_some() {
                self.observe(incoming.meta.hlc);
                return Ok(Applied::New);
            }
        }
        match self.shown_version(incoming)? {
            Shown::NoRow => {
                // A row never seen here (most of a first import): no heads to
                // read, compare or clear, since heads only exist beside a row.
                self.write_row(incoming.as_row(), ChangeOp::Import)?;
                self.observe(incoming.meta.hlc);
                return Ok(Applied::New);
            }
            // The version this row already shows, sent again (most of a
            // bundle re-sent whole).
            Shown::This => return Ok(Applied::Unchanged),
            Shown::ThisWithoutProof => {
                self.attach_proof(kind, id, incoming.meta.proof)?;
                return Ok(Applied::Unchanged);
            }
            Shown::Other => {}
        }
        let main = self.get(kind, id)?;
        let heads = all_heads(&self.tx, main, kind, id)?;
        let contents = contents_of(&heads);
        let incoming_content = content(&incoming.data, &incoming.extra);
        let refs = version_refs(&heads, &contents);
        let incoming_ref = VersionRef {
            vv: &incoming.meta.vv,
            hlc: incoming.meta.hlc,
            origin: &incoming.meta.origin,
            deleted: incoming.meta.deleted,
            content: &incoming_content,
        };
        let keep = match merge(&refs, &incoming_ref) {
            MergeOutcome::AlreadyKnown => return Ok(Applied::Unchanged),
            MergeOutcome::Forged => return Ok(Applied::Forged),
            MergeOutcome::Apply { keep } => keep,
        };
        let mut new_heads: Vec<Head> = keep.iter().map(|&i| heads[i].clone()).collect();
        new_heads.push(Head {
            data: incoming.data.clone(),
            extra: incoming.extra.clone(),
            meta: incoming.meta.clone(),
        });
        let new_contents = contents_of(&new_heads);
        let new_refs = version_refs(&new_heads, &new_contents);
        let shown = winner(&new_refs);
        let conflict = is_conflict(&new_refs);
        let top = &new_heads[shown];
        let shown_row = RowVersion { kind, id, data: &top.data, extra: top.extra.as_ref(), meta: &top.meta };
        self.write_row(shown_row, ChangeOp::Import)?;
        self.clear_heads(kind, id)?;
        for (_, head) in new_heads.iter().enumerate().filter(|(i, _)| *i != shown) {
            let mut object = head.data.clone();
            if let Some(extra) = &head.extra {
                object.extend(extra.clone());
            }
            self.tx
                .prepare_cached(
                    "INSERT INTO row_heads (table_name, row_id, origin, hlc, vv, author, deleted, data, proof)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                )
                .doing("preparing row heads")?
                .execute(rusqlite::params![
                    kind.table(),
                    id,
                    head.meta.origin,
                    head.meta.hlc,
                    head.meta.vv.to_json(),
                    head.meta.author,
                    i64::from(head.meta.deleted),
                    Value::Object(object).to_string(),
                    head.meta.proof
                ])
                .doing("writing row heads")?;
        }
        self.observe(incoming.meta.hlc);
        Ok(if conflict { Applied::Conflict } else { Applied::Updated })
    }

    /// What the row of `incoming` shows, told from its columns without
    /// building the row: a re-sent bundle asks this of millions of versions
    /// (a country's, 1.7 million known of 1.9 million), and building each
    /// row and its heads to compare them was most of that import.
    fn shown_version(&mut self, incoming: &RemoteVersion) -> crate::Result<Shown> {
        let kind = incoming.kind;
        let sql = self.probes.entry(kind).or_insert_with(|| probe_sql(kind));
        let mut stmt = self.tx.prepare_cached(sql).doing("preparing a version probe")?;
        let mut rows = stmt.query([incoming.id.as_str()]).doing("probing a row")?;
        let Some(r) = rows.next().doing("probing a row")? else { return Ok(Shown::NoRow) };
        let fields = kind.fields();
        let n = fields.len();
        let meta = &incoming.meta;
        let same_meta = r.get::<_, i64>(n).doing("probing a row")? == i64::from(meta.deleted)
            && r.get::<_, i64>(n + 2).doing("probing a row")? == meta.hlc
            && r.get_ref(n + 3).doing("probing a row")?.as_str().ok() == Some(meta.origin.as_str())
            && r.get_ref(n + 4).doing("probing a row")?.data_type() == rusqlite::types::Type::Null
            && incoming.extra.is_none()
            && r.get::<_, i64>(n + 5).doing("probing a row")? == 0
            && r.get_ref(n + 1).doing("probing a row")?.as_str().ok() == Some(meta.vv.to_json().as_str());
        if !same_meta {
            return Ok(Shown::Other);
        }
        for (i, field) in fields.iter().enumerate() {
            let stored = r.get_ref(i).doing("probing a row")?;
            let value = incoming.data.get(field.name).unwrap_or(&Value::Null);
            if !stored_equals(field.ty, stored, value) {
                return Ok(Shown::Other);
            }
        }
        let unproven = r.get::<_, i64>(n + 6).doing("probing a row")? != 0;
        Ok(if unproven && meta.proof.is_some() { Shown::ThisWithoutProof } else { Shown::This })
    }

    fn attach_proof(&mut self, kind: Kind, id: &str, proof: Option<i64>) -> crate::Result<()> {
        self.tx
            .prepare_cached(&format!("UPDATE {} SET proof = ?2 WHERE id = ?1", kind.table()))
            .doing("preparing to attach a proof")?
            .execute(rusqlite::params![id, proof])
            .doing("attaching a proof")
            .map(|_| ())
    }

    /// Keeps this device's counter above any of its own that comes back
    /// (its work from before a restore, or from a store copied from it),
    /// so no counter is ever given to two versions.
    fn see_own_counter(&mut self, vv: &VersionVector) {
        let own = i64::try_from(vv.get(&self.device.device_id)).unwrap_or(i64::MAX);
        self.device.counter = self.device.counter.max(own);
    }

    /// Moves this laptop's clock past a stamp it has seen (not far past:
    /// a laptop whose clock runs ahead does not drag this one along).
    fn observe(&mut self, hlc: i64) {
        let (observed, _too_far) = Hlc::observe(Hlc(self.device.hlc), Hlc(hlc), self.now_millis);
        self.device.hlc = observed.0;
    }
}

impl Store {
    /// Every head of a row, the one shown first.
    pub fn heads(&self, kind: Kind, id: &str) -> crate::Result<Vec<Head>> {
        let main = self.get(kind, id)?;
        all_heads(&self.conn, main, kind, id)
    }

    /// Rows whose heads disagree: (kind, id), sorted.
    pub fn conflicts(&self) -> crate::Result<Vec<(Kind, String)>> {
        let sql = "SELECT DISTINCT table_name, row_id FROM row_heads ORDER BY table_name, row_id";
        let rows: Vec<(String, String)> = self.all(sql, [], "listing conflicts", |r| r.try_into())?;
        let mut out = Vec::new();
        for (table, id) in rows {
            let Some(kind) = Kind::from_table(&table) else { continue };
            let heads = self.heads(kind, &id)?;
            let contents = contents_of(&heads);
            let refs = version_refs(&heads, &contents);
            if is_conflict(&refs) {
                out.push((kind, id));
            }
        }
        Ok(out)
    }

    /// Calls `each` with every version this store holds (each row's heads),
    /// kind by kind in id order.
    pub fn for_each_version<E: From<StoreError>>(
        &self,
        each: impl FnMut(RemoteVersion) -> Result<(), E>,
    ) -> Result<(), E> {
        self.for_each_version_since(0, each)
    }

    /// Like [`Store::for_each_version`], for rows changed here after the
    /// change sequence `since` (an incremental export).
    pub fn for_each_version_since<E: From<StoreError>>(
        &self,
        since: i64,
        each: impl FnMut(RemoteVersion) -> Result<(), E>,
    ) -> Result<(), E> {
        self.for_each_version_in(since, None, each)
    }

    /// Like [`Store::for_each_version_since`], only for the rows in `scope`
    /// when one is given (a mission's records). Rows are read one at a
    /// time: a country's store is never held in memory.
    pub fn for_each_version_in<E: From<StoreError>>(
        &self,
        since: i64,
        scope: Option<&crate::MissionScope>,
        mut each: impl FnMut(RemoteVersion) -> Result<(), E>,
    ) -> Result<(), E> {
        for &kind in Kind::ALL {
            let in_scope = |id: &str| scope.is_none_or(|s| s.get(&kind).is_some_and(|ids| ids.contains(id)));
            let sql = format!(
                "SELECT {} FROM {} WHERE change_seq > ?1 ORDER BY id",
                crate::rows::select_columns(kind),
                kind.table()
            );
            // Rows with concurrent versions are few: asked once per kind
            // rather than once per row (a query per row was a tenth of an export).
            let with_others = self.rows_with_other_heads(kind)?;
            let mut stmt = self.conn.prepare_cached(&sql).doing("preparing an export")?;
            let mut rows = stmt.query([since]).doing("reading versions")?;
            while let Some(r) = rows.next().doing("reading versions")? {
                let row = crate::rows::read_row(kind, r)?;
                if !in_scope(&row.id) {
                    continue;
                }
                let id = row.id.clone();
                let main = head_from_row(row);
                each(RemoteVersion { kind, id: id.clone(), data: main.data, extra: main.extra, meta: main.meta })?;
                if with_others.contains(&id) {
                    for head in read_other_heads(&self.conn, kind, &id)? {
                        each(RemoteVersion {
                            kind,
                            id: id.clone(),
                            data: head.data,
                            extra: head.extra,
                            meta: head.meta,
                        })?;
                    }
                }
            }
        }
        Ok(())
    }

    fn rows_with_other_heads(&self, kind: Kind) -> crate::Result<std::collections::HashSet<String>> {
        let sql = "SELECT DISTINCT row_id FROM row_heads WHERE table_name = ?1";
        let ids: Vec<String> = self.all(sql, [kind.table()], "listing rows with concurrent versions", |r| r.get(0))?;
        Ok(ids.into_iter().collect())
    }

    /// The whole store as canonical JSON Lines (sorted, stable, without
    /// device-local bookkeeping), so two stores compare with `diff`.
    pub fn dump_to(&self, out: &mut impl Write) -> crate::Result<()> {
        for &kind in Kind::ALL {
            let query = crate::ListQuery { include_deleted: true, ..crate::ListQuery::default() };
            for row in self.list_by_id(kind, &query)? {
                let id = row.id.clone();
                let heads = all_heads(&self.conn, Some(row), kind, &id)?;
                let line = serde_json::json!({ "table": kind.table(), "id": id, "heads": heads });
                serde_json::to_writer(&mut *out, &line).map_err(|e| StoreError::Dump(e.into()))?;
                out.write_all(b"\n").map_err(StoreError::Dump)?;
            }
        }
        Ok(())
    }
}
