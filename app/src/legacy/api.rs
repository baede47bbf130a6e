//! The admin page's server functions: start an import (it goes on in the background) and read the
//! latest runs. Admins only.
use super::model::RunView;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::model::{OnConflict, Options, Version},
    super::service::{address, audit::Starter, runs},
    crate::accounts::service::auth::require_admin,
    crate::edge::finish,
    crate::state::state,
};

/// Starts an import (or, with `dry_run`, a dry run) from the legacy database at `legacy_url`.
#[server(endpoint = "legacy/start")]
pub async fn start_import(
    legacy_url: String,
    region: String,
    version: String,
    on_conflict: String,
    keep_admins: Option<String>,
    welcome: Option<String>,
    dry_run: Option<String>,
) -> Result<i64, AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            if !(legacy_url.starts_with("postgres://") || legacy_url.starts_with("postgresql://")) {
                return Err(AppError::field("legacy_url", "legacy.url.invalid"));
            }
            // At once, next to the field; the run checks again before it connects (DNS may change).
            address::checked(&s, &legacy_url).await.map_err(|key| AppError::field("legacy_url", key))?;
            let version = match version.as_str() {
                "v2" => Some(Version::V2),
                "v3" => Some(Version::V3),
                _ => None,
            };
            let on_conflict = if on_conflict == "attach" { OnConflict::Attach } else { OnConflict::Skip };
            let (keep_admins, dry_run) = (keep_admins.is_some(), dry_run.is_some());
            let options = Options { region, dry_run, version, keep_admins, on_conflict, welcome: welcome.is_some() };
            let by = Starter { admin_id: Some(admin.id), address: crate::edge::client_address(&s.proxies).await };
            let id = runs::start(&s, by, legacy_url, options).await?;
            leptos_axum::redirect("/admin/legacy?started=1");
            Ok(id)
        }
        .await,
    )
}

#[server(endpoint = "legacy/runs")]
pub async fn import_runs() -> Result<Vec<RunView>, AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            runs::recent(&s, &crate::accounts::service::users::reader(&admin)).await
        }
        .await,
    )
}
