//! Keyed pseudonyms for exports shared outside a programme.
//!
//! A person's code is an HMAC-SHA-256 of their id under a key of the
//! programme, so whoever holds ids (every bundle carries them) cannot
//! compute the codes, the same person has the same code in every export
//! of a programme, and different codes in two programmes' exports.
//!
//! The key is a synced record (`Kind::PseudonymKey`) holding the 32 bytes
//! sealed with age to coordinators' laptops only: every laptop of the
//! programme may carry it, only they open it. The record lists each holder
//! with its age recipient, so a coordinator who seals it again keeps the
//! holders it never met. The first coordinator to export pseudonymised
//! makes it; whoever opens it seals it again when the coordinators trusted
//! here change, to the union of its holders (but those revoked here) and
//! the coordinators trusted now, so that two coordinators trusting
//! different colleagues settle on one set instead of resealing in turn;
//! two seals made at once are settled the same way, not left as a
//! conflict for a person. A revoked laptop may keep what it opened: the
//! key does not change, since codes that change would break a programme's
//! series of exports.

use crate::app::Binome;
use crate::error::{CoreError, Result};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use binome_domain::{Kind, Row};
use binome_store::{DeviceRole, DeviceTrust, ListQuery};
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use zeroize::Zeroizing;

const KEY_BYTES: usize = 32;

/// The opened keys of the programmes an export covers.
#[derive(Default)]
pub struct PseudonymKeys {
    by_programme: HashMap<String, Zeroizing<Vec<u8>>>,
}

impl PseudonymKeys {
    /// The code that stands for `person_id` in `programme_id`'s exports;
    /// `None` for a programme whose key was not opened.
    pub fn code(&self, programme_id: &str, person_id: &str) -> Option<String> {
        let key = self.by_programme.get(programme_id)?;
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes any key length");
        mac.update(person_id.as_bytes());
        let digest = mac.finalize().into_bytes();
        Some(format!("P-{}", digest[..6].iter().map(|b| format!("{b:02X}")).collect::<String>()))
    }
}

/// Who a key is sealed to, as the record lists them: device id → age
/// recipient.
type Holders = BTreeMap<String, String>;

fn sealed_for(data: &Row) -> Holders {
    let holder = |h: &Value| Some((h.get("device")?.as_str()?.to_owned(), h.get("age")?.as_str()?.to_owned()));
    data.get("sealed_for")
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(holder).collect())
        .unwrap_or_default()
}

impl Binome {
    /// The keys of `programmes`, opened with this laptop's age key; a
    /// coordinator's laptop makes the key of a programme that has none.
    /// Refused (`pseudonym-key-unavailable`) for a programme whose key this
    /// laptop cannot open or may not make.
    pub fn pseudonym_keys(&mut self, programmes: &[String]) -> Result<PseudonymKeys> {
        let keys = self.keys()?;
        let mut opened = PseudonymKeys::default();
        for programme_id in programmes {
            let id = crate::records::record_id(Kind::PseudonymKey, &programme_row(programme_id));
            let key = match self.store.get(Kind::PseudonymKey, &id)?.filter(|row| !row.deleted) {
                Some(row) => self.open_key(&keys, programme_id, &row.data)?,
                None => self.make_key(programme_id, &id)?,
            };
            opened.by_programme.insert(programme_id.clone(), key);
        }
        Ok(opened)
    }

    fn open_key(&self, keys: &binome_sync::DeviceKeys, programme_id: &str, data: &Row) -> Result<Zeroizing<Vec<u8>>> {
        // A seal that does not decode or open here is a key this laptop
        // cannot use: said as unavailable, with who holds it.
        let sealed = data.get("sealed").and_then(Value::as_str).and_then(|text| BASE64.decode(text).ok());
        let opened = sealed.and_then(|sealed| binome_sync::open_sealed(keys, &sealed).ok());
        match opened {
            Some(key) if key.len() == KEY_BYTES => Ok(key),
            _ => Err(self.unavailable(programme_id, &sealed_for(data).into_keys().collect())),
        }
    }

    fn unavailable(&self, programme_id: &str, holders: &BTreeSet<String>) -> CoreError {
        let programme = self
            .store
            .get(Kind::Programme, programme_id)
            .ok()
            .flatten()
            .and_then(|p| p.data.get("code").and_then(Value::as_str).map(str::to_owned))
            // Only a label for the sentence: the id says which programme too.
            .unwrap_or_else(|| programme_id.to_owned());
        let mut names: Vec<String> = holders
            .iter()
            .map(|id| match self.store.device_record(id) {
                Ok(Some(device)) => device.name,
                // Only a label: a holder this laptop never met is named by its id.
                _ => id.clone(),
            })
            .collect();
        names.sort();
        CoreError::PseudonymKeyUnavailable { programme, holders: names }
    }

