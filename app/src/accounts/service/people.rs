//! Admins making an account for someone (the person is mailed a link to choose their password,
//! valid a week, which also confirms their address; until then nobody can sign in to it), and
//! changing a member's name or address (a new address is confirmed from its inbox first).
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

/// An admin sets member `id`'s name, and asks to move them to `email`: a different address is
/// mailed a confirmation link and changes when it is opened. Says whether a link was sent.
#[tracing::instrument(name = "accounts.people.edit", level = "error", skip_all)]
pub async fn edit(ctx: &AppState, admin: &users::User, id: i64, name: &str, email: &str) -> AppResult<bool> {
    let user = users::by_id(&ctx.pool, id).await?.ok_or(crate::error::AppError::NotFound)?;
    let mut errors = FieldErrors::default();
    model::check_name(&mut errors, "name", name);
    model::check_email(&mut errors, "email", email);
    errors.into_result()?;
    let email = model::normalize_email(email);
    let moving = email != user.email;
    if moving {
        super::profile::send_email_change(ctx, &user, &email, "email").await?;
    }
    if name.trim() != user.name {
        let mut tx = crate::db::begin(&ctx.pool).await?;
        users::set_profile(&mut *tx, id, name.trim(), &user.language, &user.time_zone).await?;
        let detail = format!("name: {}", name.trim());
        let event = Event {
            kind: "account.edited",
            actor_id: Some(admin.id),
            subject: &user.email,
            detail: &detail,
            ..Default::default()
        };
        security_log::record(&mut *tx, &ctx.clock, event).await?;
        tx.commit().await?;
        users::changed(id);
    }
    Ok(moving)
}
