//! What this process read a moment ago, kept for a second. A page view reads its session, its
//! member and the region list; on SQLite each read is two thread hops, and under a crowd those hops
//! were most of the page's time. Each cache is owned by the module that writes its table, which
//! forgets an entry as it changes it; another process sees the change within [`TTL_SECS`] by the clock.
use crate::clock::{Clock, Timestamp};
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;

/// How stale a read may be, in seconds, when the change was made by another process: an entry
/// serves within the second it was read.
pub const TTL_SECS: i64 = 1;
/// An upper bound, so a flood of distinct keys cannot grow the map without end.
const MAX_ENTRIES: usize = 10_000;

pub struct Recent<K, V> {
    entries: Mutex<HashMap<K, (Timestamp, V)>>,
    clock: Clock,
}

impl<K: Eq + Hash, V: Clone> Recent<K, V> {
    pub fn new(clock: Clock) -> Self {
        Recent { entries: Mutex::new(HashMap::new()), clock }
    }

    /// The value kept for `key`, if it was read less than [`TTL_SECS`] ago by the clock.
    pub fn get(&self, key: &K) -> Option<V> {
        let now = self.clock.now();
        let entries = self.entries.lock().ok()?;
        entries.get(key).filter(|(at, _)| fresh(*at, now)).map(|(_, v)| v.clone())
    }

    /// The value kept for `key`, however old: what to show when a fresh read cannot be had.
    pub fn last(&self, key: &K) -> Option<V> {
        self.entries.lock().ok()?.get(key).map(|(_, v)| v.clone())
    }

    pub fn put(&self, key: K, value: V) {
        let now = self.clock.now();
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= MAX_ENTRIES {
                entries.retain(|_, (at, _)| fresh(*at, now));
                if entries.len() >= MAX_ENTRIES {
                    entries.clear();
                }
            }
            entries.insert(key, (now, value));
        }
    }

    pub fn forget(&self, key: &K) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.remove(key);
        }
    }

    /// Forgets every entry whose value matches, for writers that know a row by another key.
    pub fn forget_if(&self, matches: impl Fn(&V) -> bool) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.retain(|_, (_, v)| !matches(v));
        }
    }

    pub fn clear(&self) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.clear();
        }
    }
}

fn fresh(at: Timestamp, now: Timestamp) -> bool {
    (0..TTL_SECS).contains(&(now.secs() - at.secs()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_a_value_within_its_second_and_forgets_on_demand() {
        let clock = Clock::manual(Timestamp::from_secs(1_000));
        let recent = Recent::new(clock.clone());
        recent.put(1, "one");
        assert_eq!(recent.get(&1), Some("one"));
        recent.forget(&1);
        assert_eq!(recent.get(&1), None);
        recent.put(2, "two");
        clock.advance(TTL_SECS);
        assert_eq!(recent.get(&2), None, "an entry a second old is read again");
    }

    #[test]
    fn a_flood_of_keys_stays_bounded() {
        let recent = Recent::new(Clock::system());
        for i in 0..(MAX_ENTRIES + 10) {
            recent.put(i, i);
        }
        assert!(recent.entries.lock().unwrap().len() <= MAX_ENTRIES);
    }
}
