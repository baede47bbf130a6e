//! Membership: tiers an admin defines (a minimum contribution a month and what it allows), the tier
//! each member's contributions (or an admin's grant) give them, with a grace period, and the limits
//! every feature asks about before a new room, meeting, recording or booking.
pub mod api;
pub mod model;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;

/// How long a tier holds after the contributions that gave it stop, and how long before that ends
/// the member is told; where members contribute.
#[derive(Debug, Clone)]
pub struct Policy {
    pub grace_seconds: i64,
    pub notice_seconds: i64,
    /// The co-op's page to contribute (its Open Collective page), shown to members.
    pub contribute_url: Option<String>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy { grace_seconds: 45 * 86_400, notice_seconds: 7 * 86_400, contribute_url: None }
    }
}
