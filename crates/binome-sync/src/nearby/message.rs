//! What the two laptops say to each other once the channel is open, and
//! the bounds each message is held to before it is used.

use super::channel::{Channel, MAX_PLAINTEXT};
use super::{Hello, NearbyError};
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};

/// The largest bundle a laptop accepts over the network: many times a
/// country's whole store (benches/README.md).
pub const MAX_NEARBY_BUNDLE_BYTES: u64 = 4 << 30;
/// Acknowledgements name at most this many bundles (a bundle acknowledges
/// 50 per peer).
const MAX_ACKS: usize = 1_000;
const MAX_BUNDLE_ID_CHARS: usize = 64;

const CONTROL: u8 = 0;
const CHUNK: u8 = 1;

/// Why a laptop will not sync with the other: the only thing it tells it.
/// Its code (`strum`) is its name on the wire, and in the code a refusal
/// closes with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr, strum::VariantArray)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Refusal {
    /// Not trusted here yet: its fingerprint is to be checked first.
    Untrusted,
    Revoked,
    Rejected,
    /// Trusted here under other keys.
    KeyMismatch,
    /// Its bundle was refused on import (the refusal is shown here).
    BundleRefused,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Message {
    Hello(Hello),
    Accepted,
    Refused {
        refusal: Refusal,
    },
    /// A bundle of `bytes` follows, in chunks.
    Bundle {
        bytes: u64,
    },
    /// How far the import of the bundle received has gone, in versions:
    /// keeps the connection alive during a long import.
    Progress {
        done: u64,
        total: u64,
    },
    /// The bundles of the other laptop this one holds now, as a bundle's
    /// header lists them (`docs/bundle-format.md`, `acks`).
    Acks {
        bundle_ids: Vec<String>,
    },
    Done,
}

impl<S: Read + Write> Channel<S> {
    pub fn send_message(&mut self, message: &Message) -> Result<(), NearbyError> {
        let mut plain = vec![CONTROL];
        serde_json::to_writer(&mut plain, message).expect("a message serialises");
        if plain.len() > MAX_PLAINTEXT {
            return Err(NearbyError::protocol("message too large to send"));
        }
        self.send(&plain)
    }

    pub fn receive_message(&mut self) -> Result<Message, NearbyError> {
        let mut plain = Vec::new();
        self.receive(&mut plain)?;
        match plain.split_first() {
            Some((&CONTROL, json)) => {
                let message: Message = serde_json::from_slice(json)
                    .map_err(|e| NearbyError::protocol(format!("unreadable message: {e}")))?;
                message.check_bounds()?;
                Ok(message)
            }
            Some((&CHUNK, _)) => Err(NearbyError::protocol("a bundle chunk out of turn")),
            _ => Err(NearbyError::protocol("a message of unknown type")),
        }
    }

    /// Sends the `bytes` bytes of `bundle`.
    pub fn send_bundle(&mut self, bundle: &mut impl Read, bytes: u64) -> Result<(), NearbyError> {
        self.send_message(&Message::Bundle { bytes })?;
        let mut chunk = vec![0u8; MAX_PLAINTEXT];
        chunk[0] = CHUNK;
        let mut left = bytes;
        while left > 0 {
            let take = (MAX_PLAINTEXT as u64 - 1).min(left) as usize;
            bundle.read_exact(&mut chunk[1..=take]).map_err(NearbyError::Connection)?;
            self.send(&chunk[..=take])?;
            left -= take as u64;
        }
        Ok(())
    }

    /// Receives a bundle announced by `Message::Bundle` into `out`, and
    /// returns its size; refused past [`MAX_NEARBY_BUNDLE_BYTES`].
    pub fn receive_bundle(&mut self, bytes: u64, out: &mut impl Write) -> Result<u64, NearbyError> {
        if bytes > MAX_NEARBY_BUNDLE_BYTES {
            return Err(NearbyError::protocol(format!("a bundle of {bytes} bytes, above {MAX_NEARBY_BUNDLE_BYTES}")));
        }
        let mut left = bytes;
        let mut plain = Vec::new();
        while left > 0 {
            self.receive(&mut plain)?;
            let data = match plain.split_first() {
                Some((&CHUNK, data)) if data.len() as u64 <= left && !data.is_empty() => data,
                Some((&CHUNK, _)) => return Err(NearbyError::protocol("a bundle longer than announced")),
                _ => return Err(NearbyError::protocol("a message inside a bundle")),
            };
            out.write_all(data).map_err(NearbyError::Connection)?;
            left -= data.len() as u64;
        }
        Ok(bytes)
    }
}

impl Message {
    fn check_bounds(&self) -> Result<(), NearbyError> {
        match self {
            Message::Hello(hello) => hello.check_bounds(),
            Message::Acks { bundle_ids } => {
                if bundle_ids.len() > MAX_ACKS {
                    return Err(NearbyError::protocol(format!("{} acknowledgements", bundle_ids.len())));
                }
                match bundle_ids.iter().find(|id| id.chars().count() > MAX_BUNDLE_ID_CHARS) {
                    Some(id) => Err(NearbyError::protocol(format!("a bundle id of {} characters", id.chars().count()))),
                    None => Ok(()),
                }
            }
            _ => Ok(()),
        }
    }
}
