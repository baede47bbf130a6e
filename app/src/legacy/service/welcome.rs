//! The welcome mail of a member just imported, queued with them: where to sign in now (with the
//! password they had, or by choosing one when they had none that works here) and their rooms' links.
use super::source::LegacyUser;
use super::vet::Member;
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::state::AppState;

#[tracing::instrument(name = "legacy.welcome.queue", level = "error", skip_all)]
pub async fn queue(
    ctx: &AppState,
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    user: &LegacyUser,
    member: &Member,
    email: &str,
    links: &[String],
) -> AppResult<()> {
    let lang = Lang::from_code(&user.language).unwrap_or_default();
    // A digest not kept (signed in elsewhere, or one the login would not check) means no password.
    let (kind, link) = if member.password_hash.is_empty() {
        ("legacy_welcome_external", format!("{}/password/forgot", ctx.base_url))
    } else {
        ("legacy_welcome", format!("{}/login", ctx.base_url))
    };
    let rooms = if links.is_empty() { lang.t("legacy.welcome_no_rooms").to_string() } else { links.join("\n") };
    let args = [("rooms", rooms.into())];
    let mail = crate::accounts::service::emails::compose(lang, email, &member.name, kind, Some(&link), &args);
    crate::mail::enqueue(tx, ctx.clock.now(), &mail).await?;
    Ok(())
}
