//! Changing and cancelling bookings. A change is checked against capacity again (without the
//! booking's own reservation) under the region's lock, raises the calendar SEQUENCE and tells the
//! invitees; cancelling frees the capacity and sends them a CANCEL. One occurrence of a series can
//! be moved or cancelled on its own; "the whole series" changes every occurrence still to come.
use super::book::{fits, region_for};
use super::store::{self, BookingRow, Change};
use super::{capacity, events, invite, outreach, times};
use crate::accounts::service::{User, users};
use crate::clock::Timestamp;
use crate::error::{AppError, AppResult, Msg};
use crate::rooms::service::store::{self as rooms, RoomRow};
use crate::rooms::service::types::Booked;
use crate::schedule::model::{BookingForm, Checked, check};
use crate::state::AppState;
use chrono::NaiveTime;

/// The occurrence, if `user` may change it: a manager of its room (owner, co-owner) or an admin,
/// asked at every change. Having booked it is not enough: a booker who is no longer the room's
/// co-owner no longer changes or cancels its bookings.
#[tracing::instrument(name = "schedule.change.changeable", level = "error", skip_all)]
pub async fn changeable(ctx: &AppState, user: &User, id: i64) -> AppResult<(BookingRow, RoomRow)> {
    let mut conn = ctx.pool.acquire().await?;
    let row = store::by_id(&mut conn, id).await?.ok_or(AppError::NotFound)?;
    let room = rooms::by_id(&mut conn, row.room_id).await?;
    drop(conn);
    if !rooms::access(&ctx.pool, &room, Some(user)).await?.manages() {
        return Err(AppError::Forbidden);
    }
    Ok((row, room))
}

/// Whether a change moves or renames an approved event: what an admin approved (its time,
/// length, region, size and title) is no longer what would run.
fn unapproved(row: &BookingRow, start: Timestamp, change: &Change) -> bool {
    row.state == "approved"
        && (row.starts_at != start.secs()
            || row.minutes() != change.minutes
            || row.region_code != change.region
            || row.participants != change.participants
            || row.title != change.title)
}

/// Changes occurrence `id` (or, with `whole`, every occurrence still to come) to what the form
/// says, for `user` asking from `address`; `None` when the form changes nothing. A moved or
/// renamed approved event waits for an admin again.
#[tracing::instrument(name = "schedule.change.edit", level = "error", skip_all)]
pub async fn edit(
    ctx: &AppState,
    user: &User,
    id: i64,
    form: &BookingForm,
    whole: bool,
    address: &str,
) -> AppResult<Option<BookingRow>> {
    let (row, room) = changeable(ctx, user, id).await?;
    let checked = check(form).map_err(AppError::Invalid)?;
    let now = ctx.clock.now();
    if row.ends_at <= now.secs() || !row.holds() {
        return Err(AppError::Refused(Msg::new("booking.not_changeable")));
    }
    // Every invitee hears of the change, and those taken off of their cancellation: each a mail.
    let before = store::invitees(&mut *ctx.pool.acquire().await?, &row.uid).await?;
    let after = if whole || row.every_weeks == 0 { checked.invitees.clone() } else { before.clone() };
    if unchanged(user, &row, form, &checked, whole) && same_people(&before, &after) {
        return Ok(None);
    }
    let mails = after.len() + before.iter().filter(|e| !after.contains(e)).count();
    let held = outreach::reserve(ctx, user, mails, address).await?;
    let saved = apply(ctx, user, (&row, &room), (form, &checked), whole, (mails, address)).await;
    outreach::settle(ctx, held, saved).await.map(Some)
}

/// The form says what the occurrence already is: saving it changes nothing and tells no one.
/// A change to the whole series is always applied (it may bring moved occurrences back in line).
fn unchanged(user: &User, row: &BookingRow, form: &BookingForm, checked: &Checked, whole: bool) -> bool {
    let Some(date) = times::naive_date(checked.date) else { return false };
    let time = NaiveTime::from_hms_opt(checked.hour, checked.minute, 0).unwrap_or_default();
    let start = times::moment(times::zone(&user.time_zone), date.and_time(time));
    let region = form.region.trim();
    (!whole || row.every_weeks == 0)
        && start.secs() == row.starts_at
        && checked.minutes == row.minutes()
        && checked.participants == row.participants
        && checked.title == row.title
        && checked.description == row.description
        && (region.is_empty() || region == row.region_code)
}

