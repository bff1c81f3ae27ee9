//! This laptop's identity in the store: its device id (the key of its
//! entries in version vectors), who uses it, and its counters.

use crate::error::{Doing, StoreError};
use crate::open::Store;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

pub use binome_domain::DeviceRole;

#[derive(Debug, Clone, Serialize)]
pub struct LocalDevice {
    pub device_id: String,
    pub name: String,
    pub author: String,
    pub role: DeviceRole,
    /// The last counter this device gave a change (its version-vector entry).
    pub counter: i64,
    /// The last HLC stamp this device gave or saw.
    pub hlc: i64,
    pub created_at: i64,
}

pub(crate) fn load(conn: &Connection) -> crate::Result<Option<LocalDevice>> {
    let found = conn
        .query_row(
            "SELECT device_id, name, author, role, counter, hlc, created_at FROM local_device WHERE singleton = 1",
            [],
            |r| {
                let device = LocalDevice {
                    device_id: r.get(0)?,
                    name: r.get(1)?,
                    author: r.get(2)?,
                    role: DeviceRole::Expert,
                    counter: r.get(4)?,
                    hlc: r.get(5)?,
                    created_at: r.get(6)?,
                };
                Ok((device, r.get::<_, String>(3)?))
            },
        )
        .optional()
        .doing("reading the device identity")?;
    let Some((mut device, role)) = found else { return Ok(None) };
    // A role this Binôme cannot read is a damaged store, not an expert:
    // rights hang on it.
    device.role = DeviceRole::parse(&role).ok_or_else(|| StoreError::Corrupt {
        table: "local_device".into(),
        id: device.device_id.clone(),
        column: "role".into(),
    })?;
    Ok(Some(device))
}

impl Store {
    pub fn device(&self) -> crate::Result<&LocalDevice> {
        self.device.as_ref().ok_or(StoreError::NotInitialised)
    }

    /// Creates this store's device identity; refused if it has one.
    pub fn init_device(
        &mut self,
        device_id: &str,
        name: &str,
        author: &str,
        role: DeviceRole,
        now_millis: i64,
    ) -> crate::Result<LocalDevice> {
        if let Some(existing) = &self.device {
            return Err(StoreError::AlreadyInitialised { device_id: existing.device_id.clone() });
        }
        self.conn
            .execute(
                "INSERT INTO local_device (singleton, device_id, name, author, role, counter, hlc, created_at)
                 VALUES (1, ?1, ?2, ?3, ?4, 0, 0, ?5)",
                params![device_id, name, author, role.code(), now_millis],
            )
            .doing("creating the device identity")?;
        self.device = load(&self.conn)?;
        self.device().cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::key::test_key;

    #[test]
    fn a_role_this_binome_cannot_read_is_a_damaged_store_not_an_expert() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite3");
        let mut store = Store::open(&path, &test_key()).unwrap();
        store.init_device("device-a", "portable", "Awa", DeviceRole::Referent, 1).unwrap();
        drop(store);
        let conn = crate::open::open_keyed(&path, &test_key(), Default::default()).unwrap();
        // What a damaged page or another program could leave: the CHECK
        // that keeps roles to the three is set aside.
        conn.execute_batch("PRAGMA ignore_check_constraints = ON; UPDATE local_device SET role = 'chef';").unwrap();
        drop(conn);
        match Store::open(&path, &test_key()) {
            Err(StoreError::Corrupt { table, column, .. }) => {
                assert_eq!((table.as_str(), column.as_str()), ("local_device", "role"))
            }
            other => panic!("expected a damaged store, got {:?}", other.map(|s| s.device().map(|d| d.role).ok())),
        }
    }
}
