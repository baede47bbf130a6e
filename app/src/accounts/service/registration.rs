//! Sign-up under the co-op's registration mode, email verification and invitations.
use super::tokens::{self, Purpose};
use super::{emails, password, users};
use crate::accounts::model::{self, RegistrationMode, Role, SignupOutcome, Status};
use crate::clock::Timestamp;
use crate::db::{self, Pool};
use crate::error::Step;
use crate::error::{AppError, AppResult, FieldErrors, Msg};
use crate::i18n::Lang;
use crate::limits::{self, Limit};
use crate::mail;
use crate::state::AppState;

/// Sign-ups per client address and per email an hour. An office behind one address may sign up a
/// whole assembly; nobody needs more than a few tries at one address.
const SIGNUP_PER_ADDRESS: Limit = Limit { scope: "signup_address", max: 30, window: 3600 };
const SIGNUP_PER_EMAIL: Limit = Limit { scope: "signup_email", max: 5, window: 3600 };
const RESEND_PER_ADDRESS: Limit = Limit { scope: "resend_address", max: 20, window: 3600 };
const RESEND_PER_EMAIL: Limit = Limit { scope: "resend_email", max: 5, window: 3600 };

pub const MODE_KEY: &str = "registration_mode";

#[tracing::instrument(name = "accounts.registration.mode", level = "error", skip_all)]
pub async fn mode(pool: &Pool) -> AppResult<RegistrationMode> {
    Ok(db::get_setting(pool, MODE_KEY).await?.and_then(|m| RegistrationMode::parse(&m)).unwrap_or_default())
}

#[tracing::instrument(name = "accounts.registration.set_mode", level = "error", skip_all)]
pub async fn set_mode(pool: &Pool, mode: RegistrationMode) -> AppResult<()> {
    Ok(db::set_setting(pool, MODE_KEY, mode.as_str()).await?)
}

#[derive(Debug, Clone)]
pub struct SignupInput {
    pub name: String,
    pub email: String,
    pub password: String,
    pub invite: Option<String>,
    pub lang: Lang,
    /// The browser's zone, when its script filled the form's hidden field.
    pub time_zone: String,
    /// The version of the co-op's terms a new member must accept, when it asks (`ui::brand`).
    pub terms: Option<i64>,
    /// Whether the form's "I accept the terms" box was ticked.
    pub accepted_terms: bool,
}

pub fn validate(input: &SignupInput) -> AppResult<()> {
    let mut errors = FieldErrors::default();
    model::check_name(&mut errors, "name", &input.name);
    model::check_email(&mut errors, "email", &input.email);
    model::check_password(&mut errors, "password", &input.password, &input.email);
    if input.terms.is_some() && !input.accepted_terms {
        errors.add("accept_terms", crate::error::Msg::new("field.terms.required"));
    }
    errors.into_result()
}

/// Creates the account. An address that has an account already gets the same answer as a new one
/// (so the form tells nobody who is a member), and its owner a mail saying someone tried.
#[tracing::instrument(name = "accounts.registration.signup", level = "error", skip_all)]
pub async fn signup(ctx: &AppState, input: SignupInput, address: &str) -> AppResult<SignupOutcome> {
    crate::accounts::service::passwords::require(ctx).await?;
    validate(&input)?;
    let pool = &ctx.pool;
    let email = model::normalize_email(&input.email);
    let limits = [(SIGNUP_PER_ADDRESS, address), (SIGNUP_PER_EMAIL, email.as_str())];
    let _counted = limits::reserve_all(pool, &ctx.clock, &limits).await?;
    // A listed domain signs up as if registration were open (`domains`).
    let mode = super::domains::mode_for(pool, &email, mode(pool).await?).await?;
    let invite = input.invite.as_deref().map(str::trim).filter(|t| !t.is_empty());
    if mode == RegistrationMode::Invite && invite.is_none() {
        return Err(AppError::Refused(Msg::new("signup.invite_only")));
    }
    // What an uninvited sign-up is told: in approval mode the account waits for an admin once its
    // address is confirmed. An address that has an account already is told the same.
    let check_email = if mode == RegistrationMode::Approval && invite.is_none() {
        SignupOutcome::AwaitApproval
    } else {
        SignupOutcome::CheckEmail
    };
    let hash = password::hash(&input.password).await?;
    let now = ctx.clock.now();
    let mut tx = crate::db::begin(pool).await?;
    if let Some(existing) = users::by_email(&mut *tx, &email).await? {
        let mail = emails::account_exists(existing.lang(), &existing.email, &existing.name, &ctx.base_url);
        mail::enqueue(&mut tx, now, &mail).await?;
        tx.commit().await?;
        return Ok(check_email);
    }
    let invited = match invite {
        Some(token) => {
            redeem_invitation(&mut tx, now, token, &email).await?;
            true
        }
        None => false,
    };
    let status = if mode == RegistrationMode::Approval && !invited { Status::Pending } else { Status::Active };
    let new = users::NewUser {
        email: &email,
        name: &input.name,
        password_hash: &hash,
        role: Role::Member,
        status,
        verified: invited,
        language: input.lang.code(),
        time_zone: &input.time_zone,
        at: now,
    };
    let id = match users::insert(&mut *tx, new).await {
        // Signed up a moment ago by a parallel request: the same answer, as above.
        Err(AppError::Invalid(_)) => return Ok(check_email),
        other => other?,
    };
    if let Some(version) = input.terms {
        users::accept_terms(&mut *tx, id, version, now.secs()).await?;
    }
    if status == Status::Pending {
        notify_admins_of_pending(&mut tx, now, &ctx.base_url, &email).await?;
    }
    let outcome = if invited {
        SignupOutcome::Ready
    } else {
        let token = tokens::issue(&mut tx, now, id, Purpose::Verify, None).await?;
        mail::enqueue(&mut tx, now, &emails::verify(input.lang, &email, input.name.trim(), &ctx.base_url, &token))
            .await?;
        check_email
    };
    tx.commit().await?;
    Ok(outcome)
}

