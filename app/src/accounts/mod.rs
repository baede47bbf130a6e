//! Accounts: sign-up, verification, login, recovery, profile.
pub mod api;
mod common_passwords;
pub mod model;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;
