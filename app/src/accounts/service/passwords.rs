//! Whether members may sign in with a password. The configuration file can fix it; otherwise an
//! admin turns it off once a provider signs members in (single sign-on asks, accounts decide).
use crate::db;
use crate::error::{AppError, AppResult, Msg};
use crate::state::AppState;

const PASSWORDS_KEY: &str = "password_login";

/// Whether members may still sign in with a password.
#[tracing::instrument(name = "accounts.passwords.allowed", level = "error", skip_all)]
pub async fn allowed(ctx: &AppState) -> AppResult<bool> {
    if let Some(fixed) = ctx.password_login {
        return Ok(fixed);
    }
    Ok(db::get_setting(&ctx.pool, PASSWORDS_KEY).await?.is_none_or(|v| v != "off"))
}

/// Refuses what only password sign-in needs (signing in, up or resetting with one) while it is off.
#[tracing::instrument(name = "accounts.passwords.require", level = "error", skip_all)]
pub async fn require(ctx: &AppState) -> AppResult<()> {
    if allowed(ctx).await? { Ok(()) } else { Err(AppError::Refused(Msg::new("sso.passwords_off"))) }
}

/// Whether the configuration file decides it (the admin page then cannot change it).
pub fn fixed(ctx: &AppState) -> bool {
    ctx.password_login.is_some()
}

/// Turns password sign-in on or off; the caller has checked that someone can still sign in.
#[tracing::instrument(name = "accounts.passwords.set", level = "error", skip_all)]
pub async fn set(ctx: &AppState, on: bool) -> AppResult<()> {
    if fixed(ctx) {
        return Err(AppError::Refused(Msg::new("sso.passwords_in_config")));
    }
    Ok(db::set_setting(&ctx.pool, PASSWORDS_KEY, if on { "on" } else { "off" }).await?)
}
