//! The recordings lists every portal process shares (`recording_lists`): what a room's region last
//! answered and when, and which process is asking it now. A process whose own copy is stale reads
//! here before it asks, and claims the question first, so a room's region hears `getRecordings` at
//! most once a minute however many processes serve the room's page.
use crate::bbb::xml::Recording;
use crate::clock::Timestamp;
use crate::error::{AppResult, Msg, Step};
use crate::state::AppState;

/// What a region answered: the recordings, or its refusal in words for a member.
pub type Answer = Result<Vec<Recording>, Msg>;

/// How long a claim to ask stands: longer than the BBB client's timeout, so a process that died
/// asking does not keep the others from asking for long.
const CLAIM: i64 = 15;

/// The room's list as some process last fetched it, if any.
#[tracing::instrument(name = "recordings.shared.read", level = "error", skip_all)]
pub async fn read(ctx: &AppState, meeting_id: &str) -> AppResult<Option<(Timestamp, Answer)>> {
    let row: Option<(i64, i64, String)> =
        sqlx::query_as("SELECT fetched_at, ok, body FROM recording_lists WHERE meeting_id = $1 AND fetched_at > 0")
            .bind(meeting_id)
            .fetch_optional(&ctx.pool)
            .await
            .step("read recording_lists")?;
    Ok(row.and_then(|(at, ok, body)| {
        let answer = if ok != 0 {
            Ok(serde_json::from_str::<Vec<Recording>>(&body).ok()?)
        } else {
            Err(serde_json::from_str::<Msg>(&body).ok()?)
        };
        Some((Timestamp::from_secs(at), answer))
    }))
}

/// Claims the question to the region for this process: false when another process asked within
/// [`CLAIM`] seconds (its answer will be here), or when the list became fresh since this process
/// read it (another process's answer arrived in between, and its `keep` ended that claim).
#[tracing::instrument(name = "recordings.shared.claim", level = "error", skip_all)]
pub async fn claim(ctx: &AppState, meeting_id: &str, now: Timestamp) -> AppResult<bool> {
    let inserted = sqlx::query(
        "INSERT INTO recording_lists (meeting_id, asked_at) VALUES ($1, $2) ON CONFLICT (meeting_id) DO NOTHING",
    )
    .bind(meeting_id)
    .bind(now.secs())
    .execute(&ctx.pool)
    .await
    .step("insert into recording_lists")?;
    if inserted.rows_affected() == 1 {
        return Ok(true);
    }
    // Stale as `cache::fresh` has it: a list older than FRESH seconds, a failure older than FAILED.
    let claimed = sqlx::query(
        "UPDATE recording_lists SET asked_at = $1 WHERE meeting_id = $2 AND asked_at <= $3
         AND fetched_at < CASE WHEN ok = 0 THEN $5 ELSE $4 END",
    )
    .bind(now.secs())
    .bind(meeting_id)
    .bind(now.secs() - CLAIM)
    .bind(now.secs() - super::cache::FRESH)
    .bind(now.secs() - super::cache::FAILED)
    .execute(&ctx.pool)
    .await
    .step("update recording_lists")?;
    Ok(claimed.rows_affected() == 1)
}

/// Keeps the region's answer, asked at `at`, for every process; the claim ends with it.
#[tracing::instrument(name = "recordings.shared.keep", level = "error", skip_all)]
pub async fn keep(ctx: &AppState, meeting_id: &str, at: Timestamp, answer: &super::cache::Listed) -> AppResult<()> {
    let (ok, body) = match answer {
        Ok(list) => (1, serde_json::to_string(list.as_slice())),
        Err(msg) => (0, serde_json::to_string(msg)),
    };
    let body = body.map_err(crate::error::AppError::internal)?;
    sqlx::query(
        "INSERT INTO recording_lists (meeting_id, fetched_at, asked_at, ok, body) VALUES ($1, $2, 0, $3, $4)
         ON CONFLICT (meeting_id) DO UPDATE SET fetched_at = $2, asked_at = 0, ok = $3, body = $4",
    )
    .bind(meeting_id)
    .bind(at.secs())
    .bind(ok)
    .bind(body)
    .execute(&ctx.pool)
    .await
    .step("upsert recording_lists")?;
    Ok(())
}

/// The room's recordings changed: every process asks its region at the next view.
#[tracing::instrument(name = "recordings.shared.forget", level = "error", skip_all)]
pub async fn forget(ctx: &AppState, meeting_id: &str) -> AppResult<()> {
    sqlx::query("DELETE FROM recording_lists WHERE meeting_id = $1")
        .bind(meeting_id)
        .execute(&ctx.pool)
        .await
        .step("delete from recording_lists")?;
    Ok(())
}
