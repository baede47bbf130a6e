//! Forgotten passwords: an emailed single-use link that expires in an hour.
use super::tokens::{self, Purpose};
use super::{emails, password, users};
use crate::accounts::model::{self, Status};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::limits::{self, Limit};
use crate::mail;
use crate::security_log::{self, Event};
use crate::state::AppState;

const RESET_PER_ADDRESS: Limit = Limit { scope: "reset_address", max: 20, window: 3600 };
const RESET_PER_EMAIL: Limit = Limit { scope: "reset_email", max: 5, window: 3600 };

/// Sends a reset link when the address belongs to an account that may log in. The caller answers the
/// same whether or not it does, so the form reveals nothing about who is registered.
#[tracing::instrument(name = "accounts.recovery.request_reset", level = "error", skip_all)]
pub async fn request_reset(ctx: &AppState, email: &str, address: &str) -> AppResult<()> {
    crate::accounts::service::passwords::require(ctx).await?;
    let (pool, base_url) = (&ctx.pool, &ctx.base_url);
    let mut errors = FieldErrors::default();
    model::check_email(&mut errors, "email", email);
    errors.into_result()?;
    let email = model::normalize_email(email);
    let limits = [(RESET_PER_ADDRESS, address), (RESET_PER_EMAIL, email.as_str())];
    let _counted = limits::reserve_all(pool, &ctx.clock, &limits).await?;
    let Some(user) = users::by_email(pool, &email).await? else {
        return Ok(());
    };
    if user.status() == Status::Suspended {
        return Ok(());
    }
    let mut tx = crate::db::begin(pool).await?;
    let now = ctx.clock.now();
    let token = tokens::issue(&mut tx, now, user.id, Purpose::Reset, None).await?;
    mail::enqueue(&mut tx, now, &emails::reset(user.lang(), &user.email, &user.name, base_url, &token)).await?;
    tx.commit().await?;
    Ok(())
}

/// Sets the new password, ends every session of the account, and marks the address verified (the
/// member just proved they read it).
#[tracing::instrument(name = "accounts.recovery.reset_password", level = "error", skip_all)]
pub async fn reset_password(ctx: &AppState, token: &str, new_password: &str, address: &str) -> AppResult<()> {
    let (pool, now) = (&ctx.pool, ctx.clock.now());
    let mut tx = crate::db::begin(pool).await?;
    // A reset link, or the first password of an account an admin made (the same form).
    let (user_id, purpose) = match tokens::peek(&mut tx, now, token, Purpose::Reset).await {
        Ok(found) => (found.user_id, Purpose::Reset),
        Err(reset) => match tokens::peek(&mut tx, now, token, Purpose::Welcome).await {
            Ok(found) => (found.user_id, Purpose::Welcome),
            // Say what is wrong with the link it is (used, expired), not that it is no reset link.
            Err(welcome) => {
                let unknown = |e: &AppError| matches!(e, AppError::Refused(m) if m.key == "token.invalid");
                return Err(if unknown(&reset) { welcome } else { reset });
            }
        },
    };
    let user = users::by_id(&mut *tx, user_id).await?.ok_or(crate::error::AppError::NotFound)?;
    tx.rollback().await?;

    let mut errors = FieldErrors::default();
    model::check_password(&mut errors, "password", new_password, &user.email);
    errors.into_result()?;
    let hash = password::hash(new_password).await?;

    let mut tx = crate::db::begin(pool).await?;
    tokens::redeem(&mut tx, now, token, purpose).await?;
    users::reset_password(&mut *tx, user.id, &hash, now).await?;
    let event = Event { kind: "password.reset", actor_id: Some(user.id), subject: &user.email, address, detail: "" };
    security_log::record(&mut *tx, &ctx.clock, event).await?;
    mail::enqueue(&mut tx, now, &emails::password_changed(user.lang(), &user.email, &user.name, &ctx.base_url)).await?;
    tx.commit().await?;
    users::changed(user.id);
    Ok(())
}
