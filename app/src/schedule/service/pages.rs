//! What each schedule page shows, gathered in one call per page so the server functions stay short.
use super::store::{self, BookingRow};
use super::{change, feed, listing, timeline, times};
use crate::accounts::service::User;
use crate::clock::Timestamp;
use crate::error::{AppError, AppResult};
use crate::schedule::model::{
    AdminSchedule, BookingDetail, BookingForm, BookingView, CallView, FormPage, SchedulePage,
};
use crate::state::AppState;
use chrono::{Datelike, Duration};

/// The member's schedule: what comes, what was (30 days), and the week `offset` weeks from this one.
#[tracing::instrument(name = "schedule.pages.schedule", level = "error", skip_all)]
pub async fn schedule(ctx: &AppState, user: &User, offset: i64) -> AppResult<SchedulePage> {
    let now = ctx.clock.now();
    let tz = times::zone(&user.time_zone);
    let today = times::local(tz, now).date();
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()))
        + Duration::weeks(offset.clamp(-520, 520));
    let week_from = times::moment(tz, monday.and_hms_opt(0, 0, 0).unwrap_or_default());
    let week_to = times::moment(tz, (monday + Duration::weeks(1)).and_hms_opt(0, 0, 0).unwrap_or_default());
    let (from, to) = (now.plus(-30 * 86_400), now.plus(365 * 86_400));
    // One reading for the three lists when the shown week lies within the year they span.
    let mut rows = listing::rows_for_member(ctx, user, from, to).await?;
    if week_from < from || week_to > to {
        let known: std::collections::HashSet<i64> = rows.iter().map(|r| r.id).collect();
        let far = listing::rows_for_member(ctx, user, week_from, week_to).await?;
        rows.extend(far.into_iter().filter(|r| !known.contains(&r.id)));
    }
    let overlapping =
        |a: Timestamp, b: Timestamp| move |r: &&BookingRow| r.ends_at > a.secs() && r.starts_at < b.secs();
    let upcoming: Vec<i64> = rows.iter().filter(overlapping(now, to)).map(|r| r.id).take(50).collect();
    let mut past: Vec<i64> =
        rows.iter().filter(overlapping(from, now)).map(|r| r.id).filter(|id| !upcoming.contains(id)).collect();
    past.reverse();
    let week: Vec<i64> = rows.iter().filter(overlapping(week_from, week_to)).map(|r| r.id).collect();
    let shown: Vec<BookingRow> =
        rows.into_iter().filter(|r| upcoming.contains(&r.id) || past.contains(&r.id) || week.contains(&r.id)).collect();
    let views: std::collections::HashMap<i64, BookingView> =
        listing::views(ctx, user, shown).await?.into_iter().map(|v| (v.id, v)).collect();
    let pick = |ids: Vec<i64>| ids.into_iter().filter_map(|id| views.get(&id).cloned()).collect::<Vec<_>>();
    let feed = feed::address_to_show(ctx, user).await?;
    // A connection is held only for its own query: holding one while a call below takes another
    // would leave a crowd of pages each waiting on the pool for a connection another one holds.
    let remind_minutes = super::cache::settings(ctx, user.id).await?.0;
    Ok(SchedulePage {
        upcoming: pick(upcoming),
        past: pick(past),
        week: pick(week),
        days: (0..7).map(|d| crate::time_display::weekday_date(monday + Duration::days(d), user.lang())).collect(),
        week_offset: offset,
        feed,
        remind_minutes,
        zone: user.time_zone.clone(),
    })
}

/// The booking form: the rooms the member manages, starting on `room` at the next full hour.
#[tracing::instrument(name = "schedule.pages.form", level = "error", skip_all)]
pub async fn form(ctx: &AppState, user: &User, room: &str) -> AppResult<FormPage> {
    let rooms = crate::rooms::service::store::managed_by(&ctx.pool, user.id).await?;
    let tz = times::zone(&user.time_zone);
    let next_hour = Timestamp::from_secs((ctx.clock.now().secs() / 3600 + 1) * 3600);
    let (date, time) = times::form_fields(tz, next_hour);
    let room =
        rooms.iter().find(|r| r.slug == room.trim()).or(rooms.first()).map(|r| r.slug.clone()).unwrap_or_default();
    Ok(FormPage {
        rooms: rooms.into_iter().map(|r| (r.slug, r.name)).collect(),
        zone: user.time_zone.clone(),
        values: BookingForm {
            room,
            date,
            time,
            duration: "60".into(),
            participants: "10".into(),
            ..Default::default()
        },
    })
}

/// The form's values for changing `row`, in the zone of `viewer`, who will read and type them.
fn form_of(row: &BookingRow, slug: &str, invitees: &[String], viewer: &User) -> BookingForm {
    let (date, time) = times::form_fields(times::zone(&viewer.time_zone), Timestamp::from_secs(row.starts_at));
    BookingForm {
        room: slug.to_string(),
        title: row.title.clone(),
        description: row.description.clone(),
        date,
        time,
        duration: row.minutes().to_string(),
        participants: row.participants.to_string(),
        invitees: invitees.join(", "),
        region: row.region_code.clone(),
        ..Default::default()
    }
}

/// One booking's page: for whoever may change it, and for its booker and invitees (to read).
#[tracing::instrument(name = "schedule.pages.booking", level = "error", skip_all)]
pub async fn booking(ctx: &AppState, user: &User, id: i64) -> AppResult<BookingDetail> {
    let (row, room) = match change::changeable(ctx, user, id).await {
        Ok(found) => found,
        Err(AppError::Forbidden) => {
            let mut conn = ctx.pool.acquire().await?;
            let row = store::by_id(&mut conn, id).await?.ok_or(AppError::NotFound)?;
            if row.owner_id != user.id && !store::invitees(&mut conn, &row.uid).await?.contains(&user.email) {
                return Err(AppError::Forbidden);
            }
            let room = crate::rooms::service::store::by_id(&mut conn, row.room_id).await?;
            (row, room)
        }
        Err(e) => return Err(e),
    };
    let series = listing::series_of(ctx, user, &row).await?;
    let booking = series.iter().find(|b| b.id == id).cloned().ok_or(AppError::NotFound)?;
    let reader = crate::accounts::service::users::reader(user);
    let calls = crate::hooks::calls(&ctx.pool, &super::hooks::topic(id))
        .await?
        .into_iter()
        .map(|c| CallView {
            phase: c.topic.rsplit(':').next().unwrap_or_default().to_string(),
            sent: c.sent_at.is_some(),
            attempts: c.attempts,
            error: c.last_error,
            at: crate::time_display::local(Timestamp::from_secs(c.sent_at.unwrap_or(c.created_at)), &reader),
        })
        .collect();
    let form = form_of(&row, &room.slug, &booking.invitees, user);
    let room_has_code = !room.viewer_code.is_empty();
    Ok(BookingDetail { booking, series, calls, form, zone: user.time_zone.clone(), room_has_code })
}

/// The admins' page: events waiting, and four weeks of each region's capacity.
#[tracing::instrument(name = "schedule.pages.admin", level = "error", skip_all)]
pub async fn admin(ctx: &AppState, admin: &User) -> AppResult<AdminSchedule> {
    let waiting = listing::views(ctx, admin, super::events::waiting(ctx).await?).await?;
    Ok(AdminSchedule {
        waiting,
        charts: timeline::charts(ctx, &crate::accounts::service::users::reader(admin), 28).await?,
    })
}
