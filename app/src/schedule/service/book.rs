//! Booking a meeting: the member manages the room, the form passes its rules, every occurrence is
//! in the future and fits the region's bookable share. The check and the insert are one
//! transaction holding the region's booking lock, so two members racing for the last seats cannot
//! both win. Invitations (or, for an event, the admins' request) are queued in that transaction.
use super::capacity::{self, LEAD};
use super::store::{self, BookingRow, New};
use super::{events, invite, outreach, times};
use crate::accounts::service::User;
use crate::clock::Timestamp;
use crate::error::{AppError, AppResult, FieldErrors, Msg};
use crate::regions::service::{self as regions, RegionRecord};
use crate::rooms::service::store::{self as rooms, RoomRow};
use crate::rooms::service::types::Booked;
use crate::schedule::model::{BookingForm, Checked, check};
use crate::state::AppState;

/// The room, if `user` may book in it (owners, co-owners, admins).
#[tracing::instrument(name = "schedule.book.managed_room", level = "error", skip_all)]
pub async fn managed_room(ctx: &AppState, user: &User, slug: &str) -> AppResult<RoomRow> {
    let room = rooms::by_slug(&ctx.pool, slug).await.map_err(|_| AppError::field("room", "booking.room.invalid"))?;
    if !rooms::access(&ctx.pool, &room, Some(user)).await?.manages() {
        return Err(AppError::Forbidden);
    }
    Ok(room)
}

/// The region a booking goes to: the one a suggestion named, else the room's. It must take meetings.
#[tracing::instrument(name = "schedule.book.region_for", level = "error", skip_all)]
pub async fn region_for(ctx: &AppState, room: &RoomRow, chosen: &str) -> AppResult<RegionRecord> {
    let code = if chosen.trim().is_empty() { room.region_code.as_str() } else { chosen.trim() };
    regions::get(&ctx.pool, &ctx.regions, code)
        .await?
        .filter(|r| r.enabled != 0)
        .ok_or_else(|| AppError::field("region", "booking.region.invalid"))
}

/// Every start, checked to lie in the future.
pub fn starts_of(ctx: &AppState, user: &User, checked: &Checked) -> AppResult<Vec<Timestamp>> {
    let starts = times::starts(times::zone(&user.time_zone), checked);
    if starts.first().is_none_or(|first| *first <= ctx.clock.now()) {
        return Err(AppError::field("date", "booking.date.past"));
    }
    Ok(starts)
}

/// Refuses an occurrence in a planned maintenance window of the region, with when; then with the
/// times that collide when an occurrence does not fit. Runs inside the lock.
#[tracing::instrument(name = "schedule.book.fits", level = "error", skip_all)]
pub async fn fits(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    region: &RegionRecord,
    starts: &[Timestamp],
    minutes: i64,
    participants: i64,
    except_uid: Option<&str>,
    reader: &crate::time_display::Reader,
) -> AppResult<()> {
    super::maintenance::clear(tx, region, starts, minutes, reader).await?;
    let Some(limit) = capacity::bookable(region) else { return Ok(()) };
    if participants > limit {
        let mut errors = FieldErrors::default();
        errors.add("participants", Msg::with("booking.participants.over_region", "max", limit));
        return Err(AppError::Invalid(errors));
    }
    let mut clashes = Vec::new();
    for start in starts {
        let (from, to) = (start.secs() - LEAD, start.secs() + minutes * 60);
        let existing = capacity::reserved(tx, &region.code, from, to, except_uid).await?;
        for (a, b, load) in capacity::collisions(&existing, from, to, participants, limit) {
            clashes.push(format!(
                "{} – {} ({}/{})",
                crate::time_display::local(Timestamp::from_secs(a), reader),
                crate::time_display::local(Timestamp::from_secs(b), reader),
                load,
                limit
            ));
        }
    }
    if clashes.is_empty() {
        return Ok(());
    }
    clashes.truncate(3);
    let mut errors = FieldErrors::default();
    errors.add("date", Msg::with("booking.full", "clashes", clashes.join("; ")));
    Err(AppError::Invalid(errors))
}

/// Books the form's meeting for `user` (asking from `address`); returns its first occurrence.
#[tracing::instrument(name = "schedule.book.book", level = "error", skip_all)]
pub async fn book(ctx: &AppState, user: &User, form: &BookingForm, address: &str) -> AppResult<BookingRow> {
    let room = managed_room(ctx, user, &form.room).await?;
    let checked = check(form).map_err(AppError::Invalid)?;
    crate::membership::service::allow::booking(ctx, room.owner_id, checked.minutes, checked.participants, None).await?;
    let region = region_for(ctx, &room, &form.region).await?;
    let (minutes, participants) = (checked.minutes, checked.participants);
    let booked = Booked { region: &region.code, minutes, participants, before: None };
    crate::rooms::service::types::bookable(ctx, &room, booked).await?;
    let starts = starts_of(ctx, user, &checked)?;
    // An event's invitations go once it is approved; they count now, when the member asks.
    let held = outreach::reserve(ctx, user, checked.invitees.len(), address).await?;
    let saved = save(ctx, user, &room, &region, &checked, &starts, address).await;
    let series = outreach::settle(ctx, held, saved).await?;
    super::listing::changed(ctx);
    ctx.mailer.wake();
    let first = series.into_iter().next().ok_or_else(|| AppError::internal("a booking without occurrences"))?;
    tracing::info!(booking = first.id, region = %region.code, "booked");
    Ok(first)
}

/// The booking's one transaction: the capacity check under the region's lock, the rows, the
/// invitees, the mails (or the admins' request) and the security log's entry.
async fn save(
    ctx: &AppState,
    user: &User,
    room: &RoomRow,
    region: &RegionRecord,
    checked: &Checked,
    starts: &[Timestamp],
    address: &str,
) -> AppResult<Vec<BookingRow>> {
    let now = ctx.clock.now();
    let event = checked.participants > ctx.schedule.event_size;
    let uid = format!("{}@{}", crate::accounts::service::tokens::new_token(), invite::host(&ctx.base_url));
    let mut tx = crate::db::begin(&ctx.pool).await?;
    capacity::lock(&mut tx, &region.code).await?;
    let reader = crate::accounts::service::users::reader(user);
    fits(&mut tx, region, starts, checked.minutes, checked.participants, None, &reader).await?;
    let new = New {
        uid: &uid,
        room_id: room.id,
        region: &region.code,
        owner_id: user.id,
        title: &checked.title,
        description: &checked.description,
        time_zone: &user.time_zone,
        minutes: checked.minutes,
        participants: checked.participants,
        state: if event { "requested" } else { "booked" },
        every_weeks: checked.repeat.map_or(0, |(weeks, _)| weeks),
    };
    let ids = store::insert(&mut tx, &new, starts, now).await?;
    store::set_invitees(&mut tx, &uid, &checked.invitees).await?;
    let series = store::series(&mut tx, &uid).await?;
    if event {
        events::ask_admins(ctx, &mut tx, user, &series).await?;
    } else {
        invite::send(ctx, &mut tx, invite::Kind::Request, &series, room, user, &checked.invitees).await?;
    }
    let first = ids.first().copied().unwrap_or_default();
    outreach::log(ctx, &mut tx, user, first, checked.invitees.len(), address).await?;
    tx.commit().await?;
    Ok(series)
}
