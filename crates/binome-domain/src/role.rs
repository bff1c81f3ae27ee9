//! Who a laptop's person is in a mission, and what that lets the laptop
//! change: the rule every path honours (local edits, imports, bundles).

use crate::codes::AssessmentContext;
use crate::{Kind, Row};
use serde::{Deserialize, Serialize};

/// A laptop's role, chosen at its first start and certified by a
/// coordinator's enrolment. Its snake_case name is what is stored, signed
/// in certificates and sent in bundles; `strum` maps names both ways.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::Display,
    strum::VariantNames,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum DeviceRole {
    Expert,
    Referent,
    Coordinator,
}

impl DeviceRole {
    pub fn code(self) -> &'static str {
        self.into()
    }

    pub fn parse(code: &str) -> Option<DeviceRole> {
        code.parse().ok()
    }

    /// Every role's code, in the order they are declared.
    pub fn codes() -> &'static [&'static str] {
        <DeviceRole as strum::VariantNames>::VARIANTS
    }

    /// What this role may change. An expert runs missions; a referent
    /// reviews sessions and records follow-up assessments between
    /// missions; a coordinator may settle anything (duplicates, conflicts),
    /// and alone erases a person or holds a programme's pseudonym key.
    pub fn may_write(self, kind: Kind, data: &Row) -> bool {
        match self {
            DeviceRole::Coordinator => true,
            DeviceRole::Expert => !matches!(kind, Kind::Review | Kind::Erasure | Kind::PseudonymKey),
            DeviceRole::Referent => match kind {
                Kind::Review => true,
                Kind::Assessment => {
                    data.get("context").and_then(|c| c.as_str()).and_then(AssessmentContext::from_code)
                        == Some(AssessmentContext::FollowUp)
                }
                _ => false,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DeviceRole::{Coordinator, Expert, Referent};
    use crate::{Kind, Row};
    use serde_json::json;

    fn row(value: serde_json::Value) -> Row {
        value.as_object().unwrap().clone()
    }

    #[test]
    fn a_referent_reviews_and_follows_up_but_does_not_rewrite_sessions() {
        assert!(Referent.may_write(Kind::Review, &Row::new()));
        assert!(Referent.may_write(Kind::Assessment, &row(json!({"context": "follow_up"}))));
        assert!(!Referent.may_write(Kind::Assessment, &row(json!({"context": "training"}))));
        assert!(!Referent.may_write(Kind::Session, &Row::new()));
        assert!(!Expert.may_write(Kind::Review, &Row::new()));
        assert!(Expert.may_write(Kind::Session, &Row::new()));
        assert!(Coordinator.may_write(Kind::Review, &Row::new()));
    }

    #[test]
    fn only_a_coordinator_erases_a_person_or_holds_a_pseudonym_key() {
        for kind in [Kind::Erasure, Kind::PseudonymKey] {
            assert!(Coordinator.may_write(kind, &Row::new()));
            assert!(!Expert.may_write(kind, &Row::new()));
            assert!(!Referent.may_write(kind, &Row::new()));
        }
    }

    #[test]
    fn every_role_reads_back_from_its_code() {
        for role in [Expert, Referent, Coordinator] {
            assert_eq!(super::DeviceRole::parse(role.code()), Some(role));
        }
        assert_eq!(super::DeviceRole::parse("chef"), None);
    }
}
