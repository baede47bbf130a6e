//! The capacity timeline admins see: for each region with a capacity, the most reserved in each
//! hour of the coming weeks beside its bookable share and its capacity, with the events on it.
use super::capacity::{self, Reservation};
use super::{store, times};
use crate::error::AppResult;
use crate::error::Step;
use crate::schedule::model::CapacityChart;
use crate::state::AppState;
use chrono::Duration;

const HOUR: i64 = 3600;

/// Charts over `days` days from the start of today in the reader's zone, days named in their language.
#[tracing::instrument(name = "schedule.timeline.charts", level = "error", skip_all)]
pub async fn charts(ctx: &AppState, reader: &crate::time_display::Reader, days: i64) -> AppResult<Vec<CapacityChart>> {
    let tz = times::zone(&reader.zone);
    let today = times::local(tz, ctx.clock.now()).date();
    let from = times::moment(tz, today.and_hms_opt(0, 0, 0).unwrap_or_default()).secs();
    let to = from + days * 86_400;
    let mut charts = Vec::new();
    for region in crate::regions::service::all(&ctx.pool, &ctx.regions).await? {
        let Some(bookable) = capacity::bookable(&region) else { continue };
        let mut conn = ctx.pool.acquire().await?;
        let existing: Vec<Reservation> = capacity::reserved(&mut conn, &region.code, from, to, None).await?;
        let hours = (0..days * 24).map(|h| capacity::peak(&existing, from + h * HOUR, from + (h + 1) * HOUR)).collect();
        let sql = format!(
            "SELECT {} FROM bookings WHERE region_code = $1 AND participants > $2 AND starts_at >= $3 AND starts_at < $4
               AND state IN ('requested', 'approved') ORDER BY starts_at LIMIT 100",
            store::COLUMNS
        );
        let events: Vec<store::BookingRow> = sqlx::query_as(&sql)
            .bind(&region.code)
            .bind(ctx.schedule.event_size)
            .bind(from)
            .bind(to)
            .fetch_all(&mut *conn)
            .await
            .step("read bookings")?;
        charts.push(CapacityChart {
            code: region.code.clone(),
            name: region.name.clone(),
            capacity: region.capacity,
            bookable,
            hours,
            days: (0..days).map(|d| crate::time_display::weekday_day(today + Duration::days(d), reader.lang)).collect(),
            events: events
                .into_iter()
                .map(|e| ((e.starts_at - from) / HOUR, e.title, e.participants, e.state))
                .collect(),
        });
    }
    Ok(charts)
}
