//! Records as rows: generic reads and versioned writes over every kind.
//! Column names come from the domain's field lists, never from user input.

use crate::error::{Doing, StoreError};
use crate::history::ChangeOp;
use crate::local_device::LocalDevice;
use crate::open::Store;
use binome_domain::{FieldType, Hlc, Kind, Row, VersionVector};
use rusqlite::types::{Value as SqlValue, ValueRef};
use rusqlite::{Connection, DropBehavior, OptionalExtension, Savepoint, Transaction, params_from_iter};
use serde::Serialize;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// A record with its version.
#[derive(Debug, Clone, Serialize)]
pub struct StoredRow {
    pub kind: Kind,
    pub id: String,
    pub data: Row,
    pub deleted: bool,
    pub vv: VersionVector,
    pub hlc: i64,
    pub origin: String,
    pub change_seq: i64,
    /// Who made this version, on the origin device.
    pub author: Option<String>,
    /// Fields from a newer Binôme, kept as they came.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extra: Option<serde_json::Map<String, Value>>,
    /// The number here of the segment its origin signed this version in.
    #[serde(skip)]
    pub proof: Option<i64>,
}

/// Which rows of a kind to list: equality on fields, tombstones or not.
#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    pub equals: Vec<(&'static str, String)>,
    pub include_deleted: bool,
    pub limit: Option<usize>,
    pub offset: usize,
}

/// A row whose reference points at no record.
#[derive(Debug, Clone, Serialize)]
pub struct Orphan {
    pub kind: Kind,
    pub id: String,
    pub field: &'static str,
    pub missing_id: String,
}

pub(crate) fn select_columns(kind: Kind) -> String {
    let mut cols: Vec<&str> = vec!["id"];
    cols.extend(kind.fields().iter().map(|f| f.name));
    cols.extend(["deleted", "vv", "hlc", "origin", "change_seq", "author", "extra", "proof"]);
    cols.join(", ")
}

pub(crate) fn to_sql(ty: FieldType, value: &Value) -> SqlValue {
    match (ty, value) {
        (_, Value::Null) => SqlValue::Null,
        (FieldType::Number, v) => v.as_f64().map_or(SqlValue::Null, SqlValue::Real),
        (FieldType::Duration, v) => v.as_i64().map_or(SqlValue::Null, SqlValue::Integer),
        (FieldType::RefList(_) | FieldType::Json, v) => SqlValue::Text(v.to_string()),
        (_, Value::String(s)) => SqlValue::Text(s.clone()),
        (_, v) => SqlValue::Text(v.to_string()),
    }
}

fn from_sql(kind: Kind, id: &str, name: &str, ty: FieldType, value: ValueRef<'_>) -> crate::Result<Value> {
    let corrupt = || StoreError::Corrupt { table: kind.table().into(), id: id.into(), column: name.into() };
    Ok(match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => match ty {
            FieldType::Number => serde_json::Number::from_f64(i as f64).map_or(Value::Null, Value::Number),
            _ => Value::from(i),
        },
        ValueRef::Real(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        ValueRef::Text(bytes) => {
            let text = std::str::from_utf8(bytes).map_err(|_| corrupt())?;
            match ty {
                FieldType::RefList(_) | FieldType::Json => serde_json::from_str(text).map_err(|_| corrupt())?,
                _ => Value::String(text.to_owned()),
            }
        }
        ValueRef::Blob(_) => return Err(corrupt()),
    })
}

