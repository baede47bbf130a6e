//! The status of every region, for anyone: the status page reads it, other tools read
//! `/status.json` (the same, with times in UTC).
use super::model::RegionStatus;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {crate::accounts::auth::current_user, crate::edge::finish, crate::state::state};

#[server(endpoint = "status")]
pub async fn service_status() -> Result<Vec<RegionStatus>, AppError> {
    finish(
        async {
            let s = state()?;
            let user = current_user(&s.pool).await?;
            let zone = crate::time_display::zone_of(user.as_ref().map(|u| u.time_zone.as_str()));
            super::status::all(&s, zone).await
        }
        .await,
    )
}
