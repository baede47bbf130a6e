//! A room's past meetings, as its owners see them on the room's page.
use serde::{Deserialize, Serialize};

/// One meeting of the room: when it ran (in the reader's zone), how long, on which region, the
/// most people in it at once that the portal saw, and the members who joined through the portal
/// and asked to be listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastMeeting {
    pub started: String,
    /// Empty while it runs.
    pub ended: Option<String>,
    pub minutes: Option<u32>,
    pub region: String,
    pub peak: u32,
    pub attendees: Vec<String>,
}
