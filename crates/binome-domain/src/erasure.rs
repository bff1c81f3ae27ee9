//! The right to erasure: what of a person is blanked when a coordinator
//! erases them, the same way on every laptop so that laptops that erased
//! the same versions hold the same values (and agree without a conflict).
//!
//! Names, service, phone and email go; sex, profession, cadre and facility
//! stay, so the person's attendance and scores still count in every
//! breakdown, under a name that is only a code.

use crate::Row;
use serde_json::Value;

/// The fields that say who a person is.
pub const PERSONAL_FIELDS: &[&str] = &["family_name", "given_names", "service", "phone", "email"];

/// What an erased person is called from then on: a code made of the random
/// end of their id (UUIDv7), which says nothing the id does not.
pub fn erased_name(person_id: &str) -> String {
    let tail: String = person_id.chars().filter(char::is_ascii_hexdigit).collect();
    let start = tail.len().saturating_sub(8);
    format!("ANON-{}", tail[start..].to_ascii_uppercase())
}

/// Blanks a person's personal fields in `data`; whether anything changed.
pub fn erase(person_id: &str, data: &mut Row) -> bool {
    let mut changed = false;
    let name = Value::String(erased_name(person_id));
    if data.get("family_name") != Some(&name) {
        data.insert("family_name".into(), name);
        changed = true;
    }
    // Null, not removed: a row read back from the store holds every field,
    // and a blanked version must compare equal to it.
    for field in &PERSONAL_FIELDS[1..] {
        if let Some(value) = data.get_mut(*field).filter(|v| !v.is_null()) {
            *value = Value::Null;
            changed = true;
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const ID: &str = "0190a4b2-7c3d-7000-8000-00c0ffee12ab";

    fn person() -> Row {
        json!({
            "family_name": "ABAKAR", "given_names": "Fatimé", "sex": "female", "role": "participant",
            "cadre": "sage_femme", "organisation_id": "0190a4b2-0000-7000-8000-000000000001",
            "service": "Maternité", "phone": "+23566000000", "email": "fatime@example.org",
        })
        .as_object()
        .unwrap()
        .clone()
    }

    #[test]
    fn erasing_blanks_who_the_person_is_and_keeps_what_the_indicators_count() {
        let mut data = person();
        assert!(erase(ID, &mut data));
        assert_eq!(data["family_name"], "ANON-FFEE12AB");
        for field in ["given_names", "service", "phone", "email"] {
            assert!(data[field].is_null(), "{field} kept");
        }
        for field in ["sex", "role", "cadre", "organisation_id"] {
            assert_eq!(data[field], person()[field], "{field} lost");
        }
        assert!(!serde_json::to_string(&data).unwrap().contains("ABAKAR"));
    }

    #[test]
    fn erasing_twice_changes_nothing_the_second_time_and_gives_the_same_values() {
        let mut once = person();
        erase(ID, &mut once);
        let mut twice = once.clone();
        assert!(!erase(ID, &mut twice));
        assert_eq!(once, twice);
    }

    #[test]
    fn the_erased_name_is_the_random_end_of_the_id() {
        assert_eq!(erased_name(ID), "ANON-FFEE12AB");
        assert_ne!(erased_name(ID), erased_name("0190a4b2-7c3d-7000-8000-00c0ffee12ac"));
    }
}
