//! Room server functions. Every one that changes a room checks on the server that the caller owns
//! or co-owns it.
mod guest_links;
mod presentations;
mod types;
pub use guest_links::*;
pub use presentations::*;
pub use types::*;

#[cfg(feature = "ssr")]
use super::model::Access;
use super::model::{RoomDirectory, RoomSummary, RoomView, SettingsForm};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::service::{directory, manage, share, store, transfer},
    crate::accounts::service::auth::{current_user, require_admin, require_user},
    crate::accounts::service::users,
    crate::edge::finish,
    crate::error::AppResult,
    crate::state::state,
};

#[server(endpoint = "rooms/list")]
pub async fn list_rooms() -> Result<Vec<RoomSummary>, AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_user(&s.pool).await?;
            s.rooms.list_for(&s.pool, user.id).await
        }
        .await,
    )
}

/// Every room on the portal, for administrators; `filter` is `running` or empty.
#[server(endpoint = "rooms/all")]
pub async fn all_rooms(query: String, filter: String, page: i64) -> Result<RoomDirectory, AppError> {
    finish(
        async {
            let pool = state()?.pool.clone();
            require_admin(&pool).await?;
            directory::search(&pool, &query, filter == "running", page).await
        }
        .await,
    )
}

#[server(endpoint = "rooms/create")]
pub async fn create_room(name: String, room_type: Option<String>) -> Result<String, AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_user(&s.pool).await?;
            let slug = manage::create(&s, &user, &name, room_type.as_deref().unwrap_or_default()).await?;
            leptos_axum::redirect(&format!("/r/{slug}"));
            Ok(slug)
        }
        .await,
    )
}

/// The room's settings page: its managers only.
#[server(endpoint = "rooms/manage")]
pub async fn room_settings_page(slug: String) -> Result<RoomView, AppError> {
    finish(
        async {
            let view = view_of(&slug, true).await?;
            if view.settings.is_some() {
                Ok(view)
            } else if current_user(&state()?.pool).await?.is_none() {
                Err(AppError::NotSignedIn)
            } else {
                Err(AppError::Forbidden)
            }
        }
        .await,
    )
}

/// The room as the caller sees it; with `shares`, whom it is shared with too (for those who manage it).
#[cfg(feature = "ssr")]
pub async fn view_of(slug: &str, shares: bool) -> AppResult<RoomView> {
    let s = state()?;
    let pool = &s.pool;
    let room = s.rooms.room(pool, slug).await?;
    let user = current_user(pool).await?;
    let access = store::access(pool, &room, user.as_ref()).await?;
    let owner_name = users::recent(pool, &s.members, room.owner_id).await?.map(|u| u.name).unwrap_or_default();
    let shares = if shares && access.manages() { share::shares(&s, room.id).await? } else { Vec::new() };
    Ok(RoomView {
        link: format!("{}/r/{}", s.base_url, room.slug),
        slug: room.slug.clone(),
        name: room.name.clone(),
        owner_name,
        access,
        running: room.running != 0,
        participants: room.participants,
        settings: access.manages().then(|| room.settings()),
        type_id: room.type_id.filter(|_| access.manages()),
        shares,
        needs_code: !room.viewer_code.is_empty() && !access.skips_code(),
        optional_code: room.viewer_code.is_empty() && !room.moderator_code.is_empty() && !access.skips_code(),
        require_sign_in: room.require_sign_in != 0,
        records: room.recording != 0,
        signed_in: user.is_some(),
        can_start: access.manages(),
        starts_on_join: !access.manages()
            && user.is_some()
            && (room.anyone_can_start != 0 || access == Access::Moderator)
            && room.running == 0,
    })
}

#[server(endpoint = "rooms/rename")]
pub async fn rename_room(slug: String, name: String) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_user(&s.pool).await?;
            manage::rename(&s, &user, &slug, &name).await
        }
        .await,
    )
}

/// Saves a room's settings from its form (one struct for its fields, as the form posts them).
#[server(endpoint = "rooms/settings")]
pub async fn save_room_settings(slug: String, #[server(flatten)] form: SettingsForm) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_user(&s.pool).await?;
            let settings = form.settings()?;
            let changed = manage::update_settings(&s, &user, &slug, &settings).await?;
            if !changed.is_empty() {
                crate::edge::audit(&s, user.id, "room.settings", slug.trim(), &changed.join(", ")).await?;
            }
            leptos_axum::redirect(&format!("/r/{}/settings?saved=1", slug.trim()));
            Ok(())
        }
        .await,
    )
}

/// Moves a room to another region, once its manager confirms (offered while its region is down).
#[server(endpoint = "rooms/move")]
pub async fn move_room(slug: String, region: String, confirm: Option<String>) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_user(&s.pool).await?;
            crate::edge::confirmed(&confirm)?;
            manage::move_to(&s, &user, &slug, &region).await?;
            leptos_axum::redirect(&format!("/r/{}?moved=1", slug.trim()));
            Ok(())
        }
        .await,
    )
}

/// Shares the room with a member in a role (a form without a role shares as co-owner).
#[server(endpoint = "rooms/share")]
pub async fn share_room(slug: String, email: String, role: Option<String>) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_user(&s.pool).await?;
            let role = role.unwrap_or_else(|| "co_owner".into());
            share::share(&s, &user, &slug, &email, &role).await?;
            crate::edge::audit(&s, user.id, "room.shared", slug.trim(), &format!("{}: {role}", email.trim())).await
        }
        .await,
    )
}

/// Gives the room to another member; its owner may stay as co-owner.
#[server(endpoint = "rooms/transfer")]
pub async fn transfer_room(
    slug: String,
    email: String,
    stay: Option<String>,
    confirm: Option<String>,
) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_user(&s.pool).await?;
            crate::edge::confirmed(&confirm)?;
            let ask = transfer::Transfer { slug: &slug, email: &email, stay: stay.is_some() };
            let to = transfer::give(&s, &user, ask).await?;
            crate::edge::audit(&s, user.id, "room.transferred", slug.trim(), &to).await?;
            let next = if stay.is_some() { format!("/r/{}?given=1", slug.trim()) } else { "/dashboard?given=1".into() };
            leptos_axum::redirect(&next);
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "rooms/unshare")]
pub async fn unshare_room(slug: String, user_id: i64) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_user(&s.pool).await?;
            share::unshare(&s, &user, &slug, user_id).await
        }
        .await,
    )
}
