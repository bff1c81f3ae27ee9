//! What the store's unit tests share: a store in memory with its device,
//! at a fixed clock.

use crate::{DeviceRole, Store};

pub(crate) const NOW: i64 = 1_700_000_000_000;

/// A coordinator's store in memory, its device set up at [`NOW`].
pub(crate) fn store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store.init_device("device-a", "a", "author-a", DeviceRole::Coordinator, NOW).unwrap();
    store
}
