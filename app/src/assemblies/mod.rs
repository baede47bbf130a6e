//! Assemblies: members' meetings held on a booking, with who votes and who watches, attendance,
//! and a live quorum for the chair.
pub mod api;
pub mod model;
#[cfg(feature = "ssr")]
pub mod routes;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;
