//! The room page's view and deleting a room: each reads or changes several features, so they live
//! above them.
use crate::error::AppError;
use crate::rooms::model::{GuestPass, PastMeeting, RegionDown, RoomView};
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
    /// Whom the guest link in the address lets in (`guest_link_spent` when it no longer does).
    pub guest_pass: Option<GuestPass>,
    pub guest_link_spent: bool,
    /// For those who manage it: the room's last meetings, with who asked to be listed.
    pub history: Vec<PastMeeting>,
}

/// What the room's page shows the caller: anyone with the link sees its name and state; owners and
/// co-owners also its settings, its region's state and its bookings.
#[server(endpoint = "rooms/page")]
pub async fn room_page(slug: String, guest: Option<String>) -> Result<RoomPageView, AppError> {
    finish(
        async {
            let room = crate::rooms::api::view_of(&slug, false).await?;
            let s = state()?;
            let row = s.rooms.room(&s.pool, &slug).await?;
            let token = guest.unwrap_or_default();
            let guest_pass = match token.trim() {
                "" => None,
                token => crate::rooms::service::guest_links::peek(&s, &row, token).await?,
            };
            let guest_link_spent = !token.trim().is_empty() && guest_pass.is_none();
            if !room.access.manages() {
                return Ok(RoomPageView {
                    room,
                    region_down: None,
                    bookings: Vec::new(),
                    guest_pass,
                    guest_link_spent,
                    history: Vec::new(),
                });
            }
            let mut region_down = crate::monitoring::service::status::region_down(&s, &row.region_code).await?;
            // The move offered is within the room's type: it names only regions the type allows.
            if let (Some(down), Some(kind)) =
                (region_down.as_mut(), crate::rooms::service::types::of_room(&s, &row).await?)
            {
                down.alternatives.retain(|a| kind.allows_region(&a.code));
            }
            let user = current_user(&s.pool).await?;
            let bookings = match &user {
                Some(user) => crate::schedule::service::listing::for_room(&s, user, row.id, 5).await?,
                None => Vec::new(),
            };
            let reader = crate::accounts::service::users::reader_of(user.as_ref());
            let history = history(&s, row.id, &reader).await?;
            Ok(RoomPageView { room, region_down, bookings, guest_pass, guest_link_spent, history })
        }
        .await,
    )
}

/// The room's last meetings (rooms) with the members listed in each (meetings).
#[cfg(feature = "ssr")]
async fn history(ctx: &AppState, room_id: i64, reader: &crate::time_display::Reader) -> AppResult<Vec<PastMeeting>> {
    let mut runs = crate::rooms::service::history::of_room(ctx, room_id, reader).await?;
    let Some(oldest) = runs.iter().map(|(id, _)| *id).min() else { return Ok(Vec::new()) };
    for (run, name) in crate::meetings::service::attendance::names(ctx, room_id, oldest).await? {
        if let Some((_, meeting)) = runs.iter_mut().find(|(id, _)| *id == run) {
            meeting.attendees.push(name);
        }
    }
    Ok(runs.into_iter().map(|(_, meeting)| meeting).collect())
}

/// Ends the room's meeting (those who manage it, and admins). An assembly held in it has its
/// attendance closed now: the region's end callback finds this run already over.
#[server(endpoint = "meetings/end")]
pub async fn end_meeting(slug: String) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_user(&s.pool).await?;
            let (room, _) = crate::rooms::service::store::managed(&s.pool, &slug, &user).await?;
            manage::end_meeting(&s, &room).await?;
            crate::assemblies::service::attendance::meeting_ended(&s, room.id).await?;
            leptos_axum::redirect(&format!("/r/{}", room.slug));
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
            crate::edge::confirmed(&confirm)?;
            retire(&s, &manage::deletable(&s, &user, &slug).await?).await?;
            leptos_axum::redirect("/dashboard?deleted=1");
            Ok(())
        }
        .await,
    )
}

/// Ends the room's meeting, deletes its recordings on its region and its presentations' files, then
/// the room. When the region or the file store cannot be told, the room stays and the member is
/// told why; a retry goes on from there.
#[cfg(feature = "ssr")]
pub async fn retire(ctx: &AppState, room: &RoomRow) -> AppResult<()> {
    manage::end_meeting(ctx, room).await?;
    crate::recordings::service::delete_all(ctx, room).await?;
    crate::rooms::service::presentations::delete_all(ctx, room).await?;
    manage::remove(ctx, room).await
}