pub(crate) fn read_row(kind: Kind, r: &rusqlite::Row<'_>) -> crate::Result<StoredRow> {
    let id: String = r.get(0).doing("reading a row id")?;
    let mut data = Row::new();
    let fields = kind.fields();
    for (i, field) in fields.iter().enumerate() {
        let value = r.get_ref(i + 1).doing("reading a column")?;
        data.insert(field.name.to_owned(), from_sql(kind, &id, field.name, field.ty, value)?);
    }
    let n = fields.len();
    let vv_text: String = r.get(n + 2).doing("reading a version vector")?;
    let vv = VersionVector::from_json(&vv_text).ok_or_else(|| StoreError::Corrupt {
        table: kind.table().into(),
        id: id.clone(),
        column: "vv".into(),
    })?;
    Ok(StoredRow {
        kind,
        deleted: r.get::<_, i64>(n + 1).doing("reading a tombstone")? != 0,
        vv,
        hlc: r.get(n + 3).doing("reading a stamp")?,
        origin: r.get(n + 4).doing("reading an origin")?,
        change_seq: r.get(n + 5).doing("reading a change sequence")?,
        author: r.get(n + 6).doing("reading an author")?,
        extra: r
            .get::<_, Option<String>>(n + 7)
            .doing("reading extra fields")?
            .and_then(|text| serde_json::from_str(&text).ok()),
        proof: r.get(n + 8).doing("reading a proof")?,
        id,
        data,
    })
}

/// One record by id, deleted or not, inside or outside a write.
/// A list's WHERE clause and its arguments: the fields it must equal and
/// whether deleted rows are left out.
fn list_filter(kind: Kind, query: &ListQuery) -> (String, Vec<String>) {
    let mut sql = " WHERE 1 = 1".to_owned();
    let mut args: Vec<String> = Vec::new();
    for (field, value) in &query.equals {
        // Only declared fields reach the SQL text.
        let spec = kind.field(field).map(|f| f.name).unwrap_or("id");
        args.push(value.clone());
        sql.push_str(&format!(" AND {spec} = ?{}", args.len()));
    }
    if !query.include_deleted {
        sql.push_str(" AND deleted = 0");
    }
    (sql, args)
}

/// The read of one row by id, per kind, built once: imports read a row
/// per version, two million times at country scale.
fn read_sql(kind: Kind) -> &'static str {
    static SQL: std::sync::OnceLock<HashMap<Kind, String>> = std::sync::OnceLock::new();
    SQL.get_or_init(|| {
        Kind::ALL
            .iter()
            .map(|&k| (k, format!("SELECT {} FROM {} WHERE id = ?1", select_columns(k), k.table())))
            .collect()
    })[&kind]
        .as_str()
}

fn get_row(conn: &rusqlite::Connection, kind: Kind, id: &str) -> crate::Result<Option<StoredRow>> {
    let mut stmt = conn.prepare_cached(read_sql(kind)).doing("preparing a read")?;
    let mut rows = stmt.query([id]).doing("reading a record")?;
    match rows.next().doing("reading a record")? {
        Some(r) => Ok(Some(read_row(kind, r)?)),
        None => Ok(None),
    }
}

impl Store {
    pub fn get(&self, kind: Kind, id: &str) -> crate::Result<Option<StoredRow>> {
        get_row(&self.conn, kind, id)
    }

    pub fn list(&self, kind: Kind, query: &ListQuery) -> crate::Result<Vec<StoredRow>> {
        let (filter, args) = list_filter(kind, query);
        let mut sql = format!("SELECT {} FROM {}{filter}", select_columns(kind), kind.table());
        sql.push_str(&format!(" ORDER BY {}, id", order_by(kind)));
        if let Some(limit) = query.limit {
            sql.push_str(&format!(" LIMIT {limit} OFFSET {}", query.offset));
        }
        let mut stmt = self.conn.prepare_cached(&sql).doing("preparing a list")?;
        let mut rows = stmt.query(params_from_iter(args.iter())).doing("listing records")?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().doing("listing records")? {
            out.push(read_row(kind, r)?);
        }
        Ok(out)
    }

