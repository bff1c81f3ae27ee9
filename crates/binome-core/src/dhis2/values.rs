//! The values of one period: each mapped figure, per facility and
//! disaggregation, computed by the indicators' own rules.

use super::Dhis2Error;
use super::mapping::{DHIS2_FIGURES, DISAGGREGATIONS, Dhis2Mapping, MAPPING_FORMAT};
use crate::app::Binome;
use crate::error::{CoreError, Result};
use binome_domain::indicators::{Breakdown, Indicators, Scope};
use binome_domain::periods::Period;
use binome_store::KEY_SEPARATOR;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One value as DHIS2 receives it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DataValue {
    pub data_element: String,
    pub org_unit: String,
    pub category_option_combo: String,
    pub attribute_option_combo: String,
    /// As DHIS2 stores it: a number with a dot, no thousands separator.
    pub value: String,
    pub adx_categories: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dhis2Export {
    pub period: Period,
    pub data_set: String,
    pub values: Vec<DataValue>,
}

fn figure(ind: &Indicators, name: &str) -> f64 {
    match name {
        "persons_trained" => ind.persons_trained as f64,
        "person_hours" => ind.person_hours,
        "person_days" => ind.person_days,
        "scored_pairs" => ind.scored_pairs as f64,
        "competency_pairs" => ind.competency_pairs as f64,
        _ => 0.0,
    }
}

/// 12 → "12", 7.5 → "7.5", 1/3 → "0.33".
fn dhis2_number(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    if rounded.fract() == 0.0 { format!("{rounded:.0}") } else { format!("{rounded}") }
}

/// Persons without a facility are reported to the org unit mapped to
/// this empty facility id, if the coordinator chose one.
const NO_FACILITY: &str = "";

/// DHIS2's identifiers: 11 characters, letters and digits, a letter first.
fn is_dhis2_uid(text: &str) -> bool {
    text.len() == 11
        && text.chars().all(|c| c.is_ascii_alphanumeric())
        && text.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
}

/// ADX writes category codes as XML attribute names.
fn is_xml_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

impl Dhis2Mapping {
    pub fn parse(text: &str) -> Result<Dhis2Mapping, Dhis2Error> {
        let mapping: Dhis2Mapping =
            serde_json::from_str(text).map_err(|e| Dhis2Error::BadMapping { detail: e.to_string() })?;
        if mapping.format != MAPPING_FORMAT {
            return Err(Dhis2Error::BadMapping {
                detail: format!("format {:?}, expected {MAPPING_FORMAT:?}", mapping.format),
            });
        }
        let ids =
            mapping
                .org_units
                .iter()
                .map(|o| ("org_unit", &o.org_unit))
                .chain(mapping.figures.iter().flat_map(|f| {
                    [("data_element", &f.data_element), ("category_option_combo", &f.category_option_combo)]
                }))
                .chain([("data_set", &mapping.data_set), ("attribute_option_combo", &mapping.attribute_option_combo)]);
        for (field, id) in ids {
            if !id.trim().is_empty() && !is_dhis2_uid(id.trim()) {
                return Err(Dhis2Error::BadIdentifier { field: field.to_owned(), value: id.clone() });
            }
        }
        for f in &mapping.figures {
            if let Some(bad) = f.adx_categories.keys().find(|k| !is_xml_name(k)) {
                return Err(Dhis2Error::BadMapping { detail: format!("ADX category {bad:?} is not an XML name") });
            }
            if !DHIS2_FIGURES.contains(&f.indicator.as_str()) || !DISAGGREGATIONS.contains(&f.disaggregation.as_str()) {
                return Err(Dhis2Error::UnknownFigure {
                    indicator: f.indicator.clone(),
                    disaggregation: f.disaggregation.clone(),
                });
            }
        }
        Ok(mapping)
    }
}

impl Binome {
    /// Reads a mapping file and computes the values of `period` (DHIS2
    /// code), optionally for one programme given as typed (code or id).
    pub fn dhis2_export_from_file(
        &self,
        mapping_path: &std::path::Path,
        period: &str,
        programme: Option<&str>,
    ) -> Result<Dhis2Export> {
        let text = std::fs::read_to_string(mapping_path).map_err(|e| CoreError::io(mapping_path, e))?;
        let mapping = Dhis2Mapping::parse(&text).map_err(CoreError::Dhis2)?;
        let programme = programme
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| self.resolve(binome_domain::Kind::Programme, p))
            .transpose()?;
        self.dhis2_export(&mapping, period, programme)
    }

    /// The values of `period` (DHIS2 code), optionally for one programme.
    /// Refused, naming every gap, when a facility with data or a figure of
    /// the mapping has no identifier.
    pub fn dhis2_export(
        &self,
        mapping: &Dhis2Mapping,
        period: &str,
        programme_id: Option<String>,
    ) -> Result<Dhis2Export> {
        let period =
            Period::parse(period).ok_or_else(|| CoreError::Dhis2(Dhis2Error::BadPeriod { text: period.to_owned() }))?;
        let (from, to) = period.dates();
        let scope = Scope { programme_id, mission_id: None, from: Some(from), to: Some(to) };
        let by_facility = self.indicators_split(&scope, &[Breakdown::Facility])?;
        let by_facility_sex = if mapping.figures.iter().any(|f| f.disaggregation.starts_with("sex:")) {
            self.indicators_split(&scope, &[Breakdown::Facility, Breakdown::Sex])?.groups
        } else {
            Vec::new()
        };

        let has_data = |ind: &Indicators| mapping.figures.iter().any(|f| figure(ind, &f.indicator) != 0.0);
        let facilities: Vec<&str> =
            by_facility.groups.iter().filter(|g| has_data(&g.indicators)).map(|g| g.key.as_str()).collect();
        let org_units: HashMap<&str, &str> = mapping
            .org_units
            .iter()
            .filter(|o| !o.org_unit.trim().is_empty())
            .map(|o| (o.facility_id.as_str(), o.org_unit.trim()))
            .collect();
        let unmapped_facilities: BTreeSet<String> =
            facilities
                .iter()
                .filter(|f| !org_units.contains_key(*f))
                .map(|f| {
                    if *f == NO_FACILITY {
                        "—".to_owned()
                    } else {
                        self.label_of(binome_domain::Kind::Organisation, f)
                    }
                })
                .collect();
        let unmapped_figures: Vec<String> = mapping
            .figures
            .iter()
            .filter(|f| f.data_element.trim().is_empty() || f.category_option_combo.trim().is_empty())
            .map(|f| format!("{} ({})", f.indicator, f.disaggregation))
            .collect();
        if !unmapped_facilities.is_empty() || !unmapped_figures.is_empty() {
            return Err(CoreError::Dhis2(Dhis2Error::Unmapped {
                facilities: unmapped_facilities.into_iter().collect(),
                figures: unmapped_figures,
            }));
        }

        let groups: HashMap<&str, &Indicators> =
            by_facility.groups.iter().chain(by_facility_sex.iter()).map(|g| (g.key.as_str(), &g.indicators)).collect();
        let mut values = Vec::new();
        for facility in facilities {
            for f in &mapping.figures {
                let key = match f.disaggregation.strip_prefix("sex:") {
                    Some(sex) => format!("{facility}{KEY_SEPARATOR}{sex}"),
                    None => facility.to_owned(),
                };
                let Some(indicators) = groups.get(key.as_str()) else { continue };
                values.push(DataValue {
                    data_element: f.data_element.trim().to_owned(),
                    org_unit: org_units[facility].to_owned(),
                    category_option_combo: f.category_option_combo.trim().to_owned(),
                    attribute_option_combo: mapping.attribute_option_combo.trim().to_owned(),
                    value: dhis2_number(figure(indicators, &f.indicator)),
                    adx_categories: f.adx_categories.clone(),
                });
            }
        }
        Ok(Dhis2Export { period, data_set: mapping.data_set.trim().to_owned(), values })
    }
}

#[cfg(test)]
mod tests {
    use super::dhis2_number;

    #[test]
    fn numbers_are_written_as_dhis2_reads_them() {
        assert_eq!(dhis2_number(12.0), "12");
        assert_eq!(dhis2_number(7.5), "7.5");
        assert_eq!(dhis2_number(1.0 / 3.0), "0.33");
        assert_eq!(dhis2_number(1234567.0), "1234567");
    }
}
