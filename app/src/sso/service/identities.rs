//! Who a provider's verified identity signs in as (`sso_identities`, written only here). An
//! identity is its issuer and subject, which OpenID Connect makes unique together: a provider's
//! slug pointed at another issuer finds none of the old issuer's members.
//! - the member it was linked to before signs in;
//! - a signed-in member who started this sign-in links it to their account (their consent);
//! - else, for a verified email, the member with that email is never linked silently, with or
//!   without a password: a link is mailed to them (`confirm`), and following it links and signs in;
//! - else a new member, under the registration mode.
//!
//! Every link to an existing account is mailed to its owner and written to the security log.
use super::confirm;
use crate::accounts::model::Status;
use crate::accounts::service::auth;
use crate::accounts::service::{User, emails, registration, users};
use crate::error::Step;
use crate::error::{AppError, AppResult, Msg};
use crate::i18n::Lang;
use crate::security_log::{self, Event};
use crate::state::AppState;
use serde::{Deserialize, Serialize};
use sqlx::{Any, Transaction};
use tower_sessions::Session;

/// Kept in the session of a member signed in through a provider, to sign out there too.
const SIGNED_IN_KEY: &str = "sso_signed_in";

/// What a provider vouched for, its ID token verified.
#[derive(Debug, Clone)]
pub struct Identity {
    /// The provider's slug: where the member signed in.
    pub provider: String,
    /// The provider's label, as mails name it.
    pub label: String,
    pub issuer: String,
    pub subject: String,
    pub email: Option<String>,
    pub verified: bool,
    pub name: Option<String>,
    pub id_token: String,
}

/// Where the sign-in ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Signed in; the member's language, for the language cookie.
    SignedIn { language: String },
    /// A new account that waits for an admin's approval.
    Pending,
    /// The email has an account here: its owner was mailed a link that links the provider.
    LinkMailed,
    /// The signed-in member linked the provider to their account.
    Linked,
}

/// The provider and ID token of this session's sign-in, for signing out at the provider.
#[derive(Serialize, Deserialize)]
pub struct SignedIn {
    pub provider: String,
    pub id_token: String,
}

/// The member an identity was linked to, if any.
#[tracing::instrument(name = "sso.identities.linked", level = "error", skip_all)]
pub async fn linked(ctx: &AppState, issuer: &str, subject: &str) -> AppResult<Option<i64>> {
    sqlx::query_scalar("SELECT user_id FROM sso_identities WHERE issuer = $1 AND subject = $2")
        .bind(issuer)
        .bind(subject)
        .fetch_optional(&ctx.pool)
        .await
        .step("read sso_identities")
}

/// Signs `who` in (or says why not); a new member gets `lang` as their language. `member` is the
/// signed-in member who started this sign-in, if any: they link the identity to their account.
#[tracing::instrument(name = "sso.identities.resolve", level = "error", skip_all)]
pub async fn resolve(
    ctx: &AppState,
    session: &Session,
    who: &Identity,
    member: Option<User>,
    address: &str,
    lang: Lang,
) -> AppResult<Outcome> {
    let user = match (linked(ctx, &who.issuer, &who.subject).await?, member) {
        (Some(id), Some(member)) if id != member.id => {
            return Err(AppError::Refused(Msg::new("sso.linked_elsewhere")));
        }
        (Some(_), Some(_)) => return Ok(Outcome::Linked),
        (None, Some(member)) => {
            let mut tx = crate::db::begin(&ctx.pool).await?;
            link(&mut tx, ctx, who, &member, address).await?;
            tx.commit().await?;
            ctx.mailer.wake();
            return Ok(Outcome::Linked);
        }
        (Some(id), None) => users::by_id(&ctx.pool, id).await?.ok_or(AppError::NotFound)?,
        (None, None) => {
            let email = match (&who.email, who.verified) {
                (Some(email), true) => crate::accounts::model::normalize_email(email),
                _ => return Err(AppError::Refused(Msg::new("sso.unverified"))),
            };
            if let Some(owner) = users::by_email(&ctx.pool, &email).await? {
                confirm::request(ctx, who, &owner, &email).await?;
                return Ok(Outcome::LinkMailed);
            }
            let name = who.name.clone().unwrap_or_default();
            let mode = registration::mode(&ctx.pool).await?;
            let mode = crate::accounts::service::domains::mode_for(&ctx.pool, &email, mode).await?;
            let mut tx = crate::db::begin(&ctx.pool).await?;
            let id = registration::from_provider(ctx, &mut tx, &email, &name, lang, mode).await?;
            insert(&mut tx, ctx, who, id, &email).await?;
            tx.commit().await?;
            users::by_id(&ctx.pool, id).await?.ok_or(AppError::NotFound)?
        }
    };
    match user.status() {
        Status::Suspended => return Err(AppError::Refused(Msg::new("login.suspended"))),
        Status::Pending => return Ok(Outcome::Pending),
        Status::Active => {}
    }
    sign_in(ctx, session, who, &user, address).await?;
    Ok(Outcome::SignedIn { language: user.language })
}

