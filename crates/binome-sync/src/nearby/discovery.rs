//! Finding the laptops nearby with no server: DNS-SD over multicast DNS
//! (the `mdns-sd` crate). A listening laptop announces itself; one looking
//! for peers asks and collects the answers for a moment.
//!
//! The announcement is readable by everyone on the network, so it carries
//! only public values: the fingerprint (from the public keys) and the
//! role. A laptop's name travels inside the channel; a peer already known
//! is shown by the name this laptop knows it by.

use super::NearbyError;
use binome_domain::DeviceRole;
use mdns_sd::{ServiceDaemon, ServiceEvent, ServiceInfo};
use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};

pub const SERVICE_TYPE: &str = "_binome._tcp.local.";
const FINGERPRINT: &str = "fp";
const ROLE: &str = "role";
/// Announcements are anybody's: the laptops listed, and the addresses of
/// each, are bounded whatever the network answers (a mission's laptops
/// many times over; a laptop's interfaces).
const MAX_FOUND: usize = 50;
const MAX_ADDRESSES: usize = 8;

/// A laptop found on the network, as its announcement says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub fingerprint: String,
    pub role: DeviceRole,
    /// Where it listens, IPv4 first.
    pub addresses: Vec<SocketAddr>,
}

/// This laptop announced on the network until dropped.
pub struct Announcement {
    daemon: ServiceDaemon,
    fullname: String,
}

impl Drop for Announcement {
    fn drop(&mut self) {
        // Leaving: a goodbye, so the others stop listing this laptop at
        // once; if it is lost, their entries expire on their own.
        if let Ok(done) = self.daemon.unregister(&self.fullname) {
            let _ = done.recv_timeout(Duration::from_secs(1));
        }
        if let Ok(done) = self.daemon.shutdown() {
            let _ = done.recv_timeout(Duration::from_secs(1));
        }
    }
}

fn discovery_error(error: mdns_sd::Error) -> NearbyError {
    NearbyError::Discovery(error)
}

/// Announces a laptop of `fingerprint` and `role` listening on `port`, at
/// `address`, or on every interface's addresses if `None`.
pub fn announce(
    fingerprint: &str,
    role: DeviceRole,
    port: u16,
    address: Option<IpAddr>,
) -> Result<Announcement, NearbyError> {
    let daemon = ServiceDaemon::new().map_err(discovery_error)?;
    let instance: String = fingerprint.chars().filter(char::is_ascii_alphanumeric).collect();
    let host = format!("binome-{}.local.", instance.to_lowercase());
    let properties = [(FINGERPRINT, fingerprint), (ROLE, role.code())];
    let info = match address {
        Some(ip) => ServiceInfo::new(SERVICE_TYPE, &instance, &host, ip, port, &properties[..]),
        None => {
            ServiceInfo::new(SERVICE_TYPE, &instance, &host, "", port, &properties[..]).map(|i| i.enable_addr_auto())
        }
    }
    .map_err(discovery_error)?;
    let fullname = info.get_fullname().to_owned();
    daemon.register(info).map_err(discovery_error)?;
    Ok(Announcement { daemon, fullname })
}

/// The laptops that answer within `wait`, but `own_fingerprint`.
pub fn discover(wait: Duration, own_fingerprint: &str) -> Result<Vec<Found>, NearbyError> {
    let daemon = ServiceDaemon::new().map_err(discovery_error)?;
    let events = daemon.browse(SERVICE_TYPE).map_err(discovery_error)?;
    let deadline = Instant::now() + wait;
    let mut found: Vec<Found> = Vec::new();
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        let Ok(event) = events.recv_timeout(left) else { break };
        let ServiceEvent::ServiceResolved(info) = event else { continue };
        // Announcements are anybody's: one that does not parse is skipped.
        let Some(fingerprint) = info.get_property_val_str(FINGERPRINT).map(str::to_owned) else { continue };
        let Some(role) = info.get_property_val_str(ROLE).and_then(DeviceRole::parse) else { continue };
        if fingerprint == own_fingerprint || fingerprint.len() > 32 {
            continue;
        }
        let addresses = info
            .get_addresses()
            .iter()
            .filter(|ip| !is_link_local_v6(ip))
            .map(|ip| SocketAddr::new(*ip, info.get_port()));
        add_found(&mut found, Found { fingerprint, role, addresses: addresses.collect() });
    }
    let _ = daemon.shutdown();
    Ok(found)
}

