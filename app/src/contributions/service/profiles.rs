//! Whose Open Collective profile is whose. A member only *claims* a profile: the claim moves nothing,
//! and the answer is the same whether the profile is free, someone else's or unknown, so a claim
//! never tells who holds what. The profile becomes theirs when an export gives it one of their
//! verified emails (here at once, or at the next import), or when an admin confirms the claim.
use super::store::{self, claims};
use crate::accounts::service::{User, users};
use crate::contributions::model::ClaimView;
use crate::error::Step;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

pub const SOURCE: &str = "opencollective";

/// A profile's slug from what a member typed: the slug, or the profile's address.
fn slug(profile: &str) -> AppResult<String> {
    let slug = profile.trim().trim_end_matches('/').rsplit('/').next().unwrap_or_default().to_ascii_lowercase();
    if slug.is_empty() || slug.len() > 100 || !slug.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(AppError::field("slug", "contributions.profile.invalid"));
    }
    Ok(slug)
}

/// A member claims a profile. Linked at once only when it is theirs already, or when the email an
/// export gave it is the member's own (verified); otherwise it waits for an admin.
#[tracing::instrument(name = "contributions.profiles.claim", level = "error", skip_all)]
pub async fn claim(ctx: &AppState, member: &User, profile: &str) -> AppResult<()> {
    let slug = slug(profile)?;
    let mut tx = crate::db::begin(&ctx.pool).await?;
    match store::find(&mut tx, SOURCE, &slug).await? {
        Some((_, Some(owner), _)) if owner == member.id => claims::end(&mut tx, member.id, SOURCE).await?,
        Some((id, None, Some(email)))
            if member.is_verified() && crate::accounts::model::normalize_email(&email) == member.email =>
        {
            store::link(&mut tx, id, member.id).await?
        }
        _ => claims::put(&mut tx, member.id, SOURCE, &slug, ctx.clock.now()).await?,
    }
    tx.commit().await?;
    Ok(())
}

/// The claims waiting for an admin, oldest first.
#[tracing::instrument(name = "contributions.profiles.queue", level = "error", skip_all)]
pub async fn queue(ctx: &AppState) -> AppResult<Vec<ClaimView>> {
    Ok(claims::queue(&ctx.pool)
        .await?
        .into_iter()
        .map(|c| ClaimView {
            id: c.id,
            member: c.member,
            email: c.email,
            profile: c.key,
            name: c.name.unwrap_or_default(),
            holder: c.holder,
        })
        .collect())
}

/// An admin confirms claim `id`: the profile (made if no export named it yet) is the member's, with
/// its contributions past and future. Returns the member's email and the profile, for the log.
#[tracing::instrument(name = "contributions.profiles.confirm", level = "error", skip_all)]
pub async fn confirm(ctx: &AppState, id: i64) -> AppResult<(String, String)> {
    let mut tx = crate::db::begin(&ctx.pool).await?;
    let (user_id, source, key) = claims::get(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let (contributor, _) = store::contributor(&mut tx, &source, &key, "", None, ctx.clock.now()).await?;
    store::link(&mut tx, contributor, user_id).await?;
    claims::delete(&mut tx, id).await?;
    let member = users::by_id(&mut *tx, user_id).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok((member.email, key))
}

/// An admin refuses claim `id`: it is forgotten, nothing moved.
#[tracing::instrument(name = "contributions.profiles.refuse", level = "error", skip_all)]
pub async fn refuse(ctx: &AppState, id: i64) -> AppResult<()> {
    let mut tx = crate::db::begin(&ctx.pool).await?;
    claims::get(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    claims::delete(&mut tx, id).await?;
    tx.commit().await?;
    Ok(())
}

/// An admin links contributor `id` to the member with `email`: their waiting contributions and every
/// later import count for that member. Returns the profile, for the log.
#[tracing::instrument(name = "contributions.profiles.link_by_email", level = "error", skip_all)]
pub async fn link_by_email(ctx: &AppState, id: i64, email: &str) -> AppResult<String> {
    let member = users::by_email(&ctx.pool, email.trim())
        .await?
        .ok_or_else(|| AppError::field("email", "contributions.manual.no_member"))?;
    let mut tx = crate::db::begin(&ctx.pool).await?;
    let key: String = sqlx::query_scalar("SELECT external_key FROM contributors WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await
        .step("read contributors")?
        .ok_or(AppError::NotFound)?;
    store::link(&mut tx, id, member.id).await?;
    tx.commit().await?;
    Ok(key)
}
