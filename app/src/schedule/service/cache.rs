//! Bookings and members' schedule settings as read within the second. Every view of a room's page
//! (by its managers) and of a member's schedule reads them; the services that book, change, cancel
//! and decide drop what was read once their transaction is committed ([`ScheduleCache::changed`]),
//! so a change shows at once in this process and within a second in another.
use super::store::{self, BookingRow};
use crate::clock::{Clock, Timestamp};
use crate::error::AppResult;
use crate::error::Step;
use crate::recent::Recent;
use crate::state::AppState;

pub struct ScheduleCache {
    /// A room's next bookings, by room and how many.
    rooms: Recent<(i64, i64), Vec<BookingRow>>,
    /// A member's bookings and invitations overlapping a span, by member and span.
    members: Recent<(i64, i64, i64), Vec<BookingRow>>,
    /// A member's reminder and feed token.
    settings: Recent<i64, (i64, Option<String>)>,
}

impl ScheduleCache {
    pub fn new(clock: &Clock) -> ScheduleCache {
        ScheduleCache {
            rooms: Recent::new(clock.clone()),
            members: Recent::new(clock.clone()),
            settings: Recent::new(clock.clone()),
        }
    }

    /// Bookings changed: every list read before is dropped (changes are rare beside views).
    pub fn changed(&self) {
        self.rooms.clear();
        self.members.clear();
    }

    /// A member's reminder or feed token changed.
    pub fn settings_changed(&self, user_id: i64) {
        self.settings.forget(&user_id);
    }
}

/// The room's next `limit` bookings that hold seats, soonest first.
#[tracing::instrument(name = "schedule.cache.room", level = "error", skip_all)]
pub async fn room(ctx: &AppState, room_id: i64, limit: i64) -> AppResult<Vec<BookingRow>> {
    if let Some(rows) = ctx.schedule_cache.rooms.get(&(room_id, limit)) {
        return Ok(rows);
    }
    let sql = format!(
        "SELECT {} FROM bookings WHERE room_id = $1 AND ends_at > $2 AND state IN ('booked', 'requested', 'approved')
         ORDER BY starts_at LIMIT $3",
        store::COLUMNS
    );
    let rows: Vec<BookingRow> = sqlx::query_as(&sql)
        .bind(room_id)
        .bind(ctx.clock.now().secs())
        .bind(limit)
        .fetch_all(&ctx.pool)
        .await
        .step("read bookings")?;
    ctx.schedule_cache.rooms.put((room_id, limit), rows.clone());
    Ok(rows)
}

/// The bookings and invitations of member `user_id` (at `email`) overlapping `[from, to)`, in order.
#[tracing::instrument(name = "schedule.cache.member", level = "error", skip_all)]
pub async fn member(
    ctx: &AppState,
    user_id: i64,
    email: &str,
    from: Timestamp,
    to: Timestamp,
) -> AppResult<Vec<BookingRow>> {
    let key = (user_id, from.secs(), to.secs());
    if let Some(rows) = ctx.schedule_cache.members.get(&key) {
        return Ok(rows);
    }
    let sql = format!(
        "SELECT {} FROM bookings WHERE ends_at > $1 AND starts_at < $2 AND state <> 'cancelled'
           AND (owner_id = $3 OR uid IN (SELECT uid FROM booking_invitees WHERE email = $4))
         ORDER BY starts_at LIMIT 500",
        store::COLUMNS
    );
    let rows: Vec<BookingRow> = sqlx::query_as(&sql)
        .bind(from.secs())
        .bind(to.secs())
        .bind(user_id)
        .bind(email)
        .fetch_all(&ctx.pool)
        .await
        .step("read bookings")?;
    ctx.schedule_cache.members.put(key, rows.clone());
    Ok(rows)
}

/// Member `user_id`'s reminder (minutes before) and feed token, if they have one yet.
#[tracing::instrument(name = "schedule.cache.settings", level = "error", skip_all)]
pub async fn settings(ctx: &AppState, user_id: i64) -> AppResult<(i64, Option<String>)> {
    if let Some(settings) = ctx.schedule_cache.settings.get(&user_id) {
        return Ok(settings);
    }
    let settings = store::settings(&mut *ctx.pool.acquire().await?, user_id).await?;
    ctx.schedule_cache.settings.put(user_id, settings.clone());
    Ok(settings)
}
