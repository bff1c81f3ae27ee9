//! Exchange with DHIS2, the national health information system of Chad and
//! Guinea. A mapping file per country instance says which DHIS2 data
//! element, category option combo and org unit each Binôme figure goes
//! to ([`mapping`]); the values for a period are computed from the
//! indicators ([`values`]) and written as dataValueSets JSON or ADX XML
//! ([`formats`]), and may be pushed to a server, dry run first ([`push`]).
//! Nothing is written while anything is unmapped.

pub(crate) mod error;
pub mod formats;
pub mod mapping;
pub mod push;
pub mod values;

pub use error::Dhis2Error;
pub use formats::{Dhis2Format, adx_xml, data_value_sets_json};
pub use mapping::{Dhis2Mapping, MappedFigure, MappedOrgUnit};
pub use push::{Dhis2Auth, Dhis2Status, ImportSummary, push_data_value_sets};
pub use values::{DataValue, Dhis2Export};
