//! BBB's end-of-meeting callback. Its URL is signed with an HMAC of the region's secret over the
//! meeting id and the token of this run of the meeting, so only the region can make it, a callback
//! of an earlier run ends nothing, and a replay finds the run already over. Before a room is marked
//! stopped the region is asked whether the meeting still runs.
use crate::error::{AppError, AppResult, bbb_message};
use crate::regions::service as regions;
use crate::rooms::service::meeting_state;
use crate::rooms::service::store::{self, RoomRow};
use crate::secrets;
use crate::state::AppState;

/// The query of the end-callback URL for one run of the room's meeting.
pub fn query(room: &RoomRow, secret: &str, run: &str) -> String {
    let sig = secrets::sign(secret, &["end", &room.meeting_id, run]);
    format!("run={run}&sig={sig}")
}

/// What the callback did.
#[derive(Debug, PartialEq, Eq)]
pub enum Ended {
    /// The room is marked stopped.
    Stopped,
    /// Nothing to do: an earlier run, a replay, or the region says the meeting still runs.
    Ignored,
}

/// Verifies the callback (in constant time) and marks the room stopped when its region agrees.
#[tracing::instrument(name = "meetings.callback.ended", level = "error", skip_all)]
pub async fn ended(ctx: &AppState, slug: &str, run: &str, signature: &str) -> AppResult<Ended> {
    let room = store::by_slug(&ctx.pool, slug).await?;
    let region = regions::get(&ctx.pool, &ctx.regions, &room.region_code).await?.ok_or(AppError::NotFound)?;
    if !secrets::signed(&region.secret, &["end", &room.meeting_id, run], signature) {
        return Err(AppError::Forbidden);
    }
    if room.run_token.as_deref() != Some(run) {
        return Ok(Ended::Ignored);
    }
    let running = ctx
        .bbb
        .is_meeting_running(&region.endpoint(), &room.meeting_id)
        .await
        .map_err(|e| AppError::Refused(bbb_message(&e)))?;
    if running {
        return Ok(Ended::Ignored);
    }
    let stopped = meeting_state::mark_stopped(ctx, room.id, Some(run)).await?;
    Ok(if stopped { Ended::Stopped } else { Ended::Ignored })
}
