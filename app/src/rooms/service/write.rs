//! Writing a room's settings: one statement for every path that sets them (the settings form, a
//! new room of a type, a type's pins changing).
use crate::error::{AppResult, Step};
use crate::rooms::model::RoomSettings;

/// Stores `s` as room `id`'s settings, on the caller's connection (inside their transaction).
#[tracing::instrument(name = "rooms.write.settings", level = "error", skip_all)]
pub async fn settings(conn: &mut sqlx::AnyConnection, id: i64, s: &RoomSettings) -> AppResult<()> {
    let locks = s.locks.values().map(i64::from);
    sqlx::query(
        "UPDATE rooms SET viewer_code = $1, moderator_code = $2, waiting_room = $3, mute_on_join = $4,
         anyone_can_start = $5, all_moderators = $6, require_sign_in = $7, recording = $8, max_participants = $9,
         welcome = $10, region_code = $11, auto_start_recording = $12, lock_webcams = $13, lock_microphones = $14,
         lock_private_chat = $15, lock_public_chat = $16, lock_notes = $17, lock_user_list = $18,
         lock_webcams_for_moderators = $19, recording_visibility = $20 WHERE id = $21",
    )
    .bind(s.viewer_code.trim())
    .bind(s.moderator_code.trim())
    .bind(s.waiting_room.code())
    .bind(s.mute_on_join as i64)
    .bind(s.anyone_can_start as i64)
    .bind(s.all_moderators as i64)
    .bind(s.require_sign_in as i64)
    .bind(s.recording as i64)
    .bind(s.max_participants)
    .bind(s.welcome.trim())
    .bind(s.region.trim())
    .bind(s.auto_start_recording as i64)
    .bind(locks[0])
    .bind(locks[1])
    .bind(locks[2])
    .bind(locks[3])
    .bind(locks[4])
    .bind(locks[5])
    .bind(locks[6])
    .bind(s.recording_visibility.as_str())
    .bind(id)
    .execute(conn)
    .await
    .step("update rooms")?;
    Ok(())
}
