//! What a member changes about themselves: profile, password, email, and leaving.
use super::tokens::{self, Purpose};
use super::{emails, password, users};
use crate::accounts::model;
use crate::db::Pool;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::mail;
use crate::security_log::{self, Event};
use crate::state::AppState;

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ProfileInput {
    pub name: String,
    pub language: String,
    pub time_zone: String,
}

#[tracing::instrument(name = "accounts.profile.update_profile", level = "error", skip_all)]
pub async fn update_profile(pool: &Pool, user_id: i64, input: &ProfileInput) -> AppResult<()> {
    let mut errors = FieldErrors::default();
    model::check_name(&mut errors, "name", &input.name);
    model::check_language(&mut errors, "language", &input.language);
    model::check_time_zone(&mut errors, "time_zone", &input.time_zone);
    errors.into_result()?;
    users::set_profile(pool, user_id, input.name.trim(), &input.language, input.time_zone.trim()).await?;
    users::changed(user_id);
    Ok(())
}

async fn check_current(user: &users::User, current: &str) -> AppResult<()> {
    if password::verify(current, &user.password_hash).await? {
        Ok(())
    } else {
        Err(AppError::field("current_password", "field.current_password.wrong"))
    }
}

/// Changes the password, ends the member's other sessions and tells their address; returns the new
/// session epoch for the session that made the change.
#[tracing::instrument(name = "accounts.profile.change_password", level = "error", skip_all)]
pub async fn change_password(
    ctx: &AppState,
    user: &users::User,
    current: &str,
    new: &str,
    address: &str,
) -> AppResult<i64> {
    let mut errors = FieldErrors::default();
    model::check_password(&mut errors, "new_password", new, &user.email);
    errors.into_result()?;
    check_current(user, current).await?;
    let hash = password::hash(new).await?;
    let mut tx = crate::db::begin(&ctx.pool).await?;
    users::set_password(&mut *tx, user.id, &hash).await?;
    let event = Event { kind: "password.changed", actor_id: Some(user.id), subject: &user.email, address, detail: "" };
    security_log::record(&mut *tx, &ctx.clock, event).await?;
    mail::enqueue(
        &mut tx,
        ctx.clock.now(),
        &emails::password_changed(user.lang(), &user.email, &user.name, &ctx.base_url),
    )
    .await?;
    tx.commit().await?;
    users::changed(user.id);
    Ok(user.session_epoch + 1)
}

/// Sends a confirmation link to the new address; the email changes only when it is opened.
#[tracing::instrument(name = "accounts.profile.request_email_change", level = "error", skip_all)]
pub async fn request_email_change(ctx: &AppState, user: &users::User, new_email: &str, current: &str) -> AppResult<()> {
    let mut errors = FieldErrors::default();
    model::check_email(&mut errors, "new_email", new_email);
    errors.into_result()?;
    let new_email = model::normalize_email(new_email);
    if new_email == user.email {
        return Err(AppError::field("new_email", "field.email.same"));
    }
    check_current(user, current).await?;
    send_email_change(ctx, user, &new_email, "new_email").await
}

/// Mails a confirmation link to `new_email` (normalised) unless another account has it (an error
/// on `field`); the address changes when the link is opened. A member's own request, or an admin's.
pub(crate) async fn send_email_change(
    ctx: &AppState,
    user: &users::User,
    new_email: &str,
    field: &str,
) -> AppResult<()> {
    let (pool, base_url) = (&ctx.pool, &ctx.base_url);
    if users::by_email(pool, new_email).await?.is_some() {
        return Err(AppError::field(field, "field.email.taken"));
    }
    let mut tx = crate::db::begin(pool).await?;
    let now = ctx.clock.now();
    let token = tokens::issue(&mut tx, now, user.id, Purpose::EmailChange, Some(new_email)).await?;
    mail::enqueue(&mut tx, now, &emails::email_change(user.lang(), new_email, &user.name, base_url, &token)).await?;
    tx.commit().await?;
    Ok(())
}

/// Moves the account to its new address and tells the old one, which may not have asked for it.
#[tracing::instrument(name = "accounts.profile.confirm_email_change", level = "error", skip_all)]
pub async fn confirm_email_change(ctx: &AppState, token: &str, address: &str) -> AppResult<()> {
    let mut tx = crate::db::begin(&ctx.pool).await?;
    let now = ctx.clock.now();
    let redeemed = tokens::redeem(&mut tx, now, token, Purpose::EmailChange).await?;
    let new_email =
        redeemed.new_email.ok_or_else(|| AppError::internal("an email-change token without its address"))?;
    let old = users::by_id(&mut *tx, redeemed.user_id).await?.ok_or(AppError::NotFound)?;
    users::set_email(&mut *tx, redeemed.user_id, &new_email, now).await?;
    let detail = format!("{} → {new_email}", old.email);
    let event = Event { kind: "email.changed", actor_id: Some(old.id), subject: &old.email, address, detail: &detail };
    security_log::record(&mut *tx, &ctx.clock, event).await?;
    mail::enqueue(&mut tx, now, &emails::email_changed(old.lang(), &old.email, &old.name, &new_email)).await?;
    tx.commit().await?;
    users::changed(old.id);
    Ok(())
}

/// Whether the member may delete their account now: they confirm with their password, and the
/// last admin cannot leave. Their rooms go first (the pages layer retires each), then [`delete`].
#[tracing::instrument(name = "accounts.profile.check_deletable", level = "error", skip_all)]
pub async fn check_deletable(ctx: &AppState, user: &users::User, current: &str) -> AppResult<()> {
    check_current(user, current).await?;
    check_removable(ctx, user).await
}

/// Whether the account may go at all: the last admin may not.
pub async fn check_removable(ctx: &AppState, user: &users::User) -> AppResult<()> {
    if user.role() == model::Role::Admin && users::count_admins(&ctx.pool).await? <= 1 {
        return Err(AppError::Refused(crate::error::Msg::new("account.last_admin")));
    }
    Ok(())
}

/// Deletes the account, once [`check_deletable`] passed and its rooms are retired.
#[tracing::instrument(name = "accounts.profile.delete", level = "error", skip_all)]
pub async fn delete(ctx: &AppState, user: &users::User, address: &str) -> AppResult<()> {
    let mut tx = crate::db::begin(&ctx.pool).await?;
    users::delete(&mut *tx, user.id).await?;
    let event = Event { kind: "account.deleted", subject: &user.email, address, ..Default::default() };
    security_log::record(&mut *tx, &ctx.clock, event).await?;
    tx.commit().await?;
    users::changed(user.id);
    Ok(())
}
