use crate::accounts::model::admin::{AccountAction, AccountRow, PAGE_SIZE};
use crate::accounts::model::{self, Role, Status};
use crate::accounts::service::{emails, password, registration, users};
use crate::clock::Timestamp;
use crate::db::Pool;
use crate::error::{AppError, AppResult, FieldErrors, Msg};
use crate::mail;
use crate::state::AppState;

/// Accounts whose name or email contains `query` (any case), newest first; `status` narrows it.
pub async fn list(pool: &Pool, query: &str, status: Option<Status>, page: i64) -> AppResult<Vec<AccountRow>> {
    let pattern = format!("%{}%", query.trim().to_lowercase().replace(['%', '_'], ""));
    let rows = sqlx::query_as(
        "SELECT id, name, email, role, status, email_verified_at, created_at FROM users
         WHERE (LOWER(name) LIKE $1 OR email LIKE $1) AND ($2 = '' OR status = $2)
         ORDER BY id DESC LIMIT $3 OFFSET $4",
    )
    .bind(pattern)
    .bind(status.map_or("", Status::as_str))
    .bind(PAGE_SIZE)
    .bind(page.max(0) * PAGE_SIZE)
    .fetch_all(pool)
    .await?;
    Ok(rows)
}

/// Applies one admin action. An admin cannot suspend or demote themselves, so a co-op never locks
/// itself out by a slip of the mouse; nor can two admins do it to each other at the same moment
/// (see [`change_admin`]). Role and status changes go to the security log.
pub async fn apply(ctx: &AppState, admin: &users::User, target: i64, action: AccountAction) -> AppResult<()> {
    let (pool, base_url) = (&ctx.pool, &ctx.base_url);
    let user = users::by_id(pool, target).await?.ok_or(AppError::NotFound)?;
    let own = user.id == admin.id;
    match action {
        AccountAction::Approve => {
            if user.status() != Status::Pending {
                return Err(AppError::Refused(Msg::new("admin.not_pending")));
            }
            let mut tx = crate::db::begin(pool).await?;
            sqlx::query("UPDATE users SET status = 'active' WHERE id = $1").bind(user.id).execute(&mut *tx).await?;
            mail::enqueue(&mut tx, ctx.clock.now(), &emails::approved(user.lang(), &user.email, &user.name, base_url))
                .await?;
            tx.commit().await?;
        }
        AccountAction::Suspend if own => {
            return Err(AppError::Refused(Msg::new("admin.not_yourself")));
        }
        AccountAction::Suspend => {
            let sql = "UPDATE users SET status = 'suspended', session_epoch = session_epoch + 1 WHERE id = $1";
            change_admin(pool, user.id, sql, None).await?;
            crate::edge::audit(ctx, admin.id, "account.status", &user.email, "suspended").await?;
        }
        AccountAction::Reactivate => {
            sqlx::query("UPDATE users SET status = 'active' WHERE id = $1 AND status = 'suspended'")
                .bind(user.id)
                .execute(pool)
                .await?;
            crate::edge::audit(ctx, admin.id, "account.status", &user.email, "active").await?;
        }
        AccountAction::MakeAdmin | AccountAction::MakeMember if own => {
            return Err(AppError::Refused(Msg::new("admin.not_yourself")));
        }
        AccountAction::MakeAdmin | AccountAction::MakeMember => {
            let role = if action == AccountAction::MakeAdmin { Role::Admin } else { Role::Member };
            change_admin(pool, user.id, "UPDATE users SET role = $2 WHERE id = $1", Some(role.as_str())).await?;
            crate::edge::audit(ctx, admin.id, "account.role", &user.email, role.as_str()).await?;
        }
        AccountAction::ResendVerification => {
            if user.is_verified() {
                return Err(AppError::Refused(Msg::new("admin.already_verified")));
            }
            registration::send_verification(ctx, &user).await?;
        }
    }
    users::changed(user.id);
    Ok(())
}

/// Runs `sql` (over `$1` = the account and optionally `$2`) in a transaction that first locks every
/// active admin and refuses when none would be left: two admins demoting or suspending each other
/// at once cannot both succeed. SQLite's `BEGIN IMMEDIATE` serialises the writers; PostgreSQL's
/// `FOR UPDATE` makes the second wait and then see the first's change.
async fn change_admin(pool: &Pool, target: i64, sql: &str, arg: Option<&str>) -> AppResult<()> {
    let mut tx = crate::db::begin(pool).await?;
    let lock =
        format!("SELECT id FROM users WHERE role = 'admin' AND status = 'active'{}", crate::db::for_update(pool));
    let admins: Vec<i64> = sqlx::query_scalar(&lock).fetch_all(&mut *tx).await?;
    let mut query = sqlx::query(sql).bind(target);
    if let Some(arg) = arg {
        query = query.bind(arg);
    }
    query.execute(&mut *tx).await?;
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE role = 'admin' AND status = 'active'")
        .fetch_one(&mut *tx)
        .await?;
    if left == 0 && !admins.is_empty() {
        tx.rollback().await?;
        return Err(AppError::Refused(Msg::new("account.last_admin")));
    }
    tx.commit().await?;
    Ok(())
}

/// Creates (or promotes) the first admin, from the command line: verified and active at once.
pub async fn create_admin(
    pool: &Pool,
    now: Timestamp,
    email: &str,
    name: &str,
    password_plain: &str,
) -> AppResult<i64> {
    let mut errors = FieldErrors::default();
    model::check_email(&mut errors, "email", email);
    model::check_name(&mut errors, "name", name);
    model::check_password(&mut errors, "password", password_plain, email);
    errors.into_result()?;
    let hash = password::hash(password_plain).await?;
    if let Some(existing) = users::by_email(pool, email).await? {
        sqlx::query(
            "UPDATE users SET role = 'admin', status = 'active', password_hash = $1,
             email_verified_at = COALESCE(email_verified_at, $2) WHERE id = $3",
        )
        .bind(hash)
        .bind(now.secs())
        .bind(existing.id)
        .execute(pool)
        .await?;
        users::changed(existing.id);
        return Ok(existing.id);
    }
    let new = users::NewUser {
        email,
        name,
        password_hash: &hash,
        role: Role::Admin,
        status: Status::Active,
        verified: true,
        language: "en",
        at: now,
    };
    users::insert(pool, new).await
}