    /// Only some fields of the rows [`Store::list`] would give, as (id,
    /// fields): what a screen needs to sort and page a hundred thousand
    /// records before reading the page's rows whole.
    pub fn list_fields(&self, kind: Kind, query: &ListQuery, fields: &[&str]) -> crate::Result<Vec<(String, Row)>> {
        // Only declared fields reach the SQL text.
        let specs: Vec<_> = fields.iter().filter_map(|f| kind.field(f)).collect();
        let mut columns = vec!["id"];
        columns.extend(specs.iter().map(|s| s.name));
        let (filter, args) = list_filter(kind, query);
        let sql = format!("SELECT {} FROM {}{filter} ORDER BY id", columns.join(", "), kind.table());
        let mut stmt = self.conn.prepare_cached(&sql).doing("preparing a list")?;
        let mut rows = stmt.query(params_from_iter(args.iter())).doing("listing records")?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().doing("listing records")? {
            let id: String = r.get(0).doing("reading a row id")?;
            let mut data = Row::new();
            for (i, spec) in specs.iter().enumerate() {
                let value = r.get_ref(i + 1).doing("reading a column")?;
                data.insert(spec.name.to_owned(), from_sql(kind, &id, spec.name, spec.ty, value)?);
            }
            out.push((id, data));
        }
        Ok(out)
    }

    /// All rows of a kind in id order (the order dumps and exports use).
    pub fn list_by_id(&self, kind: Kind, query: &ListQuery) -> crate::Result<Vec<StoredRow>> {
        let deleted = if query.include_deleted { "" } else { " WHERE deleted = 0" };
        let sql = format!("SELECT {} FROM {}{deleted} ORDER BY id", select_columns(kind), kind.table());
        let mut stmt = self.conn.prepare_cached(&sql).doing("preparing a list")?;
        let mut rows = stmt.query([]).doing("listing records")?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().doing("listing records")? {
            out.push(read_row(kind, r)?);
        }
        Ok(out)
    }

    pub fn count(&self, kind: Kind) -> crate::Result<i64> {
        self.conn
            .query_row(&format!("SELECT count(*) FROM {} WHERE deleted = 0", kind.table()), [], |r| r.get(0))
            .doing("counting records")
    }

    /// Ids of records that `text` designates: the whole id, an id prefix of
    /// at least 6 characters, or (case-insensitively) the record's code or name.
    pub fn resolve(&self, kind: Kind, text: &str) -> crate::Result<Vec<String>> {
        let text = text.trim();
        // A whole id is the common case (screens pass ids): one key look-up.
        let exact: Option<String> = self
            .conn
            .prepare_cached(&format!("SELECT id FROM {} WHERE id = ?1 AND deleted = 0", kind.table()))
            .doing("preparing a look-up")?
            .query_row([text], |r| r.get(0))
            .optional()
            .doing("looking a record up")?;
        if let Some(id) = exact {
            return Ok(vec![id]);
        }
        let mut sql = format!("SELECT id FROM {} WHERE deleted = 0 AND (id = ?1", kind.table());
        if text.len() >= 6 {
            // A range rather than LIKE, so the key's index serves it: ids
            // are lowercase hex and hyphens, all below '~'.
            sql.push_str(" OR (id >= ?2 AND id < ?2 || '~')");
        }
        if let Some(label) = kind.label_fields().first().filter(|_| {
            matches!(kind, Kind::Programme | Kind::Mission | Kind::Framework | Kind::Organisation | Kind::Profession)
        }) {
            sql.push_str(&format!(" OR {label} = ?1 COLLATE NOCASE"));
        }
        sql.push_str(") ORDER BY id LIMIT 10");
        let lower = text.to_lowercase();
        let args: Vec<&str> = if text.len() >= 6 { vec![text, lower.as_str()] } else { vec![text] };
        self.all(&sql, params_from_iter(args), "looking a record up", |r| r.get(0))
    }

    /// Rows whose references point at no record (synced rows can arrive
    /// before their parent; they are kept and reported, not refused).
    pub fn orphans(&self) -> crate::Result<Vec<Orphan>> {
        let mut out = Vec::new();
        for &kind in Kind::ALL {
            for field in kind.fields() {
                let FieldType::Ref(target) = field.ty else { continue };
                let sql = format!(
                    "SELECT c.id, c.{f} FROM {t} c WHERE c.deleted = 0 AND c.{f} IS NOT NULL
                     AND NOT EXISTS (SELECT 1 FROM {p} p WHERE p.id = c.{f})",
                    f = field.name,
                    t = kind.table(),
                    p = target.table()
                );
                let mut stmt = self.conn.prepare(&sql).doing("looking for orphans")?;
                let rows = stmt
                    .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
                    .doing("looking for orphans")?;
                for row in rows {
                    let (id, missing_id) = row.doing("looking for orphans")?;
                    out.push(Orphan { kind, id, field: field.name, missing_id });
                }
            }
        }
        Ok(out)
    }

