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
    #[error("cannot write the bundle: {0}")]
    Write(String),
    #[error("the enrolment certificate is not signed by the issuer it names")]
    BadCertificate,
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
        }
    }
}
