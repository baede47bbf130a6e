//! Admins making an account for someone: the person is mailed a link to choose their password
//! (valid a week), which also confirms their address. Until then the account has no password and
//! nobody can sign in to it.
use super::tokens::{self, Purpose};
use super::{emails, users};
use crate::accounts::model::{self, Role, Status};
use crate::error::{AppResult, FieldErrors};
use crate::i18n::Lang;
use crate::mail;
use crate::security_log::{self, Event};
use crate::state::AppState;

/// Makes an active member account for `name` at `email`, written in `lang`; its id. Each field's
/// error is shown next to it (a taken address too).
#[tracing::instrument(name = "accounts.people.create", level = "error", skip_all)]
pub async fn create(ctx: &AppState, admin: &users::User, name: &str, email: &str, lang: Lang) -> AppResult<i64> {
    let mut errors = FieldErrors::default();
    model::check_name(&mut errors, "name", name);
    model::check_email(&mut errors, "email", email);
    errors.into_result()?;
    let email = model::normalize_email(email);
    let now = ctx.clock.now();
    let mut tx = crate::db::begin(&ctx.pool).await?;
    let new = users::NewUser {
        email: &email,
        name,
        password_hash: "",
        role: Role::Member,
        status: Status::Active,
        verified: false,
        language: lang.code(),
        time_zone: "",
        at: now,
    };
    let id = users::insert(&mut *tx, new).await?;
    let token = tokens::issue(&mut tx, now, id, Purpose::Welcome, None).await?;
    mail::enqueue(&mut tx, now, &emails::welcome(lang, &email, name.trim(), &ctx.base_url, &token)).await?;
    let event = Event { kind: "account.created", actor_id: Some(admin.id), subject: &email, ..Default::default() };
    security_log::record(&mut *tx, &ctx.clock, event).await?;
    tx.commit().await?;
    ctx.mailer.wake();
    Ok(id)
}
