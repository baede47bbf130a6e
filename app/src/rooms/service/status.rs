//! Keeping the portal's idea of which rooms run honest: joins trust it (so a burst of joins never
//! hammers the balancer), and the monitoring poll corrects it from each region's `getMeetings`.
use crate::bbb::xml::Meeting;
use crate::error::AppResult;
use crate::error::Step;
use crate::state::AppState;

/// A region's running rooms as the portal knew them just before it asked the region for its
/// meetings. Only these may be found ended by the answer: a room started while the question was
/// out is missing from the answer because it is new, not because it ended (seen in the browser
/// tests: a meeting started a moment after the poll asked was marked ended, and its guests waited).
pub struct Known {
    /// Each room's id, meeting id, participants and the create time of the meeting then running.
    rooms: Vec<(i64, String, i64, Option<i64>)>,
}

#[tracing::instrument(name = "rooms.status.known", level = "error", skip_all)]
pub async fn known(ctx: &AppState, region_code: &str) -> AppResult<Known> {
    let rooms = sqlx::query_as(
        "SELECT id, meeting_id, participants, create_time FROM rooms
         WHERE COALESCE(meeting_region, region_code) = $1 AND running = 1",
    )
    .bind(region_code)
    .fetch_all(&ctx.pool)
    .await
    .step("read rooms")?;
    Ok(Known { rooms })
}

/// Sets the rooms `known` to run to what the region's `meetings` say: a meeting gone from the list
/// ended (its callback may never have come) unless the room started another since; the others
/// carry their participant counts. Returns how many rooms changed.
#[tracing::instrument(name = "rooms.status.correct", level = "error", skip_all)]
pub async fn correct(ctx: &AppState, known: Known, meetings: &[Meeting]) -> AppResult<usize> {
    let now = ctx.clock.now().secs();
    let mut changed = 0;
    for (id, meeting_id, participants, create_time) in known.rooms {
        let found = meetings.iter().find(|m| m.meeting_id == meeting_id);
        let done = match found {
            Some(m) if m.participant_count as i64 == participants => continue,
            Some(m) => {
                super::history::counted(ctx, id, m.participant_count as i64).await?;
                sqlx::query("UPDATE rooms SET participants = $1, checked_at = $2 WHERE id = $3 AND running = 1")
                    .bind(m.participant_count as i64)
                    .bind(now)
                    .bind(id)
                    .execute(&ctx.pool)
                    .await
                    .step("update rooms")?
            }
            // The same meeting as when the poll asked: a new one (another create time) stays.
            None => sqlx::query(
                "UPDATE rooms SET running = 0, participants = 0, checked_at = $1
                 WHERE id = $2 AND running = 1 AND COALESCE(create_time, 0) = $3",
            )
            .bind(now)
            .bind(id)
            .bind(create_time.unwrap_or(0))
            .execute(&ctx.pool)
            .await
            .step("update rooms")?,
        };
        if done.rows_affected() > 0 {
            if found.is_none() {
                super::history::closed(ctx, id, create_time.unwrap_or(0)).await?;
            }
            ctx.rooms.changed(id);
            changed += 1;
        }
    }
    Ok(changed)
}
