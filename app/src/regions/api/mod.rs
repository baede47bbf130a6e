//! Region server functions. Members read what regions offer; admins manage them and plan their
//! maintenance (`maintenance`).
pub mod maintenance;

use super::model::{Check, Region, RegionInput};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::service,
    crate::accounts::service::auth::{require_admin, require_user},
    crate::edge::finish,
    crate::state::state,
};

/// The enabled regions, for members choosing one: what each offers, without its API address or
/// health check (internal hosts are for admins).
#[server(endpoint = "regions/list")]
pub async fn list_regions() -> Result<Vec<Region>, AppError> {
    finish(
        async {
            let s = state()?;
            require_user(&s.pool).await?;
            let all = service::all(&s.pool, &s.regions).await?;
            Ok(all
                .iter()
                .filter(|r| r.enabled != 0)
                .map(|r| Region { api_url: String::new(), health_url: None, ..r.view() })
                .collect())
        }
        .await,
    )
}

#[server(endpoint = "regions/admin_list")]
pub async fn admin_regions() -> Result<Vec<Region>, AppError> {
    finish(
        async {
            let s = state()?;
            require_admin(&s.pool).await?;
            Ok(service::all(&s.pool, &s.regions).await?.iter().map(|r| r.view()).collect())
        }
        .await,
    )
}

/// Saves a region from its form (one struct for its fields, as the form posts them).
#[server(endpoint = "regions/save")]
pub async fn save_region(#[server(flatten)] input: RegionInput, creating: Option<String>) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            service::save(&s, &input, creating.is_some()).await?;
            crate::edge::audit(&s, admin.id, "region.changed", input.code.trim(), "saved").await?;
            leptos_axum::redirect("/admin/regions?saved=1");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "regions/delete")]
pub async fn delete_region(code: String) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            service::delete(&s.pool, &s.regions, &code).await?;
            crate::edge::audit(&s, admin.id, "region.changed", code.trim(), "deleted").await?;
            leptos_axum::redirect("/admin/regions?deleted=1");
            Ok(())
        }
        .await,
    )
}

/// The connection test's steps; the regions page runs it when opened with `?test=<code>`.
#[server(endpoint = "regions/test")]
pub async fn test_region(code: String) -> Result<Vec<Check>, AppError> {
    finish(
        async {
            let s = state()?;
            require_admin(&s.pool).await?;
            let region = service::get(&s.pool, &s.regions, &code).await?.ok_or(AppError::NotFound)?;
            Ok(service::test_connection(&s.bbb, &region).await)
        }
        .await,
    )
}
