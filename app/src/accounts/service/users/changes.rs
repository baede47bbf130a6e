//! Every change to an account's row besides creating it: profile, password, email, verification,
//! status and role, deletion. The steps of accounts' service (sign-up, recovery, the profile, the
//! admins' actions) call these in their own transactions, so `users` has this one writer.
use super::changed;
use crate::accounts::model::Role;
use crate::clock::Timestamp;
use crate::db::{self, Pool};
use crate::error::Step;
use crate::error::{AppError, AppResult, Msg};
use sqlx::{Any, Executor};

#[tracing::instrument(name = "accounts.users.changes.set_profile", level = "error", skip_all)]
pub async fn set_profile<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: i64,
    name: &str,
    language: &str,
    time_zone: &str,
) -> AppResult<()> {
    sqlx::query("UPDATE users SET name = $1, language = $2, time_zone = $3 WHERE id = $4")
        .bind(name)
        .bind(language)
        .bind(time_zone)
        .bind(id)
        .execute(ex)
        .await
        .step("update users")?;
    Ok(())
}

/// A new password; every session of the member ends.
#[tracing::instrument(name = "accounts.users.changes.set_password", level = "error", skip_all)]
pub async fn set_password<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, hash: &str) -> AppResult<()> {
    sqlx::query("UPDATE users SET password_hash = $1, session_epoch = session_epoch + 1 WHERE id = $2")
        .bind(hash)
        .bind(id)
        .execute(ex)
        .await
        .step("update users")?;
    Ok(())
}

/// A password set through a mailed link: the link proved the address too, and every session ends.
#[tracing::instrument(name = "accounts.users.changes.reset_password", level = "error", skip_all)]
pub async fn reset_password<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: i64,
    hash: &str,
    now: Timestamp,
) -> AppResult<()> {
    sqlx::query(
        "UPDATE users SET password_hash = $1, email_verified_at = COALESCE(email_verified_at, $2),
         session_epoch = session_epoch + 1 WHERE id = $3",
    )
    .bind(hash)
    .bind(now.secs())
    .bind(id)
    .execute(ex)
    .await
    .step("update users")?;
    Ok(())
}

/// A confirmed new address; one another account has is a field error on `new_email`.
#[tracing::instrument(name = "accounts.users.changes.set_email", level = "error", skip_all)]
pub async fn set_email<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: i64,
    email: &str,
    now: Timestamp,
) -> AppResult<()> {
    let result = sqlx::query("UPDATE users SET email = $1, email_verified_at = $2 WHERE id = $3")
        .bind(email)
        .bind(now.secs())
        .bind(id)
        .execute(ex)
        .await;
    match result {
        Err(e) if db::is_unique_violation(&e) => Err(AppError::field("new_email", "field.email.taken")),
        other => other.map(|_| ()).map_err(AppError::from),
    }
}

/// The member's address is confirmed now, unless it was already.
#[tracing::instrument(name = "accounts.users.changes.mark_verified", level = "error", skip_all)]
pub async fn mark_verified<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, now: Timestamp) -> AppResult<()> {
    sqlx::query("UPDATE users SET email_verified_at = $1 WHERE id = $2 AND email_verified_at IS NULL")
        .bind(now.secs())
        .bind(id)
        .execute(ex)
        .await
        .step("update users")?;
    Ok(())
}

/// An approved (or otherwise let in) account becomes active.
#[tracing::instrument(name = "accounts.users.changes.activate", level = "error", skip_all)]
pub async fn activate<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> AppResult<()> {
    sqlx::query("UPDATE users SET status = 'active' WHERE id = $1").bind(id).execute(ex).await.step("update users")?;
    Ok(())
}

/// A suspended account is active again (any other status is left as it is).
#[tracing::instrument(name = "accounts.users.changes.reactivate", level = "error", skip_all)]
pub async fn reactivate<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> AppResult<()> {
    sqlx::query("UPDATE users SET status = 'active' WHERE id = $1 AND status = 'suspended'")
        .bind(id)
        .execute(ex)
        .await
        .step("update users")?;
    Ok(())
}

#[tracing::instrument(name = "accounts.users.changes.delete", level = "error", skip_all)]
pub async fn delete<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> AppResult<()> {
    sqlx::query("DELETE FROM users WHERE id = $1").bind(id).execute(ex).await.step("delete from users")?;
    Ok(())
}

/// Made admin from the command line: active, with this password, its address taken as confirmed.
#[tracing::instrument(name = "accounts.users.changes.promote_to_admin", level = "error", skip_all)]
pub async fn promote_to_admin(pool: &Pool, id: i64, hash: &str, now: Timestamp) -> AppResult<()> {
    sqlx::query(
        "UPDATE users SET role = 'admin', status = 'active', password_hash = $1,
         email_verified_at = COALESCE(email_verified_at, $2) WHERE id = $3",
    )
    .bind(hash)
    .bind(now.secs())
    .bind(id)
    .execute(pool)
    .await
    .step("update users")?;
    changed(id);
    Ok(())
}

/// What an admin changes that could leave the co-op without an active admin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdminChange {
    /// Suspended, and signed out everywhere.
    Suspend,
    Role(Role),
}

/// Applies `change` to `target` in a transaction that first locks every active admin and refuses
/// when none would be left: two admins demoting or suspending each other at once cannot both
/// succeed. SQLite's `BEGIN IMMEDIATE` serialises the writers; PostgreSQL's `FOR UPDATE` makes the
/// second wait and then see the first's change.
#[tracing::instrument(name = "accounts.users.changes.change_admin", level = "error", skip_all)]
pub async fn change_admin(pool: &Pool, target: i64, change: AdminChange) -> AppResult<()> {
    let mut tx = crate::db::begin(pool).await?;
    let lock =
        format!("SELECT id FROM users WHERE role = 'admin' AND status = 'active'{}", crate::db::for_update(pool));
    let admins: Vec<i64> = sqlx::query_scalar(&lock).fetch_all(&mut *tx).await.step("read users")?;
    match change {
        AdminChange::Suspend => {
            sqlx::query("UPDATE users SET status = 'suspended', session_epoch = session_epoch + 1 WHERE id = $1")
                .bind(target)
                .execute(&mut *tx)
                .await
                .step("update users")?
        }
        AdminChange::Role(role) => sqlx::query("UPDATE users SET role = $2 WHERE id = $1")
            .bind(target)
            .bind(role.as_str())
            .execute(&mut *tx)
            .await
            .step("update users")?,
    };
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE role = 'admin' AND status = 'active'")
        .fetch_one(&mut *tx)
        .await
        .step("read users")?;
    if left == 0 && !admins.is_empty() {
        tx.rollback().await?;
        return Err(AppError::Refused(Msg::new("account.last_admin")));
    }
    tx.commit().await?;
    Ok(())
}
