//! This laptop's identity in the store: its device id (the key of its
//! entries in version vectors), who uses it, and its counters.

use crate::error::{Doing, StoreError};
use crate::open::Store;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum DeviceRole {
    Expert,
    Referent,
    Coordinator,
}

impl DeviceRole {
    pub fn code(self) -> &'static str {
        match self {
            DeviceRole::Expert => "expert",
            DeviceRole::Referent => "referent",
            DeviceRole::Coordinator => "coordinator",
        }
    }
    pub fn parse(code: &str) -> Option<DeviceRole> {
        match code {
            "expert" => Some(DeviceRole::Expert),
            "referent" => Some(DeviceRole::Referent),
            "coordinator" => Some(DeviceRole::Coordinator),
            _ => None,
        }
    }
}

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
    conn.query_row(
        "SELECT device_id, name, author, role, counter, hlc, created_at FROM local_device WHERE singleton = 1",
        [],
        |r| {
            let role: String = r.get(3)?;
            Ok(LocalDevice {
                device_id: r.get(0)?,
                name: r.get(1)?,
                author: r.get(2)?,
                role: DeviceRole::parse(&role).unwrap_or(DeviceRole::Expert),
                counter: r.get(4)?,
                hlc: r.get(5)?,
                created_at: r.get(6)?,
            })
        },
    )
    .optional()
    .doing("reading the device identity")
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