/// Starts `user`'s session after a provider vouched for them.
#[tracing::instrument(name = "sso.identities.sign_in", level = "error", skip_all)]
pub async fn sign_in(ctx: &AppState, session: &Session, who: &Identity, user: &User, address: &str) -> AppResult<()> {
    auth::sign_in_to(session, user, false, ctx.clock.now()).await?;
    // A sign-in by a mailed link has no ID token: there is no provider session to end.
    if !who.id_token.is_empty() {
        let signed_in = SignedIn { provider: who.provider.clone(), id_token: who.id_token.clone() };
        session.insert(SIGNED_IN_KEY, signed_in).await?;
    }
    let event =
        Event { kind: "login.sso", actor_id: Some(user.id), subject: &user.email, address, detail: &who.provider };
    security_log::record(&ctx.pool, &ctx.clock, event).await
}

async fn insert(
    tx: &mut Transaction<'static, Any>,
    ctx: &AppState,
    who: &Identity,
    user_id: i64,
    email: &str,
) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO sso_identities (issuer, subject, provider, user_id, email, linked_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&who.issuer)
    .bind(&who.subject)
    .bind(&who.provider)
    .bind(user_id)
    .bind(email)
    .bind(ctx.clock.now().secs())
    .execute(&mut **tx)
    .await
    .step("insert into sso_identities")?;
    Ok(())
}

/// Links `who` to an existing account with its owner's consent, replacing an earlier identity of
/// theirs at that provider; the owner is mailed (in the same transaction) and it is in the
/// security log.
#[tracing::instrument(name = "sso.identities.link", level = "error", skip_all)]
pub async fn link(
    tx: &mut Transaction<'static, Any>,
    ctx: &AppState,
    who: &Identity,
    user: &User,
    address: &str,
) -> AppResult<()> {
    sqlx::query("DELETE FROM sso_identities WHERE provider = $1 AND user_id = $2")
        .bind(&who.provider)
        .bind(user.id)
        .execute(&mut **tx)
        .await
        .step("delete from sso_identities")?;
    let email = who.email.as_deref().map(crate::accounts::model::normalize_email).unwrap_or_default();
    insert(tx, ctx, who, user.id, &email).await?;
    let mail = emails::sso_linked(user.lang(), &user.email, &user.name, &ctx.base_url, &who.label);
    crate::mail::enqueue(tx, ctx.clock.now(), &mail).await?;
    let event =
        Event { kind: "sso.linked", actor_id: Some(user.id), subject: &user.email, address, detail: &who.provider };
    security_log::record(&mut **tx, &ctx.clock, event).await
}

/// At start: identities linked through a provider of the configuration file before identities
/// had issuers (the migration could not know them) take that provider's issuer.
#[tracing::instrument(name = "sso.identities.adopt_configured", level = "error", skip_all)]
pub async fn adopt_configured(ctx: &AppState) -> AppResult<()> {
    for provider in &ctx.sso.configured.providers {
        sqlx::query("UPDATE sso_identities SET issuer = $1 WHERE provider = $2 AND issuer = ''")
            .bind(&provider.issuer)
            .bind(&provider.slug)
            .execute(&ctx.pool)
            .await
            .step("update sso_identities")?;
    }
    Ok(())
}

/// Takes this session's provider sign-in out, when signing out.
#[tracing::instrument(name = "sso.identities.take_signed_in", level = "error", skip_all)]
pub async fn take_signed_in(session: &Session) -> AppResult<Option<SignedIn>> {
    session.remove(SIGNED_IN_KEY).await.map_err(AppError::from)
}
