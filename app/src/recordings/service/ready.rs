//! BBB's recording-ready callback: a JWT signed with the region's secret names the meeting and the
//! recording; the room's owner gets one mail per recording, however often BBB retries.
use crate::accounts::service::{emails, users};
use crate::bbb::jwt;
use crate::db;
use crate::error::Step;
use crate::error::{AppError, AppResult};
use crate::mail;
use crate::regions::service as regions;
use crate::rooms::service::store;
use crate::state::AppState;

/// What BBB is told: done (2xx), a bad signature (401), or gone (410: stop retrying).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Done,
    BadSignature,
    Gone,
}

#[tracing::instrument(name = "recordings.ready.recording_ready", level = "error", skip_all)]
pub async fn recording_ready(ctx: &AppState, slug: &str, token: &str) -> AppResult<Answer> {
    let (pool, configured, base_url, now) = (&ctx.pool, &ctx.regions, &ctx.base_url, ctx.clock.now());
    let room = match store::by_slug(pool, slug).await {
        Ok(room) => room,
        Err(AppError::NotFound) => return Ok(Answer::Gone),
        Err(e) => return Err(e),
    };
    let Some(region) = regions::get(pool, configured, &room.region_code).await? else { return Ok(Answer::Gone) };
    let Some(claims) = jwt::verify(token, &region.secret) else { return Ok(Answer::BadSignature) };
    let (Some(meeting_id), Some(record_id)) = (claims["meeting_id"].as_str(), claims["record_id"].as_str()) else {
        return Ok(Answer::BadSignature);
    };
    if meeting_id != room.meeting_id {
        return Ok(Answer::Gone);
    }
    ctx.recordings.forget(ctx, &room.meeting_id).await?;
    let Some(owner) = users::by_id(pool, room.owner_id).await? else { return Ok(Answer::Gone) };
    let mut tx = db::begin(pool).await?;
    let first = sqlx::query(
        "INSERT INTO recording_notices (record_id, room_id, created_at) VALUES ($1, $2, $3) ON CONFLICT (record_id) DO NOTHING",
    )
    .bind(record_id)
    .bind(room.id)
    .bind(now.secs())
    .execute(&mut *tx)
    .await.step("insert into recording_notices")?
    .rows_affected()
        == 1;
    if first {
        // Its own page where its id can stand in an address, else the room's; a new recording has
        // the room's default visibility.
        let link = if crate::recordings::model::plain(record_id) {
            format!("{base_url}/r/{}/recordings/{record_id}", room.slug)
        } else {
            format!("{base_url}/r/{}", room.slug)
        };
        let lang = owner.lang();
        let visibility = lang.t(&format!("recording.visibility.{}", room.recordings_default().as_str()));
        let mail = emails::recording_ready(lang, &owner.email, &owner.name, &room.name, visibility, &link);
        mail::enqueue(&mut tx, now, &mail).await?;
    }
    tx.commit().await?;
    Ok(Answer::Done)
}
