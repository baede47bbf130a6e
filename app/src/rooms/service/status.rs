//! Keeping the portal's idea of which rooms run honest: joins trust it (so a burst of joins never
//! hammers the balancer), and the monitoring poll corrects it from each region's `getMeetings`.
use crate::bbb::xml::Meeting;
use crate::error::AppResult;
use crate::error::Step;
use crate::state::AppState;

/// Sets the running rooms of region `region_code` to what its `meetings` say: a meeting gone from
/// the list ended (its callback may never have come), the others carry their participant counts.
/// Returns how many rooms changed.
#[tracing::instrument(name = "rooms.status.correct", level = "error", skip_all)]
pub async fn correct(ctx: &AppState, region_code: &str, meetings: &[Meeting]) -> AppResult<usize> {
    let rooms: Vec<(i64, String, i64, i64)> = sqlx::query_as(
        "SELECT id, meeting_id, running, participants FROM rooms
         WHERE COALESCE(meeting_region, region_code) = $1 AND running = 1",
    )
    .bind(region_code)
    .fetch_all(&ctx.pool)
    .await
    .step("read rooms")?;
    let mut changed = 0;
    for (id, meeting_id, running, participants) in rooms {
        let found = meetings.iter().find(|m| m.meeting_id == meeting_id);
        let now_running = found.is_some() as i64;
        let now_participants = found.map_or(0, |m| m.participant_count as i64);
        if (now_running, now_participants) != (running, participants) {
            sqlx::query("UPDATE rooms SET running = $1, participants = $2, checked_at = $3 WHERE id = $4")
                .bind(now_running)
                .bind(now_participants)
                .bind(ctx.clock.now().secs())
                .bind(id)
                .execute(&ctx.pool)
                .await
                .step("update rooms")?;
            ctx.rooms.changed(id);
            changed += 1;
        }
    }
    Ok(changed)
}
