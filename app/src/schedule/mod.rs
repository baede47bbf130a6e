//! Scheduling: meetings and events booked ahead in a room, each reserving capacity on its region so
//! that it works on the day; invitations with iCalendar files, calendar feeds and reminders.
pub mod api;
pub mod model;
#[cfg(feature = "ssr")]
pub mod routes;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;

/// What admins decide about bookings (the configuration file's `booking_*` and
/// `provisioning_*` keys).
#[derive(Clone, PartialEq, Eq)]
pub struct Policy {
    /// Bookings of more participants than this are events: an admin approves them.
    pub event_size: i64,
    /// Seats added to a booking's reservation for BBB's `maxParticipants`.
    pub headroom: i64,
    /// Where approved events are announced before they start and after they end.
    pub hook_url: Option<String>,
    /// Signs each call (HMAC-SHA256 of the body), so the co-op's tooling can trust it.
    pub hook_secret: Option<String>,
    /// How long before an event starts its "before" call goes.
    pub hook_lead_seconds: i64,
    /// The most mails to invitees one member may send in an hour, and in a day: bookings are no
    /// mail relay.
    pub invitations_per_hour: i64,
    pub invitations_per_day: i64,
}

impl Default for Policy {
    fn default() -> Policy {
        Policy {
            event_size: 50,
            headroom: 10,
            hook_url: None,
            hook_secret: None,
            hook_lead_seconds: 3600,
            invitations_per_hour: 250,
            invitations_per_day: 750,
        }
    }
}

// Never print the hook's secret.
impl std::fmt::Debug for Policy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Policy")
            .field("event_size", &self.event_size)
            .field("headroom", &self.headroom)
            .field("hook_url", &self.hook_url)
            .field("invitations_per_hour", &self.invitations_per_hour)
            .field("invitations_per_day", &self.invitations_per_day)
            .finish_non_exhaustive()
    }
}
