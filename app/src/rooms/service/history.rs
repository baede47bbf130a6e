//! Each room's meetings: when each ran, on which region, and the most participants the portal saw
//! in it at once. Read from what the portal already sees: its own start (`mark_running`), the end
//! (callback, the End button, or the monitoring poll finding it gone) and the poll's counts. No
//! region is asked anything more for it. The only code that writes `meeting_runs`.
use crate::clock::Timestamp;
use crate::error::{AppResult, Step};
use crate::rooms::model::PastMeeting;
use crate::state::AppState;
use crate::time_display::{Reader, local};

/// How many of a room's meetings its page lists, newest first.
pub const LISTED: i64 = 20;

/// The meeting created at `create_time` (BBB's, milliseconds) runs on `region` since `at`. A second
/// start of the same meeting (a duplicate create, another process) adds nothing, and reopens it if
/// the poll had found it gone; a run of the room left open (a crash) ends now.
pub async fn opened(ctx: &AppState, room_id: i64, region: &str, create_time: i64, at: Timestamp) -> AppResult<()> {
    let mut tx = crate::db::begin(&ctx.pool).await?;
    sqlx::query("UPDATE meeting_runs SET ended_at = $1 WHERE room_id = $2 AND create_time <> $3 AND ended_at IS NULL")
        .bind(at.secs())
        .bind(room_id)
        .bind(create_time)
        .execute(&mut *tx)
        .await
        .step("update meeting_runs")?;
    sqlx::query(
        "INSERT INTO meeting_runs (room_id, create_time, region_code, started_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (room_id, create_time) DO UPDATE SET ended_at = NULL",
    )
    .bind(room_id)
    .bind(create_time)
    .bind(region)
    .bind(at.secs())
    .execute(&mut *tx)
    .await
    .step("insert into meeting_runs")?;
    tx.commit().await?;
    Ok(())
}

/// The room's meeting created at `create_time` ended now; a newer one started since runs on.
pub async fn closed(ctx: &AppState, room_id: i64, create_time: i64) -> AppResult<()> {
    sqlx::query("UPDATE meeting_runs SET ended_at = $1 WHERE room_id = $2 AND create_time = $3 AND ended_at IS NULL")
        .bind(ctx.clock.now().secs())
        .bind(room_id)
        .bind(create_time)
        .execute(&ctx.pool)
        .await
        .step("update meeting_runs")?;
    Ok(())
}

/// The poll counted `participants` in the room's running meeting: its peak, if higher.
pub async fn counted(ctx: &AppState, room_id: i64, participants: i64) -> AppResult<()> {
    sqlx::query("UPDATE meeting_runs SET peak = $1 WHERE room_id = $2 AND ended_at IS NULL AND peak < $1")
        .bind(participants)
        .bind(room_id)
        .execute(&ctx.pool)
        .await
        .step("update meeting_runs")?;
    Ok(())
}

/// The id of the room's meeting running now, as the portal knows it.
pub async fn current(ctx: &AppState, room_id: i64) -> AppResult<Option<i64>> {
    sqlx::query_scalar("SELECT MAX(id) FROM meeting_runs WHERE room_id = $1 AND ended_at IS NULL")
        .bind(room_id)
        .fetch_one(&ctx.pool)
        .await
        .step("read meeting_runs")
}

/// The room's last [`LISTED`] meetings, newest first, each with its id (for who attended).
pub async fn of_room(ctx: &AppState, room_id: i64, reader: &Reader) -> AppResult<Vec<(i64, PastMeeting)>> {
    let rows: Vec<(i64, String, i64, Option<i64>, i64)> = sqlx::query_as(
        "SELECT id, region_code, started_at, ended_at, peak FROM meeting_runs WHERE room_id = $1
         ORDER BY started_at DESC, id DESC LIMIT $2",
    )
    .bind(room_id)
    .bind(LISTED)
    .fetch_all(&ctx.pool)
    .await
    .step("read meeting_runs")?;
    let at = |secs: i64| local(Timestamp::from_secs(secs), reader);
    Ok(rows
        .into_iter()
        .map(|(id, region, started, ended, peak)| {
            let meeting = PastMeeting {
                started: at(started),
                ended: ended.map(at),
                minutes: ended.map(|end| u32::try_from((end - started) / 60).unwrap_or(0)),
                region,
                peak: u32::try_from(peak).unwrap_or(0),
                attendees: Vec::new(),
            };
            (id, meeting)
        })
        .collect())
}
