//! The `quorum` binary's parts: configuration, start-up, the router, background jobs, the CLI.
pub mod calendar;
pub mod callbacks;
pub mod cli;
pub mod config;
pub mod config_regions;
pub mod csrf;
pub mod fake_bbb;
pub mod health;
pub mod jobs;
pub mod metrics;
pub mod no_store;
pub mod observability;
pub mod page_cache;
pub mod security_headers;
pub mod sessions;
pub mod startup;
pub mod typed_forms;
