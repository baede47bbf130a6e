//! Accounts: sign-up, verification, login, recovery, profile.
pub mod api;
#[cfg(feature = "ssr")]
pub mod auth;
mod common_passwords;
pub mod model;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;
