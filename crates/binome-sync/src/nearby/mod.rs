//! Sync nearby: two laptops on the same network exchange the same bundles
//! as by file, over one TCP connection (`docs/sync-nearby.md`).
//!
//! The connection is a Noise channel (`Noise_NN_25519_ChaChaPoly_BLAKE2s`,
//! the `snow` crate): fresh keys each time, so nothing crosses the network
//! in clear. Each laptop then proves it holds its device key by signing the
//! handshake's hash with it ([`Hello`]): a recorded hello is worthless on
//! another connection, and a relay in the middle would have two different
//! hashes, which the short code both screens show ([`short_code`]) reveals
//! to people comparing them. What travels after is messages ([`Message`]):
//! bundles, cut into chunks, and acknowledgements.

mod channel;
mod discovery;
mod error;
mod greeting;
mod hello;
mod link;
mod message;
mod served;

pub use channel::{Channel, Side};
pub use discovery::{Announcement, Found, SERVICE_TYPE, announce, discover, local_addresses, typed_address};
pub use error::NearbyError;
pub use greeting::{Card, Greeting};
pub use hello::{Hello, Peer, short_code};
pub use link::{Connection, GREETING, Link, SILENCE};
pub use message::{MAX_NEARBY_BUNDLE_BYTES, Message, Refusal};
pub use served::{Place, Places, SERVED_AT_ONCE};

/// The TCP port a laptop listens on while its sync screen is open: fixed,
/// so that IT staff can open it in a firewall.
pub const NEARBY_PORT: u16 = 47_474;

#[cfg(test)]
mod tests;
