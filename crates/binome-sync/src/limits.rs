//! The bounds every bundle is held to before and while it is read
//! (`docs/bundle-format.md`, "Limits"). Each is far above what a real
//! bundle needs and far below what would take a field laptop down.

/// `header.json`: the sender's card, recipients, per-origin counters and
/// certificates fit in a few kilobytes; a thousand origins in 1 MiB.
pub const MAX_HEADER_BYTES: u64 = 1 << 20;

/// One payload line, decompressed. The longest field a record may hold is
/// a long text of `binome_domain::LONG_TEXT_MAX_CHARS` characters (four
/// bytes each at most) or a JSON value of `binome_domain::JSON_MAX_BYTES`.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// The decompressed payload of a bundle whose header does not declare its
/// size (bundles written before `plain_bytes`): ten countries' worth.
pub const MAX_PLAINTEXT_BYTES: u64 = 16 << 30;

/// Below this, a verified payload is kept in memory between its check and
/// its decryption; above, in an anonymous temporary file.
pub const SPOOL_IN_MEMORY_BYTES: u64 = 8 << 20;
