//! Record identity. Free-standing records get a UUIDv7 (time-ordered, so
//! indexes stay append-friendly); records that are defined by a natural key
//! get a UUIDv5 of that key, so two laptops that record the same fact (the
//! attendance of one person at one session) create the same row and the
//! merge sees one record instead of two.

use uuid::Uuid;

/// The namespace of every natural-key id; fixed forever, since changing it
/// would split every existing attendance row from its twin on other laptops.
const BINOME_NAMESPACE: Uuid = Uuid::from_u128(0x6b1f_2c0e_5a4d_4f7e_9c3b_1d2e_3f4a_5b6c);

pub fn new_id() -> Uuid {
    Uuid::now_v7()
}

/// The id of the record that `parts` identify within `kind` (a table name).
pub fn natural_id(kind: &str, parts: &[&Uuid]) -> Uuid {
    let mut key = String::with_capacity(kind.len() + parts.len() * 37);
    key.push_str(kind);
    for part in parts {
        key.push('|');
        key.push_str(&part.hyphenated().to_string());
    }
    Uuid::new_v5(&BINOME_NAMESPACE, key.as_bytes())
}

/// Like [`natural_id`] with a trailing text component (a test phase).
pub fn natural_id_with(kind: &str, parts: &[&Uuid], tail: &str) -> Uuid {
    let mut key = String::new();
    key.push_str(kind);
    for part in parts {
        key.push('|');
        key.push_str(&part.hyphenated().to_string());
    }
    key.push('|');
    key.push_str(tail);
    Uuid::new_v5(&BINOME_NAMESPACE, key.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_natural_key_gives_same_id_on_any_laptop() {
        let session = Uuid::now_v7();
        let person = Uuid::now_v7();
        assert_eq!(natural_id("attendance", &[&session, &person]), natural_id("attendance", &[&session, &person]));
        assert_ne!(natural_id("attendance", &[&session, &person]), natural_id("attendance", &[&person, &session]));
        assert_ne!(
            natural_id_with("test_scores", &[&session, &person], "pre"),
            natural_id_with("test_scores", &[&session, &person], "post")
        );
    }
}
