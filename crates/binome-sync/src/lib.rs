//! Binôme's export bundles: how laptops that never see a server exchange
//! their records (USB stick, email, WhatsApp).
//!
//! A bundle is one zip file with stored entries: a cleartext header with no
//! personal data, its ed25519 signature, and the payload — JSON Lines of
//! row versions, zstd-compressed, age-encrypted to every recipient. The
//! header carries the payload's hash, so one signature covers everything.
//! [`read_bundle`] checks structure and signature, and [`decrypt_payload`]
//! parses every line, before any caller opens a write transaction. The
//! format is specified in `docs/bundle-format.md`.

mod certificate;
mod error;
mod format;
mod keys;
mod lines;

pub use certificate::{Certificate, CertificateBody, Issuer};
pub use error::BundleError;
pub use format::{
    BUNDLE_EXTENSION, FORMAT_NAME, FORMAT_VERSION, Header, Origin, Outgoing, ParsedBundle, PayloadInfo, Recipient,
    Sender, decrypt_payload, read_bundle, write_bundle,
};
pub use keys::{DeviceKeys, fingerprint};
pub use lines::{parse_line, to_line};
