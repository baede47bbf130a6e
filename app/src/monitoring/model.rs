//! What the status page and its JSON say about each region, and what the admins' monitoring page
//! says besides. The public status names a region by the name its admins chose and tells up or
//! down, a coarse load and when it failed; never its address, its health check, the error or body
//! the poll saw, or participant counts: those are for admins (`Overview`).
use crate::error::Msg;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HealthState {
    /// Not polled yet, or failing fewer times than it takes to be judged down.
    Unknown,
    Up,
    Down,
}

impl HealthState {
    pub fn as_str(self) -> &'static str {
        match self {
            HealthState::Unknown => "unknown",
            HealthState::Up => "up",
            HealthState::Down => "down",
        }
    }

    pub fn parse(s: &str) -> HealthState {
        match s {
            "up" => HealthState::Up,
            "down" => HealthState::Down,
            _ => HealthState::Unknown,
        }
    }

    /// The state as pages show it, from the judged state and the failed polls in a row. A region
    /// never seen up whose checks fail stays unjudged until `down_after` failures (so one failure
    /// opens no incident), but it was checked and does not answer: it shows as down, not as "not
    /// checked yet".
    pub fn shown(self, failures: i64) -> HealthState {
        match self {
            HealthState::Unknown if failures > 0 => HealthState::Down,
            other => other,
        }
    }
}

/// How busy a region is, as anyone may know it: a band of its capacity, not a count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LoadBand {
    /// The region does not tell its load, or has no capacity to measure it against.
    Unknown,
    /// Under 60 % of its capacity.
    Quiet,
    /// 60 % to 90 %.
    Busy,
    /// 90 % or more.
    Full,
}

impl LoadBand {
    pub fn of(load_known: bool, participants: i64, capacity: i64) -> LoadBand {
        if !load_known || capacity <= 0 {
            return LoadBand::Unknown;
        }
        let percent = participants.saturating_mul(100) / capacity;
        if percent < 60 {
            LoadBand::Quiet
        } else if percent < 90 {
            LoadBand::Busy
        } else {
            LoadBand::Full
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            LoadBand::Unknown => "unknown",
            LoadBand::Quiet => "quiet",
            LoadBand::Busy => "busy",
            LoadBand::Full => "full",
        }
    }
}

/// An outage as anyone may read it: when, not what the poll saw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    /// Unix seconds.
    pub started_at: i64,
    pub ended_at: Option<i64>,
    /// Both times in the reader's zone, written on the server.
    pub started: String,
    pub ended: Option<String>,
}

/// An outage as admins read it: with the error the poll saw (a health check's body included).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncidentDetail {
    #[serde(flatten)]
    pub when: Incident,
    pub error: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegionStatus {
    pub code: String,
    pub name: String,
    /// The demo region (a fake BBB server), marked as such.
    pub demo: bool,
    pub state: HealthState,
    /// The API root's answer time at the last poll.
    pub latency_ms: Option<i64>,
    /// Unix seconds of the last poll (0: never).
    pub checked_at: i64,
    /// Participants against the region's capacity, in bands; unknown unless the region is up.
    pub load: LoadBand,
    pub recording: bool,
    /// The largest meeting it takes; 0: no limit.
    pub max_meeting: i64,
    /// The last 30 days', newest first.
    pub incidents: Vec<Incident>,
    /// Share of the time up, in tenths of a percent, over 30 and 90 days (or since polling began);
    /// `None` before the first poll, and while the region was never judged up or down.
    pub uptime_30: Option<i64>,
    pub uptime_90: Option<i64>,
}

/// The admin's monitoring page: each region's load over the window, and every live meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    /// `24h`, `7d` or `30d`.
    pub window: String,
    /// The window's first and last moment, in the admin's zone.
    pub from: String,
    pub to: String,
    pub regions: Vec<RegionChart>,
    pub meetings: Vec<LiveMeeting>,
    /// Regions whose meetings could not be listed just now.
    pub unlisted: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegionChart {
    pub code: String,
    pub name: String,
    pub demo: bool,
    pub state: HealthState,
    pub last_error: Option<String>,
    /// What the last failure means, in words (`last_error` is what the poll saw).
    pub last_reason: Option<Msg>,
    /// The last 30 days' outages with their errors, newest first.
    pub incidents: Vec<IncidentDetail>,
    /// Seconds into the window, most participants and most meetings in that step.
    pub points: Vec<(i64, i64, i64)>,
    /// The window's length in seconds (the x axis).
    pub span: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LiveMeeting {
    pub region: String,
    pub name: String,
    /// The portal's room, when the meeting is one of its rooms' (then it can be ended here).
    pub room_slug: Option<String>,
    pub owner: Option<String>,
    pub participants: i64,
    pub since: String,
}

#[cfg(test)]
mod tests {
    use super::{HealthState, LoadBand};

    #[test]
    fn a_failing_region_never_shows_as_not_checked() {
        assert_eq!(HealthState::Unknown.shown(0), HealthState::Unknown, "never polled");
        assert_eq!(HealthState::Unknown.shown(1), HealthState::Down, "checked, and failed");
        assert_eq!(HealthState::Up.shown(1), HealthState::Up, "one failure between successes changes nothing");
        assert_eq!(HealthState::Down.shown(0), HealthState::Down);
    }

    #[test]
    fn load_is_told_in_bands_of_the_capacity() {
        assert_eq!(LoadBand::of(false, 10, 100), LoadBand::Unknown);
        assert_eq!(LoadBand::of(true, 10, 0), LoadBand::Unknown, "no capacity to measure against");
        assert_eq!(LoadBand::of(true, 59, 100), LoadBand::Quiet);
        assert_eq!(LoadBand::of(true, 60, 100), LoadBand::Busy);
        assert_eq!(LoadBand::of(true, 90, 100), LoadBand::Full);
        assert_eq!(LoadBand::of(true, 500, 100), LoadBand::Full);
    }
}
