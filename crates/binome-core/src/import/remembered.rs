//! The value choices of a programme's lists, kept as synced records
//! (`Kind::ValueChoice`): made once on one laptop, known on every laptop
//! of the programme, so the next mission's list imports without asking.

use crate::app::Binome;
use crate::error::CoreError;
use binome_domain::{Input, Kind};
use binome_store::{ListQuery, RememberedValue};
use serde_json::Value;
use std::collections::HashSet;

impl Binome {
    /// The programme's value choices; under them, those this laptop kept
    /// for itself before they were shared.
    pub(super) fn remembered_values(&self, programme_id: &str) -> Result<Vec<RememberedValue>, CoreError> {
        let query = ListQuery { equals: vec![("programme_id", programme_id.to_owned())], ..ListQuery::default() };
        let text = |row: &binome_store::StoredRow, field: &str| {
            row.data.get(field).and_then(Value::as_str).unwrap_or_default().to_owned()
        };
        let mut values: Vec<RememberedValue> = self
            .store
            .list(Kind::ValueChoice, &query)?
            .iter()
            .filter(|row| !row.deleted)
            .map(|row| RememberedValue {
                field: text(row, "field"),
                value_key: text(row, "value_key"),
                value: text(row, "value"),
                target: text(row, "mapped_to"),
            })
            .collect();
        let shared: HashSet<(String, String)> = values.iter().map(|v| (v.field.clone(), v.value_key.clone())).collect();
        for local in self.store.local_value_choices(programme_id)? {
            if !shared.contains(&(local.field.clone(), local.value_key.clone())) {
                values.push(local);
            }
        }
        Ok(values)
    }

    /// Keeps `chosen` for the programme, each replacing an earlier choice
    /// for the same value.
    pub(super) fn remember_values(&mut self, programme_id: &str, chosen: &[RememberedValue]) -> Result<(), CoreError> {
        let invalid = |problems| CoreError::Invalid { kind: Kind::ValueChoice, problems };
        let mut records = Vec::with_capacity(chosen.len());
        for choice in chosen {
            let mut input = Input::new();
            input.insert("programme_id".into(), programme_id.to_owned());
            input.insert("field".into(), choice.field.clone());
            input.insert("value_key".into(), choice.value_key.clone());
            input.insert("value".into(), choice.value.clone());
            input.insert("mapped_to".into(), choice.target.clone());
            // A value too long to keep (over 200 characters) is imported,
            // not remembered: the import does not fail for a convenience.
            let Ok(probe) = self.prepare(Kind::ValueChoice, &input, None)? else { continue };
            let existing = self.store.get(Kind::ValueChoice, &probe.id)?;
            let same = existing.as_ref().is_some_and(|row| {
                !row.deleted && row.data.get("mapped_to").and_then(Value::as_str) == Some(choice.target.as_str())
            });
            if !same {
                records.push(self.prepare(Kind::ValueChoice, &input, existing.as_ref())?.map_err(invalid)?);
            }
        }
        self.save(&records)?;
        Ok(())
    }
}
