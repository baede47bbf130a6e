//! The guarantee on the day. While a booking's window is open, its room's meeting starts on the
//! booking's region with `maxParticipants` set to the reservation plus the headroom (and an approved
//! event on the region's event servers), and invitees may come in from ten minutes before the start.
//! A meeting nobody booked may start on a region only while the live load plus what open bookings
//! have reserved and not yet used leaves a seat: otherwise it is refused, with a region that has room.
use super::store::{self, BookingRow};
use crate::error::{AppError, AppResult, Msg};
use crate::regions::service::{self as regions, RegionRecord};
use crate::rooms::service::meeting_state;
use crate::rooms::service::store::RoomRow;
use crate::state::AppState;

/// Seconds before its start that invitees may join a booked meeting.
pub const JOIN_EARLY: i64 = 600;

/// Where and how a room's meeting is to be created now.
#[derive(Debug, Clone)]
pub struct Placement {
    pub region: RegionRecord,
    /// A booking's reservation plus headroom; `None`: the room's own limit applies.
    pub max_participants: Option<i64>,
    /// Scalelite's `meta_server-tag` for an approved event.
    pub server_tag: Option<String>,
    /// A booking of the room is open now: invitees may start it.
    pub booked: bool,
}

/// The booking of the room whose meeting may run now, if any.
pub async fn open_booking(ctx: &AppState, room_id: i64) -> AppResult<Option<BookingRow>> {
    let now = ctx.clock.now().secs();
    let sql = format!(
        "SELECT {} FROM bookings WHERE room_id = $1 AND starts_at <= $2 AND ends_at > $3
           AND state IN ('booked', 'requested', 'approved') ORDER BY starts_at LIMIT 1",
        store::COLUMNS
    );
    Ok(sqlx::query_as(&sql).bind(room_id).bind(now + JOIN_EARLY).bind(now).fetch_optional(&ctx.pool).await?)
}

/// Seats that open bookings on `region` hold and their meetings do not use yet; `None`: no
/// booking's window is open there.
async fn held_unused(ctx: &AppState, region: &str) -> AppResult<Option<i64>> {
    let now = ctx.clock.now().secs();
    let open: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT b.participants, r.running, r.participants FROM bookings b JOIN rooms r ON r.id = b.room_id
         WHERE b.region_code = $1 AND b.reserve_from <= $2 AND b.ends_at > $2
           AND b.state IN ('booked', 'requested', 'approved')",
    )
    .bind(region)
    .bind(now)
    .fetch_all(&ctx.pool)
    .await?;
    if open.is_empty() {
        return Ok(None);
    }
    Ok(Some(
        open.iter().map(|(reserved, running, live)| (reserved - if *running != 0 { *live } else { 0 }).max(0)).sum(),
    ))
}

/// A region other than `not` that is up and has seats free now, for the refusal's message.
async fn alternative(ctx: &AppState, not: &str) -> AppResult<Option<String>> {
    let states = crate::monitoring::status::states(ctx).await?;
    for region in regions::all(&ctx.pool, &ctx.regions).await? {
        if region.code == not || region.enabled == 0 || states.get(&region.code).is_some_and(|s| s == "down") {
            continue;
        }
        if room_left(ctx, &region).await?.is_none_or(|left| left > 0) {
            return Ok(Some(region.name));
        }
    }
    Ok(None)
}

/// Seats left on the region now for a meeting nobody booked, while bookings hold some of it;
/// `None`: nothing to guard (no capacity set, or no booking's window open).
async fn room_left(ctx: &AppState, region: &RegionRecord) -> AppResult<Option<i64>> {
    if region.capacity == 0 {
        return Ok(None);
    }
    let Some(held) = held_unused(ctx, &region.code).await? else { return Ok(None) };
    let live = crate::monitoring::status::live_participants(ctx, &region.code).await?.unwrap_or(0);
    Ok(Some(region.capacity - live - held))
}

/// Where the room's meeting starts now, or why it may not.
pub async fn placement(ctx: &AppState, room: &RoomRow) -> AppResult<Placement> {
    if let Some(booking) = open_booking(ctx, room.id).await? {
        let region = regions::get(&ctx.pool, &ctx.regions, &booking.region_code)
            .await?
            .ok_or_else(|| AppError::Refused(Msg::new("meeting.region_unavailable")))?;
        let event = booking.state == "approved" && booking.participants > ctx.schedule.event_size;
        let server_tag = region.event_tag.clone().filter(|_| event);
        let max_participants = Some(booking.participants + ctx.schedule.headroom);
        return Ok(Placement { region, max_participants, server_tag, booked: true });
    }
    let region = meeting_state::region_of(&ctx.pool, &ctx.regions, room).await?;
    if room_left(ctx, &region).await?.is_some_and(|left| left < 1) {
        let message = match alternative(ctx, &region.code).await? {
            Some(other) => Msg::with("booking.region_reserved", other),
            None => Msg::new("booking.region_reserved_all"),
        };
        return Err(AppError::Refused(message));
    }
    Ok(Placement { region, max_participants: None, server_tag: None, booked: false })
}
