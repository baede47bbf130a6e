//! The regions a process knows: those of the configuration file, fixed at start, and the
//! database's rows as read in the last second. Pages ask for the region list and a room's region on
//! every view; regions change a few times a year, from the admin page, which clears the kept rows
//! of its own process as it saves (another process sees the change within a second).
use super::RegionRecord;
use crate::recent::Recent;

pub struct Regions {
    configured: Vec<RegionRecord>,
    stored: Recent<(), Vec<RegionRecord>>,
}

impl Regions {
    pub fn new(configured: Vec<RegionRecord>, clock: &crate::clock::Clock) -> Regions {
        let configured = configured.into_iter().map(|r| RegionRecord { from_config: true, ..r }).collect();
        Regions { configured, stored: Recent::new(clock.clone()) }
    }

    /// The database's rows if read in the last second.
    pub(super) fn stored(&self) -> Option<Vec<RegionRecord>> {
        self.stored.get(&())
    }

    pub(super) fn keep(&self, rows: Vec<RegionRecord>) {
        self.stored.put((), rows);
    }

    /// Called by the writers of the `regions` table after their change (and by tests that stand in
    /// for another process's change).
    pub fn changed(&self) {
        self.stored.clear();
    }
}

/// The configured regions, as a slice.
impl std::ops::Deref for Regions {
    type Target = [RegionRecord];
    fn deref(&self) -> &[RegionRecord] {
        &self.configured
    }
}
