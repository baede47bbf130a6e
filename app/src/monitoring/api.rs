//! The status of every region, for anyone: the status page reads it, other tools read
//! `/status.json` (the same, with times in UTC).
use super::model::{Overview, RegionStatus};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    crate::accounts::service::auth::{current_user, require_admin, require_user},
    crate::edge::finish,
    crate::state::state,
};

#[server(endpoint = "status")]
pub async fn service_status() -> Result<Vec<RegionStatus>, AppError> {
    finish(
        async {
            let s = state()?;
            let user = current_user(&s.pool).await?;
            let reader = crate::accounts::service::users::reader_of(user.as_ref());
            super::service::status::all(&s, &reader).await
        }
        .await,
    )
}

/// The names of the regions that are down now and hold rooms the member owns or co-owns: their
/// dashboard says so while it lasts.
#[server(endpoint = "status/mine")]
pub async fn my_regions_down() -> Result<Vec<String>, AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_user(&s.pool).await?;
            super::service::status::down_for(&s, user.id).await
        }
        .await,
    )
}

/// The admin's monitoring page over `window` (`24h`, `7d` or `30d`).
#[server(endpoint = "monitoring/overview")]
pub async fn monitoring_overview(window: String) -> Result<Overview, AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            super::service::overview::overview(&s, &window, &crate::accounts::service::users::reader(&admin)).await
        }
        .await,
    )
}
