//! The greeting: the Noise handshake and each laptop's signed hello. It
//! needs nothing from the store but this laptop's card, read before, so
//! the app greets without holding its store: someone on the network who
//! connects and says nothing holds their own connection and no more.

use super::channel::{Channel, Side};
use super::link::Link;
use super::{Hello, Message, NearbyError, Peer, short_code};
use crate::DeviceKeys;
use binome_domain::DeviceRole;

/// Who this laptop says it is.
pub struct Card {
    pub keys: DeviceKeys,
    pub device_id: String,
    pub name: String,
    pub role: DeviceRole,
}

/// A peer whose hello was verified on this connection; each side's
/// verdict on the other is still to come, within the greeting's time.
pub struct Greeting {
    channel: Channel<Link>,
    peer: Peer,
    code: String,
}

impl Greeting {
    /// Opens the channel on `link` and exchanges hellos.
    pub fn open(link: Link, side: Side, card: &Card) -> Result<Greeting, NearbyError> {
        let mut channel = Channel::open(link, side)?;
        let hello = Hello::sign(&channel, &card.keys, &card.device_id, &card.name, card.role);
        channel.send_message(&Message::Hello(hello))?;
        let peer = match channel.receive_message()? {
            Message::Hello(theirs) => theirs.verify(&channel)?,
            _ => return Err(NearbyError::protocol("no hello")),
        };
        let code = short_code(channel.handshake_hash());
        Ok(Greeting { channel, peer, code })
    }

    pub fn peer(&self) -> &Peer {
        &self.peer
    }

    /// The six digits both screens show for this connection.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// For the verdicts, still within the greeting's time.
    pub fn channel(&mut self) -> &mut Channel<Link> {
        &mut self.channel
    }

    /// Both laptops sync with each other: from now on only silence ends
    /// the connection.
    pub fn agreed(mut self) -> Result<(Channel<Link>, Peer, String), NearbyError> {
        self.channel.stream_mut().greeted().map_err(NearbyError::from_io)?;
        Ok((self.channel, self.peer, self.code))
    }
}
