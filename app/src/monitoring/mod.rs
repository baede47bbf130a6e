//! Central monitoring of every region: a job polls each one (`probe`), judges it up or down
//! (`judge`), records incidents, samples and alerts (`health`, the only writer of the monitoring
//! tables), and anyone reads the result on the public status page (`status`, `ui`).
pub mod api;
pub mod model;
pub mod ui;

#[cfg(feature = "ssr")]
mod alerts;
#[cfg(feature = "ssr")]
pub mod health;
#[cfg(feature = "ssr")]
pub mod judge;
#[cfg(feature = "ssr")]
pub mod overview;
#[cfg(feature = "ssr")]
pub mod poll;
#[cfg(feature = "ssr")]
pub mod probe;
#[cfg(feature = "ssr")]
pub mod status;
