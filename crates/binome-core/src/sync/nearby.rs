//! Sync nearby, the use case: two laptops on one network exchange what
//! each has not acknowledged, as the same bundles a file carries, through
//! the same import (one transaction after a backup), then acknowledge at
//! once (`docs/sync-nearby.md`).
//!
//! The order is fixed so that neither side can stall the other: hellos,
//! each side's verdict on the other (the greeting, which has a deadline
//! as a whole and needs the store only for the verdict: the app runs it
//! without holding its store), both bundles exported before either
//! is imported (so neither sends back what it just received), the
//! initiator's bundle then the responder's, both imports, both
//! acknowledgements. A connection cut anywhere leaves each store as it
//! was or with a whole bundle applied; what was not acknowledged is sent
//! again next time.

use super::export::ACKS_PER_PEER;
use super::{ExportReport, ImportOutcome};
use crate::app::Binome;
use crate::error::{CoreError, Result};
use binome_store::{DeviceRecord, DeviceTrust};
use binome_sync::nearby::{
    Announcement, Card, Channel, Connection, Found, GREETING, Greeting, Link, Message, NearbyError, Peer, Refusal, Side,
};
use serde::Serialize;
use std::io::{BufReader, BufWriter, Read, Write};
use std::net::IpAddr;
use std::path::Path;
use std::time::Duration;

/// The other laptop as this one saw it.
#[derive(Debug, Clone, Serialize)]
pub struct NearbyPeer {
    pub device_id: String,
    pub name: String,
    pub role: binome_domain::DeviceRole,
    pub fingerprint: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NearbyOutcome {
    pub peer: NearbyPeer,
    /// The six digits both screens show for this connection.
    pub code: String,
    pub sent: ExportReport,
    pub received: ImportOutcome,
}

/// A laptop that answered on the network: what it announces, and what
/// this laptop knows of it.
#[derive(Debug, Clone, Serialize)]
pub struct NearbyLaptop {
    pub fingerprint: String,
    pub role: binome_domain::DeviceRole,
    pub addresses: Vec<String>,
    /// Its name here, for a laptop met before (announcements carry none).
    pub name: Option<String>,
    pub trust: Option<DeviceTrust>,
}

impl Binome {
    /// Announces this laptop on the network, listening on `port` (at
    /// `address` only, if given), until the announcement is dropped.
    pub fn announce_nearby(&mut self, port: u16, address: Option<IpAddr>) -> Result<Announcement> {
        let fingerprint = self.keys()?.fingerprint();
        Ok(binome_sync::nearby::announce(&fingerprint, self.device()?.role, port, address)?)
    }

    /// The laptops that answer within `wait`, known ones by their names.
    pub fn discover_nearby(&mut self, wait: Duration) -> Result<Vec<NearbyLaptop>> {
        let own = self.keys()?.fingerprint();
        let found = binome_sync::nearby::discover(wait, &own)?;
        self.known_nearby(found)
    }

    /// Laptops found on the network, named as this laptop knows them. The
    /// app discovers without holding the store ([`binome_sync::nearby::discover`]).
    pub fn known_nearby(&mut self, found: Vec<Found>) -> Result<Vec<NearbyLaptop>> {
        let known = self.store.devices()?;
        Ok(found
            .into_iter()
            .map(|laptop| {
                let device = known
                    .iter()
                    .find(|d| binome_sync::fingerprint(&d.signing_key, &d.age_recipient) == laptop.fingerprint);
                NearbyLaptop {
                    name: device.map(|d| d.name.clone()),
                    trust: device.map(|d| d.trust),
                    addresses: laptop.addresses.iter().map(ToString::to_string).collect(),
                    fingerprint: laptop.fingerprint,
                    role: laptop.role,
                }
            })
            .collect())
    }

    /// Syncs with the laptop at the other end of `stream`, holding the
    /// store throughout (the CLI, the tests): the app takes it for each
    /// step only ([`greet`], [`Binome::nearby_standing`], [`agree`],
    /// [`Binome::sync_agreed`]).
    pub fn sync_nearby(&mut self, stream: impl Connection + 'static, side: Side) -> Result<NearbyOutcome> {
        self.sync_nearby_with_progress(stream, side, &mut |_, _| {})
    }