    /// Runs `work` in one transaction: all of its writes land, or none.
    pub fn write<T, E>(&mut self, now_millis: i64, work: impl FnOnce(&mut Writer<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        self.write_with(now_millis, work, true)
    }

    pub(crate) fn write_with<T, E>(
        &mut self,
        now_millis: i64,
        work: impl FnOnce(&mut Writer<'_>) -> Result<T, E>,
        commit: bool,
    ) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let inside = self.all_or_nothing_held();
        if !inside {
            self.roll_back_stray()?;
        }
        let device = self.device.clone().ok_or(StoreError::NotInitialised)?;
        let tx = match inside {
            true => WriteScope::Savepoint(self.conn.savepoint().doing("starting a write")?),
            false => WriteScope::Transaction(self.conn.transaction().doing("starting a write")?),
        };
        let mut writer = Writer {
            tx,
            device,
            now_millis,
            merges_changed: false,
            actors: HashMap::new(),
            upserts: HashMap::new(),
            inserts: HashMap::new(),
            probes: HashMap::new(),
            filling: HashSet::new(),
            cache_to_restore: None,
        };
        let worked = work(&mut writer);
        let restored = writer
            .cache_to_restore
            .take()
            .map(|cache| writer.tx.pragma_update(None, "cache_size", cache).doing("sizing the page cache"));
        let value = worked?;
        if let Some(restored) = restored {
            restored?;
        }
        if writer.merges_changed {
            crate::persons::rebuild_aliases(&writer.tx)?;
        }
        writer
            .tx
            .execute(
                "UPDATE local_device SET counter = ?1, hlc = ?2 WHERE singleton = 1",
                rusqlite::params![writer.device.counter, writer.device.hlc],
            )
            .doing("saving the device counters")?;
        if !commit {
            writer.tx.rollback().doing("rolling a rehearsal back")?;
            return Ok(value);
        }
        let device = writer.device.clone();
        writer.tx.commit().doing("committing a write")?;
        self.device = Some(device);
        Ok(value)
    }
}

/// A write's own transaction, or a savepoint inside an all-or-nothing one.
pub(crate) enum WriteScope<'a> {
    Transaction(Transaction<'a>),
    Savepoint(Savepoint<'a>),
}

impl std::ops::Deref for WriteScope<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        match self {
            WriteScope::Transaction(tx) => tx,
            WriteScope::Savepoint(sp) => sp,
        }
    }
}

impl WriteScope<'_> {
    fn commit(self) -> rusqlite::Result<()> {
        match self {
            WriteScope::Transaction(tx) => tx.commit(),
            WriteScope::Savepoint(sp) => sp.commit(),
        }
    }

    fn rollback(self) -> rusqlite::Result<()> {
        match self {
            WriteScope::Transaction(tx) => tx.rollback(),
            WriteScope::Savepoint(mut sp) => {
                sp.set_drop_behavior(DropBehavior::Rollback);
                sp.finish()
            }
        }
    }
}

/// An open all-or-nothing transaction ([`Store::begin_all_or_nothing`]).
#[must_use = "finish it, or its writes are rolled back before the next write"]
pub struct AllOrNothing {
    device_before: Option<LocalDevice>,
    held: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Drop for AllOrNothing {
    /// Dropped unfinished (an error path that forgot it, a panic): the
    /// store rolls its writes back before the next one.
    fn drop(&mut self) {
        self.held.store(false, std::sync::atomic::Ordering::SeqCst);
    }
}

impl Store {
    /// Makes every write until [`Store::finish_all_or_nothing`] part of one
    /// transaction, for work too large to hold in memory until it is known
    /// to be right (a spreadsheet of a million rows, written in chunks).
    /// Reads in between see those writes.
    pub fn begin_all_or_nothing(&mut self) -> crate::Result<AllOrNothing> {
        self.roll_back_stray()?;
        self.conn.execute_batch("BEGIN IMMEDIATE").doing("starting an all-or-nothing write")?;
        let held = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
        self.all_or_nothing = Some(held.clone());
        Ok(AllOrNothing { device_before: self.device.clone(), held })
    }

