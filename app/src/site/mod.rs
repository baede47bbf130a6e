//! Running the co-op's site: announcements shown on every page while they run (and, to come, the
//! co-op's own name, logo and links).
pub mod api;
pub mod model;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;
