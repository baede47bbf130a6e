//! What a tier allows and where a member stands, as pages show them.
use crate::money::Money;
use serde::{Deserialize, Serialize};

/// What a tier allows; `None` is unlimited.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    pub rooms: Option<i64>,
    /// Longest meeting in minutes, sent to BBB as `duration`.
    pub minutes: Option<i64>,
    /// Largest meeting, sent to BBB as `maxParticipants`.
    pub participants: Option<i64>,
    pub recording: bool,
    /// Bookings large enough to be events.
    pub events: bool,
    /// Days a recording is kept on its region before it is deleted; `None` keeps them all.
    pub retention_days: Option<i64>,
    /// Members may keep a recording past that period.
    pub keep_recordings: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tier {
    pub id: i64,
    pub name: String,
    /// The least a member contributes a month to be in it.
    pub monthly: Money,
    pub limits: Limits,
}

/// Why a member is in their tier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reason {
    /// No contributions reach a tier above the free one.
    Free,
    Contributions,
    /// Contributions no longer reach the tier; it holds until the grace period ends (shown in the
    /// reader's zone). `stopped` when none counts now and no recurring one is awaited; otherwise
    /// one still counts, or the month's payment is simply not charged yet.
    Grace {
        ends: String,
        stopped: bool,
    },
    /// An admin granted it until then.
    Granted {
        ends: String,
    },
}

/// A member's tier and why, as their page and the admins' lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Standing {
    pub tier: Tier,
    pub reason: Reason,
    /// What counts toward their tier now, a month in its currency (`standing::Computed::counted`).
    pub per_month: Money,
    /// When the next recurring contribution is due, in the reader's zone.
    pub next_expected: Option<String>,
}

/// The admins' tier form as posted: text fields, and checkboxes that are there when ticked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierForm {
    /// The one being changed; empty for a new one. Text, as a flattened form's fields arrive.
    #[serde(default)]
    pub id: String,
    pub name: String,
    pub monthly: String,
    pub currency: String,
    #[serde(default)]
    pub rooms: String,
    #[serde(default)]
    pub minutes: String,
    #[serde(default)]
    pub participants: String,
    #[serde(default)]
    pub recording: Option<String>,
    #[serde(default)]
    pub events: Option<String>,
    #[serde(default)]
    pub retention_days: String,
    #[serde(default)]
    pub keep_recordings: Option<String>,
}

impl TierForm {
    pub fn id(&self) -> Option<i64> {
        self.id.trim().parse().ok()
    }
}

/// A grant as the admins' page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantView {
    pub id: i64,
    pub member: String,
    pub tier: String,
    pub ends: String,
    pub note: String,
}

/// A member whose tier holds only by the grace period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lapsing {
    pub member: String,
    pub email: String,
    pub tier: String,
    pub ends: String,
}

/// The admins' membership page: tiers, rates, grants, members per tier, lapsing members.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    pub tiers: Vec<Tier>,
    /// (from, to, rate as text: `0.68`)
    pub rates: Vec<(String, String, String)>,
    pub grants: Vec<GrantView>,
    /// (tier name, members in it)
    pub members_per_tier: Vec<(String, i64)>,
    pub lapsing: Vec<Lapsing>,
}
