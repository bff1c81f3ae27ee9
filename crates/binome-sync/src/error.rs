//! Why a bundle is refused. Each has its own code, so the message says
//! what happened (a truncated transfer is not a forgery).

#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    #[error("not a Binôme bundle, or truncated: {detail}")]
    Unreadable { detail: String },
    #[error("bundle format {found} needs a newer Binôme (this one reads up to {supported})")]
    NewerFormat { found: u32, supported: u32 },
    #[error("the header signature is missing")]
    MissingSignature,
    #[error("the header signature does not match its sender's key")]
    BadSignature,
    #[error("the payload does not match the signed header ({what})")]
    PayloadMismatch { what: &'static str },
    #[error("this bundle is not encrypted to this device")]
    NotForUs,
    #[error("the payload cannot be read at line {line}: {detail}")]
    BadPayload { line: usize, detail: String },
    #[error("cannot write the bundle")]
    Write(#[source] std::io::Error),
    #[error("the enrolment certificate is not signed by the issuer it names")]
    BadCertificate,
    #[error("the bundle's {limit:?} exceeds {max} bytes")]
    TooLarge { limit: Limit, max: u64 },
    #[error("the header's {field} is {value:?}, which this Binôme does not read")]
    Unsupported { field: &'static str, value: String },
    #[error("the bundle comes from a store of schema {found}; this Binôme knows up to {supported}")]
    NewerSchema { found: i64, supported: i64 },
    #[error("the segment of {origin} from counter {first_counter} is not signed by that device, or is malformed")]
    BadSegment { origin: String, first_counter: u64 },
    #[error("the header counts {declared} {table} versions, the payload carries {found}")]
    CountMismatch { table: String, declared: u64, found: u64 },
}

/// The bounds a bundle must stay within, each refused with its own message
/// (`docs/bundle-format.md`, "Limits"): a small, correctly signed file must
/// not be able to take a laptop's memory, disk or afternoon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Limit {
    /// `header.json`.
    Header,
    /// One payload line, decompressed.
    Line,
    /// The whole payload once decompressed, against what the header declares.
    Plaintext,
}

impl Limit {
    pub fn code(self) -> &'static str {
        match self {
            Limit::Header => "header",
            Limit::Line => "line",
            Limit::Plaintext => "plaintext",
        }
    }
}

impl BundleError {
    pub fn code(&self) -> &'static str {
        match self {
            BundleError::Unreadable { .. } => "bundle-unreadable",
            BundleError::NewerFormat { .. } => "bundle-newer",
            BundleError::MissingSignature => "bundle-unsigned",
            BundleError::BadSignature => "bundle-bad-signature",
            BundleError::PayloadMismatch { .. } => "bundle-payload-mismatch",
            BundleError::NotForUs => "bundle-not-for-us",
            BundleError::BadPayload { .. } => "bundle-bad-payload",
            BundleError::Write(_) => "bundle-write",
            BundleError::BadCertificate => "bundle-bad-certificate",
            BundleError::TooLarge { .. } => "bundle-too-large",
            BundleError::Unsupported { .. } => "bundle-unsupported",
            BundleError::NewerSchema { .. } => "bundle-newer-schema",
            BundleError::CountMismatch { .. } => "bundle-count-mismatch",
            BundleError::BadSegment { .. } => "bundle-bad-segment",
        }
    }
}
