//! Account administration: the member list, approvals, suspensions, roles, invitations, and the
//! registration mode; and the security log.
pub mod api;
pub mod model;
pub mod security_ui;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;
