//! Giving a room to another member: when its owner leaves the co-op, or hands a group's room on.
//! The link, the meeting id (and so the recordings), the settings and the shares stay; the new
//! owner's membership limits are checked as if they had made the room themselves.
use super::{share, store};
use crate::accounts::model::Status;
use crate::accounts::service::{User, users};
use crate::db;
use crate::error::{AppError, AppResult, FieldErrors, Step};
use crate::state::AppState;

/// What the owner asks.
pub struct Transfer<'a> {
    pub slug: &'a str,
    pub email: &'a str,
    /// The old owner stays, as co-owner.
    pub stay: bool,
}

/// Gives the room to the member at `email`; returns the new owner's address (for the audit log).
#[tracing::instrument(name = "rooms.transfer.give", level = "error", skip_all)]
pub async fn give(ctx: &AppState, user: &User, t: Transfer<'_>) -> AppResult<String> {
    let pool = &ctx.pool;
    let (room, access) = store::managed(pool, t.slug, user).await?;
    if !access.owns() {
        return Err(AppError::Forbidden);
    }
    let mut errors = FieldErrors::default();
    crate::accounts::model::check_email(&mut errors, "email", t.email);
    errors.into_result()?;
    let to = users::by_email(pool, t.email)
        .await?
        .filter(|u| u.status() == Status::Active)
        .ok_or_else(|| AppError::field("email", "field.email.no_member"))?;
    if to.id == room.owner_id {
        return Err(AppError::field("email", "field.email.is_owner"));
    }
    // The new owner's tier must allow what the room does, as when they set it up themselves.
    let allow = crate::membership::service::allow::room_settings;
    allow(ctx, to.id, (false, room.recording != 0), (0, room.max_participants)).await.map_err(to_email_field)?;
    let limit = crate::membership::service::allow::room_limit(ctx, to.id).await?;
    let mut tx = db::begin(pool).await?;
    if let Some(limit) = &limit {
        store::hold_owner(&mut tx, pool, to.id).await?;
        limit.check(store::count_owned(&mut tx, to.id).await?).map_err(to_email_field)?;
    }
    sqlx::query("UPDATE rooms SET owner_id = $1 WHERE id = $2 AND owner_id = $3")
        .bind(to.id)
        .bind(room.id)
        .bind(room.owner_id)
        .execute(&mut *tx)
        .await
        .step("update rooms")?;
    sqlx::query("DELETE FROM room_shares WHERE room_id = $1 AND user_id = $2")
        .bind(room.id)
        .bind(to.id)
        .execute(&mut *tx)
        .await
        .step("delete from room_shares")?;
    if t.stay {
        share::keep_as_co_owner(&mut tx, room.id, room.owner_id, ctx.clock.now()).await?;
    }
    tx.commit().await?;
    ctx.rooms.changed(room.id);
    ctx.rooms.shares_changed(room.id);
    Ok(to.email)
}

/// A limit of the new owner's tier, said next to the address that named them.
fn to_email_field(e: AppError) -> AppError {
    match e {
        AppError::Refused(msg) => AppError::Invalid(FieldErrors(vec![("email".into(), msg)])),
        AppError::Invalid(FieldErrors(errors)) => {
            AppError::Invalid(FieldErrors(errors.into_iter().map(|(_, msg)| ("email".into(), msg)).collect()))
        }
        other => other,
    }
}
