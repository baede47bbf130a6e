//! Who attended a room's meeting, for its owners' history: members who joined through the portal
//! and ticked "list me" on the join form, each once per meeting with their first join. Nobody is
//! listed without asking; guests never are. The only code that writes `meeting_attendees`.
use crate::error::{AppResult, Step};
use crate::state::AppState;

/// Member `user_id` went into the room's running meeting and asked to be listed, under their
/// account's name (not a name a guest link gave them).
pub async fn listed(ctx: &AppState, room_id: i64, user_id: i64) -> AppResult<()> {
    let Some(run) = crate::rooms::service::history::current(ctx, room_id).await? else { return Ok(()) };
    sqlx::query(
        "INSERT INTO meeting_attendees (run_id, user_id, name, joined_at) SELECT $1, id, name, $2 FROM users
         WHERE id = $3 ON CONFLICT (run_id, user_id) DO NOTHING",
    )
    .bind(run)
    .bind(ctx.clock.now().secs())
    .bind(user_id)
    .execute(&ctx.pool)
    .await
    .step("insert into meeting_attendees")?;
    Ok(())
}

/// The names listed for the room's meetings from run `since` on, by run, in the order they came.
pub async fn names(ctx: &AppState, room_id: i64, since: i64) -> AppResult<Vec<(i64, String)>> {
    sqlx::query_as(
        "SELECT a.run_id, a.name FROM meeting_attendees a JOIN meeting_runs r ON r.id = a.run_id
         WHERE r.room_id = $1 AND a.run_id >= $2 ORDER BY a.joined_at, a.name",
    )
    .bind(room_id)
    .bind(since)
    .fetch_all(&ctx.pool)
    .await
    .step("read meeting_attendees")
}
