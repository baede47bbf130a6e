//! A room's recordings, listed from its region: rename, publish or unpublish, visibility, delete;
//! and every recording of a member's rooms on one page.
pub mod api;
pub mod model;
#[cfg(feature = "ssr")]
pub mod routes;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;