/// The same invitees, whatever their order.
fn same_people(before: &[String], after: &[String]) -> bool {
    let mut a: Vec<&String> = before.iter().collect();
    let mut b: Vec<&String> = after.iter().collect();
    a.sort_unstable();
    b.sort_unstable();
    a == b
}

/// The change's one transaction: the capacity check under the regions' locks, the rows, the
/// invitees, the mails (or the admins' request) and the security log's entry.
async fn apply(
    ctx: &AppState,
    user: &User,
    (row, room): (&BookingRow, &RoomRow),
    (form, checked): (&BookingForm, &Checked),
    whole: bool,
    (mails, address): (usize, &str),
) -> AppResult<BookingRow> {
    let now = ctx.clock.now();
    let before = Some(((row.ends_at - row.starts_at) / 60, row.participants));
    crate::membership::service::allow::booking(ctx, room.owner_id, checked.minutes, checked.participants, before)
        .await?;
    let chosen = if form.region.trim().is_empty() { row.region_code.as_str() } else { form.region.as_str() };
    let region = region_for(ctx, room, chosen).await?;
    let (minutes, participants) = (checked.minutes, checked.participants);
    let booked = Booked { region: &region.code, minutes, participants, before };
    crate::rooms::service::types::bookable(ctx, room, booked).await?;
    // The editor typed a time in their own zone (the form shows it there); the series repeats
    // its local time in the zone it was booked in, so the new start is carried over into that.
    let tz = times::zone(&row.time_zone);
    let typed = times::naive_date(checked.date).ok_or_else(|| AppError::field("date", "booking.date.invalid"))?;
    let typed_time = NaiveTime::from_hms_opt(checked.hour, checked.minute, 0).unwrap_or_default();
    let new_start = times::moment(times::zone(&user.time_zone), typed.and_time(typed_time));
    let in_series = times::local(tz, new_start);
    let (new_date, time) = (in_series.date(), in_series.time());
    let shift = new_date - times::local(tz, Timestamp::from_secs(row.starts_at)).date();
    let mut tx = crate::db::begin(&ctx.pool).await?;
    // Both regions' locks, always in the same order, when the booking moves between them.
    let mut codes = [row.region_code.as_str(), region.code.as_str()];
    codes.sort_unstable();
    for code in codes.iter().take(if codes[0] == codes[1] { 1 } else { 2 }) {
        capacity::lock(&mut tx, code).await?;
    }
    let series = store::series(&mut tx, &row.uid).await?;
    let targets: Vec<&BookingRow> = if whole {
        series.iter().filter(|r| r.holds() && r.ends_at > now.secs()).collect()
    } else {
        series.iter().filter(|r| r.id == row.id).collect()
    };
    let mut moved = Vec::with_capacity(targets.len());
    for target in &targets {
        let day = times::local(tz, Timestamp::from_secs(target.starts_at)).date() + shift;
        let start = if target.id == row.id { new_start } else { times::moment(tz, day.and_time(time)) };
        if start <= now {
            return Err(AppError::field("date", "booking.date.past"));
        }
        moved.push((target.id, start));
    }
    let starts: Vec<Timestamp> = moved.iter().map(|(_, s)| *s).collect();
    let reader = crate::accounts::service::users::reader(user);
    fits(&mut tx, &region, &starts, checked.minutes, checked.participants, Some(&row.uid), &reader).await?;
    // Growing past the event size asks an admin again; so does moving or renaming an approved event.
    let grows = checked.participants > ctx.schedule.event_size && checked.participants > row.participants;
    let mut again = Vec::new();
    for (target, start) in &moved {
        let change = Change {
            title: &checked.title,
            description: &checked.description,
            starts_at: start.secs(),
            minutes: checked.minutes,
            participants: checked.participants,
            region: &region.code,
        };
        let was = series.iter().find(|r| r.id == *target);
        if grows || was.is_some_and(|was| unapproved(was, *start, &change)) {
            again.push(*target);
        }
        store::update(&mut tx, *target, &change, now).await?;
    }
    let needs_approval = !again.is_empty();
    if needs_approval {
        store::set_state(&mut tx, &again, "requested", "", now).await?;
    }
    let before = store::invitees(&mut tx, &row.uid).await?;
    if whole || row.every_weeks == 0 {
        store::set_invitees(&mut tx, &row.uid, &checked.invitees).await?;
    }
    store::bump_sequence(&mut tx, &row.uid).await?;
    let series = store::series(&mut tx, &row.uid).await?;
    let owner = users::by_id(&mut *tx, row.owner_id).await?.ok_or(AppError::NotFound)?;
    let invitees = store::invitees(&mut tx, &row.uid).await?;
    if needs_approval {
        events::ask_admins(ctx, &mut tx, &owner, &series).await?;
    } else {
        invite::send(ctx, &mut tx, invite::Kind::Update(row.id), &series, room, &owner, &invitees).await?;
    }
    let dropped: Vec<String> = before.into_iter().filter(|e| !invitees.contains(e)).collect();
    invite::send(ctx, &mut tx, invite::Kind::Cancel, &series, room, &owner, &dropped).await?;
    outreach::log(ctx, &mut tx, user, row.id, mails, address).await?;
    tx.commit().await?;
    super::listing::changed(ctx);
    ctx.mailer.wake();
    series.into_iter().find(|r| r.id == row.id).ok_or(AppError::NotFound)
}

