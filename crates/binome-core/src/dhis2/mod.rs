//! Exchange with DHIS2, the national health information system of Chad and
//! Guinea. A mapping file per country instance says which DHIS2 data
//! element, category option combo and org unit each Binôme figure goes
//! to ([`mapping`]); the values for a period are computed from the
//! indicators ([`values`]) and written as dataValueSets JSON or ADX XML
//! ([`formats`]). Nothing is written while anything is unmapped.

pub mod formats;
pub mod mapping;
pub mod values;

pub use formats::{adx_xml, data_value_sets_json};
pub use mapping::{Dhis2Mapping, MappedFigure, MappedOrgUnit};
pub use values::{DataValue, Dhis2Error, Dhis2Export};