    fn make_key(&mut self, programme_id: &str, id: &str) -> Result<Zeroizing<Vec<u8>>> {
        if self.device()?.role != DeviceRole::Coordinator {
            return Err(self.unavailable(programme_id, &BTreeSet::new()));
        }
        let mut key = Zeroizing::new(vec![0u8; KEY_BYTES]);
        getrandom::getrandom(&mut key).expect("the operating system provides randomness");
        self.seal_key(id, programme_id, &key, &Holders::new(), false)?;
        Ok(key)
    }

    /// Seals `key` to this laptop, the coordinators trusted here and the
    /// holders of `before` not revoked here, and writes the record when
    /// that changes who holds it (or `settle`, to end concurrent seals).
    fn seal_key(&mut self, id: &str, programme_id: &str, key: &[u8], before: &Holders, settle: bool) -> Result<()> {
        let holders = self.key_holders(before)?;
        if !settle && holders.keys().eq(before.keys()) {
            return Ok(());
        }
        let ages: Vec<String> = holders.values().cloned().collect();
        let sealed = binome_sync::seal_to(&ages, key).map_err(CoreError::Seal)?;
        let listed: Vec<Value> = holders.iter().map(|(device, age)| json!({"device": device, "age": age})).collect();
        let data = json!({
            "programme_id": programme_id,
            "sealed": BASE64.encode(sealed),
            "sealed_for": listed,
        });
        let data = data.as_object().expect("an object").clone();
        let now = self.now_millis();
        self.store.write(now, |w| w.put(Kind::PseudonymKey, id, &data))?;
        Ok(())
    }

    /// Every laptop a key is to be sealed to: this one, the coordinators
    /// trusted here, and the holders of `before` this laptop has not
    /// revoked (it may never have met them).
    fn key_holders(&mut self, before: &Holders) -> Result<Holders> {
        let own = self.keys()?.age_recipient();
        let me = self.device()?.device_id.clone();
        let mut holders = before.clone();
        for device in self.store.devices()? {
            let coordinator = device.role == DeviceRole::Coordinator;
            match device.trust {
                DeviceTrust::Revoked | DeviceTrust::Rejected => {
                    holders.remove(&device.device_id);
                }
                DeviceTrust::Trusted if coordinator => {
                    holders.insert(device.device_id, device.age_recipient);
                }
                _ => {}
            }
        }
        holders.insert(me, own);
        Ok(holders)
    }

    /// Seals every key this laptop opens again when the coordinators
    /// trusted here have changed; only a coordinator's laptop does.
    pub fn refresh_pseudonym_keys(&mut self) -> Result<()> {
        if self.device()?.role != DeviceRole::Coordinator {
            return Ok(());
        }
        let keys = self.keys()?;
        for row in self.store.list(Kind::PseudonymKey, &ListQuery::default())? {
            let Some(programme_id) = row.data.get("programme_id").and_then(Value::as_str).map(str::to_owned) else {
                continue;
            };
            // A key sealed for other coordinators only: theirs to reseal.
            let Ok(key) = self.open_key(&keys, &programme_id, &row.data) else { continue };
            let heads = self.store.heads(Kind::PseudonymKey, &row.id)?;
            let before: Holders = heads.iter().flat_map(|head| sealed_for(&head.data)).collect();
            self.seal_key(&row.id, &programme_id, &key, &before, heads.len() > 1)?;
        }
        Ok(())
    }
}

fn programme_row(programme_id: &str) -> Row {
    let mut row = Row::new();
    row.insert("programme_id".into(), Value::String(programme_id.to_owned()));
    row
}

#[cfg(test)]
mod tests {
    use super::*;
    use binome_domain::Input;

    fn laptop(role: DeviceRole) -> Binome {
        let mut binome = Binome::open_in_memory().unwrap();
        binome.init("portable", "Fatimé Ngaba", role).unwrap();
        binome
    }

    fn programme(binome: &mut Binome, code: &str) -> String {
        let mut input = Input::new();
        for (field, value) in [("code", code), ("name", code), ("country", "TD"), ("start_date", "01/01/2016")] {
            input.insert(field.into(), value.into());
        }
        binome.add(Kind::Programme, &input).unwrap().id
    }

    const PERSON: &str = "0190a4b2-7c3d-7000-8000-00c0ffee12ab";