/// Cancels occurrence `id`, or with `whole` every occurrence still to come; the invitees are told.
/// Each invitee's mail counts toward the member's invitation limits, as a booking's do: a series
/// cancelled occurrence by occurrence would otherwise mail its invitees without end.
#[tracing::instrument(name = "schedule.change.cancel", level = "error", skip_all)]
pub async fn cancel(ctx: &AppState, user: &User, id: i64, whole: bool, address: &str) -> AppResult<()> {
    let (row, room) = changeable(ctx, user, id).await?;
    let mails = store::invitees(&mut *ctx.pool.acquire().await?, &row.uid).await?.len();
    // The cancel form has no invitees field: the limit's message is said as a refusal.
    let held = outreach::reserve(ctx, user, mails, address).await.map_err(|e| match e {
        AppError::Invalid(errors) => {
            errors.get("invitees").cloned().map_or(AppError::Invalid(errors), AppError::Refused)
        }
        other => other,
    })?;
    let done = cancel_now(ctx, user, (&row, &room), (id, whole), (mails, address)).await;
    outreach::settle(ctx, held, done).await
}

async fn cancel_now(
    ctx: &AppState,
    user: &User,
    (row, room): (&BookingRow, &RoomRow),
    (id, whole): (i64, bool),
    (mails, address): (usize, &str),
) -> AppResult<()> {
    let now = ctx.clock.now();
    let mut tx = crate::db::begin(&ctx.pool).await?;
    let series = store::series(&mut tx, &row.uid).await?;
    let ids: Vec<i64> =
        series.iter().filter(|r| r.holds() && r.ends_at > now.secs() && (whole || r.id == id)).map(|r| r.id).collect();
    if ids.is_empty() {
        return Err(AppError::Refused(Msg::new("booking.not_changeable")));
    }
    store::set_state(&mut tx, &ids, "cancelled", "", now).await?;
    store::bump_sequence(&mut tx, &row.uid).await?;
    let series = store::series(&mut tx, &row.uid).await?;
    let owner = users::by_id(&mut *tx, row.owner_id).await?.ok_or(AppError::NotFound)?;
    let invitees = store::invitees(&mut tx, &row.uid).await?;
    let everything = series.iter().all(|r| !r.holds() || r.ends_at <= now.secs());
    let kind = if everything { invite::Kind::Cancel } else { invite::Kind::CancelOne(id) };
    invite::send(ctx, &mut tx, kind, &series, room, &owner, &invitees).await?;
    outreach::log(ctx, &mut tx, user, row.id, mails, address).await?;
    tx.commit().await?;
    super::listing::changed(ctx);
    ctx.mailer.wake();
    tracing::info!(booking = id, occurrences = ids.len(), "booking cancelled");
    Ok(())
}