    /// Commits every write since `begin`, or rolls all of them back (and
    /// the device's counters with them). A commit that fails is rolled
    /// back too: nothing of the work is half kept.
    pub fn finish_all_or_nothing(&mut self, mut begun: AllOrNothing, commit: bool) -> crate::Result<()> {
        self.all_or_nothing = None;
        let device_before = begun.device_before.take();
        if commit {
            match self.conn.execute_batch("COMMIT") {
                Ok(()) => return Ok(()),
                Err(failed) => {
                    self.device = device_before;
                    if !self.conn.is_autocommit() {
                        // The write's own failure is what to report; SQLite
                        // rolls back on close if this fails too.
                        let _ = self.conn.execute_batch("ROLLBACK");
                    }
                    return Err(failed).doing("committing an all-or-nothing write");
                }
            }
        }
        self.device = device_before;
        self.conn.execute_batch("ROLLBACK").doing("rolling an all-or-nothing write back")
    }

    fn all_or_nothing_held(&self) -> bool {
        self.all_or_nothing.as_ref().is_some_and(|held| held.load(std::sync::atomic::Ordering::SeqCst))
    }

    /// An all-or-nothing transaction left open by work that never finished
    /// (a panic between its beginning and its end) is rolled back before
    /// anything else is written, rather than holding every later write.
    fn roll_back_stray(&mut self) -> crate::Result<()> {
        self.all_or_nothing = None;
        if self.conn.is_autocommit() {
            return Ok(());
        }
        self.conn.execute_batch("ROLLBACK").doing("rolling back an unfinished write")?;
        self.device = crate::local_device::load(&self.conn)?;
        Ok(())
    }
}

fn order_by(kind: Kind) -> &'static str {
    match kind {
        Kind::Programme | Kind::Mission | Kind::Framework => "code",
        Kind::Organisation => "name",
        Kind::Profession => "title COLLATE NOCASE",
        Kind::ValueChoice => "field, value_key",
        Kind::Erasure => "date",
        Kind::Person => "family_name COLLATE NOCASE, given_names COLLATE NOCASE",
        Kind::Session | Kind::Assessment => "date",
        _ => "change_seq",
    }
}

/// The version fields of a row: who made it, when, what it has seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VersionMeta {
    pub vv: VersionVector,
    pub hlc: i64,
    pub origin: String,
    pub author: String,
    pub deleted: bool,
    /// The number, in this store's `segments`, of the segment its origin
    /// signed it in (local: two laptops number their segments apart, and
    /// may hold the same version under different segments).
    #[serde(skip)]
    pub proof: Option<i64>,
}

/// Writes inside one transaction. Local changes get a new version each;
/// versions from other devices are merged (see `sync.rs`).
pub struct Writer<'a> {
    pub(crate) tx: WriteScope<'a>,
    pub(crate) device: LocalDevice,
    pub(crate) now_millis: i64,
    pub(crate) merges_changed: bool,
    actors: HashMap<(String, String), i64>,
    upserts: HashMap<Kind, String>,
    inserts: HashMap<Kind, String>,
    /// Per kind, the SQL that tells whether a row shows a given version.
    pub(crate) probes: HashMap<Kind, String>,
    /// Kinds whose table was empty when this write began loading it (see
    /// [`Writer::defer_indexes_of_empty`]): a version there is most likely
    /// of a row not written yet, so it is inserted before being probed.
    pub(crate) filling: HashSet<Kind>,
    /// The connection's page cache before a load shrank it, given back
    /// when the write ends.
    pub(crate) cache_to_restore: Option<i64>,
}

