use crate::accounts::model::admin::{AccountAction, AccountRow, PAGE_SIZE};
use crate::accounts::model::{self, Role, Status};
use crate::accounts::service::{emails, password, registration, users};
use crate::clock::Timestamp;
use crate::db::Pool;
use crate::error::Step;
use crate::error::{AppError, AppResult, FieldErrors, Msg};
use crate::mail;
use crate::state::AppState;

/// Accounts whose name or email contains `query` (any case), newest first; `status` narrows it.
#[tracing::instrument(name = "accounts.admin.list", level = "error", skip_all)]
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
    .await
    .step("read users")?;
    Ok(rows)
}

/// Applies one admin action. An admin cannot suspend or demote themselves, so a co-op never locks
/// itself out by a slip of the mouse; nor can two admins do it to each other at the same moment
/// (see `users::change_admin`). Role and status changes go to the security log.
#[tracing::instrument(name = "accounts.admin.apply", level = "error", skip_all)]
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
            users::activate(&mut *tx, user.id).await?;
            mail::enqueue(&mut tx, ctx.clock.now(), &emails::approved(user.lang(), &user.email, &user.name, base_url))
                .await?;
            tx.commit().await?;
        }
        AccountAction::Suspend if own => {
            return Err(AppError::Refused(Msg::new("admin.not_yourself")));
        }
        AccountAction::Suspend => {
            users::change_admin(pool, user.id, users::AdminChange::Suspend).await?;
            crate::edge::audit(ctx, admin.id, "account.status", &user.email, "suspended").await?;
        }
        AccountAction::Reactivate => {
            users::reactivate(pool, user.id).await?;
            crate::edge::audit(ctx, admin.id, "account.status", &user.email, "active").await?;
        }
        AccountAction::MakeAdmin | AccountAction::MakeMember if own => {
            return Err(AppError::Refused(Msg::new("admin.not_yourself")));
        }
        // A pending account is approved first, a suspended one re-activated: never an admin before.
        AccountAction::MakeAdmin if user.status() != Status::Active => {
            return Err(AppError::Refused(Msg::new("admin.not_active")));
        }
        AccountAction::MakeAdmin | AccountAction::MakeMember => {
            let role = if action == AccountAction::MakeAdmin { Role::Admin } else { Role::Member };
            users::change_admin(pool, user.id, users::AdminChange::Role(role)).await?;
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

/// Creates (or promotes) the first admin, from the command line: verified and active at once.
#[tracing::instrument(name = "accounts.admin.create_admin", level = "error", skip_all)]
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
        users::promote_to_admin(pool, existing.id, &hash, now).await?;
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
        // Made on the command line, where no browser says a zone: the server's UTC.
        time_zone: "UTC",
        at: now,
    };
    users::insert(pool, new).await
}
