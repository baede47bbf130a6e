//! Rooms: a member's meeting places, each with a friendly link, a stable BBB meeting id, settings,
//! sharing in roles, guest links and presentations.
pub mod api;
pub mod model;
#[cfg(feature = "ssr")]
pub mod routes;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;
