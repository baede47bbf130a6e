//! Maintenance server functions: admins plan and remove windows; anyone reads the planned ones
//! (the status page, every page's banner), in their own zone.
use crate::error::AppError;
use crate::regions::model::maintenance::{Planned, WindowForm};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    crate::accounts::service::auth::{current_user, require_admin},
    crate::accounts::service::users::reader_of,
    crate::edge::{audit, finish},
    crate::regions::service::maintenance,
    crate::state::state,
};

/// Every window, for the admins.
#[server(endpoint = "regions/maintenance")]
pub async fn all_windows() -> Result<Vec<Planned>, AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            maintenance::all(&s, &reader_of(Some(&admin))).await
        }
        .await,
    )
}

/// An admin plans a window.
#[server(endpoint = "regions/maintenance_save")]
pub async fn save_window(#[server(flatten)] form: WindowForm) -> Result<i64, AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            let id = maintenance::save(&s, &admin, &form).await?;
            audit(&s, admin.id, "region.maintenance", form.region.trim(), "planned").await?;
            leptos_axum::redirect("/admin/maintenance?saved=1");
            Ok(id)
        }
        .await,
    )
}

/// An admin removes window `id`.
#[server(endpoint = "regions/maintenance_delete")]
pub async fn delete_window(id: i64) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            maintenance::delete(&s, id).await?;
            audit(&s, admin.id, "region.maintenance", &id.to_string(), "removed").await?;
            leptos_axum::redirect("/admin/maintenance?deleted=1");
            Ok(())
        }
        .await,
    )
}

/// The windows not over (`soon`: only those running or starting within two days, for the
/// banner), in the reader's zone (anyone: the status page and every page show them).
#[server(endpoint = "regions/planned")]
pub async fn planned_windows(soon: bool) -> Result<Vec<Planned>, AppError> {
    finish(
        async {
            let s = state()?;
            let reader = reader_of(current_user(&s.pool).await.ok().flatten().as_ref());
            if soon { maintenance::soon(&s, &reader).await } else { maintenance::coming(&s, &reader).await }
        }
        .await,
    )
}
