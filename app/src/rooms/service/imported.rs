//! Rooms brought over from another portal (a legacy Greenlight) by an importer: created with the
//! link id and BBB meeting id they had there, so old links and recordings keep working, and never
//! over a room that already has either. Importers come through here, not their own SQL.
use crate::clock::Timestamp;
use crate::error::AppResult;
use crate::error::Step;
use crate::rooms::model::Lobby;
use sqlx::{Any, Transaction};

/// A room as another portal had it.
pub struct Imported<'a> {
    pub owner_id: i64,
    pub name: &'a str,
    pub slug: &'a str,
    pub meeting_id: &'a str,
    pub region: &'a str,
    pub mute_on_join: bool,
    pub waiting_room: bool,
    pub anyone_can_start: bool,
    pub all_moderators: bool,
    pub require_sign_in: bool,
    pub recording: bool,
    pub viewer_code: &'a str,
    pub moderator_code: &'a str,
}

/// Called once an importer's transaction has committed: this process drops its copies of rooms,
/// members' room lists and co-owners, so the imported rooms show at once here (and within a second
/// in other processes, as every change does).
pub fn committed(ctx: &crate::state::AppState) {
    ctx.rooms.clear();
}

/// Why an imported room was not created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clash {
    /// A room here already answers at that link.
    Link,
    /// A room here already uses that BBB meeting id.
    Meeting,
}

/// Whether the link id or the meeting id is taken here.
#[tracing::instrument(name = "rooms.imported.clash", level = "error", skip_all)]
pub async fn clash(tx: &mut Transaction<'static, Any>, slug: &str, meeting_id: &str) -> AppResult<Option<Clash>> {
    let taken: Vec<(String, String)> =
        sqlx::query_as("SELECT slug, meeting_id FROM rooms WHERE slug = $1 OR meeting_id = $2")
            .bind(slug)
            .bind(meeting_id)
            .fetch_all(&mut **tx)
            .await
            .step("read rooms")?;
    Ok(if taken.iter().any(|(s, _)| s == slug) {
        Some(Clash::Link)
    } else if taken.is_empty() {
        None
    } else {
        Some(Clash::Meeting)
    })
}

/// Creates the room in the caller's transaction; returns its id, or why it could not be. One
/// statement when it can (an import makes thousands): the unique link and meeting ids decide.
#[tracing::instrument(name = "rooms.imported.create", level = "error", skip_all)]
pub async fn create(
    tx: &mut Transaction<'static, Any>,
    room: &Imported<'_>,
    now: Timestamp,
) -> AppResult<Result<i64, Clash>> {
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO rooms (owner_id, name, slug, meeting_id, region_code, mute_on_join, waiting_room, anyone_can_start,
             all_moderators, require_sign_in, recording, viewer_code, moderator_code, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(room.owner_id)
    .bind(room.name.trim())
    .bind(room.slug)
    .bind(room.meeting_id)
    .bind(room.region)
    .bind(room.mute_on_join as i64)
    // Greenlight's moderator approval held every participant who was not a moderator.
    .bind(if room.waiting_room { Lobby::Everyone } else { Lobby::Off }.code())
    .bind(room.anyone_can_start as i64)
    .bind(room.all_moderators as i64)
    .bind(room.require_sign_in as i64)
    .bind(room.recording as i64)
    .bind(room.viewer_code)
    .bind(room.moderator_code)
    .bind(now.secs())
    .fetch_optional(&mut **tx)
    .await.step("insert into rooms")?;
    match id {
        Some(id) => Ok(Ok(id)),
        None => Ok(Err(clash(tx, room.slug, room.meeting_id).await?.unwrap_or(Clash::Link))),
    }
}

/// Shares a room with a co-owner the other portal had; sharing it twice changes nothing.
#[tracing::instrument(name = "rooms.imported.share", level = "error", skip_all)]
pub async fn share(tx: &mut Transaction<'static, Any>, room_id: i64, user_id: i64, now: Timestamp) -> AppResult<()> {
    sqlx::query("INSERT INTO room_shares (room_id, user_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .bind(room_id)
        .bind(user_id)
        .bind(now.secs())
        .execute(&mut **tx)
        .await
        .step("insert into room_shares")?;
    Ok(())
}
