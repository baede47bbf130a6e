//! Logging in. Attempts are reserved per account and per client address before the password is
//! checked, so a parallel burst cannot slip past the limit; the right password forgives them.
use super::{password, users};
use crate::accounts::model::{self, Status};
use crate::clock::Clock;
use crate::db::Pool;
use crate::error::{AppError, AppResult, FieldErrors, Msg};
use crate::limits::{self, Limit};
use crate::security_log::{self, Event};

/// Failures allowed within [`WINDOW`] before an account or address must wait.
pub const MAX_PER_ACCOUNT: i64 = 5;
pub const MAX_PER_ADDRESS: i64 = 20;
pub const WINDOW: i64 = 15 * 60;

const PER_ACCOUNT: Limit = Limit { scope: "login_account", max: MAX_PER_ACCOUNT, window: WINDOW };
const PER_ADDRESS: Limit = Limit { scope: "login_address", max: MAX_PER_ADDRESS, window: WINDOW };

/// Checks the credentials and the account's state; returns the member to sign in.
#[tracing::instrument(name = "accounts.login.login", level = "error", skip_all)]
pub async fn login(
    pool: &Pool,
    clock: &Clock,
    email: &str,
    password_given: &str,
    address: &str,
) -> AppResult<users::User> {
    let mut errors = FieldErrors::default();
    model::check_email(&mut errors, "email", email);
    if password_given.is_empty() {
        errors.add("password", Msg::new("field.password.required"));
    }
    errors.into_result()?;
    let email = model::normalize_email(email);
    let attempts = match limits::reserve_all(pool, clock, &[(PER_ADDRESS, address), (PER_ACCOUNT, &email)]).await {
        Ok(attempts) => attempts,
        Err(e) => {
            let event = Event { kind: "login.locked", subject: &email, address, ..Default::default() };
            security_log::record(pool, clock, event).await?;
            return Err(e);
        }
    };
    let user = users::by_email(pool, &email).await?;
    // An account without a password (it signs in through a provider) costs one check against a
    // throwaway digest, as an unknown address does and as a wrong password does: how long the
    // refusal takes tells nobody which of the three it was.
    let matches = match user.as_ref().filter(|u| !u.password_hash.is_empty()) {
        Some(u) => password::verify(password_given, &u.password_hash).await?,
        None => {
            password::verify_dummy(password_given).await?;
            false
        }
    };
    let Some(user) = user.filter(|_| matches) else {
        let event = Event { kind: "login.failed", subject: &email, address, ..Default::default() };
        security_log::record(pool, clock, event).await?;
        return Err(AppError::Refused(Msg::new("login.bad_credentials")));
    };
    limits::forgive_all(pool, attempts).await?;
    PER_ACCOUNT.clear(pool, &email).await?;
    match user.status() {
        Status::Suspended => return Err(AppError::Refused(Msg::new("login.suspended"))),
        _ if !user.is_verified() => return Err(AppError::Refused(Msg::new("login.unverified"))),
        Status::Pending => return Err(AppError::Refused(Msg::new("login.pending"))),
        Status::Active => {}
    }
    if password::outdated(&user.password_hash) {
        let fresh = password::hash(password_given).await?;
        users::replace_hash(pool, user.id, &user.password_hash, &fresh).await?;
    }
    let event = Event { kind: "login.ok", actor_id: Some(user.id), subject: &email, address, ..Default::default() };
    security_log::record(pool, clock, event).await?;
    Ok(user)
}
