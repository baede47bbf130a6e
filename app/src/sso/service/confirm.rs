//! Linking a provider to an existing account by mail (`sso_link_requests`, written only here).
//! A provider vouching for an address that has an account here signs nobody in: the account's
//! owner is mailed a link, and only following it links the provider and signs them in. The token
//! is random, stored as a SHA-256, used once, and expires in an hour; a newer request withdraws
//! the older ones, and an account gets a few such mails an hour at most.
use super::identities::{self, Identity};
use crate::accounts::model::Status;
use crate::accounts::service::tokens::{digest, new_token};
use crate::accounts::service::{User, emails, users};
use crate::error::Step;
use crate::error::{AppError, AppResult, Msg};
use crate::limits::Limit;
use crate::state::AppState;
use tower_sessions::Session;

/// How long a mailed link works.
pub const LIFETIME: i64 = 3600;
/// Mails of this kind an account may get in an hour: a stranger's provider cannot flood the owner.
const PER_ACCOUNT: Limit = Limit { scope: "sso_link_account", max: 3, window: 3600 };

#[derive(sqlx::FromRow)]
struct Request {
    user_id: i64,
    provider: String,
    issuer: String,
    subject: String,
    email: String,
    expires_at: i64,
    used_at: Option<i64>,
}

/// Mails `owner` a link that links `who` (whose verified email is `email`) to their account.
#[tracing::instrument(name = "sso.confirm.request", level = "error", skip_all)]
pub async fn request(ctx: &AppState, who: &Identity, owner: &User, email: &str) -> AppResult<()> {
    let _counted = PER_ACCOUNT.reserve(&ctx.pool, &ctx.clock, &owner.id.to_string()).await?;
    let now = ctx.clock.now();
    let token = new_token();
    let mut tx = crate::db::begin(&ctx.pool).await?;
    sqlx::query("DELETE FROM sso_link_requests WHERE user_id = $1 AND issuer = $2 AND used_at IS NULL")
        .bind(owner.id)
        .bind(&who.issuer)
        .execute(&mut *tx)
        .await
        .step("delete from sso_link_requests")?;
    sqlx::query(
        "INSERT INTO sso_link_requests
           (token_hash, user_id, provider, issuer, subject, email, expires_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(digest(&token))
    .bind(owner.id)
    .bind(&who.provider)
    .bind(&who.issuer)
    .bind(&who.subject)
    .bind(email)
    .bind(now.secs() + LIFETIME)
    .bind(now.secs())
    .execute(&mut *tx)
    .await
    .step("insert into sso_link_requests")?;
    let link = format!("{}/sso/link?token={token}", ctx.base_url);
    let mail = emails::sso_link(owner.lang(), &owner.email, &owner.name, &link, &who.label);
    crate::mail::enqueue(&mut tx, now, &mail).await?;
    tx.commit().await?;
    ctx.mailer.wake();
    Ok(())
}

/// Follows a mailed link: links the provider to the account and signs its owner in. Returns the
/// member's language, for the language cookie.
#[tracing::instrument(name = "sso.confirm.confirm", level = "error", skip_all)]
pub async fn confirm(ctx: &AppState, session: &Session, token: &str, address: &str) -> AppResult<String> {
    let now = ctx.clock.now();
    // Everything read before the transaction takes its connection (one request holds at most one).
    let row: Option<Request> = sqlx::query_as(
        "SELECT user_id, provider, issuer, subject, email, expires_at, used_at
         FROM sso_link_requests WHERE token_hash = $1",
    )
    .bind(digest(token))
    .fetch_optional(&ctx.pool)
    .await
    .step("read sso_link_requests")?;
    let row = row.ok_or_else(|| refused("token.invalid"))?;
    if row.used_at.is_some() {
        return Err(refused("token.used"));
    }
    if row.expires_at <= now.secs() {
        return Err(refused("token.expired"));
    }
    let user = users::by_id(&ctx.pool, row.user_id).await?.ok_or(AppError::NotFound)?;
    match user.status() {
        Status::Suspended => return Err(refused("login.suspended")),
        Status::Pending => return Err(refused("login.pending")),
        Status::Active => {}
    }
    let label = super::providers::get(ctx, &row.provider).await?.map_or_else(|| row.provider.clone(), |p| p.label);
    let who = Identity {
        provider: row.provider,
        label,
        issuer: row.issuer,
        subject: row.subject,
        email: Some(row.email),
        verified: true,
        name: None,
        id_token: String::new(),
    };
    let mut tx = crate::db::begin(&ctx.pool).await?;
    // Used once, even by two requests at the same instant.
    let used = sqlx::query("UPDATE sso_link_requests SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL")
        .bind(now.secs())
        .bind(digest(token))
        .execute(&mut *tx)
        .await
        .step("update sso_link_requests")?;
    if used.rows_affected() != 1 {
        return Err(refused("token.used"));
    }
    let taken: Option<i64> =
        sqlx::query_scalar("SELECT user_id FROM sso_identities WHERE issuer = $1 AND subject = $2")
            .bind(&who.issuer)
            .bind(&who.subject)
            .fetch_optional(&mut *tx)
            .await
            .step("read sso_identities")?;
    match taken {
        Some(id) if id != user.id => return Err(refused("sso.linked_elsewhere")),
        Some(_) => {}
        None => identities::link(&mut tx, ctx, &who, &user, address).await?,
    }
    tx.commit().await?;
    ctx.mailer.wake();
    identities::sign_in(ctx, session, &who, &user, address).await?;
    Ok(user.language)
}

fn refused(key: &str) -> AppError {
    AppError::Refused(Msg::new(key))
}
