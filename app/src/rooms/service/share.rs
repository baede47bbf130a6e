//! Members the owner shares a room with, each in a role (`ShareRole`): participants and
//! moderators join without the code; co-owners also start meetings, manage settings and see
//! recordings, but cannot delete the room, share it or give it away.
use super::store;
use crate::accounts::model::{self, Status};
use crate::accounts::service::{User, users};
use crate::db::Pool;
use crate::error::Step;
use crate::error::{AppError, AppResult, FieldErrors, Msg};
use crate::limits::Limit;
use crate::rooms::model::{Share, ShareRole};
use crate::state::AppState;

/// Lookups of addresses that are not members, per sharing member an hour: enough for typos, too few
/// to learn who is a member by guessing addresses.
const MISSES: Limit = Limit { scope: "share_lookup", max: 10, window: 3600 };

/// Shares the room with the member at `email` in `role`; sharing again in another role changes it.
#[tracing::instrument(name = "rooms.share.share", level = "error", skip_all)]
pub async fn share(ctx: &AppState, owner: &User, slug: &str, email: &str, role: &str) -> AppResult<()> {
    let (pool, clock) = (&ctx.pool, &ctx.clock);
    let (room, access) = store::managed(pool, slug, owner).await?;
    if !access.owns() {
        return Err(AppError::Forbidden);
    }
    let mut errors = FieldErrors::default();
    model::check_email(&mut errors, "email", email);
    let role = ShareRole::parse(role);
    if role.is_none() {
        errors.add("role", Msg::new("field.choice.invalid"));
    }
    errors.into_result()?;
    let role = role.unwrap_or_default();
    let attempt = MISSES.reserve(pool, clock, &owner.id.to_string()).await?;
    let member = users::by_email(pool, email)
        .await?
        .filter(|u| u.status() == Status::Active)
        .ok_or_else(|| AppError::field("email", "field.email.no_member"))?;
    attempt.forgive(pool).await?;
    if member.id == room.owner_id {
        return Err(AppError::field("email", "field.email.is_owner"));
    }
    // A new share, or a changed role; the same role again is a mistake worth saying.
    let changed = sqlx::query(
        "INSERT INTO room_shares (room_id, user_id, created_at, role) VALUES ($1, $2, $3, $4)
         ON CONFLICT (room_id, user_id) DO UPDATE SET role = excluded.role WHERE room_shares.role <> excluded.role",
    )
    .bind(room.id)
    .bind(member.id)
    .bind(clock.now().secs())
    .bind(role.name())
    .execute(pool)
    .await
    .step("insert into room_shares")?;
    ctx.rooms.shares_changed(room.id);
    if changed.rows_affected() == 0 {
        return Err(AppError::field("email", "field.email.already_shared"));
    }
    Ok(())
}

/// Makes `user_id` a co-owner of room `room_id` in the caller's transaction (the owner who gave the
/// room away and chose to stay).
pub(super) async fn keep_as_co_owner(
    tx: &mut sqlx::AnyConnection,
    room_id: i64,
    user_id: i64,
    now: crate::clock::Timestamp,
) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO room_shares (room_id, user_id, created_at, role) VALUES ($1, $2, $3, 'co_owner')
         ON CONFLICT (room_id, user_id) DO UPDATE SET role = 'co_owner'",
    )
    .bind(room_id)
    .bind(user_id)
    .bind(now.secs())
    .execute(tx)
    .await
    .step("insert into room_shares")?;
    Ok(())
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

/// The members the room is shared with, as read in the last second if they were (every manager's
/// view of the room's settings lists them).
#[tracing::instrument(name = "rooms.share.shares", level = "error", skip_all)]
pub async fn shares(ctx: &AppState, room_id: i64) -> AppResult<Vec<Share>> {
    if let Some(known) = ctx.rooms.shares(room_id) {
        return Ok(known);
    }
    let list = read_shares(&ctx.pool, room_id).await?;
    ctx.rooms.keep_shares(room_id, list.clone());
    Ok(list)
}

async fn read_shares(pool: &Pool, room_id: i64) -> AppResult<Vec<Share>> {
    let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT u.id, u.name, u.email, s.role FROM room_shares s JOIN users u ON u.id = s.user_id
         WHERE s.room_id = $1 ORDER BY LOWER(u.name)",
    )
    .bind(room_id)
    .fetch_all(pool)
    .await
    .step("read room_shares")?;
    let share = |(user_id, name, email, role): (i64, String, String, String)| {
        ShareRole::parse(&role).map(|role| Share { user_id, name, email, role })
    };
    Ok(rows.into_iter().filter_map(share).collect())
}
