//! Membership pages: a member's own (`/membership`) and the admins' tiers (`/admin/membership`).
mod admin;
mod limits;
mod member;

pub use admin::AdminMembershipPage;
pub use member::MembershipPage;
