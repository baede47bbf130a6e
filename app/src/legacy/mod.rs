//! Importing members and rooms from a legacy Greenlight instance (v2 or v3) by reading its database:
//! members keep their passwords, rooms their link and meeting ids, and a run can be repeated or
//! resumed after an interruption without duplicates. See docs/legacy.md.
pub mod model;
#[cfg(feature = "ssr")]
pub mod service;
