//! Who a provider's verified identity signs in as (`sso_identities`, written only here):
//! - the member it was linked to before;
//! - else, for a verified email, the member with that email when their account has no password
//!   (created by single sign-on, or imported from a legacy instance where it was external);
//! - a member with that email and a password is never linked silently: they log in with the
//!   password once, which links it (`link_pending`), and are told by mail;
//! - else a new member, under the registration mode.
use crate::accounts::auth;
use crate::accounts::model::Status;
use crate::accounts::service::{User, emails, registration, users};
use crate::error::{AppError, AppResult, Msg};
use crate::i18n::Lang;
use crate::security_log::{self, Event};
use crate::state::AppState;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

/// Kept in the session while a member proves that an existing account is theirs.
const LINK_KEY: &str = "sso_link";
/// Kept in the session of a member signed in through a provider, to sign out there too.
const SIGNED_IN_KEY: &str = "sso_signed_in";

/// What a provider vouched for, its ID token verified.
#[derive(Debug, Clone)]
pub struct Identity {
    pub provider: String,
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
    /// The email has an account with a password: log in with it once to link the provider.
    LinkWithPassword,
}

#[derive(Serialize, Deserialize)]
struct PendingLink {
    provider: String,
    subject: String,
    email: String,
    user_id: i64,
}

/// The provider and ID token of this session's sign-in, for signing out at the provider.
#[derive(Serialize, Deserialize)]
pub struct SignedIn {
    pub provider: String,
    pub id_token: String,
}

fn session_error(e: tower_sessions::session::Error) -> AppError {
    AppError::internal(format_args!("session store: {e}"))
}

/// Signs `who` in (or says why not); a new member gets `lang` as their language.
pub async fn resolve(
    ctx: &AppState,
    session: &Session,
    who: &Identity,
    address: &str,
    lang: Lang,
) -> AppResult<Outcome> {
    let linked: Option<i64> =
        sqlx::query_scalar("SELECT user_id FROM sso_identities WHERE provider = $1 AND subject = $2")
            .bind(&who.provider)
            .bind(&who.subject)
            .fetch_optional(&ctx.pool)
            .await?;
    let user = match linked {
        Some(id) => users::by_id(&ctx.pool, id).await?.ok_or(AppError::NotFound)?,
        None => {
            let email = match (&who.email, who.verified) {
                (Some(email), true) => crate::accounts::model::normalize_email(email),
                _ => return Err(AppError::Refused(Msg::new("sso.unverified"))),
            };
            match users::by_email(&ctx.pool, &email).await? {
                Some(user) if !user.password_hash.is_empty() => {
                    let link = PendingLink {
                        provider: who.provider.clone(),
                        subject: who.subject.clone(),
                        email,
                        user_id: user.id,
                    };
                    session.insert(LINK_KEY, link).await.map_err(session_error)?;
                    return Ok(Outcome::LinkWithPassword);
                }
                Some(user) => {
                    link(ctx, &who.provider, &who.subject, user.id, &email, None).await?;
                    user
                }
                None => {
                    let name = who.name.clone().unwrap_or_default();
                    let mode = registration::mode(&ctx.pool).await?;
                    let mut tx = crate::db::begin(&ctx.pool).await?;
                    let id = registration::from_provider(ctx, &mut tx, &email, &name, lang, mode).await?;
                    insert(&mut tx, ctx, &who.provider, &who.subject, id, &email).await?;
                    tx.commit().await?;
                    users::by_id(&ctx.pool, id).await?.ok_or(AppError::NotFound)?
                }
            }
        }
    };
    match user.status() {
        Status::Suspended => return Err(AppError::Refused(Msg::new("login.suspended"))),
        Status::Pending => return Ok(Outcome::Pending),
        Status::Active => {}
    }
    auth::sign_in_to(session, &user, false, ctx.clock.now()).await?;
    let signed_in = SignedIn { provider: who.provider.clone(), id_token: who.id_token.clone() };
    session.insert(SIGNED_IN_KEY, signed_in).await.map_err(session_error)?;
    let event =
        Event { kind: "login.sso", actor_id: Some(user.id), subject: &user.email, address, detail: &who.provider };
    security_log::record(&ctx.pool, &ctx.clock, event).await?;
    Ok(Outcome::SignedIn { language: user.language })
}

async fn insert(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    ctx: &AppState,
    provider: &str,
    subject: &str,
    user_id: i64,
    email: &str,
) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO sso_identities (provider, subject, user_id, email, linked_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(provider)
    .bind(subject)
    .bind(user_id)
    .bind(email)
    .bind(ctx.clock.now().secs())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Links `provider`'s `subject` to a member, replacing an earlier identity of theirs at that
/// provider; `tell` mails them about it (a link made by proving a password).
async fn link(
    ctx: &AppState,
    provider: &str,
    subject: &str,
    user_id: i64,
    email: &str,
    tell: Option<&User>,
) -> AppResult<()> {
    // Read before the transaction takes its connection (one request holds at most one).
    let label = match tell {
        Some(_) => super::providers::get(ctx, provider).await?.map(|p| p.label).unwrap_or_else(|| provider.into()),
        None => String::new(),
    };
    let mut tx = crate::db::begin(&ctx.pool).await?;
    sqlx::query("DELETE FROM sso_identities WHERE provider = $1 AND user_id = $2")
        .bind(provider)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    insert(&mut tx, ctx, provider, subject, user_id, email).await?;
    if let Some(user) = tell {
        let mail = emails::sso_linked(user.lang(), &user.email, &user.name, &ctx.base_url, &label);
        crate::mail::enqueue(&mut tx, ctx.clock.now(), &mail).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// After a password login: links the provider that was waiting for this member's proof, if any.
pub async fn link_pending(ctx: &AppState, session: &Session, user: &User, address: &str) -> AppResult<()> {
    let pending: Option<PendingLink> = session.remove(LINK_KEY).await.map_err(session_error)?;
    let Some(pending) = pending.filter(|p| p.user_id == user.id) else { return Ok(()) };
    link(ctx, &pending.provider, &pending.subject, user.id, &pending.email, Some(user)).await?;
    let event =
        Event { kind: "sso.linked", actor_id: Some(user.id), subject: &user.email, address, detail: &pending.provider };
    security_log::record(&ctx.pool, &ctx.clock, event).await
}

/// The provider waiting to be linked in this session, if any (the login page names it).
pub async fn waiting_link(session: &Session) -> AppResult<Option<String>> {
    let pending: Option<PendingLink> = session.get(LINK_KEY).await.map_err(session_error)?;
    Ok(pending.map(|p| p.provider))
}

/// Takes this session's provider sign-in out, when signing out.
pub async fn take_signed_in(session: &Session) -> AppResult<Option<SignedIn>> {
    session.remove(SIGNED_IN_KEY).await.map_err(session_error)
}
