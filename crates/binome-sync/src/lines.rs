//! One payload line per row version:
//! `{"t":table,"id":…,"vv":{device:counter},"hlc":…,"o":origin,"a":author,"del":bool,"d":{fields}}`.
//! Fields this Binôme does not know are carried in `d` and kept.

use crate::BundleError;
use binome_domain::{Kind, VersionVector};
use binome_store::{RemoteVersion, VersionMeta, split_fields};
use serde_json::{Value, json};

pub fn to_line(version: &RemoteVersion) -> String {
    let mut line = Vec::new();
    write_line(version, &mut line).expect("a version serialises");
    String::from_utf8(line).expect("JSON is UTF-8")
}

/// Appends a version's line (without the newline) to `out`.
pub fn write_line(version: &RemoteVersion, out: &mut Vec<u8>) -> serde_json::Result<()> {
    let mut fields = version.data.clone();
    if let Some(extra) = &version.extra {
        fields.extend(extra.clone());
    }
    let line = json!({
        "t": version.kind.table(),
        "id": version.id,
        "vv": version.meta.vv,
        "hlc": version.meta.hlc,
        "o": version.meta.origin,
        "a": version.meta.author,
        "del": version.meta.deleted,
        "d": fields,
    });
    serde_json::to_writer(out, &line)
}

/// Reads one line; `Ok(None)` for a table this Binôme does not know (from
/// a newer one), which is skipped rather than refused.
pub fn parse_line(text: &str, line: usize) -> Result<Option<RemoteVersion>, BundleError> {
    let bad = |detail: &str| BundleError::BadPayload { line, detail: detail.to_owned() };
    let value: Value = serde_json::from_str(text).map_err(|e| bad(&e.to_string()))?;
    // Taken apart rather than copied: two million lines in a country's bundle.
    let Value::Object(mut object) = value else { return Err(bad("not an object")) };
    let mut take_text = |key: &str| match object.remove(key) {
        Some(Value::String(text)) => Some(text),
        _ => None,
    };
    let table = take_text("t").ok_or_else(|| bad("no table"))?;
    let Some(kind) = Kind::from_table(&table) else { return Ok(None) };
    let id = take_text("id").ok_or_else(|| bad("no id"))?;
    let origin = take_text("o").ok_or_else(|| bad("no origin"))?;
    let author = take_text("a").unwrap_or_default();
    let vv: VersionVector =
        serde_json::from_value(object.remove("vv").unwrap_or(Value::Null)).map_err(|_| bad("bad version vector"))?;
    if vv.0.is_empty() {
        return Err(bad("empty version vector"));
    }
    if vv.get(&origin) == 0 {
        return Err(bad("the origin is missing from the version vector"));
    }
    let Some(Value::Object(fields)) = object.remove("d") else { return Err(bad("no fields")) };
    let (data, extra) = split_fields(kind, fields);
    Ok(Some(RemoteVersion {
        kind,
        id,
        data,
        extra,
        meta: VersionMeta {
            vv,
            hlc: object.get("hlc").and_then(Value::as_i64).ok_or_else(|| bad("no stamp"))?,
            origin,
            author,
            deleted: object.get("del").and_then(Value::as_bool).ok_or_else(|| bad("no deletion flag"))?,
        },
    }))
}