    #[test]
    fn one_code_per_person_in_a_programme_another_in_the_next_and_none_from_the_id_alone() {
        let mut coordinator = laptop(DeviceRole::Coordinator);
        let (first, second) = (programme(&mut coordinator, "PASST2"), programme(&mut coordinator, "PASA2"));
        let keys = coordinator.pseudonym_keys(&[first.clone(), second.clone()]).unwrap();
        let code = keys.code(&first, PERSON).unwrap();
        assert!(code.starts_with("P-") && code.len() == 14, "{code}");
        assert_ne!(code, keys.code(&second, PERSON).unwrap(), "the same code in two programmes");
        assert_ne!(code, keys.code(&first, "0190a4b2-7c3d-7000-8000-00c0ffee12ac").unwrap());
        // Asked again, the key kept in the store gives the same codes.
        let again = coordinator.pseudonym_keys(std::slice::from_ref(&first)).unwrap();
        assert_eq!(again.code(&first, PERSON).unwrap(), code);
        assert_eq!(coordinator.store.count(Kind::PseudonymKey).unwrap(), 2);

        // Another coordinator's store with the same programme id, but not
        // the key: its codes are its own, so the ids alone give nothing.
        let mut stranger = laptop(DeviceRole::Coordinator);
        let mut input = Input::new();
        for (field, value) in [("code", "PASST2"), ("name", "x"), ("country", "TD"), ("start_date", "01/01/2016")] {
            input.insert(field.into(), value.into());
        }
        let prepared = stranger.prepare(Kind::Programme, &input, None).unwrap().unwrap();
        let now = stranger.now_millis();
        stranger.store.write(now, |w| w.put(Kind::Programme, &first, &prepared.data)).unwrap();
        let theirs = stranger.pseudonym_keys(std::slice::from_ref(&first)).unwrap();
        assert_ne!(theirs.code(&first, PERSON).unwrap(), code);
    }

    #[test]
    fn sealing_again_keeps_the_holders_this_laptop_never_met_and_adds_the_coordinators_it_trusts() {
        let mut coordinator = laptop(DeviceRole::Coordinator);
        let programme = programme(&mut coordinator, "PASST2");
        let opened = coordinator.pseudonym_keys(std::slice::from_ref(&programme)).unwrap();
        let key = opened.by_programme[&programme].clone();
        let id = crate::records::record_id(Kind::PseudonymKey, &programme_row(&programme));
        let me = coordinator.keys().unwrap();
        let me_id = coordinator.device().unwrap().device_id.clone();

        // Sealed again elsewhere, for a colleague this laptop never met.
        let (stranger, colleague) = (binome_sync::DeviceKeys::generate(), binome_sync::DeviceKeys::generate());
        let sealed = binome_sync::seal_to(&[me.age_recipient(), stranger.age_recipient()], &key).unwrap();
        let data = json!({
            "programme_id": programme,
            "sealed": BASE64.encode(sealed),
            "sealed_for": [{"device": me_id, "age": me.age_recipient()}, {"device": "stranger", "age": stranger.age_recipient()}],
        });
        let now = coordinator.now_millis();
        coordinator.store.write(now, |w| w.put(Kind::PseudonymKey, &id, data.as_object().unwrap())).unwrap();

        // This laptop trusts another coordinator: the key is sealed to both.
        coordinator
            .store
            .remember_device(&binome_store::DeviceRecord {
                device_id: "colleague".into(),
                name: "Bureau de Conakry".into(),
                role: DeviceRole::Coordinator,
                signing_key: colleague.signing_public_hex(),
                age_recipient: colleague.age_recipient(),
                trust: DeviceTrust::Trusted,
                first_seen: now,
                decided_at: Some(now),
                missions: None,
            })
            .unwrap();
        coordinator.refresh_pseudonym_keys().unwrap();
        let row = coordinator.store.get(Kind::PseudonymKey, &id).unwrap().unwrap();
        let expected: BTreeSet<String> = ["colleague", me_id.as_str(), "stranger"].map(str::to_owned).into();
        assert_eq!(sealed_for(&row.data).into_keys().collect::<BTreeSet<_>>(), expected);
        let sealed = BASE64.decode(row.data["sealed"].as_str().unwrap()).unwrap();
        for holder in [&me, &stranger, &colleague] {
            assert_eq!(binome_sync::open_sealed(holder, &sealed).unwrap().as_slice(), key.as_slice());
        }
        // Nothing changed since: no new version.
        let version = row.vv.clone();
        coordinator.refresh_pseudonym_keys().unwrap();
        assert_eq!(coordinator.store.get(Kind::PseudonymKey, &id).unwrap().unwrap().vv, version);
    }

    #[test]
    fn an_expert_s_laptop_neither_makes_nor_opens_a_pseudonym_key() {
        let mut expert = laptop(DeviceRole::Expert);
        let programme = programme(&mut expert, "PASST2");
        let refused = expert.pseudonym_keys(std::slice::from_ref(&programme)).err().expect("refused");
        assert_eq!(refused.code(), "pseudonym-key-unavailable");
        assert_eq!(expert.store.count(Kind::PseudonymKey).unwrap(), 0, "nothing written");
    }
}
