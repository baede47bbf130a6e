//! The guarantee on the day. While a booking's window is open, its room's meeting starts on the
//! booking's region with `maxParticipants` set to the reservation plus the headroom (and an approved
//! event on the region's event servers), and invitees may come in from ten minutes before the start.
//! A meeting nobody booked may start on a region with a capacity only while its live load plus the
//! most that bookings will hold over the next two hours (what open bookings reserve and do not use
//! yet, and the windows about to open) leaves a seat; it is then capped (`maxParticipants`) at the
//! seats left, so it cannot grow into a booking's place. Otherwise it is refused, with a region that
//! has room. A meeting started just before a booking's window would otherwise sit in its seats.
use super::capacity::{self, Reservation};
use super::store::{self, BookingRow};
use crate::error::Step;
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
    /// That booking, when it is a members' meeting: BBB is asked for its analytics (the polls).
    pub members_meeting: Option<i64>,
}

impl Placement {
    /// On `region`, with the room's own limit: no booking is open.
    pub fn unbooked(region: RegionRecord) -> Placement {
        Placement { region, max_participants: None, server_tag: None, booked: false, members_meeting: None }
    }
}

/// The booking of the room whose meeting may run now, if any.
#[tracing::instrument(name = "schedule.guarantee.open_booking", level = "error", skip_all)]
pub async fn open_booking(ctx: &AppState, room_id: i64) -> AppResult<Option<BookingRow>> {
    let now = ctx.clock.now().secs();
    let sql = format!(
        "SELECT {} FROM bookings WHERE room_id = $1 AND starts_at <= $2 AND ends_at > $3
           AND state IN ('booked', 'requested', 'approved') ORDER BY starts_at LIMIT 1",
        store::COLUMNS
    );
    sqlx::query_as(&sql)
        .bind(room_id)
        .bind(now + JOIN_EARLY)
        .bind(now)
        .fetch_optional(&ctx.pool)
        .await
        .step("read bookings")
}

/// How far ahead an unbooked start looks for bookings: longer than most unbooked meetings last.
pub const AHEAD: i64 = 2 * 3600;

/// The most that bookings on `region` hold at any moment of the next [`AHEAD`] seconds: open ones
/// for what their meetings do not use yet, coming ones whole.
async fn held_ahead(ctx: &AppState, region: &str) -> AppResult<i64> {
    let now = ctx.clock.now().secs();
    let rows: Vec<(i64, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT b.reserve_from, b.ends_at, b.participants, r.running, r.participants
         FROM bookings b JOIN rooms r ON r.id = b.room_id
         WHERE b.region_code = $1 AND b.reserve_from < $2 AND b.ends_at > $3
           AND b.state IN ('booked', 'requested', 'approved')",
    )
    .bind(region)
    .bind(now + AHEAD)
    .bind(now)
    .fetch_all(&ctx.pool)
    .await
    .step("read bookings")?;
    let held: Vec<Reservation> = rows
        .into_iter()
        .map(|(from, to, reserved, running, live)| {
            let used = if from <= now && running != 0 { live } else { 0 };
            Reservation { from, to, participants: (reserved - used).max(0) }
        })
        .collect();
    Ok(capacity::peak(&held, now, now + AHEAD))
}

/// A region other than `not` that is up and has seats free now, for the refusal's message.
async fn alternative(ctx: &AppState, not: &str) -> AppResult<Option<String>> {
    let states = crate::monitoring::service::status::states(ctx).await?;
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

/// Seats left on the region now for a meeting nobody booked; `None`: the region has no capacity
/// set, so nothing is guarded.
#[tracing::instrument(name = "schedule.guarantee.room_left", level = "error", skip_all)]
pub async fn room_left(ctx: &AppState, region: &RegionRecord) -> AppResult<Option<i64>> {
    if region.capacity == 0 {
        return Ok(None);
    }
    let held = held_ahead(ctx, &region.code).await?;
    let live = crate::monitoring::service::status::live_participants(ctx, &region.code).await?.unwrap_or(0);
    Ok(Some(region.capacity - live - held))
}

/// Where the room's meeting starts now, or why it may not.
#[tracing::instrument(name = "schedule.guarantee.placement", level = "error", skip_all)]
pub async fn placement(ctx: &AppState, room: &RoomRow) -> AppResult<Placement> {
    if let Some(booking) = open_booking(ctx, room.id).await? {
        let region = regions::get(&ctx.pool, &ctx.regions, &booking.region_code)
            .await?
            .ok_or_else(|| AppError::Refused(Msg::new("meeting.region_unavailable")))?;
        let event = booking.state == "approved" && booking.participants > ctx.schedule.event_size;
        let server_tag = region.event_tag.clone().filter(|_| event);
        let max_participants = Some(booking.participants + ctx.schedule.headroom);
        let members_meeting = (booking.members_meeting != 0).then_some(booking.id);
        return Ok(Placement { region, max_participants, server_tag, booked: true, members_meeting });
    }
    let region = meeting_state::region_of(&ctx.pool, &ctx.regions, room).await?;
    let Some(left) = room_left(ctx, &region).await? else {
        return Ok(Placement::unbooked(region));
    };
    if left < 1 {
        let message = match alternative(ctx, &region.code).await? {
            Some(other) => Msg::with("booking.region_reserved", "region", other),
            None => Msg::new("booking.region_reserved_all"),
        };
        return Err(AppError::Refused(message));
    }
    let max_participants = Some(match crate::rooms::service::store::seat_limit(room, &region) {
        0 => left,
        limit => limit.min(left),
    });
    Ok(Placement { region, max_participants, server_tag: None, booked: false, members_meeting: None })
}
