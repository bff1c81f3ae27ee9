//! The values a sheet writes its own way. Unknown values of a closed field
//! are grouped ("SFDE — 12 lignes") so that the person maps each group
//! once; the choices are remembered per programme on this laptop, so the
//! next mission's list of the same programme imports without a question.
//! Facilities are also found by their names without accents, case or
//! punctuation, and by their acronyms ("HME").

use super::professions::{NewProfession, ProfessionIndex, category_of_title};
use super::report::{RowProblem, ValueGroup};
use binome_domain::kind::EnumSpec;
use binome_domain::names::strip_accents;
use binome_domain::{FieldType, Kind, ProblemCode};
use binome_store::RememberedValue;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[cfg(feature = "ts")]
use ts_rs::TS;

/// The fields whose values come from a closed list or name a facility.
pub const MAPPABLE_FIELDS: &[&str] = &["sex", "cadre", "organisation_id", "status", "modality"];

/// A facility to create for a value no facility matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct NewFacility {
    /// A level of the health pyramid (`district`, `health_centre`, …).
    pub level: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
}

/// A record to create for a value: a host facility, or a profession of
/// the programme (the title is the value; the person gives its category).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(untagged)]
pub enum NewRecord {
    Facility(NewFacility),
    Profession(NewProfession),
}

/// The person's answer for one value of one field: what it means (a code,
/// a facility's name or id, a programme profession's title or id), or a
/// facility or profession to create.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct ValueChoice {
    pub field: String,
    pub value: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create: Option<NewRecord>,
}

/// Values compare folded: "Infirmière diplômée d'État" and "INFIRMIERE
/// DIPLOMEE D ETAT" are one value.
pub fn value_key(raw: &str) -> String {
    let folded = strip_accents(raw).to_lowercase();
    folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// What a mapped value becomes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Mapped {
    /// Put in the cell's place: a code, or a facility's name or id.
    Value(String),
    /// The id of a facility this import creates.
    NewFacility(String),
    /// The id of a programme profession, in the store or created by this import.
    Profession(String),
}

/// Choices by (field, value key): the person's, over the remembered ones.
#[derive(Default)]
pub(crate) struct ValueMap {
    mapped: HashMap<(String, String), Mapped>,
}

impl ValueMap {
    pub(crate) fn new(remembered: &[RememberedValue]) -> ValueMap {
        let mut map = ValueMap::default();
        for r in remembered {
            map.mapped.insert((r.field.clone(), r.value_key.clone()), Mapped::Value(r.target.clone()));
        }
        map
    }

    pub(crate) fn set(&mut self, field: &str, value: &str, mapped: Mapped) {
        self.mapped.insert((field.to_owned(), value_key(value)), mapped);
    }

    pub(crate) fn get(&self, field: &str, value: &str) -> Option<&Mapped> {
        self.mapped.get(&(field.to_owned(), value_key(value)))
    }
}

const NAME_FILLERS: &[&str] =
    &["de", "du", "des", "la", "le", "les", "l", "d", "et", "en", "a", "au", "aux", "of", "the"];

/// "Hôpital de la Mère et de l'Enfant" → "HME"; an acronym written in the
/// name, "(HME)", counts too.
fn acronyms(name: &str) -> Vec<String> {
    let key = value_key(name);
    let initials: String = key
        .split(' ')
        .filter(|w| !NAME_FILLERS.contains(w))
        .filter_map(|w| w.chars().next())
        .collect::<String>()
        .to_uppercase();
    let mut found = vec![initials];
    if let (Some(open), Some(close)) = (name.find('('), name.find(')')) {
        if open < close {
            found.push(value_key(&name[open + 1..close]).to_uppercase());
        }
    }
    found.retain(|a| a.chars().count() >= 2);
    found
}

/// The store's facilities by folded name and by acronym.
pub(crate) struct FacilityIndex {
    by_name: HashMap<String, Vec<String>>,
    by_acronym: HashMap<String, Vec<String>>,
    names: Vec<(String, String)>,
}

impl FacilityIndex {
    pub(crate) fn new(facilities: impl IntoIterator<Item = (String, String)>) -> FacilityIndex {
        let mut index = FacilityIndex { by_name: HashMap::new(), by_acronym: HashMap::new(), names: Vec::new() };
        for (id, name) in facilities {
            index.by_name.entry(value_key(&name)).or_default().push(id.clone());
            for acronym in acronyms(&name) {
                index.by_acronym.entry(acronym).or_default().push(id.clone());
            }
            index.names.push((id, name));
        }
        index
    }

    /// The one facility `raw` names, by folded name or, for one short word
    /// in capitals, by acronym.
    pub(crate) fn find(&self, raw: &str) -> Option<&str> {
        fn one(ids: &[String]) -> Option<&str> {
            (ids.len() == 1).then(|| ids[0].as_str())
        }
        if let Some(id) = self.by_name.get(&value_key(raw)).and_then(|ids| one(ids)) {
            return Some(id);
        }
        let word = raw.trim();
        let looks_like_acronym = (2..=10).contains(&word.chars().count()) && !word.contains(' ');
        if looks_like_acronym {
            return self.by_acronym.get(&value_key(word).to_uppercase()).and_then(|ids| one(ids));
        }
        None
    }

