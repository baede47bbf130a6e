//! Planned maintenance of a region: a window the admins enter ahead of time. The status page and
//! every page's banner show it; bookings in it are refused with the reason; the organisers of
//! bookings already made in it are mailed once.
use serde::{Deserialize, Serialize};

pub const NOTE_MAX: usize = 300;

/// The admins' form: the region, when (`YYYY-MM-DDTHH:MM` in the admin's zone), and a note.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WindowForm {
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub starts: String,
    #[serde(default)]
    pub ends: String,
    #[serde(default)]
    pub note: String,
}

/// A window as a reader sees it: its times written in the reader's zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Planned {
    pub id: i64,
    pub region: String,
    pub region_name: String,
    pub starts: String,
    pub ends: String,
    pub note: String,
    /// `coming`, `running` or `over`.
    pub state: String,
}
