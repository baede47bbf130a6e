//! The only writer of `contributor_claims`: a member's request that a profile at a source is theirs.
//! A claim moves nothing; `store::link` ends it when the profile becomes the member's.
use crate::clock::Timestamp;
use crate::error::AppResult;
use crate::error::Step;
use sqlx::{Any, Transaction};

/// A claim waiting for confirmation, as the admins' queue lists it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Pending {
    pub id: i64,
    pub member: String,
    pub email: String,
    pub key: String,
    /// The name the source gives the profile, when an export named it.
    pub name: Option<String>,
    /// Another member the profile is linked to already.
    pub holder: Option<String>,
}

/// Records (or replaces) the member's claim on `key`; one claim per member and source.
#[tracing::instrument(name = "contributions.store.claims.put", level = "error", skip_all)]
pub async fn put(
    tx: &mut Transaction<'static, Any>,
    user_id: i64,
    source: &str,
    key: &str,
    now: Timestamp,
) -> AppResult<()> {
    sqlx::query("DELETE FROM contributor_claims WHERE user_id = $1 AND source = $2")
        .bind(user_id)
        .bind(source)
        .execute(&mut **tx)
        .await
        .step("delete from contributor_claims")?;
    sqlx::query("INSERT INTO contributor_claims (user_id, source, external_key, created_at) VALUES ($1, $2, $3, $4)")
        .bind(user_id)
        .bind(source)
        .bind(key)
        .bind(now.secs())
        .execute(&mut **tx)
        .await
        .step("insert into contributor_claims")?;
    Ok(())
}

/// Ends the member's claim on `source` (it was confirmed, refused, or the profile is theirs already).
#[tracing::instrument(name = "contributions.store.claims.end", level = "error", skip_all)]
pub async fn end(tx: &mut Transaction<'static, Any>, user_id: i64, source: &str) -> AppResult<()> {
    sqlx::query("DELETE FROM contributor_claims WHERE user_id = $1 AND source = $2")
        .bind(user_id)
        .bind(source)
        .execute(&mut **tx)
        .await
        .step("delete from contributor_claims")?;
    Ok(())
}

/// Ends the member's claim on the profile of `contributor`, now linked to them.
#[tracing::instrument(name = "contributions.store.claims.answered", level = "error", skip_all)]
pub async fn answered(tx: &mut Transaction<'static, Any>, user_id: i64, contributor: i64) -> AppResult<()> {
    sqlx::query(
        "DELETE FROM contributor_claims WHERE user_id = $1 AND EXISTS (SELECT 1 FROM contributors k
           WHERE k.id = $2 AND k.source = contributor_claims.source AND k.external_key = contributor_claims.external_key)",
    )
    .bind(user_id)
    .bind(contributor)
    .execute(&mut **tx)
    .await.step("delete from contributor_claims")?;
    Ok(())
}

/// Claim `id`: its member, source and profile.
#[tracing::instrument(name = "contributions.store.claims.get", level = "error", skip_all)]
pub async fn get(tx: &mut Transaction<'static, Any>, id: i64) -> AppResult<Option<(i64, String, String)>> {
    sqlx::query_as("SELECT user_id, source, external_key FROM contributor_claims WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await
        .step("read contributor_claims")
}

#[tracing::instrument(name = "contributions.store.claims.delete", level = "error", skip_all)]
pub async fn delete(tx: &mut Transaction<'static, Any>, id: i64) -> AppResult<()> {
    sqlx::query("DELETE FROM contributor_claims WHERE id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await
        .step("delete from contributor_claims")?;
    Ok(())
}

/// The profile the member claimed at `source` and waits for, if any.
#[tracing::instrument(name = "contributions.store.claims.waiting", level = "error", skip_all)]
pub async fn waiting(pool: &crate::db::Pool, user_id: i64, source: &str) -> AppResult<Option<String>> {
    sqlx::query_scalar("SELECT external_key FROM contributor_claims WHERE user_id = $1 AND source = $2")
        .bind(user_id)
        .bind(source)
        .fetch_optional(pool)
        .await
        .step("read contributor_claims")
}

/// Every waiting claim, oldest first, with what an admin needs to decide.
#[tracing::instrument(name = "contributions.store.claims.queue", level = "error", skip_all)]
pub async fn queue(pool: &crate::db::Pool) -> AppResult<Vec<Pending>> {
    sqlx::query_as(
        "SELECT c.id, u.name AS member, u.email, c.external_key AS key, k.name, h.email AS holder
         FROM contributor_claims c JOIN users u ON u.id = c.user_id
           LEFT JOIN contributors k ON k.source = c.source AND k.external_key = c.external_key
           LEFT JOIN users h ON h.id = k.user_id
         ORDER BY c.created_at, c.id LIMIT 200",
    )
    .fetch_all(pool)
    .await
    .step("read contributor_claims")
}
