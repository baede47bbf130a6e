//! Central monitoring of every region: a job polls each one (`probe`), judges it up or down
//! (`judge`), records incidents, samples and alerts (`health`, the only writer of the monitoring
//! tables), and anyone reads the result on the public status page (`service::status`, `ui`).
pub mod api;
pub mod model;
#[cfg(feature = "ssr")]
pub mod routes;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;
