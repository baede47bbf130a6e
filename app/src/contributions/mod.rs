//! Contributions: what members give the co-op (Open Collective exports, bank transfers, manual
//! entries), kept as integer minor units of a currency, matched to members. Tiers come next.
pub mod model;
#[cfg(feature = "ssr")]
pub mod service;
