//! The provisioning hook: before each approved event starts (`hook_lead_seconds`) and after it
//! ends, a signed JSON POST tells the co-op's tooling the region, the window and the expected
//! participants, so it can add servers and release them. Run by the `provisioning` job; each call
//! is recorded in `booking_sends` in the transaction that queues it, so it is queued once however
//! many processes run the job, then posted (and retried) through the hooks outbox.
use super::store::{self, BookingRow};
use crate::error::AppResult;
use crate::error::Step;
use crate::state::AppState;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Provisioning<'a> {
    /// `before` or `after`.
    pub phase: &'a str,
    pub booking_id: i64,
    pub uid: &'a str,
    pub region: &'a str,
    pub title: &'a str,
    /// The reservation's window: from the lead before the start to the end (RFC 3339, UTC).
    pub window_start: String,
    pub starts_at: String,
    pub ends_at: String,
    pub participants: i64,
}

fn rfc3339(at: i64) -> String {
    chrono::DateTime::from_timestamp(at, 0).unwrap_or_default().to_rfc3339()
}

/// The topic under which a booking's calls are kept: `booking:12:`.
pub fn topic(id: i64) -> String {
    format!("booking:{id}:")
}

/// Queues the calls that are due; returns how many.
#[tracing::instrument(name = "schedule.hooks.queue_due", level = "error", skip_all)]
pub async fn queue_due(ctx: &AppState) -> AppResult<usize> {
    let Some(url) = ctx.schedule.hook_url.as_deref() else { return Ok(0) };
    let now = ctx.clock.now().secs();
    let sql = format!(
        "SELECT {} FROM bookings WHERE state = 'approved' AND participants > $1
           AND starts_at <= $2 AND ends_at > $3 ORDER BY starts_at LIMIT 500",
        store::COLUMNS
    );
    // Events about to start (within the lead), and those ended in the last day.
    let due: Vec<BookingRow> = sqlx::query_as(&sql)
        .bind(ctx.schedule.event_size)
        .bind(now + ctx.schedule.hook_lead_seconds)
        .bind(now - 86_400)
        .fetch_all(&ctx.pool)
        .await
        .step("read bookings")?;
    let mut queued = 0;
    for booking in due {
        // A "before" that would come after the end is no use to anyone: only "after" goes then.
        let phase = if booking.ends_at <= now { "after" } else { "before" };
        queued += queue_one(ctx, url, &booking, phase).await? as usize;
    }
    Ok(queued)
}

async fn queue_one(ctx: &AppState, url: &str, booking: &BookingRow, phase: &str) -> AppResult<bool> {
    let now = ctx.clock.now();
    let mut tx = crate::db::begin(&ctx.pool).await?;
    if !store::first_send(&mut tx, booking.id, &format!("hook_{phase}"), "", now).await? {
        return Ok(false);
    }
    let body = Provisioning {
        phase,
        booking_id: booking.id,
        uid: &booking.uid,
        region: &booking.region_code,
        title: &booking.title,
        window_start: rfc3339(booking.reserve_from),
        starts_at: rfc3339(booking.starts_at),
        ends_at: rfc3339(booking.ends_at),
        participants: booking.participants,
    };
    let topic = format!("{}{phase}", topic(booking.id));
    crate::hooks::enqueue(&mut tx, now, &crate::hooks::Call { url, topic: Some(&topic), body: &body }).await?;
    tx.commit().await?;
    Ok(true)
}