/// One version of a row, borrowed from wherever it was made or received,
/// as it goes into its table.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RowVersion<'a> {
    pub kind: Kind,
    pub id: &'a str,
    pub data: &'a Row,
    /// Fields this Binôme does not know (from a newer one): kept, not dropped.
    pub extra: Option<&'a serde_json::Map<String, Value>>,
    pub meta: &'a VersionMeta,
}

/// What writing a row does when its id is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IfTaken {
    Replace,
    /// Writes nothing (and leaves no trace in the change log).
    Skip,
}

pub(crate) const CHANGE_LOG_INSERT: &str =
    "INSERT INTO change_log (table_name, row_id, op, actor, hlc, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

pub(crate) fn write_sql(kind: Kind, if_taken: IfTaken) -> String {
    let names: Vec<&str> = kind.fields().iter().map(|f| f.name).collect();
    let placeholders: Vec<String> = (1..=names.len() + 9).map(|i| format!("?{i}")).collect();
    let on_conflict = match if_taken {
        IfTaken::Replace => {
            let updates: Vec<String> = names
                .iter()
                .chain(["deleted", "vv", "hlc", "origin", "change_seq", "author", "extra", "proof"].iter())
                .map(|n| format!("{n} = excluded.{n}"))
                .collect();
            format!("DO UPDATE SET {}", updates.join(", "))
        }
        IfTaken::Skip => "DO NOTHING".to_owned(),
    };
    format!(
        "INSERT INTO {table} (id, {cols}, deleted, vv, hlc, origin, change_seq, author, extra, proof) VALUES ({ph})
         ON CONFLICT (id) {on_conflict}",
        table = kind.table(),
        cols = names.join(", "),
        ph = placeholders.join(", "),
    )
}

