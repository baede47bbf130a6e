//! What every request passes: the pipeline and its steps, sessions, security headers, metrics, and
//! the pages' site (axum routes each page of `app::PAGES`).
pub mod body_limit;
pub mod csrf;
pub mod metrics;
pub mod no_store;
pub mod page_cache;
pub mod pipeline;
pub mod security_headers;
pub mod sessions;
pub mod site;
pub mod typed_forms;
pub mod unowned;
