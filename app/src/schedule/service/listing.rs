//! Bookings as pages list them, in the reader's zone: a member's own and those they are invited
//! to, a room's coming ones, one booking with its series and its provisioning calls.
use super::store::{self, BookingRow};
use super::times;
use crate::accounts::service::User;
use crate::clock::Timestamp;
use crate::error::AppResult;
use crate::schedule::model::BookingView;
use crate::state::AppState;
use chrono::{Datelike, Timelike};
use std::collections::HashMap;

/// A row as the reader sees it.
pub fn view(
    row: &BookingRow,
    room: (&str, &str),
    reader: &crate::time_display::Reader,
    (invitees, booker): (Vec<String>, String),
    manages: bool,
) -> BookingView {
    let tz = times::zone(&reader.zone);
    let local = times::local(tz, Timestamp::from_secs(row.starts_at));
    BookingView {
        id: row.id,
        uid: row.uid.clone(),
        room_slug: room.0.to_string(),
        room_name: room.1.to_string(),
        region: row.region_code.clone(),
        title: row.title.clone(),
        description: row.description.clone(),
        starts: crate::time_display::local(Timestamp::from_secs(row.starts_at), reader),
        ends: crate::time_display::local(Timestamp::from_secs(row.ends_at), reader),
        weekday: local.weekday().num_days_from_monday(),
        start_minute: local.hour() * 60 + local.minute(),
        minutes: row.minutes(),
        participants: row.participants,
        state: row.state.clone(),
        series: row.every_weeks > 0,
        invitees,
        manages,
        note: row.note.clone(),
        booker,
    }
}

/// The rows as `user` sees them: each room and each series' invitees read once.
#[tracing::instrument(name = "schedule.listing.views", level = "error", skip_all)]
pub async fn views(ctx: &AppState, user: &User, rows: Vec<BookingRow>) -> AppResult<Vec<BookingView>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let mut conn = ctx.pool.acquire().await?;
    let mut uids: Vec<&str> = rows.iter().map(|r| r.uid.as_str()).collect();
    uids.sort_unstable();
    uids.dedup();
    let invitees = store::invitees_of(&mut conn, &uids).await?;
    let mut found = HashMap::new();
    for row in &rows {
        if let std::collections::hash_map::Entry::Vacant(slot) = found.entry(row.room_id) {
            slot.insert(crate::rooms::service::store::by_id(&mut conn, row.room_id).await?);
        }
    }
    let mut bookers: HashMap<i64, String> = HashMap::new();
    for row in &rows {
        if let std::collections::hash_map::Entry::Vacant(slot) = bookers.entry(row.owner_id) {
            let owner = crate::accounts::service::users::by_id(&mut *conn, row.owner_id).await?;
            // An admin deciding on an event sees whom to write to; members see a name.
            slot.insert(owner.map_or_else(String::new, |o| {
                if user.role() == crate::accounts::model::Role::Admin {
                    format!("{} <{}>", o.name, o.email)
                } else {
                    o.name
                }
            }));
        }
    }
    // `access` takes a connection of its own: this one goes back to the pool first.
    drop(conn);
    let mut rooms: HashMap<i64, (String, String, bool)> = HashMap::new();
    for (id, room) in found {
        let manages = crate::rooms::service::store::access(&ctx.pool, &room, Some(user)).await?.manages();
        rooms.insert(id, (room.slug, room.name, manages));
    }
    let mut out = Vec::with_capacity(rows.len());
    let reader = crate::accounts::service::users::reader(user);
    for row in rows {
        let (slug, name, manages) = &rooms[&row.room_id];
        let invited = invitees.get(&row.uid).cloned().unwrap_or_default();
        let booker = bookers.get(&row.owner_id).cloned().unwrap_or_default();
        out.push(view(&row, (slug, name), &reader, (invited, booker), *manages));
    }
    Ok(out)
}

/// The member's bookings and invitations overlapping `[from, to)`, in order.
#[tracing::instrument(name = "schedule.listing.for_member", level = "error", skip_all)]
pub async fn for_member(ctx: &AppState, user: &User, from: Timestamp, to: Timestamp) -> AppResult<Vec<BookingView>> {
    let rows = rows_for_member(ctx, user, from, to).await?;
    views(ctx, user, rows).await
}

/// The rows behind [`for_member`], for a page that cuts one reading into several lists.
#[tracing::instrument(name = "schedule.listing.rows_for_member", level = "error", skip_all)]
pub async fn rows_for_member(
    ctx: &AppState,
    user: &User,
    from: Timestamp,
    to: Timestamp,
) -> AppResult<Vec<BookingRow>> {
    super::cache::member(ctx, user.id, &user.email, from, to).await
}

/// The room's coming bookings (at most `limit`), soonest first.
#[tracing::instrument(name = "schedule.listing.for_room", level = "error", skip_all)]
pub async fn for_room(ctx: &AppState, user: &User, room_id: i64, limit: i64) -> AppResult<Vec<BookingView>> {
    let rows = super::cache::room(ctx, room_id, limit).await?;
    views(ctx, user, rows).await
}

/// Called by the services that write bookings, once their transaction is committed.
pub fn changed(ctx: &AppState) {
    ctx.schedule_cache.changed();
}

/// Every occurrence of the booking `row` belongs to, for its page.
#[tracing::instrument(name = "schedule.listing.series_of", level = "error", skip_all)]
pub async fn series_of(ctx: &AppState, user: &User, row: &BookingRow) -> AppResult<Vec<BookingView>> {
    let mut conn = ctx.pool.acquire().await?;
    let rows = store::series(&mut conn, &row.uid).await?;
    drop(conn);
    views(ctx, user, rows).await
}
