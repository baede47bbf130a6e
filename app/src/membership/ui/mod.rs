//! Membership parts: the admins' tiers (`/admin/membership`) and a tier's limits. A member's own
//! page shows their contributions too: `crate::pages`.
mod admin;
mod limits;

pub use admin::AdminMembershipPage;
pub use limits::LimitList;
