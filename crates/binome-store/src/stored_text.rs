//! A closed vocabulary of the store's own, stored as its snake_case name:
//! `strum` gives the name and reads it back, and a name this Binôme does
//! not know is a column that does not read (a damaged store), never a
//! default.

/// Implements `ToSql` and `FromSql` for an enum deriving strum's
/// `IntoStaticStr` and `EnumString`; `what` names it in the error.
macro_rules! stored_as_text {
    ($type:ty, $what:literal) => {
        impl rusqlite::types::ToSql for $type {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                let name: &'static str = self.into();
                Ok(rusqlite::types::ToSqlOutput::from(name))
            }
        }

        impl rusqlite::types::FromSql for $type {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                text.parse().map_err(|_| {
                    rusqlite::types::FromSqlError::Other(format!(concat!("unknown ", $what, " {:?}"), text).into())
                })
            }
        }
    };
}

pub(crate) use stored_as_text;