impl Writer<'_> {
    pub fn device(&self) -> &LocalDevice {
        &self.device
    }

    /// Creates or updates a record as a local change. An edit of a row in
    /// conflict has seen every head, so it settles the conflict.
    pub fn put(&mut self, kind: Kind, id: &str, data: &Row) -> crate::Result<StoredRow> {
        let existing = self.get(kind, id)?;
        let op = if existing.is_some() { ChangeOp::Update } else { ChangeOp::Create };
        let vv = self.heads_vv(kind, id, existing.as_ref())?;
        self.save(kind, id, data, false, vv, op)
    }

    /// Creates a record known to be new (generated data, a bulk load):
    /// skips the read of a previous version.
    pub fn insert_new(&mut self, kind: Kind, id: &str, data: &Row) -> crate::Result<()> {
        self.write_version(kind, id, data, false, &mut VersionVector::default(), ChangeOp::Create).map(|_| ())
    }

    /// Tombstones a record: it stays, marked deleted, with a new version.
    pub fn delete(&mut self, kind: Kind, id: &str) -> crate::Result<Option<StoredRow>> {
        let Some(existing) = self.get(kind, id)? else { return Ok(None) };
        let vv = self.heads_vv(kind, id, Some(&existing))?;
        self.save(kind, id, &existing.data, true, vv, ChangeOp::Delete).map(Some)
    }

    pub fn get(&self, kind: Kind, id: &str) -> crate::Result<Option<StoredRow>> {
        get_row(&self.tx, kind, id)
    }

    fn actor_for(&mut self, device: &str, author: &str) -> crate::Result<i64> {
        if let Some(actor) = self.actors.get(&(device.to_owned(), author.to_owned())) {
            return Ok(*actor);
        }
        self.tx
            .execute(
                "INSERT INTO actors (device, author) VALUES (?1, ?2) ON CONFLICT (device, author) DO NOTHING",
                rusqlite::params![device, author],
            )
            .doing("recording the actor")?;
        let actor = self
            .tx
            .query_row(
                "SELECT id FROM actors WHERE device = ?1 AND author = ?2",
                rusqlite::params![device, author],
                |r| r.get(0),
            )
            .doing("reading the actor")?;
        self.actors.insert((device.to_owned(), author.to_owned()), actor);
        Ok(actor)
    }

    /// Writes one new local version of a row and its change-log entry;
    /// returns the change sequence.
    fn write_version(
        &mut self,
        kind: Kind,
        id: &str,
        data: &Row,
        deleted: bool,
        vv: &mut VersionVector,
        op: ChangeOp,
    ) -> crate::Result<i64> {
        self.device.counter += 1;
        self.device.hlc = Hlc::tick(Hlc(self.device.hlc), self.now_millis).0;
        vv.set(&self.device.device_id, self.device.counter as u64);
        let version = VersionMeta {
            vv: vv.clone(),
            hlc: self.device.hlc,
            origin: self.device.device_id.clone(),
            author: self.device.author.clone(),
            deleted,
            proof: None,
        };
        let seq = self.write_row(RowVersion { kind, id, data, extra: None, meta: &version }, op)?;
        self.clear_heads(kind, id)?;
        Ok(seq)
    }

    /// Writes a version of a row as the one its table shows, with a
    /// change-log entry; returns the change sequence.
    pub(crate) fn write_row(&mut self, row: RowVersion<'_>, op: ChangeOp) -> crate::Result<i64> {
        let seq = self.write_row_if(row, op, IfTaken::Replace)?;
        Ok(seq.expect("a replacing write always writes"))
    }

    /// Writes a row version; `None` if its id was taken and `if_taken`
    /// says to skip it.
    pub(crate) fn write_row_if(
        &mut self,
        RowVersion { kind, id, data, extra, meta: version }: RowVersion<'_>,
        op: ChangeOp,
        if_taken: IfTaken,
    ) -> crate::Result<Option<i64>> {
        // A local edit cannot bring an erased person's name back.
        let blanked = self.erased_values(kind, id, data)?;
        let data = blanked.as_ref().unwrap_or(data);
        let actor = self.actor_for(&version.origin, &version.author)?;
        self.tx
            .prepare_cached(CHANGE_LOG_INSERT)
            .doing("preparing the change log")?
            .execute(rusqlite::params![kind.table(), id, op, actor, version.hlc, self.now_millis])
            .doing("appending to the change log")?;
        let seq = self.tx.last_insert_rowid();
        let fields = kind.fields();
        let mut values: Vec<SqlValue> = Vec::with_capacity(fields.len() + 9);
        values.push(SqlValue::Text(id.to_owned()));
        for field in fields {
            values.push(to_sql(field.ty, data.get(field.name).unwrap_or(&Value::Null)));
        }
        values.push(SqlValue::Integer(i64::from(version.deleted)));
        values.push(SqlValue::Text(version.vv.to_json()));
        values.push(SqlValue::Integer(version.hlc));
        values.push(SqlValue::Text(version.origin.clone()));
        values.push(SqlValue::Integer(seq));
        values.push(SqlValue::Text(version.author.clone()));
        values.push(match extra.filter(|e| !e.is_empty()) {
            Some(e) => SqlValue::Text(Value::Object(e.clone()).to_string()),
            None => SqlValue::Null,
        });
        values.push(version.proof.map_or(SqlValue::Null, SqlValue::Integer));
        let statements = match if_taken {
            IfTaken::Replace => &mut self.upserts,
            IfTaken::Skip => &mut self.inserts,
        };
        let sql = statements.entry(kind).or_insert_with(|| write_sql(kind, if_taken));
        let written = self
            .tx
            .prepare_cached(sql)
            .doing("preparing a record write")?
            .execute(params_from_iter(values))
            .doing("writing a record")?;
        if written == 0 {
            self.tx
                .prepare_cached("DELETE FROM change_log WHERE seq = ?1")
                .doing("preparing the change log")?
                .execute([seq])
                .doing("taking back a change log entry")?;
            return Ok(None);
        }
        if kind == Kind::PersonMerge {
            self.merges_changed = true;
        }
        if kind == Kind::Erasure
            && let Some(person_id) = data.get("person_id").and_then(Value::as_str)
        {
            self.erase_person_in_place(person_id)?;
        }
        Ok(Some(seq))
    }

    fn save(
        &mut self,
        kind: Kind,
        id: &str,
        data: &Row,
        deleted: bool,
        mut vv: VersionVector,
        op: ChangeOp,
    ) -> crate::Result<StoredRow> {
        let seq = self.write_version(kind, id, data, deleted, &mut vv, op)?;
        Ok(StoredRow {
            kind,
            id: id.to_owned(),
            data: data.clone(),
            deleted,
            vv,
            hlc: self.device.hlc,
            origin: self.device.device_id.clone(),
            change_seq: seq,
            author: Some(self.device.author.clone()),
            extra: None,
            proof: None,
        })
    }

    /// Whether a record of `kind` with this id exists (deleted or not).
    pub fn exists(&self, kind: Kind, id: &str) -> crate::Result<bool> {
        self.tx
            .query_row(&format!("SELECT 1 FROM {} WHERE id = ?1", kind.table()), [id], |_| Ok(()))
            .optional()
            .doing("checking a record")
            .map(|r| r.is_some())
    }
}

