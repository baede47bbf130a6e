//! The only source of "now". Production reads the system clock; tests hold a manual clock they set
//! and advance, so idle sessions, rate-limit windows and expiries are tested without sleeping or
//! editing rows to age them.
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

/// A moment, in whole seconds since the Unix epoch (UTC): how every time is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

impl Timestamp {
    pub const fn from_secs(secs: i64) -> Timestamp {
        Timestamp(secs)
    }
    pub const fn secs(self) -> i64 {
        self.0
    }
    /// This moment plus (or minus, when negative) `secs` seconds.
    pub const fn plus(self, secs: i64) -> Timestamp {
        Timestamp(self.0 + secs)
    }
    /// Seconds from `earlier` to this moment.
    pub const fn since(self, earlier: Timestamp) -> i64 {
        self.0 - earlier.0
    }
}

#[derive(Clone)]
pub struct Clock(Arc<Source>);

enum Source {
    System,
    Manual(AtomicI64),
}

impl Clock {
    pub fn system() -> Clock {
        Clock(Arc::new(Source::System))
    }

    /// A clock that stands still at `start` until [`Clock::advance`] moves it.
    pub fn manual(start: Timestamp) -> Clock {
        Clock(Arc::new(Source::Manual(AtomicI64::new(start.secs()))))
    }

    pub fn now(&self) -> Timestamp {
        match &*self.0 {
            Source::System => Timestamp(chrono::Utc::now().timestamp()),
            Source::Manual(at) => Timestamp(at.load(Ordering::SeqCst)),
        }
    }

    /// Moves a manual clock on by `secs`; the system clock cannot be moved, so this does nothing there.
    pub fn advance(&self, secs: i64) {
        if let Source::Manual(at) = &*self.0 {
            at.fetch_add(secs, Ordering::SeqCst);
        }
    }
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Clock({})", self.now().secs())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_clock_moves_only_when_told() {
        let clock = Clock::manual(Timestamp::from_secs(1_000));
        assert_eq!(clock.now().secs(), 1_000);
        clock.clone().advance(90);
        assert_eq!(clock.now().since(Timestamp::from_secs(1_000)), 90);
        let system = Clock::system();
        let before = system.now();
        system.advance(10_000);
        assert!(system.now().since(before) < 10_000);
    }
}
