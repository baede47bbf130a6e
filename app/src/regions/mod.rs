//! Regions: the BBB endpoints (Scalelite balancers or single servers) rooms run on.
pub mod api;
pub mod model;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;
