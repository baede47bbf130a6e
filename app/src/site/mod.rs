//! Running the co-op's site: announcements shown on every page while they run, and the co-op's
//! own name, colour, welcome and logo.
pub mod api;
pub mod model;
#[cfg(feature = "ssr")]
pub mod routes;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;
