//! Value choices made while importing sheets that this laptop kept for
//! itself before schema 7 (`migrations/0005_import_value_choices.sql`);
//! since then they are synced records (`Kind::ValueChoice`), and these are
//! still read under them.

use crate::error::Doing;
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
        let mut statement = self
            .conn
            .prepare(
                "SELECT field, value_key, value, target FROM import_value_choices
                 WHERE programme_id = ?1 ORDER BY field, value_key",
            )
            .doing("preparing the remembered import values")?;
        let rows = statement
            .query_map([programme_id], |r| {
                Ok(RememberedValue { field: r.get(0)?, value_key: r.get(1)?, value: r.get(2)?, target: r.get(3)? })
            })
            .doing("reading the remembered import values")?;
        rows.collect::<Result<Vec<_>, _>>().doing("reading a remembered import value")
    }
}
