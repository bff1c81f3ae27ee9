//! The two files DHIS2 imports: dataValueSets JSON (`POST
//! /api/dataValueSets`) and ADX XML (`urn:ihe:qrph:adx:2015`, with ADX
//! periods such as `2023-10-01/P3M`).

use super::values::Dhis2Export;
use serde_json::{Value, json};

/// A file of DHIS2 values: the Web API's dataValueSets JSON, or ADX (the
/// SDMX-based XML that DHIS2 imports too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Dhis2Format {
    Json,
    Adx,
}

impl Dhis2Format {
    /// The file's text; ADX states `exported_at` (an ISO timestamp).
    pub fn render(self, export: &Dhis2Export, exported_at: &str) -> String {
        match self {
            Dhis2Format::Json => data_value_sets_json(export, None),
            Dhis2Format::Adx => adx_xml(export, exported_at),
        }
    }
}

/// dataValueSets JSON: the period and data set once, then one object per
/// value with its data element, org unit and category option combo.
pub fn data_value_sets_json(export: &Dhis2Export, complete_date: Option<&str>) -> String {
    let values: Vec<Value> = export
        .values
        .iter()
        .map(|v| {
            let mut object = json!({
                "dataElement": v.data_element,
                "period": export.period.dhis2(),
                "orgUnit": v.org_unit,
                "categoryOptionCombo": v.category_option_combo,
                "value": v.value,
            });
            if !v.attribute_option_combo.is_empty() {
                object["attributeOptionCombo"] = json!(v.attribute_option_combo);
            }
            object
        })
        .collect();
    let mut set = json!({ "period": export.period.dhis2(), "dataValues": values });
    if !export.data_set.is_empty() {
        set["dataSet"] = json!(export.data_set);
    }
    if let Some(date) = complete_date {
        set["completeDate"] = json!(date);
    }
    serde_json::to_string_pretty(&set).expect("JSON values serialise")
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&apos;")
}

/// ADX: one `group` per org unit (and attribute option combo), each value
/// a `dataValue` whose disaggregation is given by category attributes.
/// Identifiers are those of the mapping: import with `idScheme=UID`.
pub fn adx_xml(export: &Dhis2Export, exported_at: &str) -> String {
    let mut groups: std::collections::BTreeMap<(&str, &str), Vec<&super::DataValue>> = Default::default();
    for v in &export.values {
        groups.entry((v.org_unit.as_str(), v.attribute_option_combo.as_str())).or_default().push(v);
    }
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!("<adx xmlns=\"urn:ihe:qrph:adx:2015\" exported=\"{}\">\n", escape(exported_at)));
    for ((org_unit, attribute), values) in groups {
        out.push_str(&format!("  <group orgUnit=\"{}\" period=\"{}\"", escape(org_unit), escape(&export.period.adx())));
        if !export.data_set.is_empty() {
            out.push_str(&format!(" dataSet=\"{}\"", escape(&export.data_set)));
        }
        if !attribute.is_empty() {
            out.push_str(&format!(" attributeOptionCombo=\"{}\"", escape(attribute)));
        }
        out.push_str(">\n");
        for v in values {
            out.push_str(&format!("    <dataValue dataElement=\"{}\"", escape(&v.data_element)));
            for (category, option) in &v.adx_categories {
                out.push_str(&format!(" {}=\"{}\"", category, escape(option)));
            }
            out.push_str(&format!(" value=\"{}\"/>\n", escape(&v.value)));
        }
        out.push_str("  </group>\n");
    }
    out.push_str("</adx>\n");
    out
}
