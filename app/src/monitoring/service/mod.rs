//! Monitoring's rules and SQL: polling each region (`probe`, `poll`), judging it up or down
//! (`judge`), recording incidents, samples and alerts (`health`, the only writer of the monitoring
//! tables; `alerts`), and reading them back for the status page (`status`) and admins (`overview`).
mod alerts;
pub mod health;
pub mod judge;
pub mod overview;
pub mod poll;
pub mod probe;
pub mod status;
