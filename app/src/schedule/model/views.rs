//! What the schedule's pages receive from the server: bookings, alternatives, page data, charts.
use super::BookingForm;
use serde::{Deserialize, Serialize};

/// A booking (one occurrence) as its page and lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingView {
    pub id: i64,
    pub uid: String,
    pub room_slug: String,
    pub room_name: String,
    pub region: String,
    pub title: String,
    pub description: String,
    /// In the reader's zone, named.
    pub starts: String,
    pub ends: String,
    /// For the week view: day of the week (0 = Monday) and minutes after midnight, in the reader's zone.
    pub weekday: u32,
    pub start_minute: u32,
    pub minutes: i64,
    pub participants: i64,
    pub state: String,
    pub series: bool,
    pub invitees: Vec<String>,
    /// The reader may change it: a manager of its room (having booked it is not enough).
    pub manages: bool,
    pub note: String,
    /// Who booked it: their name, and for an admin reading also their address.
    pub booker: String,
}

/// Another start that fits, in the booker's zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeOption {
    pub date: String,
    pub time: String,
    pub label: String,
}

/// Another region with room at the asked time, and what it offers less than the room's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionOption {
    pub code: String,
    pub name: String,
    pub lacks_recording: bool,
    /// Its largest meeting when smaller than the booking; 0: no smaller.
    pub smaller_meetings: i64,
}

/// What a refused booking could do instead.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestions {
    pub times: Vec<TimeOption>,
    pub regions: Vec<RegionOption>,
}

/// The member's schedule page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchedulePage {
    pub upcoming: Vec<BookingView>,
    pub past: Vec<BookingView>,
    /// The shown week's bookings, and its days' names (Monday first) in the member's zone.
    pub week: Vec<BookingView>,
    pub days: Vec<String>,
    /// Weeks from this one (negative: past weeks).
    pub week_offset: i64,
    /// The private feed's address, when it was just made: only its digest is kept, so it is shown
    /// once. `None`: the member has one (and may make a new one).
    pub feed: Option<String>,
    pub remind_minutes: i64,
    pub zone: String,
}

/// The booking form's page: the rooms the member may book in and where the form starts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormPage {
    pub rooms: Vec<(String, String)>,
    pub zone: String,
    pub values: BookingForm,
}

/// A provisioning call about an event, as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallView {
    pub phase: String,
    pub sent: bool,
    pub attempts: i64,
    pub error: Option<String>,
    pub at: String,
}

/// One booking's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingDetail {
    pub booking: BookingView,
    pub series: Vec<BookingView>,
    pub calls: Vec<CallView>,
    /// The edit form's values, in the viewer's zone.
    pub form: BookingForm,
    /// The viewer's zone, which the form's times are in (and are read in when saved).
    pub zone: String,
    /// The room has an access code: its invitees come in through their invitations' links.
    pub room_has_code: bool,
}

/// Reserved capacity on a region over the coming weeks, hour by hour, for the admins' chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CapacityChart {
    pub code: String,
    pub name: String,
    pub capacity: i64,
    pub bookable: i64,
    /// The most reserved in each hour from the start of today (in the admin's zone).
    pub hours: Vec<i64>,
    /// The first day's date and each following day's, to label the axis.
    pub days: Vec<String>,
    /// Events on the chart: the hour they start at (index into `hours`), title, participants, state.
    pub events: Vec<(i64, String, i64, String)>,
}

/// The admins' schedule page: events waiting for a decision, and each region's capacity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminSchedule {
    pub waiting: Vec<BookingView>,
    pub charts: Vec<CapacityChart>,
}
