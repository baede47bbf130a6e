//! Bookings and planned maintenance: a booking in a window is refused with the reason, and the
//! organiser of a booking made before the window was planned is mailed once with their options
//! (move it to another region or time, or cancel it). The only code that writes
//! `maintenance_notices`.
use crate::accounts::service::emails;
use crate::clock::Timestamp;
use crate::error::{AppError, AppResult, FieldErrors, Msg, Step};
use crate::regions::service::RegionRecord;
use crate::regions::service::maintenance::{self as windows, Window};
use crate::state::AppState;
use crate::time_display::{Reader, local};

/// Refuses a booking whose occurrence overlaps a window of its region: the date's error says
/// when the region is away, in the member's zone, so they choose another time or region.
pub async fn clear(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    region: &RegionRecord,
    starts: &[Timestamp],
    minutes: i64,
    reader: &Reader,
) -> AppResult<()> {
    for start in starts {
        let (from, to) = (start.secs(), start.secs() + minutes * 60);
        if let Some(w) = windows::overlapping(tx, &region.code, from, to).await? {
            let msg = Msg::with("booking.maintenance", "region", region.name.clone())
                .and("from", local(Timestamp::from_secs(w.starts_at), reader))
                .and("until", local(Timestamp::from_secs(w.ends_at), reader));
            let mut errors = FieldErrors::default();
            errors.add("date", msg);
            return Err(AppError::Invalid(errors));
        }
    }
    Ok(())
}

/// The `maintenance_notices` job: mails the organiser of each booking in a window not over, once
/// per window and booking. Returns how many were mailed.
#[tracing::instrument(name = "schedule.maintenance.notify", level = "error", skip_all)]
pub async fn notify(ctx: &AppState) -> AppResult<usize> {
    let mut sent = 0;
    for window in windows::not_over(ctx).await?.iter() {
        sent += notify_window(ctx, window).await?;
    }
    if sent > 0 {
        ctx.mailer.wake();
    }
    Ok(sent)
}

async fn notify_window(ctx: &AppState, w: &Window) -> AppResult<usize> {
    let now = ctx.clock.now();
    let region = crate::regions::service::get(&ctx.pool, &ctx.regions, &w.region_code).await?;
    let region_name = region.map_or(w.region_code.clone(), |r| r.name);
    let mut tx = crate::db::begin(&ctx.pool).await?;
    let hit: Vec<(i64, i64, String, i64)> = sqlx::query_as(
        "SELECT b.id, b.owner_id, b.title, b.starts_at FROM bookings b
         WHERE b.region_code = $1 AND b.starts_at < $2 AND b.ends_at > $3 AND b.ends_at > $4
           AND b.state IN ('booked', 'requested', 'approved')
           AND NOT EXISTS (SELECT 1 FROM maintenance_notices n WHERE n.window_id = $5 AND n.booking_id = b.id)
         ORDER BY b.starts_at LIMIT 200",
    )
    .bind(&w.region_code)
    .bind(w.ends_at)
    .bind(w.starts_at)
    .bind(now.secs())
    .bind(w.id)
    .fetch_all(&mut *tx)
    .await
    .step("read the bookings in a maintenance window")?;
    let mut sent = 0;
    for (booking, owner, title, starts_at) in hit {
        // The key keeps it once: another process's job that got here first wins, and this skips.
        let marked = sqlx::query(
            "INSERT INTO maintenance_notices (window_id, booking_id, notified_at) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING",
        )
        .bind(w.id)
        .bind(booking)
        .bind(now.secs())
        .execute(&mut *tx)
        .await
        .step("insert into maintenance_notices")?;
        let Some(user) = crate::accounts::service::users::by_id(&mut *tx, owner).await? else { continue };
        if marked.rows_affected() == 0 {
            continue;
        }
        let reader = crate::accounts::service::users::reader(&user);
        let at = |secs: i64| local(Timestamp::from_secs(secs), &reader);
        let args = [
            ("title", title.as_str().into()),
            ("starts", at(starts_at).into()),
            ("region", region_name.as_str().into()),
            ("from", at(w.starts_at).into()),
            ("until", at(w.ends_at).into()),
        ];
        let link = format!("{}/schedule/{booking}", ctx.base_url);
        let mail = emails::compose(user.lang(), &user.email, &user.name, "maintenance", Some(&link), &args);
        crate::mail::enqueue(&mut tx, now, &mail).await?;
        sent += 1;
    }
    tx.commit().await?;
    Ok(sent)
}
