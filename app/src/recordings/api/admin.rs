//! The admins' overview of every recording of the co-op.
use crate::error::AppError;
use crate::recordings::model::Overview;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    crate::accounts::service::auth::require_admin,
    crate::edge::{client_address, finish},
    crate::recordings::model::OverviewSort,
    crate::recordings::service::overview::{self, Filter},
    crate::state::state,
};

/// One page (from 1) of every recording, filtered by words and region, in `sort`'s order.
#[server(endpoint = "admin/recordings")]
pub async fn recordings_overview(
    query: String,
    region: String,
    sort: String,
    page: Option<usize>,
) -> Result<Overview, AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            let filter = Filter { query, region, sort: OverviewSort::parse(&sort), page: page.unwrap_or(1) };
            overview::read(&s, &admin, &filter).await
        }
        .await,
    )
}

/// Deletes a recording on its region for good, once the admin confirmed it.
#[server(endpoint = "admin/recording_delete")]
pub async fn delete_from_overview(record_id: String, confirm: Option<String>) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            crate::edge::confirmed(&confirm)?;
            overview::delete(&s, &admin, &record_id, &client_address(&s.proxies).await).await?;
            leptos_axum::redirect("/admin/recordings?deleted=1");
            Ok(())
        }
        .await,
    )
}
