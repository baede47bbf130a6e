//! Room types' server functions: members read them (to pick one); admins make, change and delete
//! them; a room's managers change its type.
use crate::error::AppError;
use crate::rooms::model::{RoomType, TypeForm};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    crate::accounts::service::auth::{require_admin, require_user},
    crate::edge::{audit, finish},
    crate::rooms::service::types,
    crate::state::state,
};

/// The types a member may pick, by name (without how many rooms each has).
#[server(endpoint = "rooms/types")]
pub async fn room_types() -> Result<Vec<RoomType>, AppError> {
    finish(
        async {
            let s = state()?;
            require_user(&s.pool).await?;
            s.rooms.types(&s.pool).await
        }
        .await,
    )
}

/// Every type with how many rooms have it, and the region codes a type may name.
#[server(endpoint = "rooms/types_admin")]
pub async fn room_types_admin() -> Result<(Vec<RoomType>, Vec<String>), AppError> {
    finish(
        async {
            let s = state()?;
            require_admin(&s.pool).await?;
            let regions = crate::regions::service::all(&s.pool, &s.regions).await?;
            Ok((types::all(&s).await?, regions.into_iter().map(|r| r.code).collect()))
        }
        .await,
    )
}

#[server(endpoint = "rooms/type_save")]
pub async fn save_room_type(#[server(flatten)] form: TypeForm) -> Result<i64, AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            let kind = types::save(&s, &form).await?;
            let done = if form.id().is_some() { "changed" } else { "created" };
            audit(&s, admin.id, "room.type", &kind.name, done).await?;
            leptos_axum::redirect("/admin/room-types?saved=1");
            Ok(kind.id)
        }
        .await,
    )
}

/// Deletes a type; its rooms take `replacement` (a type's id) or none.
#[server(endpoint = "rooms/type_delete")]
pub async fn delete_room_type(id: i64, replacement: Option<String>) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            let next = replacement.as_deref().and_then(|r| r.trim().parse().ok());
            let name = types::delete(&s, id, next).await?;
            audit(&s, admin.id, "room.type", &name, "deleted").await?;
            leptos_axum::redirect("/admin/room-types?deleted=1");
            Ok(())
        }
        .await,
    )
}

/// Gives the room another type (an empty `room_type`: none).
#[server(endpoint = "rooms/set_type")]
pub async fn set_room_type(slug: String, room_type: String) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_user(&s.pool).await?;
            let name = types::set(&s, &user, &slug, &room_type).await?;
            let detail = format!("type: {}", name.as_deref().unwrap_or("none"));
            audit(&s, user.id, "room.settings", slug.trim(), &detail).await?;
            leptos_axum::redirect(&format!("/r/{}/settings?saved=1", slug.trim()));
            Ok(())
        }
        .await,
    )
}