/// A member new to the portal whom a sign-in provider vouches for with a verified email: created
/// in `tx` under the registration mode `mode` (read before the transaction), verified and without a password. In approval mode the
/// account waits (and admins are told); in invitation mode an open invitation for that address is
/// needed, and used.
#[tracing::instrument(name = "accounts.registration.from_provider", level = "error", skip_all)]
pub async fn from_provider(
    ctx: &AppState,
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    email: &str,
    name: &str,
    lang: Lang,
    mode: RegistrationMode,
) -> AppResult<i64> {
    let now = ctx.clock.now();
    if mode == RegistrationMode::Invite {
        let used =
            sqlx::query("UPDATE invitations SET used_at = $1 WHERE email = $2 AND used_at IS NULL AND expires_at > $1")
                .bind(now.secs())
                .bind(email)
                .execute(&mut **tx)
                .await
                .step("update invitations")?;
        if used.rows_affected() == 0 {
            return Err(AppError::Refused(Msg::new("sso.invite_only")));
        }
    }
    // The provider's name for the member, when it passes our rules; else the address's first part.
    let mut errors = FieldErrors::default();
    model::check_name(&mut errors, "name", name);
    let name =
        if errors.is_empty() { name.trim().to_string() } else { email.split('@').next().unwrap_or(email).to_string() };
    let status = if mode == RegistrationMode::Approval { Status::Pending } else { Status::Active };
    let new = users::NewUser {
        email,
        name: &name,
        password_hash: "",
        role: Role::Member,
        status,
        verified: true,
        language: lang.code(),
        time_zone: "",
        at: now,
    };
    let id = users::insert(&mut **tx, new).await?;
    if status == Status::Pending {
        notify_admins_of_pending(tx, now, &ctx.base_url, email).await?;
    }
    Ok(id)
}

/// Tells every active admin that an account waits for approval, so nobody waits unnoticed.
async fn notify_admins_of_pending(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    now: Timestamp,
    base_url: &str,
    email: &str,
) -> AppResult<()> {
    let admins: Vec<(String, String, String)> =
        sqlx::query_as("SELECT email, name, language FROM users WHERE role = 'admin' AND status = 'active'")
            .fetch_all(&mut **tx)
            .await
            .step("read users")?;
    for (admin_email, admin_name, language) in admins {
        let lang = Lang::from_code(&language).unwrap_or_default();
        mail::enqueue(tx, now, &emails::pending_approval(lang, &admin_email, &admin_name, base_url, email)).await?;
    }
    Ok(())
}

/// An invitation is for one address: using it proves that address, so the account starts verified.
async fn redeem_invitation(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    now: Timestamp,
    token: &str,
    email: &str,
) -> AppResult<()> {
    let row: Option<(String, i64, Option<i64>)> =
        sqlx::query_as("SELECT email, expires_at, used_at FROM invitations WHERE token_hash = $1")
            .bind(tokens::digest(token))
            .fetch_optional(&mut **tx)
            .await
            .step("read invitations")?;
    let (invited, expires_at, used_at) = row.ok_or_else(|| AppError::Refused(Msg::new("token.invalid")))?;
    if used_at.is_some() {
        return Err(AppError::Refused(Msg::new("token.used")));
    }
    if expires_at <= now.secs() {
        return Err(AppError::Refused(Msg::new("token.expired")));
    }
    if invited != email {
        return Err(AppError::field("email", "field.email.not_invited"));
    }
    let done = sqlx::query("UPDATE invitations SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL")
        .bind(now.secs())
        .bind(tokens::digest(token))
        .execute(&mut **tx)
        .await
        .step("update invitations")?;
    if done.rows_affected() != 1 {
        return Err(AppError::Refused(Msg::new("token.used")));
    }
    Ok(())
}

