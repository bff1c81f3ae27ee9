//! Binôme's export bundles: how laptops that never see a server exchange
//! their records (USB stick, email, WhatsApp).
//!
//! A bundle is one zip file with stored entries: a cleartext header with no
//! personal data, its ed25519 signature, and the payload — JSON Lines of
//! row versions, zstd-compressed, age-encrypted to every recipient. The
//! header carries the payload's hash, so one signature covers everything.
//! [`open_bundle`] checks structure, signature and the payload's hash
//! before anything is decrypted; [`BundleFile::for_each_version`] then
//! decrypts and parses the payload as a stream, and [`PayloadWriter`] with
//! [`seal_bundle`] write one the same way, so a country's bundle is never
//! held whole in memory. The format is specified in `docs/bundle-format.md`.

mod certificate;
#[cfg(feature = "test-support")]
pub mod crafted;
mod error;
mod format;
mod keys;
mod limits;
mod lines;
pub mod nearby;
mod payload;
mod revocation;
mod sealed;
mod segment;

pub use certificate::{Certificate, CertificateBody, Issuer};
pub use error::{BundleError, Limit};
pub use format::{
    BUNDLE_EXTENSION, BundleFile, BundleKind, FORMAT_NAME, FORMAT_VERSION, Header, Origin, Outgoing, ParsedBundle,
    PayloadInfo, Recipient, Sender, UNSIGNED_ORIGINS_FORMAT, decrypt_payload, open_bundle, read_bundle, seal_bundle,
    write_bundle,
};
pub use keys::{DeviceKeys, fingerprint};
pub use limits::{MAX_HEADER_BYTES, MAX_LINE_BYTES, MAX_PLAINTEXT_BYTES};
pub use lines::{Item, Proof, parse_item, parse_line, to_line, write_signed_line};
pub use payload::{PayloadWriter, SEGMENTS, WrittenPayload};
pub use revocation::{Revocation, RevocationBody};
pub use sealed::{SealError, open_sealed, seal_to};
pub use segment::{
    LeafHash, OriginKey, SEGMENT_LEAVES, Segment, leaves_blob, leaves_from_blob, line_hash, version_hash,
};
