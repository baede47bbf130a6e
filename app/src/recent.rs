//! What this process read a moment ago, kept for a second. A page view reads its session, its
//! member and the region list; on SQLite each read is two thread hops, and under a crowd those hops
//! were most of the page's time. Each cache is owned by the module that writes its table, which
//! forgets an entry as it changes it; another process sees the change within [`TTL`].
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How stale a read may be when the change was made by another process.
pub const TTL: Duration = Duration::from_secs(1);
/// An upper bound, so a flood of distinct keys cannot grow the map without end.
const MAX_ENTRIES: usize = 10_000;

pub struct Recent<K, V> {
    entries: Mutex<HashMap<K, (Instant, V)>>,
    ttl: Duration,
}

impl<K: Eq + Hash, V: Clone> Default for Recent<K, V> {
    fn default() -> Self {
        Recent::new(TTL)
    }
}

impl<K: Eq + Hash, V: Clone> Recent<K, V> {
    pub fn new(ttl: Duration) -> Self {
        Recent { entries: Mutex::new(HashMap::new()), ttl }
    }

    /// The value kept for `key`, if it is younger than the time to live.
    pub fn get(&self, key: &K) -> Option<V> {
        self.get_at(key, Instant::now())
    }

    pub fn put(&self, key: K, value: V) {
        self.put_at(key, value, Instant::now())
    }

    fn get_at(&self, key: &K, now: Instant) -> Option<V> {
        let entries = self.entries.lock().ok()?;
        entries.get(key).filter(|(at, _)| now.saturating_duration_since(*at) < self.ttl).map(|(_, v)| v.clone())
    }

    fn put_at(&self, key: K, value: V, now: Instant) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= MAX_ENTRIES {
                let ttl = self.ttl;
                entries.retain(|_, (at, _)| now.saturating_duration_since(*at) < ttl);
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

    pub fn clear(&self) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_a_value_for_its_time_and_forgets_on_demand() {
        let recent = Recent::default();
        let start = Instant::now();
        recent.put_at(1, "one", start);
        assert_eq!(recent.get_at(&1, start + TTL / 2), Some("one"));
        recent.forget(&1);
        assert_eq!(recent.get_at(&1, start), None);
        recent.put_at(2, "two", start);
        assert_eq!(recent.get_at(&2, start + TTL), None, "an entry as old as its time to live is not used");
    }

    #[test]
    fn a_flood_of_keys_stays_bounded() {
        let recent = Recent::default();
        for i in 0..(MAX_ENTRIES + 10) {
            recent.put(i, i);
        }
        assert!(recent.entries.lock().unwrap().len() <= MAX_ENTRIES);
    }
}