/// The address an invitation was sent to, to fill in the sign-up form.
#[tracing::instrument(name = "accounts.registration.invitation_email", level = "error", skip_all)]
pub async fn invitation_email(ctx: &AppState, token: &str) -> AppResult<Option<String>> {
    sqlx::query_scalar("SELECT email FROM invitations WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2")
        .bind(tokens::digest(token))
        .bind(ctx.clock.now().secs())
        .fetch_optional(&ctx.pool)
        .await
        .step("read invitations")
}

#[tracing::instrument(name = "accounts.registration.invite", level = "error", skip_all)]
pub async fn invite(ctx: &AppState, inviter: &users::User, email: &str) -> AppResult<()> {
    let (pool, base_url) = (&ctx.pool, &ctx.base_url);
    let mut errors = FieldErrors::default();
    model::check_email(&mut errors, "email", email);
    errors.into_result()?;
    let email = model::normalize_email(email);
    if users::by_email(pool, &email).await?.is_some() {
        return Err(AppError::field("email", "field.email.taken"));
    }
    let token = tokens::new_token();
    let at = ctx.clock.now();
    let now = at.secs();
    let mut tx = crate::db::begin(pool).await?;
    sqlx::query("DELETE FROM invitations WHERE email = $1 AND used_at IS NULL")
        .bind(&email)
        .execute(&mut *tx)
        .await
        .step("delete from invitations")?;
    sqlx::query(
        "INSERT INTO invitations (token_hash, email, invited_by, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(tokens::digest(&token))
    .bind(&email)
    .bind(inviter.id)
    .bind(now + tokens::INVITATION_LIFETIME)
    .bind(now)
    .execute(&mut *tx)
    .await
    .step("insert into invitations")?;
    mail::enqueue(&mut tx, at, &emails::invitation(inviter.lang(), &email, &inviter.name, base_url, &token)).await?;
    tx.commit().await?;
    Ok(())
}

/// Confirms the address; true when the account still waits for an admin's approval, so the member
/// is told that rather than that they may log in.
#[tracing::instrument(name = "accounts.registration.verify_email", level = "error", skip_all)]
pub async fn verify_email(ctx: &AppState, token: &str) -> AppResult<bool> {
    let now = ctx.clock.now();
    let mut tx = crate::db::begin(&ctx.pool).await?;
    let redeemed = tokens::redeem(&mut tx, now, token, Purpose::Verify).await?;
    users::mark_verified(&mut *tx, redeemed.user_id, now).await?;
    let pending = users::by_id(&mut *tx, redeemed.user_id).await?.is_some_and(|u| u.status() == Status::Pending);
    tx.commit().await?;
    users::changed(redeemed.user_id);
    Ok(pending)
}

/// Sends a fresh verification link if the address belongs to an unverified account. The answer is the
/// same either way, so nobody learns which addresses are registered.
#[tracing::instrument(name = "accounts.registration.resend_verification", level = "error", skip_all)]
pub async fn resend_verification(ctx: &AppState, email: &str, address: &str) -> AppResult<()> {
    let mut errors = FieldErrors::default();
    model::check_email(&mut errors, "email", email);
    errors.into_result()?;
    let email = model::normalize_email(email);
    let limits = [(RESEND_PER_ADDRESS, address), (RESEND_PER_EMAIL, email.as_str())];
    let _counted = limits::reserve_all(&ctx.pool, &ctx.clock, &limits).await?;
    let Some(user) = users::by_email(&ctx.pool, &email).await? else {
        return Ok(());
    };
    send_verification(ctx, &user).await
}

#[tracing::instrument(name = "accounts.registration.send_verification", level = "error", skip_all)]
pub async fn send_verification(ctx: &AppState, user: &users::User) -> AppResult<()> {
    if user.is_verified() || user.status() == Status::Suspended {
        return Ok(());
    }
    let now = ctx.clock.now();
    let mut tx = crate::db::begin(&ctx.pool).await?;
    let token = tokens::issue(&mut tx, now, user.id, Purpose::Verify, None).await?;
    mail::enqueue(&mut tx, now, &emails::verify(user.lang(), &user.email, &user.name, &ctx.base_url, &token)).await?;
    tx.commit().await?;
    Ok(())
}