/// Adds what one announcement says to the laptops found: a laptop already
/// listed gains its new addresses, IPv4 first, each once; past the bounds
/// the rest is left out.
fn add_found(found: &mut Vec<Found>, laptop: Found) {
    let Found { fingerprint, role, addresses: announced } = laptop;
    let index = match found.iter().position(|f| f.fingerprint == fingerprint) {
        Some(index) => index,
        None if found.len() < MAX_FOUND => {
            found.push(Found { fingerprint, role, addresses: Vec::new() });
            found.len() - 1
        }
        None => return,
    };
    let addresses = &mut found[index].addresses;
    addresses.extend(announced);
    addresses.sort_by_key(|a| (matches!(a.ip(), IpAddr::V6(_)), *a));
    addresses.dedup();
    addresses.truncate(MAX_ADDRESSES);
}

/// An IPv6 link-local address (fe80::/10) cannot be connected to without
/// the interface it belongs to, which an announcement does not say.
fn is_link_local_v6(ip: &IpAddr) -> bool {
    matches!(ip, IpAddr::V6(v6) if v6.segments()[0] & 0xffc0 == 0xfe80)
}

/// This laptop's addresses another laptop can type, IPv4 first: neither
/// loopback nor link-local.
pub fn local_addresses() -> Vec<IpAddr> {
    let mut found: Vec<IpAddr> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .filter(|interface| !interface.is_loopback() && !interface.is_link_local())
        .map(|interface| interface.ip())
        .collect();
    found.sort_by_key(|ip| (ip.is_ipv6(), *ip));
    found.dedup();
    found
}

/// An address typed by a person: an IP, with a port or on Binôme's own.
pub fn typed_address(text: &str) -> Option<SocketAddr> {
    let text = text.trim();
    text.parse::<SocketAddr>()
        .ok()
        .or_else(|| text.parse::<IpAddr>().ok().map(|ip| SocketAddr::new(ip, super::NEARBY_PORT)))
}

#[cfg(test)]
mod tests {
    use super::{Found, MAX_ADDRESSES, MAX_FOUND, add_found};
    use binome_domain::DeviceRole;
    use std::net::SocketAddr;

    fn announced(fingerprint: &str, addresses: &[&str]) -> Found {
        Found {
            fingerprint: fingerprint.to_owned(),
            role: DeviceRole::Expert,
            addresses: addresses.iter().map(|a| a.parse().unwrap()).collect(),
        }
    }

    #[test]
    fn a_flood_of_announcements_lists_a_bounded_number_of_laptops_and_addresses() {
        let mut found = Vec::new();
        add_found(&mut found, announced("AAAA", &["[2001:db8::1]:47474", "192.168.1.20:47474"]));
        add_found(&mut found, announced("AAAA", &["192.168.1.20:47474", "10.0.0.5:47474"]));
        let first: Vec<String> = found[0].addresses.iter().map(SocketAddr::to_string).collect();
        assert_eq!(first, ["10.0.0.5:47474", "192.168.1.20:47474", "[2001:db8::1]:47474"], "IPv4 first, each once");

        for n in 0..1_000 {
            let addresses: Vec<String> = (0..20).map(|i| format!("10.1.{}.{i}:47474", n % 250)).collect();
            let addresses: Vec<&str> = addresses.iter().map(String::as_str).collect();
            add_found(&mut found, announced(&format!("F{n:04}"), &addresses));
            add_found(&mut found, announced("AAAA", &addresses));
        }
        assert_eq!(found.len(), MAX_FOUND);
        assert!(found.iter().all(|f| f.addresses.len() <= MAX_ADDRESSES));
        assert_eq!(found[0].fingerprint, "AAAA", "the first found stays listed");
    }
}
