//! How many connections a listening laptop serves at once: a few laptops
//! syncing at the end of a day. Past it a connection is closed at once, so
//! strangers connecting again and again hold a few threads and no more.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

pub const SERVED_AT_ONCE: usize = 4;

/// The places of a listener, shared by the threads serving connections.
#[derive(Clone, Default)]
pub struct Places(Arc<AtomicUsize>);

/// One connection served: its place is given back when this is dropped,
/// however its thread ends (a panic included).
pub struct Place(Arc<AtomicUsize>);

impl Places {
    /// A place for one more connection, if one is free.
    pub fn take(&self) -> Option<Place> {
        let place = Place(self.0.clone());
        // Counted before the check, so two threads never take the last
        // place both; a place refused is given back as it drops.
        (self.0.fetch_add(1, Ordering::SeqCst) < SERVED_AT_ONCE).then_some(place)
    }
}

impl Drop for Place {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::{Places, SERVED_AT_ONCE};

    #[test]
    fn a_place_given_back_however_its_holder_ends_serves_the_next_connection() {
        let places = Places::default();
        let taken: Vec<_> = (0..SERVED_AT_ONCE).map(|_| places.take().expect("a free place")).collect();
        assert!(places.take().is_none(), "all taken");
        let holder = taken.into_iter().next().unwrap();
        let _ = std::thread::spawn(move || {
            let _place = holder;
            panic!("a serving thread that fails");
        })
        .join();
        assert!(places.take().is_some(), "the failed thread's place is free again");
    }
}
