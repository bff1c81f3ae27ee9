//! Why a DHIS2 export or push is refused: data for the front ends to
//! tell, depending on no DHIS2 code (the core's error type holds it).

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Dhis2Error {
    #[error("{text:?} is not a DHIS2 period")]
    BadPeriod { text: String },
    #[error("the mapping file cannot be read: {detail}")]
    BadMapping { detail: String },
    #[error("{field} {value:?} is not a DHIS2 identifier")]
    BadIdentifier { field: String, value: String },
    #[error("unknown figure {indicator} / {disaggregation} in the mapping")]
    UnknownFigure { indicator: String, disaggregation: String },
    #[error("DHIS2 at {server} cannot be reached: {detail}")]
    Unreachable { server: String, detail: String },
    /// An address that would send the password in clear over a network
    /// (`http://` to another machine), or that is no web address at all.
    #[error("{server:?}: DHIS2 is only reached over https (http only on this computer)")]
    InsecureServer { server: String },
    #[error("DHIS2 refused the request ({status}): {detail}")]
    Refused { status: u16, detail: String },
    /// Everything that lacks an identifier, listed together ("" names the
    /// persons recorded without a facility).
    #[error("unmapped: facilities {facilities:?}, figures {figures:?}")]
    Unmapped { facilities: Vec<String>, figures: Vec<String> },
}

impl Dhis2Error {
    /// The refusal's code, as the front ends close it (`Code : …`) and
    /// the catalogue names its sentence (`error-<code>`).
    pub fn code(&self) -> &'static str {
        match self {
            Dhis2Error::BadPeriod { .. } => "dhis2-period",
            Dhis2Error::BadMapping { .. } => "dhis2-mapping",
            Dhis2Error::BadIdentifier { .. } => "dhis2-identifier",
            Dhis2Error::UnknownFigure { .. } => "dhis2-unknown-figure",
            Dhis2Error::Unreachable { .. } => "dhis2-unreachable",
            Dhis2Error::InsecureServer { .. } => "dhis2-insecure-server",
            Dhis2Error::Refused { .. } => "dhis2-refused",
            Dhis2Error::Unmapped { .. } => "dhis2-unmapped",
        }
    }
}
