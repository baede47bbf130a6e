//! The site's server functions: every page reads the running announcements; admins publish and
//! take them down, and set the co-op's identity (`identity`).
pub mod identity;

use super::model::{AnnouncementForm, AnnouncementLine, Banner};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::service::announcements,
    crate::accounts::service::auth::require_admin,
    crate::edge::{audit, finish},
    crate::state::state,
};

/// The announcements running now, in the reader's language (anyone: every page shows them).
#[server(endpoint = "site/banners")]
pub async fn banners() -> Result<Vec<Banner>, AppError> {
    finish(
        async {
            let s = state()?;
            announcements::banners(&s, crate::i18n::request_lang()).await
        }
        .await,
    )
}

/// Every announcement, for the admins.
#[server(endpoint = "site/announcements")]
pub async fn all_announcements() -> Result<Vec<AnnouncementLine>, AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            announcements::all(&s, &crate::accounts::service::users::reader_of(Some(&admin))).await
        }
        .await,
    )
}

/// An admin publishes an announcement.
#[server(endpoint = "site/announcement_save")]
pub async fn save_announcement(#[server(flatten)] form: AnnouncementForm) -> Result<i64, AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            let id = announcements::save(&s, &admin, &form).await?;
            audit(&s, admin.id, "announcement.changed", &id.to_string(), "published").await?;
            leptos_axum::redirect("/admin/announcements?saved=1");
            Ok(id)
        }
        .await,
    )
}

/// An admin takes announcement `id` down.
#[server(endpoint = "site/announcement_delete")]
pub async fn delete_announcement(id: i64) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            announcements::delete(&s, id).await?;
            audit(&s, admin.id, "announcement.changed", &id.to_string(), "deleted").await?;
            leptos_axum::redirect("/admin/announcements?deleted=1");
            Ok(())
        }
        .await,
    )
}
