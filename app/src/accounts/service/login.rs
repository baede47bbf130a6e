//! Logging in, with failures counted per account and per client address in the database, so the
//! limit holds across every portal process.
use super::{password, users};
use crate::accounts::model::{self, Status};
use crate::db::{self, Pool};
use crate::error::{AppError, AppResult, FieldErrors, Msg};

/// Failures allowed within [`WINDOW`] before an account or address must wait.
pub const MAX_PER_ACCOUNT: i64 = 5;
pub const MAX_PER_ADDRESS: i64 = 20;
pub const WINDOW: i64 = 15 * 60;

#[derive(Debug, Clone, Copy)]
enum Scope {
    Account,
    Address,
}

impl Scope {
    fn as_str(self) -> &'static str {
        match self {
            Scope::Account => "login_account",
            Scope::Address => "login_address",
        }
    }
}

/// `Err(RateLimited)` with whole minutes to wait when `subject` failed `max` times in the window.
async fn check_limit(pool: &Pool, scope: Scope, subject: &str, max: i64) -> AppResult<()> {
    let since = db::now() - WINDOW;
    let (count, oldest): (i64, Option<i64>) =
        sqlx::query_as("SELECT COUNT(*), MIN(at) FROM auth_failures WHERE scope = $1 AND subject = $2 AND at > $3")
            .bind(scope.as_str())
            .bind(subject)
            .bind(since)
            .fetch_one(pool)
            .await?;
    if count >= max {
        let wait = oldest.unwrap_or(since) + WINDOW - db::now();
        return Err(AppError::RateLimited { minutes: (wait.max(1) + 59) / 60 });
    }
    Ok(())
}

async fn record_failure(pool: &Pool, email: &str, address: &str) -> AppResult<()> {
    let now = db::now();
    let mut tx = crate::db::begin(pool).await?;
    for (scope, subject) in [(Scope::Account, email), (Scope::Address, address)] {
        sqlx::query("INSERT INTO auth_failures (scope, subject, at) VALUES ($1, $2, $3)")
            .bind(scope.as_str())
            .bind(subject)
            .bind(now)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("DELETE FROM auth_failures WHERE at < $1").bind(now - WINDOW).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(())
}

/// Checks the credentials and the account's state; returns the member to sign in.
pub async fn login(pool: &Pool, email: &str, password_given: &str, address: &str) -> AppResult<users::User> {
    let mut errors = FieldErrors::default();
    model::check_email(&mut errors, "email", email);
    if password_given.is_empty() {
        errors.add("password", Msg::new("field.password.required"));
    }
    errors.into_result()?;
    let email = model::normalize_email(email);
    check_limit(pool, Scope::Address, address, MAX_PER_ADDRESS).await?;
    check_limit(pool, Scope::Account, &email, MAX_PER_ACCOUNT).await?;

    let user = users::by_email(pool, &email).await?;
    let matches = match &user {
        Some(u) => password::verify(password_given, &u.password_hash).await?,
        None => {
            password::verify_dummy(password_given).await?;
            false
        }
    };
    let Some(user) = user.filter(|_| matches) else {
        record_failure(pool, &email, address).await?;
        return Err(AppError::Refused(Msg::new("login.bad_credentials")));
    };
    match user.status() {
        Status::Suspended => return Err(AppError::Refused(Msg::new("login.suspended"))),
        _ if !user.is_verified() => return Err(AppError::Refused(Msg::new("login.unverified"))),
        Status::Pending => return Err(AppError::Refused(Msg::new("login.pending"))),
        Status::Active => {}
    }
    sqlx::query("DELETE FROM auth_failures WHERE scope = $1 AND subject = $2")
        .bind(Scope::Account.as_str())
        .bind(&email)
        .execute(pool)
        .await?;
    Ok(user)
}