    /// Like [`Binome::sync_nearby`], telling `progress` as
    /// [`Binome::sync_agreed`] does.
    pub fn sync_nearby_with_progress(
        &mut self,
        stream: impl Connection + 'static,
        side: Side,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<NearbyOutcome> {
        let link = Link::new(stream, GREETING);
        let greeting = greet(link, side, &self.nearby_card()?)?;
        let standing = self.nearby_standing(greeting.peer())?;
        self.sync_agreed(agree(greeting, standing)?, progress)
    }

    /// Who this laptop says it is to the laptops nearby.
    pub fn nearby_card(&mut self) -> Result<Card> {
        let keys = self.keys()?;
        let device = self.device()?;
        Ok(Card { keys, device_id: device.device_id.clone(), name: device.name.clone(), role: device.role })
    }

    /// The rest of a sync both laptops agreed to, telling
    /// `progress(done, total)` as the other laptop's versions are applied
    /// here, for a progress bar.
    pub fn sync_agreed(&mut self, agreed: Agreed, progress: &mut dyn FnMut(u64, u64)) -> Result<NearbyOutcome> {
        let Agreed { mut channel, peer, code } = agreed;
        let work = self.nearby_work_dir()?;
        let outgoing = work.path().join("envoye.binome");
        let incoming = work.path().join("recu.binome");
        let exported_up_to = self.store.last_change_seq()?;
        let sent = self.export_bundle(&outgoing, std::slice::from_ref(&peer.device_id), false)?;
        match channel.side() {
            Side::Initiator => {
                send_file(&mut channel, &outgoing)?;
                receive_file(&mut channel, &incoming)?;
            }
            Side::Responder => {
                receive_file(&mut channel, &incoming)?;
                send_file(&mut channel, &outgoing)?;
            }
        }
        let imported = self.import_bundle_with_progress(&incoming, false, &mut |done, total| {
            progress(done, total);
            // The import completes whatever becomes of the connection; a
            // peer gone is found when the acknowledgements are exchanged.
            let _ = channel.send_message(&Message::Progress { done, total });
        });
        let received = match imported {
            Ok(outcome) => outcome,
            Err(error) => {
                // Tells the peer why nothing it sent is acknowledged; the
                // refusal shown here is the import's own.
                let _ = channel.send_message(&Message::Refused { refusal: Refusal::BundleRefused });
                return Err(error);
            }
        };
        let held = self.store.bundles_from(&peer.device_id, ACKS_PER_PEER)?;
        channel.send_message(&Message::Acks { bundle_ids: held })?;
        let acknowledged = loop {
            match channel.receive_message()? {
                Message::Progress { .. } => continue,
                Message::Acks { bundle_ids } => break bundle_ids,
                Message::Refused { refusal } => return Err(NearbyError::RefusedByPeer(refusal).into()),
                _ => return Err(NearbyError::Protocol { detail: "a message out of turn".into() }.into()),
            }
        };
        let now = self.now_millis();
        self.store.write(now, |w| w.record_acks(&peer.device_id, &acknowledged, ACKS_PER_PEER))?;
        // The peer holds what it sent: when nothing but its bundle was
        // written here since ours was made, ours counts as covering it, so
        // the next sync does not send it back (a bundle file has no such
        // moment: it is written before the other side's is read).
        let imported_up_to = self.store.last_change_seq()?;
        if acknowledged.contains(&sent.bundle_id) && self.store.only_imported_between(exported_up_to, imported_up_to)? {
            self.store.extend_export(&sent.bundle_id, &peer.device_id, imported_up_to)?;
        }
        let peer =
            NearbyPeer { device_id: peer.device_id, name: peer.name, role: peer.role, fingerprint: peer.fingerprint };
        Ok(NearbyOutcome { peer, code, sent, received })
    }

    /// Why this laptop will not sync with `peer`, if it will not. A
    /// laptop not trusted yet is remembered, pending, as a first bundle
    /// would leave it, for its fingerprint to be checked.
    pub fn nearby_standing(&mut self, peer: &Peer) -> Result<Option<Refusal>> {
        let known = self.store.device_record(&peer.device_id)?;
        let Some(known) = known else {
            self.store.remember_device(&pending_card(peer, self.now_millis()))?;
            return Ok(Some(Refusal::Untrusted));
        };
        if known.signing_key != peer.signing_key || known.age_recipient != peer.age_recipient {
            self.store.claim_device(&pending_card(peer, self.now_millis()))?;
            return Ok(Some(Refusal::KeyMismatch));
        }
        Ok(match known.trust {
            DeviceTrust::Trusted => None,
            DeviceTrust::Revoked => Some(Refusal::Revoked),
            DeviceTrust::Rejected => Some(Refusal::Rejected),
            // This laptop's own id on another machine is a copy of it.
            DeviceTrust::Own => Some(Refusal::KeyMismatch),
            DeviceTrust::Pending | DeviceTrust::Relayed => Some(Refusal::Untrusted),
        })
    }

    /// A private folder beside the store for the two bundles, removed when
    /// the sync ends however it ends.
    fn nearby_work_dir(&self) -> Result<tempfile::TempDir> {
        let beside = self.store.path().parent().filter(|p| !p.as_os_str().is_empty() && p.is_dir());
        let dir = beside.map_or_else(std::env::temp_dir, Path::to_path_buf);
        tempfile::Builder::new().prefix(".proximite-").tempdir_in(&dir).map_err(|e| CoreError::io(&dir, e))
    }
}

/// A sync both laptops agreed to: made by [`agree`] only.
pub struct Agreed {
    channel: Channel<Link>,
    peer: Peer,
    code: String,
}

/// Opens the secure channel on `link` and exchanges hellos with the
/// other laptop, without the store: within the link's time.
pub fn greet(link: Link, side: Side, card: &Card) -> Result<Greeting> {
    Ok(Greeting::open(link, side, card)?)
}

/// Tells the peer this laptop's verdict on it (`standing`, from
/// [`Binome::nearby_standing`]) and hears its own, without the store:
/// still within the greeting's time.
pub fn agree(mut greeting: Greeting, standing: Option<Refusal>) -> Result<Agreed> {
    let channel = greeting.channel();
    channel.send_message(&match standing {
        None => Message::Accepted,
        Some(refusal) => Message::Refused { refusal },
    })?;
    let answer = channel.receive_message()?;
    let (peer, code) = (greeting.peer(), greeting.code().to_owned());
    if let Some(refusal) = standing {
        return Err(CoreError::NearbyPeerRefused {
            refusal,
            name: peer.name.clone(),
            fingerprint: peer.fingerprint.clone(),
            code,
        });
    }
    match answer {
        Message::Accepted => {
            let (channel, peer, code) = greeting.agreed()?;
            Ok(Agreed { channel, peer, code })
        }
        Message::Refused { refusal } => Err(CoreError::NearbyRefusedByPeer {
            refusal,
            name: peer.name.clone(),
            fingerprint: peer.fingerprint.clone(),
            code,
        }),
        _ => Err(NearbyError::Protocol { detail: "no verdict".into() }.into()),
    }
}

fn pending_card(peer: &Peer, now: i64) -> DeviceRecord {
    DeviceRecord {
        device_id: peer.device_id.clone(),
        name: peer.name.clone(),
        role: peer.role,
        signing_key: peer.signing_key.clone(),
        age_recipient: peer.age_recipient.clone(),
        trust: DeviceTrust::Pending,
        first_seen: now,
        decided_at: None,
        missions: None,
    }
}

fn send_file<S: Read + Write>(channel: &mut Channel<S>, path: &Path) -> Result<()> {
    let file = std::fs::File::open(path).map_err(|e| CoreError::io(path, e))?;
    let bytes = file.metadata().map_err(|e| CoreError::io(path, e))?.len();
    channel.send_bundle(&mut BufReader::new(file), bytes)?;
    Ok(())
}

fn receive_file<S: Read + Write>(channel: &mut Channel<S>, path: &Path) -> Result<()> {
    let bytes = match channel.receive_message()? {
        Message::Bundle { bytes } => bytes,
        Message::Refused { refusal } => return Err(NearbyError::RefusedByPeer(refusal).into()),
        _ => return Err(NearbyError::Protocol { detail: "no bundle".into() }.into()),
    };
    let file = binome_store::private::create_private_file(path).map_err(|e| CoreError::io(path, e))?;
    let mut out = BufWriter::new(file);
    channel.receive_bundle(bytes, &mut out)?;
    out.flush().map_err(|e| CoreError::io(path, e))?;
    Ok(())
}
