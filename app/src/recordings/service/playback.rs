//! A recording played through the portal. The viewer is checked as the room's list checks them,
//! then sent on to the region's player. Where the region protects its links (a Scalelite with
//! protected recordings), the link is asked for afresh for this viewer: each works once, so one
//! copied from someone's address bar has already been used.
use super::sight;
use crate::accounts::service::User;
use crate::error::{AppError, AppResult, bbb_message};
use crate::recordings::model::Visibility;
use crate::rooms::service::meeting_state::region_of;
use crate::state::AppState;

/// What the viewer asked to play, and what they bring to the room.
pub struct Request<'a> {
    pub user: Option<&'a User>,
    pub slug: &'a str,
    pub record_id: &'a str,
    pub format: &'a str,
    /// The format's file rather than its player (a download).
    pub file: bool,
    /// The access code this session gave the room, if any.
    pub code: &'a str,
    pub address: &'a str,
}

/// The region's address to play it at. Not found for a recording the viewer may not watch (its
/// existence is not told), except that a visitor is asked to sign in where members may watch.
#[tracing::instrument(name = "recordings.playback", level = "error", skip_all)]
pub async fn address(ctx: &AppState, ask: Request<'_>) -> AppResult<String> {
    let room = ctx.rooms.room(&ctx.pool, ask.slug).await?;
    let sight = sight::of(ctx, &room, ask.user, ask.code, ask.address).await?;
    let region = region_of(&ctx.pool, &ctx.regions, &room).await?;
    // The room's own list: a recording of another room is not found here, whatever its id.
    let listed = ctx.recordings.get(ctx, &room, &region).await?;
    let recording = listed.iter().find(|r| r.record_id == ask.record_id).cloned().ok_or(AppError::NotFound)?;
    let visibility = super::visibility_of(&recording, &room);
    if !sight.may_watch(visibility, recording.published) || !sight.may_open_format(ask.format) {
        let sign_in_helps = ask.user.is_none() && recording.published && visibility == Visibility::Members;
        return Err(if sign_in_helps { AppError::NotSignedIn } else { AppError::NotFound });
    }
    let recording = if recording.protected == Some(true) {
        let fresh = ctx.bbb.get_recording(&region.endpoint(), ask.record_id).await;
        let fresh = fresh.map_err(|e| AppError::Refused(bbb_message(&e)))?;
        fresh.filter(|r| r.meeting_id == room.meeting_id).ok_or(AppError::NotFound)?
    } else {
        recording
    };
    let format = recording.playback.format.iter().find(|f| f.kind == ask.format).ok_or(AppError::NotFound)?;
    // Only a web address is followed: a `javascript:` one from a region would run in our origin.
    if !super::is_web_address(&format.url) {
        return Err(AppError::NotFound);
    }
    if !ask.file {
        return Ok(format.url.clone());
    }
    match crate::recordings::model::file_of(ask.format) {
        Some(file) if recording.protected != Some(true) => {
            let folder = format.url.split(['?', '#']).next().unwrap_or_default().trim_end_matches('/');
            Ok(format!("{folder}/{file}"))
        }
        _ => Err(AppError::NotFound),
    }
}
