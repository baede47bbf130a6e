//! Account administration: the member list, approvals, suspensions, roles, invitations, and the
//! registration mode.
pub mod api;
pub mod model;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;
