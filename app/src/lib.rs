//! Quorum's pages, server functions and services, in layers (`house`, docs/architecture.md): the
//! pages at the top (`pages/`), then the features in their order (`accounts/`, `sso/`, …), each with
//! the same inner shape — `model` (shared types and rules), `api` (server functions), `service`
//! (server-only rules and SQL), `ui` (its pages and parts) — then the context (`state`) and the
//! cross-cutting modules, which import no feature.
#![recursion_limit = "256"]

pub mod accounts;
pub mod assemblies;
pub mod bbb;
pub mod contributions;
#[cfg(feature = "ssr")]
pub mod csv_cell;
pub mod dates;
pub mod error;
#[cfg(feature = "ssr")]
pub mod hooks;
pub mod house;
pub mod i18n;
pub mod legacy;
pub mod meetings;
pub mod membership;
pub mod money;
pub mod monitoring;
pub mod pages;
pub mod recordings;
pub mod regions;
pub mod rooms;
pub mod schedule;
pub mod security_log;
pub mod sso;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod client_address;
#[cfg(feature = "ssr")]
pub mod clock;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod edge;
#[cfg(feature = "ssr")]
pub mod files;
#[cfg(feature = "ssr")]
pub mod jobs;
#[cfg(feature = "ssr")]
pub mod limits;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod outbound;
#[cfg(feature = "ssr")]
pub mod recent;
#[cfg(feature = "ssr")]
pub mod secrets;
pub mod site;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod time_display;

pub use pages::{App, PAGES, Page, not_found, shell};

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Islands: the pages are whole HTML from the server; only the few parts that need the
    // browser (see `#[island]`) are brought to life, so the wasm carries only those.
    leptos::mount::hydrate_islands();
}
