//! Single-use, expiring tokens sent by mail (verification, password reset, email change, invitation).
//! Only a SHA-256 of each token is stored, so a leaked database holds no usable link.
use crate::clock::Timestamp;
use crate::error::Step;
use crate::error::{AppError, AppResult, Msg};
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::{Any, Transaction};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Verify,
    Reset,
    EmailChange,
    /// An account an admin made: its owner chooses a password (as a reset does), within a week.
    Welcome,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::Verify => "verify",
            Purpose::Reset => "reset",
            Purpose::EmailChange => "email_change",
            Purpose::Welcome => "welcome",
        }
    }

    /// How long a link of this kind stays valid, in seconds.
    pub fn lifetime(self) -> i64 {
        match self {
            Purpose::Verify => 48 * 3600,
            Purpose::Reset => 3600,
            Purpose::EmailChange => 24 * 3600,
            Purpose::Welcome => 7 * 24 * 3600,
        }
    }
}

pub const INVITATION_LIFETIME: i64 = 7 * 24 * 3600;

pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub fn digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.trim().as_bytes()))
}

/// Issues a new token and withdraws the member's earlier unused ones of the same kind:
/// only the newest link works.
#[tracing::instrument(name = "accounts.tokens.issue", level = "error", skip_all)]
pub async fn issue(
    tx: &mut Transaction<'_, Any>,
    now: Timestamp,
    user_id: i64,
    purpose: Purpose,
    new_email: Option<&str>,
) -> AppResult<String> {
    sqlx::query("DELETE FROM account_tokens WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL")
        .bind(user_id)
        .bind(purpose.as_str())
        .execute(&mut **tx)
        .await
        .step("delete from account_tokens")?;
    let token = new_token();
    let now = now.secs();
    sqlx::query(
        "INSERT INTO account_tokens (token_hash, user_id, purpose, new_email, expires_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(digest(&token))
    .bind(user_id)
    .bind(purpose.as_str())
    .bind(new_email)
    .bind(now + purpose.lifetime())
    .bind(now)
    .execute(&mut **tx)
    .await
    .step("insert into account_tokens")?;
    Ok(token)
}

#[derive(Debug, sqlx::FromRow)]
pub struct Redeemed {
    pub user_id: i64,
    pub new_email: Option<String>,
    expires_at: i64,
    used_at: Option<i64>,
}

/// Looks a token up without using it, telling apart unknown, used and expired links.
#[tracing::instrument(name = "accounts.tokens.peek", level = "error", skip_all)]
pub async fn peek(tx: &mut Transaction<'_, Any>, now: Timestamp, token: &str, purpose: Purpose) -> AppResult<Redeemed> {
    let row: Option<Redeemed> = sqlx::query_as(
        "SELECT user_id, new_email, expires_at, used_at FROM account_tokens WHERE token_hash = $1 AND purpose = $2",
    )
    .bind(digest(token))
    .bind(purpose.as_str())
    .fetch_optional(&mut **tx)
    .await
    .step("read account_tokens")?;
    let row = row.ok_or_else(|| AppError::Refused(Msg::new("token.invalid")))?;
    if row.used_at.is_some() {
        return Err(AppError::Refused(Msg::new("token.used")));
    }
    if row.expires_at <= now.secs() {
        return Err(AppError::Refused(Msg::new("token.expired")));
    }
    Ok(row)
}

/// Uses a token once; a second use (even a concurrent one) is refused.
#[tracing::instrument(name = "accounts.tokens.redeem", level = "error", skip_all)]
pub async fn redeem(
    tx: &mut Transaction<'_, Any>,
    now: Timestamp,
    token: &str,
    purpose: Purpose,
) -> AppResult<Redeemed> {
    let row = peek(tx, now, token, purpose).await?;
    let done = sqlx::query("UPDATE account_tokens SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL")
        .bind(now.secs())
        .bind(digest(token))
        .execute(&mut **tx)
        .await
        .step("update account_tokens")?;
    if done.rows_affected() != 1 {
        return Err(AppError::Refused(Msg::new("token.used")));
    }
    Ok(row)
}
