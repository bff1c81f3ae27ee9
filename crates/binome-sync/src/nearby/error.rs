//! Why a nearby sync stopped. Each has its own code; none says more to the
//! peer than the code itself.

use super::Refusal;

#[derive(Debug, thiserror::Error)]
pub enum NearbyError {
    #[error("the connection failed")]
    Connection(#[source] std::io::Error),
    #[error("finding the laptops nearby failed")]
    Discovery(#[source] mdns_sd::Error),
    #[error("the secure channel failed")]
    Channel(#[source] snow::Error),
    /// The other side sent something this protocol does not allow here:
    /// garbage, a message out of turn, a field out of bounds.
    #[error("the other laptop broke the protocol: {detail}")]
    Protocol { detail: String },
    #[error("the other laptop's hello is not signed by the key it shows")]
    BadSignature,
    /// The other laptop did not greet within the greeting's time, or fell
    /// silent for longer than a greeted one may.
    #[error("the other laptop did not answer in time")]
    Unanswered,
    #[error("the other laptop refused: {0:?}")]
    RefusedByPeer(Refusal),
}

impl NearbyError {
    pub fn code(&self) -> &'static str {
        match self {
            NearbyError::Connection(_) => "nearby-connection",
            NearbyError::Discovery(_) => "nearby-discovery",
            NearbyError::Channel(_) => "nearby-channel",
            NearbyError::Protocol { .. } => "nearby-protocol",
            NearbyError::BadSignature => "nearby-bad-signature",
            NearbyError::Unanswered => "nearby-unanswered",
            NearbyError::RefusedByPeer(_) => "nearby-refused-by-peer",
        }
    }

    /// A read or write that failed; one that waited too long is told
    /// apart, for the person to try again later rather than look at the
    /// network.
    pub(crate) fn from_io(error: std::io::Error) -> NearbyError {
        match error.kind() {
            std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => NearbyError::Unanswered,
            _ => NearbyError::Connection(error),
        }
    }

    pub(crate) fn protocol(detail: impl Into<String>) -> NearbyError {
        NearbyError::Protocol { detail: detail.into() }
    }
}
