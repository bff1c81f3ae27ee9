//! Value choices made while importing sheets, remembered per programme on
//! this laptop only (see `migrations/0005_import_value_choices.sql`).

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
    pub fn remembered_values(&self, programme_id: &str) -> crate::Result<Vec<RememberedValue>> {
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

    /// Keeps `choices` for `programme_id`, each replacing an earlier choice
    /// for the same value, in one transaction (the all-or-nothing one of
    /// the import they belong to, if it is open).
    pub fn remember_values(
        &self,
        programme_id: &str,
        choices: &[RememberedValue],
        chosen_at: &str,
    ) -> crate::Result<()> {
        let own = match self.conn.is_autocommit() {
            true => Some(self.conn.unchecked_transaction().doing("opening the import values transaction")?),
            false => None,
        };
        {
            let mut upsert = self
                .conn
                .prepare(
                    "INSERT INTO import_value_choices (programme_id, field, value_key, value, target, chosen_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                     ON CONFLICT (programme_id, field, value_key)
                     DO UPDATE SET value = excluded.value, target = excluded.target, chosen_at = excluded.chosen_at",
                )
                .doing("preparing to remember an import value")?;
            for c in choices {
                upsert
                    .execute([programme_id, &c.field, &c.value_key, &c.value, &c.target, chosen_at])
                    .doing("remembering an import value")?;
            }
        }
        match own {
            Some(tx) => tx.commit().doing("committing the import values"),
            None => Ok(()),
        }
    }
}
