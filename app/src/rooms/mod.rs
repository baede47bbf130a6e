//! Rooms: a member's meeting places, each with a friendly link, a stable BBB meeting id, settings,
//! and co-owners.
pub mod api;
pub mod model;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;
