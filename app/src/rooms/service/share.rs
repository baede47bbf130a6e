//! Co-owners: members the owner shares a room with. They start meetings, manage settings and see
//! recordings, but cannot delete the room or change its owner.
use super::store;
use crate::accounts::model::{self, Status};
use crate::accounts::service::{User, users};
use crate::db::{self, Pool};
use crate::error::Step;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::limits::Limit;
use crate::rooms::model::CoOwner;
use crate::state::AppState;

/// Lookups of addresses that are not members, per sharing member an hour: enough for typos, too few
/// to learn who is a member by guessing addresses.
const MISSES: Limit = Limit { scope: "share_lookup", max: 10, window: 3600 };

#[tracing::instrument(name = "rooms.share.share", level = "error", skip_all)]
pub async fn share(ctx: &AppState, owner: &User, slug: &str, email: &str) -> AppResult<()> {
    let (pool, clock) = (&ctx.pool, &ctx.clock);
    let (room, access) = store::managed(pool, slug, owner).await?;
    if !access.owns() {
        return Err(AppError::Forbidden);
    }
    let mut errors = FieldErrors::default();
    model::check_email(&mut errors, "email", email);
    errors.into_result()?;
    let attempt = MISSES.reserve(pool, clock, &owner.id.to_string()).await?;
    let member = users::by_email(pool, email)
        .await?
        .filter(|u| u.status() == Status::Active)
        .ok_or_else(|| AppError::field("email", "field.email.no_member"))?;
    attempt.forgive(pool).await?;
    if member.id == room.owner_id {
        return Err(AppError::field("email", "field.email.is_owner"));
    }
    let result = sqlx::query("INSERT INTO room_shares (room_id, user_id, created_at) VALUES ($1, $2, $3)")
        .bind(room.id)
        .bind(member.id)
        .bind(clock.now().secs())
        .execute(pool)
        .await;
    ctx.rooms.shares_changed(room.id);
    match result {
        Err(e) if db::is_unique_violation(&e) => Err(AppError::field("email", "field.email.already_shared")),
        other => other.map(|_| ()).map_err(Into::into),
    }
}

/// Stops sharing: the owner removes anyone, a co-owner may remove themselves.
#[tracing::instrument(name = "rooms.share.unshare", level = "error", skip_all)]
pub async fn unshare(ctx: &AppState, user: &User, slug: &str, user_id: i64) -> AppResult<()> {
    let pool = &ctx.pool;
    let (room, access) = store::managed(pool, slug, user).await?;
    if !access.owns() && user.id != user_id {
        return Err(AppError::Forbidden);
    }
    sqlx::query("DELETE FROM room_shares WHERE room_id = $1 AND user_id = $2")
        .bind(room.id)
        .bind(user_id)
        .execute(pool)
        .await
        .step("delete from room_shares")?;
    ctx.rooms.shares_changed(room.id);
    Ok(())
}

/// The room's co-owners, as read in the last second if they were (every manager's view of the
/// room's page lists them).
#[tracing::instrument(name = "rooms.share.co_owners", level = "error", skip_all)]
pub async fn co_owners(ctx: &AppState, room_id: i64) -> AppResult<Vec<CoOwner>> {
    if let Some(known) = ctx.rooms.co_owners(room_id) {
        return Ok(known);
    }
    let list = read_co_owners(&ctx.pool, room_id).await?;
    ctx.rooms.keep_co_owners(room_id, list.clone());
    Ok(list)
}

async fn read_co_owners(pool: &Pool, room_id: i64) -> AppResult<Vec<CoOwner>> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT u.id, u.name, u.email FROM room_shares s JOIN users u ON u.id = s.user_id
         WHERE s.room_id = $1 ORDER BY LOWER(u.name)",
    )
    .bind(room_id)
    .fetch_all(pool)
    .await
    .step("read room_shares")?;
    Ok(rows.into_iter().map(|(user_id, name, email)| CoOwner { user_id, name, email }).collect())
}
