//! The mapping file: Binôme's figures and facilities → DHIS2 identifiers.
//! Coordinators get a template from the store (every facility, every
//! figure DHIS2 can take), fill in the identifiers from their instance's
//! metadata, and delete the rows they do not report.

use crate::app::Binome;
use crate::error::Result;
use binome_domain::Kind;
use binome_store::ListQuery;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const MAPPING_FORMAT: &str = "binome-dhis2-mapping/1";

/// Figures DHIS2 can aggregate: counts and sums. Rates and means are
/// computed in DHIS2 itself (indicators) from such counts.
pub const DHIS2_FIGURES: &[&str] =
    &["persons_trained", "person_hours", "person_days", "scored_pairs", "competency_pairs"];

/// The disaggregations a figure can be mapped with: the total of a
/// facility, or one sex.
pub const DISAGGREGATIONS: &[&str] = &["total", "sex:female", "sex:male"];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dhis2Mapping {
    pub format: String,
    /// A name for people: which DHIS2 this mapping is for.
    #[serde(default)]
    pub instance: String,
    /// The data set the values belong to (optional in dataValueSets).
    #[serde(default)]
    pub data_set: String,
    /// The funder, when the instance splits data by attribute option combo.
    #[serde(default)]
    pub attribute_option_combo: String,
    pub org_units: Vec<MappedOrgUnit>,
    pub figures: Vec<MappedFigure>,
}

/// A Binôme facility and its DHIS2 org unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MappedOrgUnit {
    pub facility_id: String,
    /// For people editing the file; not read.
    #[serde(default)]
    pub facility: String,
    pub org_unit: String,
}

/// One figure under one disaggregation and where it goes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MappedFigure {
    /// One of [`DHIS2_FIGURES`].
    pub indicator: String,
    /// One of [`DISAGGREGATIONS`].
    pub disaggregation: String,
    pub data_element: String,
    pub category_option_combo: String,
    /// For ADX: the category code → option code pairs of this combo
    /// (ADX names disaggregations by categories, not by combo).
    #[serde(default)]
    pub adx_categories: BTreeMap<String, String>,
}

impl Binome {
    /// A mapping with every facility of the store and every figure under
    /// every disaggregation, identifiers left empty for the coordinator.
    pub fn dhis2_template(&self) -> Result<Dhis2Mapping> {
        let mut org_units: Vec<MappedOrgUnit> = self
            .store
            .list(Kind::Organisation, &ListQuery::default())?
            .into_iter()
            .map(|o| MappedOrgUnit {
                facility: o.data.get("name").and_then(|v| v.as_str()).unwrap_or_default().to_owned(),
                facility_id: o.id,
                org_unit: String::new(),
            })
            .collect();
        org_units.sort_by(|a, b| a.facility.cmp(&b.facility));
        // Persons recorded without a facility, if the coordinator wants
        // them reported to some org unit (a district, say).
        org_units
            .push(MappedOrgUnit { facility_id: String::new(), facility: "—".to_owned(), org_unit: String::new() });
        let figures = DHIS2_FIGURES
            .iter()
            .flat_map(|indicator| {
                DISAGGREGATIONS.iter().map(|d| MappedFigure {
                    indicator: (*indicator).to_owned(),
                    disaggregation: (*d).to_owned(),
                    data_element: String::new(),
                    category_option_combo: String::new(),
                    adx_categories: BTreeMap::new(),
                })
            })
            .collect();
        Ok(Dhis2Mapping {
            format: MAPPING_FORMAT.to_owned(),
            instance: String::new(),
            data_set: String::new(),
            attribute_option_combo: String::new(),
            org_units,
            figures,
        })
    }
}
