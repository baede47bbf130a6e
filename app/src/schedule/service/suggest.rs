//! What a member can do when their booking does not fit: the nearest starts (a quarter-hour apart,
//! up to two weeks either way) where every occurrence fits on the same region, and the other
//! regions that have room at the asked time, with what each offers less. Read without the lock: a
//! suggestion is advice, and booking it is checked again like any booking.
use super::book::{managed_room, region_for};
use super::capacity::{self, LEAD, Reservation};
use super::times;
use crate::accounts::service::User;
use crate::clock::Timestamp;
use crate::error::{AppError, AppResult};
use crate::regions::service::{self as regions, RegionRecord};
use crate::schedule::model::{BookingForm, RegionOption, Suggestions, TimeOption, check};
use crate::state::AppState;

const STEP: i64 = 15 * 60;
const REACH: i64 = 14 * 86_400;
const WANTED: usize = 3;

fn fits_all(existing: &[Reservation], starts: &[Timestamp], shift: i64, seconds: i64, adding: i64, limit: i64) -> bool {
    starts.iter().all(|s| {
        let start = s.secs() + shift;
        capacity::collisions(existing, start - LEAD, start + seconds, adding, limit).is_empty()
    })
}

async fn reserved_around(
    ctx: &AppState,
    region: &str,
    starts: &[Timestamp],
    seconds: i64,
    reach: i64,
) -> AppResult<Vec<Reservation>> {
    let (Some(first), Some(last)) = (starts.first(), starts.last()) else { return Ok(Vec::new()) };
    let mut conn = ctx.pool.acquire().await?;
    capacity::reserved(&mut conn, region, first.secs() - reach - LEAD, last.secs() + seconds + reach, None).await
}

/// The nearest starts on `region` where the whole booking fits.
async fn nearest(
    ctx: &AppState,
    region: &RegionRecord,
    starts: &[Timestamp],
    seconds: i64,
    adding: i64,
    reader: &crate::time_display::Reader,
) -> AppResult<Vec<TimeOption>> {
    let Some(limit) = capacity::bookable(region) else { return Ok(Vec::new()) };
    let existing = reserved_around(ctx, &region.code, starts, seconds, REACH).await?;
    let now = ctx.clock.now();
    let tz = times::zone(&reader.zone);
    let mut found = Vec::new();
    for k in 1..=(REACH / STEP) {
        for shift in [k * STEP, -k * STEP] {
            let first = starts[0].plus(shift);
            if first > now && found.len() < WANTED && fits_all(&existing, starts, shift, seconds, adding, limit) {
                let (date, time) = times::form_fields(tz, first);
                found.push(TimeOption { date, time, label: crate::time_display::local(first, reader) });
            }
        }
        if found.len() >= WANTED {
            break;
        }
    }
    Ok(found)
}

/// The other regions where the booking fits as asked.
async fn elsewhere(
    ctx: &AppState,
    region: &RegionRecord,
    starts: &[Timestamp],
    seconds: i64,
    adding: i64,
) -> AppResult<Vec<RegionOption>> {
    let states = crate::monitoring::service::status::states(ctx).await?;
    let mut found = Vec::new();
    for other in regions::all(&ctx.pool, &ctx.regions).await? {
        if other.code == region.code || other.enabled == 0 || states.get(&other.code).is_some_and(|s| s == "down") {
            continue;
        }
        let fits = match capacity::bookable(&other) {
            None => true,
            Some(limit) => fits_all(
                &reserved_around(ctx, &other.code, starts, seconds, 0).await?,
                starts,
                0,
                seconds,
                adding,
                limit,
            ),
        };
        if fits {
            found.push(RegionOption {
                code: other.code.clone(),
                name: other.name.clone(),
                lacks_recording: region.recording != 0 && other.recording == 0,
                smaller_meetings: if other.max_meeting > 0 && other.max_meeting < adding {
                    other.max_meeting
                } else {
                    0
                },
            });
        }
    }
    found.sort_by_key(|o| (o.lacks_recording || o.smaller_meetings > 0, o.name.clone()));
    Ok(found)
}

/// Alternatives to the booking the form asks for.
#[tracing::instrument(name = "schedule.suggest.suggest", level = "error", skip_all)]
pub async fn suggest(ctx: &AppState, user: &User, form: &BookingForm) -> AppResult<Suggestions> {
    let room = managed_room(ctx, user, &form.room).await?;
    let checked = check(form).map_err(AppError::Invalid)?;
    let region = region_for(ctx, &room, &form.region).await?;
    let starts = times::starts(times::zone(&user.time_zone), &checked);
    if starts.is_empty() {
        return Ok(Suggestions::default());
    }
    let seconds = checked.minutes * 60;
    Ok(Suggestions {
        times: nearest(
            ctx,
            &region,
            &starts,
            seconds,
            checked.participants,
            &crate::accounts::service::users::reader(user),
        )
        .await?,
        regions: elsewhere(ctx, &region, &starts, seconds, checked.participants).await?,
    })
}
