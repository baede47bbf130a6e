//! What the contributions pages show: an import's report, contributions, the queues, the chart.
//! Money itself is cross-cutting, in `crate::money`.
pub use crate::money::{Money, currency, exponent};
use serde::{Deserialize, Serialize};

/// A line of an import that was not taken, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejected {
    /// The line in the file (the header is line 1).
    pub line: u64,
    /// A translation key: `contributions.row.amount` …
    pub reason: String,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    /// Contributions added.
    pub added: usize,
    /// Rows already imported before (the same transaction id).
    pub repeated: usize,
    /// Refunds that reversed a contribution.
    pub refunds: usize,
    /// Fees, tips, expenses, payouts: not member money.
    pub ignored: usize,
    /// Contributors not yet linked to a member: their contributions wait in the queue.
    pub unmatched: usize,
    pub rejected: Vec<Rejected>,
    /// What the file lacked and what that meant, as translation keys (`contributions.missing.email`).
    #[serde(default)]
    pub notes: Vec<String>,
}

/// A contribution as a list shows it, times in the reader's zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContributionView {
    pub id: i64,
    pub date: String,
    pub amount: String,
    /// `opencollective`, `bank` or `manual`.
    pub source: String,
    /// `monthly`, `yearly` or `oneoff`.
    pub frequency: String,
    pub reference: String,
    pub note: String,
    /// The member it is linked to, if any (for admins).
    pub member: Option<String>,
    /// Admins may correct and delete it: entered by hand, not imported.
    pub manual: bool,
}

/// The admins' manual contribution form (a bank transfer, or anything else entered by hand).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManualForm {
    /// The one being changed; empty for a new one. Text, as a flattened form's fields arrive.
    #[serde(default)]
    pub id: String,
    pub email: String,
    pub amount: String,
    pub currency: String,
    /// `2026-11-25`, in the admin's zone.
    pub date: String,
    pub frequency: String,
    pub source: String,
    #[serde(default)]
    pub reference: String,
    #[serde(default)]
    pub note: String,
}

impl ManualForm {
    pub fn id(&self) -> Option<i64> {
        self.id.trim().parse().ok()
    }
}

/// A contributor no member is linked to yet, with what waits for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unmatched {
    pub id: i64,
    pub name: String,
    /// Their profile at the source (an Open Collective slug).
    pub key: String,
    pub contributions: i64,
    /// Per currency: `30.00 EUR, 50.00 CAD`.
    pub total: String,
}

/// A member's claim on a profile, waiting for an admin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimView {
    pub id: i64,
    pub member: String,
    pub email: String,
    /// The profile claimed (an Open Collective slug).
    pub profile: String,
    /// The name an export gave the profile; empty when no export named it yet.
    pub name: String,
    /// The email of the member the profile is linked to already, if any.
    pub holder: Option<String>,
}

/// One month of income, in the chart's currency's minor units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthIncome {
    /// `2026-11`
    pub month: String,
    pub recurring: i64,
    pub one_off: i64,
    /// (source, amount)
    pub by_source: Vec<(String, i64)>,
}

/// An admin's change to a contribution, as the audit log lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditView {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub contribution: i64,
    pub old_value: String,
    pub new_value: String,
}

/// The admins' contributions page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminPage {
    /// The chart's currency; contributions in others count at the admins' rates.
    pub currency: String,
    pub income: Vec<MonthIncome>,
    /// Currencies left out of the chart for want of a rate.
    pub left_out: Vec<String>,
    pub unmatched: Vec<Unmatched>,
    /// Members' claims on profiles, waiting for an admin.
    pub claims: Vec<ClaimView>,
    pub recent: Vec<ContributionView>,
    pub audit: Vec<AuditView>,
    /// The report of the import the admin just uploaded.
    pub last_import: Option<ImportReport>,
    /// The manual contribution being corrected.
    pub editing: Option<ManualForm>,
}

/// A member's own contributions page part.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberPage {
    pub contributions: Vec<ContributionView>,
    /// The Open Collective profile that is theirs.
    pub profile: Option<String>,
    /// The profile they claimed, waiting for confirmation.
    pub waiting: Option<String>,
    pub contribute_url: Option<String>,
}
