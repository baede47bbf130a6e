//! Regions: the BBB endpoints (Scalelite balancers or single servers) rooms run on.
pub mod api;
#[cfg(feature = "ssr")]
mod directory;
pub mod model;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;
