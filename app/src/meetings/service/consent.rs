//! Consent to being recorded. In a room that records, the join form asks everyone (owners too) to
//! confirm they know it; no join link is made without it, and each confirmation is kept with its
//! time. This module is the only writer of `recording_consents`.
use crate::error::{AppResult, FieldErrors, Msg, Step};
use crate::rooms::service::store::RoomRow;
use crate::state::AppState;

/// Whoever joins `room` must confirm they know it records.
pub fn required(room: &RoomRow) -> bool {
    room.recording != 0
}

/// Refuses, next to the box, a join to a recorded room without consent.
pub fn check(errors: &mut FieldErrors, room: &RoomRow, consent: bool) {
    if required(room) && !consent {
        errors.add("recording_consent", Msg::new("field.recording_consent.required"));
    }
}

/// Keeps the consent of `name` (and their account, when signed in) with the time it was given.
#[tracing::instrument(name = "meetings.consent.record", level = "error", skip_all)]
pub async fn record(ctx: &AppState, room: &RoomRow, user_id: Option<i64>, name: &str) -> AppResult<()> {
    if !required(room) {
        return Ok(());
    }
    sqlx::query("INSERT INTO recording_consents (room_id, user_id, name, created_at) VALUES ($1, $2, $3, $4)")
        .bind(room.id)
        .bind(user_id)
        .bind(name)
        .bind(ctx.clock.now().secs())
        .execute(&ctx.pool)
        .await
        .step("insert into recording_consents")?;
    Ok(())
}
