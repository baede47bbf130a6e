//! Logging in, with failures counted per account and per client address in the database, so the
//! limit holds across every portal process.
use super::{password, users};
use crate::accounts::model::{self, Status};
use crate::db::Pool;
use crate::error::{AppError, AppResult, FieldErrors, Msg};
use crate::limits::Limit;

/// Failures allowed within [`WINDOW`] before an account or address must wait.
pub const MAX_PER_ACCOUNT: i64 = 5;
pub const MAX_PER_ADDRESS: i64 = 20;
pub const WINDOW: i64 = 15 * 60;

const PER_ACCOUNT: Limit = Limit { scope: "login_account", max: MAX_PER_ACCOUNT, window: WINDOW };
const PER_ADDRESS: Limit = Limit { scope: "login_address", max: MAX_PER_ADDRESS, window: WINDOW };

/// Checks the credentials and the account's state; returns the member to sign in.
pub async fn login(pool: &Pool, email: &str, password_given: &str, address: &str) -> AppResult<users::User> {
    let mut errors = FieldErrors::default();
    model::check_email(&mut errors, "email", email);
    if password_given.is_empty() {
        errors.add("password", Msg::new("field.password.required"));
    }
    errors.into_result()?;
    let email = model::normalize_email(email);
    PER_ADDRESS.check(pool, address).await?;
    PER_ACCOUNT.check(pool, &email).await?;

    let user = users::by_email(pool, &email).await?;
    let matches = match &user {
        Some(u) => password::verify(password_given, &u.password_hash).await?,
        None => {
            password::verify_dummy(password_given).await?;
            false
        }
    };
    let Some(user) = user.filter(|_| matches) else {
        PER_ACCOUNT.record(pool, &email).await?;
        PER_ADDRESS.record(pool, address).await?;
        return Err(AppError::Refused(Msg::new("login.bad_credentials")));
    };
    match user.status() {
        Status::Suspended => return Err(AppError::Refused(Msg::new("login.suspended"))),
        _ if !user.is_verified() => return Err(AppError::Refused(Msg::new("login.unverified"))),
        Status::Pending => return Err(AppError::Refused(Msg::new("login.pending"))),
        Status::Active => {}
    }
    PER_ACCOUNT.clear(pool, &email).await?;
    Ok(user)
}