#[cfg(test)]
mod all_or_nothing_tests {
    use super::*;
    use crate::testing::{NOW, store};
    use serde_json::json;

    /// Ten persons in one write of their own, as an import's chunk is.
    fn write_chunk(store: &mut Store, chunk: usize) {
        store
            .write(NOW, |w| -> crate::Result<()> {
                for i in 0..10 {
                    let data = json!({"family_name": format!("ABAKAR {chunk} {i}"), "role": "participant"});
                    w.put(
                        Kind::Person,
                        &format!("0190a4b2-0000-7000-8000-{chunk:06}{i:06}"),
                        data.as_object().unwrap(),
                    )?;
                }
                Ok(())
            })
            .unwrap();
    }

    fn stored_counter(store: &Store) -> i64 {
        store.conn.query_row("SELECT counter FROM local_device", [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn chunks_rolled_back_together_leave_neither_rows_nor_counters() {
        let mut store = store();
        let counter = store.device().unwrap().counter;
        let begun = store.begin_all_or_nothing().unwrap();
        for chunk in 0..3 {
            write_chunk(&mut store, chunk);
        }
        assert_eq!(store.count(Kind::Person).unwrap(), 30, "reads in between see the chunks");
        store.finish_all_or_nothing(begun, false).unwrap();
        assert_eq!(store.count(Kind::Person).unwrap(), 0);
        assert_eq!((store.device().unwrap().counter, stored_counter(&store)), (counter, counter));
    }

    #[test]
    fn chunks_committed_together_land_with_their_counters() {
        let mut store = store();
        let counter = store.device().unwrap().counter;
        let begun = store.begin_all_or_nothing().unwrap();
        for chunk in 0..3 {
            write_chunk(&mut store, chunk);
        }
        store.finish_all_or_nothing(begun, true).unwrap();
        assert_eq!(store.count(Kind::Person).unwrap(), 30);
        assert_eq!((store.device().unwrap().counter, stored_counter(&store)), (counter + 30, counter + 30));
        // Writes after it are transactions of their own again.
        write_chunk(&mut store, 3);
        assert_eq!(store.count(Kind::Person).unwrap(), 40);
    }

    #[test]
    fn chunks_left_unfinished_are_rolled_back_before_the_next_write_which_lands_alone() {
        let mut store = store();
        let counter = store.device().unwrap().counter;
        let begun = store.begin_all_or_nothing().unwrap();
        write_chunk(&mut store, 0);
        // A panic or a forgotten error path: the token is gone, unfinished.
        drop(begun);
        write_chunk(&mut store, 1);
        assert_eq!(store.count(Kind::Person).unwrap(), 10, "only the later write");
        assert_eq!((store.device().unwrap().counter, stored_counter(&store)), (counter + 10, counter + 10));
        assert!(store.conn.is_autocommit(), "the later write was committed on its own");
    }
}
