//! A room's recordings, listed from its region: rename, publish or unpublish, visibility, delete.
pub mod api;
pub mod model;
#[cfg(feature = "ssr")]
pub mod ready;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;
