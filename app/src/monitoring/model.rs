//! What the status page and its JSON say about each region.
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
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    /// Unix seconds.
    pub started_at: i64,
    pub ended_at: Option<i64>,
    /// Both times in the reader's zone, written on the server.
    pub started: String,
    pub ended: Option<String>,
    pub error: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegionStatus {
    pub code: String,
    pub name: String,
    pub state: HealthState,
    /// The API root's answer time at the last poll.
    pub latency_ms: Option<i64>,
    /// Unix seconds of the last poll (0: never).
    pub checked_at: i64,
    /// False when the region does not tell its load (its `getMeetings` fails or says nothing).
    pub load_known: bool,
    pub meetings: i64,
    pub participants: i64,
    /// Participants the region is meant to carry at once; 0: not said.
    pub capacity: i64,
    pub recording: bool,
    /// The largest meeting it takes; 0: no limit.
    pub max_meeting: i64,
    /// The last 30 days', newest first.
    pub incidents: Vec<Incident>,
    /// Share of the time up, in tenths of a percent, over 30 and 90 days (or since polling began);
    /// `None` before the first poll.
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
    pub state: HealthState,
    pub last_error: Option<String>,
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
