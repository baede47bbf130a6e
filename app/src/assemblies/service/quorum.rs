//! The quorum: counted once when the meeting opens (who is entitled, and so how many are needed),
//! then compared with the voting members present each time someone arrives or BBB's list is read.
//! Each time it is reached or lost is recorded once, for the chair's page and the minutes.
use super::store::{self, AssemblyRow};
use super::{Assembly, voters};
use crate::assemblies::model::{QuorumChange, QuorumState};
use crate::clock::Timestamp;
use crate::error::{AppResult, Step};
use crate::state::AppState;
use crate::time_display::{Reader, local};

/// Seconds after which the region's last answer no longer counts as live.
pub const LIVE: i64 = 60;

/// Opens the assembly when its meeting first runs: the members entitled now are its voters.
pub async fn open_once(ctx: &AppState, row: &AssemblyRow) -> AppResult<()> {
    let fresh = store::get(ctx, row.booking_id).await?;
    if fresh.as_ref().is_none_or(|r| r.opened_at.is_some()) {
        return Ok(());
    }
    let rules = row.rules();
    let entitled = voters::entitled(ctx, &rules).await?;
    let needed = rules.quorum.needed(u32::try_from(entitled.len()).unwrap_or(u32::MAX));
    store::open(ctx, row.booking_id, &entitled, needed).await?;
    Ok(())
}

/// Whether `user_id` was entitled to vote when the assembly opened.
pub async fn was_entitled(ctx: &AppState, booking_id: i64, user_id: i64) -> AppResult<bool> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT user_id FROM assembly_voters WHERE booking_id = $1 AND user_id = $2")
            .bind(booking_id)
            .bind(user_id)
            .fetch_optional(&ctx.pool)
            .await
            .step("read assembly_voters")?;
    Ok(found.is_some())
}

/// Voting members present now: entitled at the opening, with an open interval.
async fn present(ctx: &AppState, booking_id: i64) -> AppResult<u32> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(DISTINCT a.user_id) FROM assembly_attendees a
         JOIN assembly_presence p ON p.attendee_id = a.id AND p.to_at IS NULL
         JOIN assembly_voters v ON v.booking_id = a.booking_id AND v.user_id = a.user_id
         WHERE a.booking_id = $1 AND a.voting = 1",
    )
    .bind(booking_id)
    .fetch_one(&ctx.pool)
    .await
    .step("count present voters")?;
    Ok(u32::try_from(n).unwrap_or(0))
}

/// Compares who is present with the quorum, and records a change once.
pub async fn settle(ctx: &AppState, booking_id: i64) -> AppResult<()> {
    let Some(row) = store::get(ctx, booking_id).await? else { return Ok(()) };
    if row.opened_at.is_none() {
        return Ok(());
    }
    let present = present(ctx, booking_id).await?;
    let reached = i64::from(present) >= row.needed;
    if reached != (row.reached != 0) {
        store::quorum_changed(ctx, booking_id, reached, present).await?;
    }
    Ok(())
}

/// Where the quorum stands, in the reader's zone.
pub async fn state(ctx: &AppState, assembly: &Assembly, reader: &Reader) -> AppResult<QuorumState> {
    let booking_id = assembly.row.booking_id;
    let row = store::get(ctx, booking_id).await?.unwrap_or_else(|| assembly.row.clone());
    let changes: Vec<(i64, i64, i64)> =
        sqlx::query_as("SELECT at, reached, present FROM assembly_quorum WHERE booking_id = $1 ORDER BY at")
            .bind(booking_id)
            .fetch_all(&ctx.pool)
            .await
            .step("read assembly_quorum")?;
    let now = ctx.clock.now().secs();
    let running = assembly.room.running != 0;
    let live = !running || row.polled_at.is_some_and(|at| now - at <= LIVE);
    let present = present(ctx, booking_id).await?;
    let count = |n: i64| u32::try_from(n).unwrap_or(0);
    Ok(QuorumState {
        open: row.opened_at.is_some(),
        entitled: count(row.entitled),
        needed: count(row.needed),
        present,
        reached: row.reached != 0,
        changes: changes
            .into_iter()
            .map(|(at, reached, present)| QuorumChange {
                reached: reached != 0,
                at: local(Timestamp::from_secs(at), reader),
                present: count(present),
            })
            .collect(),
        live,
        as_of: row.polled_at.filter(|_| !live).map(|at| local(Timestamp::from_secs(at), reader)),
        polled_at: row.polled_at,
    })
}