    /// The facility whose name is closest to `raw`, if close.
    pub(crate) fn closest(&self, raw: &str) -> Option<&str> {
        let wanted = value_key(raw);
        self.names
            .iter()
            .map(|(id, name)| (strsim::normalized_damerau_levenshtein(&wanted, &value_key(name)), id))
            .filter(|(score, _)| *score >= 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, id)| id.as_str())
    }
}

/// The level a facility's name says ("Centre de santé de Doyaba" → a
/// health centre), for `--create-missing`; a hospital that says no more is
/// a district hospital, the level most host facilities have.
pub fn level_from_name(name: &str) -> &'static str {
    let key = format!(" {} ", value_key(name));
    let has = |words: &[&str]| words.iter().any(|w| key.contains(&format!(" {w} ")));
    if has(&["chu", "hopital national", "chr universitaire", "centre hospitalier universitaire", "hn"]) {
        "national"
    } else if has(&["hopital regional", "hopital provincial", "hr", "chr", "centre hospitalier regional"]) {
        "regional"
    } else if has(&["centre de sante", "cs", "csi", "csps", "poste de sante", "dispensaire"]) {
        "health_centre"
    } else if has(&["ecole", "institut", "enastic", "enstbs", "faculte"]) {
        "training_school"
    } else {
        "district"
    }
}

/// A new group for a problem about a value a choice could fix; its
/// suggestion is left to [`suggest`], once the whole sheet is read.
pub(crate) fn group_of(p: &RowProblem) -> ValueGroup {
    ValueGroup {
        field: p.problem.field.clone(),
        column: p.column.clone(),
        value: p.problem.value.clone(),
        count: 0,
        lines: Vec::new(),
        new_level: (p.problem.field == "organisation_id").then(|| level_from_name(&p.problem.value).to_owned()),
        new_category: (p.problem.field == "cadre")
            .then(|| category_of_title(&p.problem.value).map(str::to_owned))
            .flatten(),
        suggestion: None,
    }
}

/// A close known value for the group's, to propose.
pub(crate) fn suggest(group: &mut ValueGroup, facilities: &FacilityIndex, professions: &ProfessionIndex) {
    group.suggestion = match group.field.as_str() {
        "organisation_id" => facilities.closest(&group.value).map(str::to_owned),
        field => (field == "cadre")
            .then(|| professions.closest(&group.value))
            .flatten()
            .or_else(|| vocabulary(field).and_then(|v| v.closest(&group.value)))
            .map(str::to_owned),
    };
}

/// The closed vocabulary of a mappable field (sex, cadre, status,
/// modality), from the record the field belongs to; none for a facility.
pub fn vocabulary(field: &str) -> Option<EnumSpec> {
    [Kind::Person, Kind::Attendance, Kind::Session].iter().find_map(|kind| {
        match kind.fields().iter().find(|f| f.name == field)?.ty {
            FieldType::Enum(spec) => Some(spec),
            _ => None,
        }
    })
}

/// Whether a problem is about a value that a choice could fix.
pub(crate) fn is_mappable(field: &str, code: ProblemCode) -> bool {
    MAPPABLE_FIELDS.contains(&field) && matches!(code, ProblemCode::UnknownValue | ProblemCode::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> FacilityIndex {
        FacilityIndex::new([
            ("hme".to_string(), "Hôpital de la Mère et de l'Enfant".to_string()),
            ("hgrn".to_string(), "Hôpital Général de Référence Nationale (HGRN)".to_string()),
        ])
    }

    #[test]
    fn a_facility_is_found_without_accents_apostrophes_or_case_and_by_its_acronym() {
        let index = index();
        assert_eq!(index.find("Hopital de la Mere et de l Enfant"), Some("hme"));
        assert_eq!(index.find("HÔPITAL DE LA MÈRE ET DE L'ENFANT"), Some("hme"));
        assert_eq!(index.find("HME"), Some("hme"));
        assert_eq!(index.find("hgrn"), Some("hgrn"));
        assert_eq!(index.find("Centre de santé de Doyaba"), None);
        assert_eq!(index.closest("Hopital de la Mere et Enfant"), Some("hme"));
    }

    #[test]
    fn a_new_facility_s_level_is_read_from_its_name() {
        assert_eq!(level_from_name("Centre de santé de Doyaba"), "health_centre");
        assert_eq!(level_from_name("CHU de la Référence Nationale"), "national");
        assert_eq!(level_from_name("Hôpital provincial de Moundou"), "regional");
        assert_eq!(level_from_name("Hôpital de Bébédjia"), "district");
    }

    #[test]
    fn remembered_choices_yield_to_the_person_s() {
        let remembered = [RememberedValue {
            field: "cadre".into(),
            value_key: "ats".into(),
            value: "ATS".into(),
            target: "aide_soignant".into(),
        }];
        let mut map = ValueMap::new(&remembered);
        assert_eq!(map.get("cadre", "ats"), Some(&Mapped::Value("aide_soignant".into())));
        map.set("cadre", "Ats", Mapped::Value("infirmier".into()));
        assert_eq!(map.get("cadre", "ATS"), Some(&Mapped::Value("infirmier".into())));
    }
}
