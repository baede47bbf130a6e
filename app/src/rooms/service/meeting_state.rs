//! The room's own record of its meeting: whether it runs, since which `create`, with how many, and
//! the token of this run. The rooms feature owns the `rooms` table; meetings and the status check
//! change a meeting's state through these functions, not their own SQL.
use super::store::RoomRow;
use crate::clock::Timestamp;
use crate::db::Pool;
use crate::error::Step;
use crate::error::{AppError, AppResult, Msg};
use crate::regions::service::{self as regions, RegionRecord};
use crate::state::AppState;

/// The meeting was created on `region` (or found running there) at `create_time`, with `run`'s token.
#[tracing::instrument(name = "rooms.meeting_state.mark_running", level = "error", skip_all)]
pub async fn mark_running(
    ctx: &AppState,
    room: &RoomRow,
    region: &str,
    create_time: i64,
    run: Option<&str>,
    at: Timestamp,
) -> AppResult<()> {
    let room_id = room.id;
    let elsewhere = (region != room.region_code).then_some(region);
    sqlx::query(
        "UPDATE rooms SET running = 1, create_time = $1, checked_at = $2, run_token = $3, meeting_region = $4
         WHERE id = $5",
    )
    .bind(create_time)
    .bind(at.secs())
    .bind(run)
    .bind(elsewhere)
    .bind(room_id)
    .execute(&ctx.pool)
    .await
    .step("update rooms")?;
    super::history::opened(ctx, room_id, region, create_time, at).await?;
    ctx.rooms.changed(room_id);
    Ok(())
}

/// The meeting ended. With `run`, only if that run is still the current one (a callback of an
/// earlier run ends nothing); returns whether the room changed.
#[tracing::instrument(name = "rooms.meeting_state.mark_stopped", level = "error", skip_all)]
pub async fn mark_stopped(ctx: &AppState, room_id: i64, run: Option<&str>) -> AppResult<bool> {
    let pool = &ctx.pool;
    // The create time names the meeting that ended, for its history: a newer one runs on.
    let stopped: Option<Option<i64>> = match run {
        Some(run) => sqlx::query_scalar(
            "UPDATE rooms SET running = 0, participants = 0, run_token = NULL, meeting_region = NULL
             WHERE id = $1 AND run_token = $2 RETURNING create_time",
        )
        .bind(room_id)
        .bind(run)
        .fetch_optional(pool)
        .await
        .step("update rooms")?,
        None => sqlx::query_scalar(
            "UPDATE rooms SET running = 0, participants = 0, run_token = NULL, meeting_region = NULL
             WHERE id = $1 RETURNING create_time",
        )
        .bind(room_id)
        .fetch_optional(pool)
        .await
        .step("update rooms")?,
    };
    if let Some(create_time) = stopped {
        super::history::closed(ctx, room_id, create_time.unwrap_or(0)).await?;
    }
    ctx.rooms.changed(room_id);
    Ok(stopped.is_some())
}

/// The region the room's meeting runs on (or would start on); a region the portal no longer knows
/// is unavailable to the member.
#[tracing::instrument(name = "rooms.meeting_state.region_of", level = "error", skip_all)]
pub async fn region_of(pool: &Pool, configured: &regions::Regions, room: &RoomRow) -> AppResult<RegionRecord> {
    regions::get(pool, configured, room.current_region())
        .await?
        .ok_or_else(|| AppError::Refused(Msg::new("meeting.region_unavailable")))
}
