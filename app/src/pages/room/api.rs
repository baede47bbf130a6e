//! The room page's view and deleting a room: each reads or changes several features, so they live
//! above them.
use crate::error::AppError;
use crate::rooms::model::{RegionDown, RoomView};
use crate::schedule::model::BookingView;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    crate::accounts::service::auth::{current_user, require_user},
    crate::edge::finish,
    crate::error::AppResult,
    crate::rooms::service::{manage, store::RoomRow},
    crate::state::{AppState, state},
};

/// A room's page: the room as the caller sees it and, for those who manage it, its region's state
/// and its next bookings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomPageView {
    #[serde(flatten)]
    pub room: RoomView,
    /// For those who manage it: the room's region is down now, and where it could move.
    pub region_down: Option<RegionDown>,
    /// For those who manage it: the room's next bookings.
    pub bookings: Vec<BookingView>,
}

/// What the room's page shows the caller: anyone with the link sees its name and state; owners and
/// co-owners also its settings, its region's state and its bookings.
#[server(endpoint = "rooms/page")]
pub async fn room_page(slug: String) -> Result<RoomPageView, AppError> {
    finish(
        async {
            let room = crate::rooms::api::view_of(&slug, false).await?;
            if !room.access.manages() {
                return Ok(RoomPageView { room, region_down: None, bookings: Vec::new() });
            }
            let s = state()?;
            let row = s.rooms.room(&s.pool, &slug).await?;
            let region_down = crate::monitoring::service::status::region_down(&s, &row.region_code).await?;
            let bookings = match current_user(&s.pool).await? {
                Some(user) => crate::schedule::service::listing::for_room(&s, &user, row.id, 5).await?,
                None => Vec::new(),
            };
            Ok(RoomPageView { room, region_down, bookings })
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
            retire(&s, &manage::deletable(&s, &user, &slug).await?).await?;
            leptos_axum::redirect("/dashboard?deleted=1");
            Ok(())
        }
        .await,
    )
}

/// Ends the room's meeting, deletes its recordings on its region, then the room. When the region
/// cannot be told, nothing is deleted and the member is told why; a retry goes on from there.
#[cfg(feature = "ssr")]
pub async fn retire(ctx: &AppState, room: &RoomRow) -> AppResult<()> {
    manage::end_meeting(ctx, room).await?;
    crate::recordings::service::delete_all(ctx, room).await?;
    manage::remove(ctx, room).await
}
