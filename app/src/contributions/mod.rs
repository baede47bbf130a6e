//! Contributions: what members give the co-op (Open Collective exports, bank transfers, manual
//! entries), kept as integer minor units of a currency, matched to members. What they give decides
//! their membership tier (`crate::membership`).
pub mod api;
pub mod model;

#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;
