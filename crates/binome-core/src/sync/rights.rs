//! What a version's origin may change: its fields within the domain's
//! limits, the tables its role owns, the missions its enrolment names.
//! The role and missions come from the verified origin (direct trust or a
//! coordinator's certificate), never from the version itself.

use super::SyncRefusal;
use crate::error::{CoreError, Result};
use binome_domain::Kind;
use binome_store::{DeviceRole, RemoteVersion, Writer};
use std::collections::HashMap;

/// What a bundle's origin device may change.
#[derive(Debug, Clone)]
pub(super) struct OriginRights {
    pub role: DeviceRole,
    pub name: String,
    /// From an enrolment certificate; `None` or empty for all missions.
    pub missions: Option<Vec<String>>,
}

impl OriginRights {
    fn limited(&self) -> Option<&Vec<String>> {
        self.missions.as_ref().filter(|m| !m.is_empty())
    }
}

/// Refuses a version its origin may not write: a field longer than a
/// local edit allows, a table its role does not own, or a mission outside
/// its enrolment — judged on the mission the row belongs to here as well
/// as the one the version gives it, so that a version cannot move a row
/// into a mission its origin may change.
pub(super) fn check_rights(
    w: &Writer<'_>,
    rights: &OriginRights,
    version: &RemoteVersion,
    sessions_in_bundle: &HashMap<String, String>,
) -> Result<()> {
    if let Some((field, max)) = binome_domain::kind::oversized_field(version.kind, &version.data) {
        return Err(CoreError::Sync(SyncRefusal::FieldTooLong {
            kind: version.kind,
            id: version.id.clone(),
            field: field.to_owned(),
            max,
        }));
    }
    if !rights.role.may_write(version.kind, &version.data) {
        return Err(CoreError::Sync(SyncRefusal::RoleForbids {
            device: rights.name.clone(),
            role: rights.role,
            kind: version.kind,
        }));
    }
    if let Some(allowed) = rights.limited() {
        for mission in missions_of(w, version, sessions_in_bundle)? {
            if !allowed.contains(&mission) {
                return Err(CoreError::Sync(SyncRefusal::OutsideMissions {
                    device: rights.name.clone(),
                    kind: version.kind,
                    id: version.id.clone(),
                }));
            }
        }
    }
    Ok(())
}

/// Whether any origin's rights depend on the mission of a session.
pub(super) fn any_limited<'a>(rights: impl IntoIterator<Item = &'a OriginRights>) -> bool {
    rights.into_iter().any(|r| r.limited().is_some())
}

/// The missions a version touches, if its kind is bound to one: the one
/// it names, and the one its row (or its session) has here already.
fn missions_of(
    w: &Writer<'_>,
    version: &RemoteVersion,
    sessions_in_bundle: &HashMap<String, String>,
) -> Result<Vec<String>> {
    let text = |row: &binome_domain::Row, name: &str| row.get(name).and_then(|v| v.as_str()).map(str::to_owned);
    let stored = |kind: Kind, id: &str, field: &str| -> Result<Option<String>> {
        Ok(w.get(kind, id)?.and_then(|row| text(&row.data, field)))
    };
    let mut missions = Vec::new();
    match version.kind {
        Kind::Mission => missions.push(version.id.clone()),
        Kind::TeamMember | Kind::Enrolment | Kind::Session | Kind::Assessment => {
            missions.extend(text(&version.data, "mission_id"));
            missions.extend(stored(version.kind, &version.id, "mission_id")?);
        }
        Kind::Attendance | Kind::TestScore | Kind::Review => {
            let sessions = [text(&version.data, "session_id"), stored(version.kind, &version.id, "session_id")?];
            for session in sessions.into_iter().flatten() {
                missions.extend(stored(Kind::Session, &session, "mission_id")?);
                missions.extend(sessions_in_bundle.get(&session).cloned());
            }
        }
        _ => {}
    }
    Ok(missions)
}
