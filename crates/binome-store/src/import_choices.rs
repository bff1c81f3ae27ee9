//! Value choices that stores from before synced value choices kept for
//! this laptop alone (`migrations/0005_import_value_choices.sql`): still
//! read, under the synced records (`Kind::ValueChoice`).

use crate::open::Store;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RememberedValue {
    pub field: String,
    /// The value folded, as the import compares it.
    pub value_key: String,
    /// The value as first written, to show it.
    pub value: String,
    /// A code of the field's vocabulary, or a record's id.
    pub target: String,
}

impl Store {
    pub fn local_value_choices(&self, programme_id: &str) -> crate::Result<Vec<RememberedValue>> {
        let sql = "SELECT field, value_key, value, target FROM import_value_choices
                   WHERE programme_id = ?1 ORDER BY field, value_key";
        self.all(sql, [programme_id], "reading the remembered import values", |r| {
            let (field, value_key, value, target) = r.try_into()?;
            Ok(RememberedValue { field, value_key, value, target })
        })
    }
}
