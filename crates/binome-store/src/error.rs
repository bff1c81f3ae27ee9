//! What can go wrong in the store. `rusqlite::Error` stays inside this crate.

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the store file {path} was written by a newer Binôme (schema {found}, this one reads up to {supported})")]
    NewerSchema { path: String, found: i64, supported: i64 },
    #[error("the store has no device identity yet (run `binome init`)")]
    NotInitialised,
    #[error("the store is already initialised as device {device_id}")]
    AlreadyInitialised { device_id: String },
    #[error("cannot open the store file {path}")]
    Open {
        path: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error("the key given does not open the store file {path}")]
    WrongKey { path: String },
    #[error("the store file {path} is not encrypted yet")]
    NotEncrypted { path: String },
    #[error("database error while {doing}")]
    Sql {
        doing: &'static str,
        #[source]
        source: rusqlite::Error,
    },
    #[error("cannot finish the backup {path}: {reason}")]
    Backup { path: String, reason: String },
    #[error("{path} is not a whole Binôme store (an interrupted copy?)")]
    NotABackup { path: String },
    /// A backup whose schema is not the one Binôme makes: `object` is the
    /// first table, index, view or trigger that differs.
    #[error("{path} holds a schema Binôme did not make ({object})")]
    BackupAltered { path: String, object: String },
    #[error("{path} is a backup of another device ({device_id})")]
    BackupOfAnotherDevice { path: String, device_id: String },
    #[error("cannot write the dump")]
    Dump(#[source] std::io::Error),
    #[error("the {table} row {id} holds unreadable data in {column}")]
    Corrupt { table: String, id: String, column: String },
}

pub(crate) trait Doing<T> {
    fn doing(self, doing: &'static str) -> Result<T, StoreError>;
}

impl<T> Doing<T> for Result<T, rusqlite::Error> {
    fn doing(self, doing: &'static str) -> Result<T, StoreError> {
        self.map_err(|source| StoreError::Sql { doing, source })
    }
}
