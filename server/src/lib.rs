//! The `quorum` binary's parts, by what they are:
//! - `config/`: the configuration file and environment, regions and sign-in providers in it;
//! - `startup/`: building the application (pool, state, jobs), the router and its one table of
//!   plain routes, logging, the binary's own health routes;
//! - `http/`: what every request passes (the pipeline: CSRF, body cap, old links, kept forms, the
//!   page cache, no-store), sessions, security headers, metrics, the pages' site;
//! - `cli/`: the command line (serve, admins, the legacy import);
//! - `fake_bbb/`: a BBB server for the demo region and tests; only start-up reaches it.
pub mod cli;
pub mod config;
pub mod fake_bbb;
pub mod http;
pub mod startup;
