//! The encrypted channel: a Noise NN handshake, then Noise transport
//! messages, each sent as a two-byte big-endian length and the message.
//! Noise messages are at most 65,535 bytes, so the length prefix itself
//! bounds what one read may take.

use super::NearbyError;
use std::io::{Read, Write};

const NOISE_PARAMS: &str = "Noise_NN_25519_ChaChaPoly_BLAKE2s";
/// Bound into the handshake: a peer speaking another protocol, or another
/// version of this one, fails the handshake instead of misreading it.
const PROLOGUE: &[u8] = b"binome-nearby/1";
const MAX_MESSAGE: usize = 65_535;
const TAG: usize = 16;
/// The most plaintext one transport message carries.
pub(crate) const MAX_PLAINTEXT: usize = MAX_MESSAGE - TAG;

/// Which end of the connection: the one that connected, or the one that
/// listened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Initiator,
    Responder,
}

pub struct Channel<S> {
    stream: S,
    transport: snow::TransportState,
    handshake_hash: Vec<u8>,
    side: Side,
    buffer: Vec<u8>,
}

impl<S> Channel<S> {
    /// What both ends hash the same only if no one stands between them.
    pub fn handshake_hash(&self) -> &[u8] {
        &self.handshake_hash
    }

    pub fn side(&self) -> Side {
        self.side
    }

    pub(crate) fn stream_mut(&mut self) -> &mut S {
        &mut self.stream
    }
}

impl<S: Read + Write> Channel<S> {
    /// Runs the handshake over `stream`.
    pub fn open(mut stream: S, side: Side) -> Result<Channel<S>, NearbyError> {
        let params = NOISE_PARAMS.parse().expect("a valid Noise parameter string");
        let builder = snow::Builder::new(params).prologue(PROLOGUE);
        let mut handshake = match side {
            Side::Initiator => builder.build_initiator(),
            Side::Responder => builder.build_responder(),
        }
        .map_err(NearbyError::Channel)?;
        let mut buffer = vec![0u8; MAX_MESSAGE];
        let mut scratch = vec![0u8; MAX_MESSAGE];
        while !handshake.is_handshake_finished() {
            if handshake.is_my_turn() {
                let len = handshake.write_message(&[], &mut buffer).map_err(NearbyError::Channel)?;
                write_frame(&mut stream, &buffer[..len])?;
            } else {
                let len = read_frame(&mut stream, &mut buffer)?;
                handshake.read_message(&buffer[..len], &mut scratch).map_err(NearbyError::Channel)?;
            }
        }
        let handshake_hash = handshake.get_handshake_hash().to_vec();
        let transport = handshake.into_transport_mode().map_err(NearbyError::Channel)?;
        Ok(Channel { stream, transport, handshake_hash, side, buffer })
    }

    /// Sends `plaintext` (at most [`MAX_PLAINTEXT`] bytes) as one message.
    pub(crate) fn send(&mut self, plaintext: &[u8]) -> Result<(), NearbyError> {
        debug_assert!(plaintext.len() <= MAX_PLAINTEXT);
        let len = self.transport.write_message(plaintext, &mut self.buffer).map_err(NearbyError::Channel)?;
        write_frame(&mut self.stream, &self.buffer[..len])?;
        self.stream.flush().map_err(NearbyError::from_io)
    }

    /// The next message's plaintext, in `into`.
    pub(crate) fn receive(&mut self, into: &mut Vec<u8>) -> Result<(), NearbyError> {
        let len = read_frame(&mut self.stream, &mut self.buffer)?;
        into.resize(MAX_MESSAGE, 0);
        let plain = self.transport.read_message(&self.buffer[..len], into).map_err(NearbyError::Channel)?;
        into.truncate(plain);
        Ok(())
    }
}

fn write_frame(stream: &mut impl Write, message: &[u8]) -> Result<(), NearbyError> {
    let len = u16::try_from(message.len()).expect("a Noise message fits in 64 KiB");
    stream.write_all(&len.to_be_bytes()).map_err(NearbyError::from_io)?;
    stream.write_all(message).map_err(NearbyError::from_io)
}

fn read_frame(stream: &mut impl Read, buffer: &mut [u8]) -> Result<usize, NearbyError> {
    let mut len = [0u8; 2];
    stream.read_exact(&mut len).map_err(NearbyError::from_io)?;
    let len = usize::from(u16::from_be_bytes(len));
    stream.read_exact(&mut buffer[..len]).map_err(NearbyError::from_io)?;
    Ok(len)
}
