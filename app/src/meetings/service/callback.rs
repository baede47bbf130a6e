//! BBB's end-of-meeting callback. Its URL is signed with an HMAC of the region's secret over the
//! meeting id and the token of this run of the meeting, so only the region can make it, a callback
//! of an earlier run ends nothing, and a replay finds the run already over. Before a room is marked
//! stopped the region is asked whether the meeting still runs.
use crate::error::{AppError, AppResult, bbb_message};
use crate::regions::service::RegionRecord;
use crate::rooms::service::meeting_state;
use crate::rooms::service::store::{self, RoomRow};
use crate::secrets;
use crate::state::AppState;

/// The query of the end-callback URL for one run of the room's meeting.
pub fn query(room: &RoomRow, secret: &str, run: &str) -> String {
    let sig = secrets::sign(secret, &["end", &room.meeting_id, run]);
    format!("run={run}&sig={sig}")
}

/// Where the region posts a members' meeting's learning analytics (its polls) once the meeting's
/// events are processed, which may be long after it ended. Signed, like the end callback, with
/// the region's secret: the address is the credential. BBB's own bearer token is signed with the
/// secret of the BBB server behind a Scalelite, which the portal does not know.
pub fn analytics_url(base_url: &str, region: &RegionRecord, booking_id: i64) -> String {
    let sig = secrets::sign(&region.secret, &["analytics", &region.code, &booking_id.to_string()]);
    format!("{base_url}/bbb/callback/analytics/{booking_id}?region={}&sig={sig}", region.code)
}

/// Whether an analytics callback for booking `booking_id` came from `region_code`'s region; the
/// region, when it did.
pub async fn analytics_from(
    ctx: &AppState,
    region_code: &str,
    booking_id: i64,
    signature: &str,
) -> AppResult<RegionRecord> {
    let region = crate::regions::service::get(&ctx.pool, &ctx.regions, region_code).await?;
    let region = region.ok_or(AppError::Forbidden)?;
    if !secrets::signed(&region.secret, &["analytics", &region.code, &booking_id.to_string()], signature) {
        return Err(AppError::Forbidden);
    }
    Ok(region)
}

/// What the callback did.
#[derive(Debug, PartialEq, Eq)]
pub enum Ended {
    /// The room (this id) is marked stopped.
    Stopped(i64),
    /// Nothing to do: an earlier run, a replay, or the region says the meeting still runs.
    Ignored,
}

/// Verifies the callback (in constant time) and marks the room stopped when its region agrees.
#[tracing::instrument(name = "meetings.callback.ended", level = "error", skip_all)]
pub async fn ended(ctx: &AppState, slug: &str, run: &str, signature: &str) -> AppResult<Ended> {
    let room = store::by_slug(&ctx.pool, slug).await?;
    // The region the meeting ran on signed its callback: the one it moved to while the room still
    // says so, else the room's own.
    let code = room.meeting_region.as_deref().unwrap_or(&room.region_code);
    let region = crate::regions::service::get(&ctx.pool, &ctx.regions, code).await?.ok_or(AppError::NotFound)?;
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
    Ok(if stopped { Ended::Stopped(room.id) } else { Ended::Ignored })
}
