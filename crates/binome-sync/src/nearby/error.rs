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
            NearbyError::RefusedByPeer(_) => "nearby-refused-by-peer",
        }
    }

    pub(crate) fn protocol(detail: impl Into<String>) -> NearbyError {
        NearbyError::Protocol { detail: detail.into() }
    }
}
