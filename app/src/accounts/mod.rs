//! Accounts: sign-up, verification, login, recovery, profile; and their administration (the
//! member list, approvals, suspensions, roles, invitations, the registration mode, the security log).
pub mod api;
pub mod model;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;
