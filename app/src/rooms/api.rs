//! Room server functions. Every one that changes a room checks on the server that the caller owns
//! or co-owns it.
use super::model::{RoomDirectory, RoomSummary, RoomView};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::model::RoomSettings,
    super::service::{directory, manage, share, store},
    crate::accounts::auth::{current_user, require_admin, require_user},
    crate::accounts::service::users,
    crate::edge::finish,
    crate::state::state,
};

#[server(endpoint = "rooms/list")]
pub async fn list_rooms() -> Result<Vec<RoomSummary>, AppError> {
    finish(
        async {
            let pool = state()?.pool;
            let user = require_user(&pool).await?;
            store::list_for(&pool, user.id).await
        }
        .await,
    )
}

/// Every room on the portal, for administrators; `filter` is `running` or empty.
#[server(endpoint = "rooms/all")]
pub async fn all_rooms(query: String, filter: String, page: i64) -> Result<RoomDirectory, AppError> {
    finish(
        async {
            let pool = state()?.pool;
            require_admin(&pool).await?;
            directory::search(&pool, &query, filter == "running", page).await
        }
        .await,
    )
}

#[server(endpoint = "rooms/create")]
pub async fn create_room(name: String) -> Result<String, AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_user(&s.pool).await?;
            let slug = manage::create(&s, &user, &name).await?;
            leptos_axum::redirect(&format!("/r/{slug}"));
            Ok(slug)
        }
        .await,
    )
}

/// What the room's page shows the caller: anyone with the link sees its name and state; owners and
/// co-owners also its settings and co-owners.
#[server(endpoint = "rooms/page")]
pub async fn room_page(slug: String) -> Result<RoomView, AppError> {
    finish(
        async {
            let s = state()?;
            let pool = s.pool;
            let room = store::by_slug(&pool, &slug).await?;
            let user = current_user(&pool).await?;
            let access = store::access(&pool, &room, user.as_ref()).await?;
            let owner_name = users::by_id(&pool, room.owner_id).await?.map(|u| u.name).unwrap_or_default();
            let co_owners = if access.manages() { share::co_owners(&pool, room.id).await? } else { Vec::new() };
            Ok(RoomView {
                link: format!("{}/r/{}", s.base_url, room.slug),
                slug: room.slug.clone(),
                name: room.name.clone(),
                owner_name,
                access,
                running: room.running != 0,
                participants: room.participants,
                settings: access.manages().then(|| room.settings()),
                co_owners,
                needs_code: !room.viewer_code.is_empty() && !access.manages(),
                optional_code: room.viewer_code.is_empty() && !room.moderator_code.is_empty() && !access.manages(),
                require_sign_in: room.require_sign_in != 0,
                can_start: access.manages(),
                starts_on_join: !access.manages() && user.is_some() && room.anyone_can_start != 0 && room.running == 0,
            })
        }
        .await,
    )
}

#[server(endpoint = "rooms/rename")]
pub async fn rename_room(slug: String, name: String) -> Result<(), AppError> {
    finish(
        async {
            let pool = state()?.pool;
            let user = require_user(&pool).await?;
            manage::rename(&pool, &user, &slug, &name).await
        }
        .await,
    )
}

#[server(endpoint = "rooms/settings")]
pub async fn save_room_settings(
    slug: String,
    viewer_code: String,
    moderator_code: String,
    waiting_room: Option<String>,
    mute_on_join: Option<String>,
    anyone_can_start: Option<String>,
    all_moderators: Option<String>,
    require_sign_in: Option<String>,
    recording: Option<String>,
    max_participants: String,
    welcome: String,
    region: String,
) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_user(&s.pool).await?;
            let max_participants = match max_participants.trim() {
                "" => 0,
                n => n.parse().map_err(|_| AppError::field("max_participants", "field.count.invalid"))?,
            };
            let settings = RoomSettings {
                viewer_code,
                moderator_code,
                waiting_room: waiting_room.is_some(),
                mute_on_join: mute_on_join.is_some(),
                anyone_can_start: anyone_can_start.is_some(),
                all_moderators: all_moderators.is_some(),
                require_sign_in: require_sign_in.is_some(),
                recording: recording.is_some(),
                max_participants,
                welcome,
                region,
            };
            manage::update_settings(&s.pool, &s.regions, &user, &slug, &settings).await?;
            leptos_axum::redirect(&format!("/r/{}?saved=1", slug.trim()));
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "rooms/delete")]
pub async fn delete_room(slug: String, confirm: Option<String>) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_user(&s.pool).await?;
            if confirm.is_none() {
                return Err(AppError::field("confirm", "field.confirm.required"));
            }
            manage::delete(&s, &user, &slug).await?;
            leptos_axum::redirect("/dashboard?deleted=1");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "rooms/share")]
pub async fn share_room(slug: String, email: String) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_user(&s.pool).await?;
            share::share(&s.pool, &s.clock, &user, &slug, &email).await
        }
        .await,
    )
}

#[server(endpoint = "rooms/unshare")]
pub async fn unshare_room(slug: String, user_id: i64) -> Result<(), AppError> {
    finish(
        async {
            let pool = state()?.pool;
            let user = require_user(&pool).await?;
            share::unshare(&pool, &user, &slug, user_id).await
        }
        .await,
    )
}
