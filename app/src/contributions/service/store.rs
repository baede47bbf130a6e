//! The only writer of `contributors` (who gives, as a source names them, and the member they are)
//! and `contributions` (each gift or refund, in minor units of its currency); `claims` writes
//! `contributor_claims`; `refunds` finds what a refund reverses.
pub mod claims;
mod refunds;

pub use refunds::{refundable, refunded};

use crate::clock::Timestamp;
use crate::contributions::model::Money;
use crate::error::AppResult;
use crate::error::Step;
use sqlx::{Any, Transaction};

/// The contributor `key` of `source`, made on first sight; returns its id and member, if linked.
/// The email an export gives is kept (a claim made later is confirmed by it).
#[tracing::instrument(name = "contributions.store.contributor", level = "error", skip_all)]
pub async fn contributor(
    tx: &mut Transaction<'static, Any>,
    source: &str,
    key: &str,
    name: &str,
    email: Option<&str>,
    now: Timestamp,
) -> AppResult<(i64, Option<i64>)> {
    sqlx::query(
        "INSERT INTO contributors (source, external_key, name, email, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (source, external_key) DO UPDATE SET email = COALESCE(excluded.email, contributors.email)",
    )
    .bind(source)
    .bind(key)
    .bind(name)
    .bind(email)
    .bind(now.secs())
    .execute(&mut **tx)
    .await
    .step("insert into contributors")?;
    sqlx::query_as("SELECT id, user_id FROM contributors WHERE source = $1 AND external_key = $2")
        .bind(source)
        .bind(key)
        .fetch_one(&mut **tx)
        .await
        .step("read contributors")
}

/// A contributor as `find` reads it: its id, member and the email an export gave.
pub type Found = (i64, Option<i64>, Option<String>);

/// The contributor `key` of `source`, if seen: its id, member and the email an export gave.
#[tracing::instrument(name = "contributions.store.find", level = "error", skip_all)]
pub async fn find(tx: &mut Transaction<'static, Any>, source: &str, key: &str) -> AppResult<Option<Found>> {
    sqlx::query_as("SELECT id, user_id, email FROM contributors WHERE source = $1 AND external_key = $2")
        .bind(source)
        .bind(key)
        .fetch_optional(&mut **tx)
        .await
        .step("read contributors")
}

/// Links a contributor to a member, with every contribution of theirs: remembered for later imports.
/// The member's claim on it, if any, is answered.
#[tracing::instrument(name = "contributions.store.link", level = "error", skip_all)]
pub async fn link(tx: &mut Transaction<'static, Any>, contributor: i64, user_id: i64) -> AppResult<()> {
    claims::answered(tx, user_id, contributor).await?;
    sqlx::query("UPDATE contributors SET user_id = $1 WHERE id = $2")
        .bind(user_id)
        .bind(contributor)
        .execute(&mut **tx)
        .await
        .step("update contributors")?;
    sqlx::query("UPDATE contributions SET user_id = $1 WHERE contributor_id = $2")
        .bind(user_id)
        .bind(contributor)
        .execute(&mut **tx)
        .await
        .step("update contributions")?;
    Ok(())
}

pub struct New<'a> {
    pub contributor: i64,
    pub user_id: Option<i64>,
    pub money: &'a Money,
    pub at: Timestamp,
    pub source: &'a str,
    pub external_ref: &'a str,
    pub order_ref: Option<&'a str>,
    pub frequency: &'a str,
    /// For a refund: the contribution it reverses.
    pub refunds: Option<i64>,
}

/// Adds a contribution (or refund); `false` when that source's reference is already in.
#[tracing::instrument(name = "contributions.store.add", level = "error", skip_all)]
pub async fn add(tx: &mut Transaction<'static, Any>, new: &New<'_>, now: Timestamp) -> AppResult<bool> {
    let done = sqlx::query(
        "INSERT INTO contributions (contributor_id, user_id, amount_minor, currency, contributed_at, source, external_ref,
             order_ref, frequency, refunds_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (source, external_ref) DO NOTHING",
    )
    .bind(new.contributor)
    .bind(new.user_id)
    .bind(new.money.minor)
    .bind(&new.money.currency)
    .bind(new.at.secs())
    .bind(new.source)
    .bind(new.external_ref)
    .bind(new.order_ref)
    .bind(new.frequency)
    .bind(new.refunds)
    .bind(now.secs())
    .execute(&mut **tx)
    .await.step("insert into contributions")?;
    Ok(done.rows_affected() == 1)
}

/// A contribution as kept, for corrections and their audit log.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, serde::Serialize)]
pub struct Row {
    pub id: i64,
    pub user_id: Option<i64>,
    pub amount_minor: i64,
    pub currency: String,
    pub contributed_at: i64,
    pub source: String,
    pub external_ref: String,
    pub frequency: String,
    pub note: String,
}

pub const ROW: &str = "id, user_id, amount_minor, currency, contributed_at, source, external_ref, frequency, note";

#[tracing::instrument(name = "contributions.store.row", level = "error", skip_all)]
pub async fn row(tx: &mut Transaction<'static, Any>, id: i64) -> AppResult<Option<Row>> {
    sqlx::query_as(&format!("SELECT {ROW} FROM contributions WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await
        .step("read contributions")
}

/// Adds a contribution entered by hand; returns its id.
#[tracing::instrument(name = "contributions.store.add_manual", level = "error", skip_all)]
pub async fn add_manual(tx: &mut Transaction<'static, Any>, row: &Row, now: Timestamp) -> AppResult<i64> {
    // Entered for a member by an admin: no contributor at a source stands behind it. The row is
    // made under its unique reference, then given its values as a correction would.
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO contributions (amount_minor, currency, contributed_at, source, external_ref, frequency, created_at)
         VALUES (0, '', 0, $1, $2, '', $3) RETURNING id",
    )
    .bind(&row.source)
    .bind(&row.external_ref)
    .bind(now.secs())
    .fetch_one(&mut **tx)
    .await.step("insert into contributions")?;
    update(tx, &Row { id, ..row.clone() }).await?;
    Ok(id)
}

/// Writes a manual contribution's new values over `id`.
#[tracing::instrument(name = "contributions.store.update", level = "error", skip_all)]
pub async fn update(tx: &mut Transaction<'static, Any>, row: &Row) -> AppResult<()> {
    sqlx::query(
        "UPDATE contributions SET user_id = $1, amount_minor = $2, currency = $3, contributed_at = $4, source = $5,
             external_ref = $6, frequency = $7, note = $8 WHERE id = $9",
    )
    .bind(row.user_id)
    .bind(row.amount_minor)
    .bind(&row.currency)
    .bind(row.contributed_at)
    .bind(&row.source)
    .bind(&row.external_ref)
    .bind(&row.frequency)
    .bind(&row.note)
    .bind(row.id)
    .execute(&mut **tx)
    .await
    .step("update contributions")?;
    Ok(())
}

#[tracing::instrument(name = "contributions.store.delete", level = "error", skip_all)]
pub async fn delete(tx: &mut Transaction<'static, Any>, id: i64) -> AppResult<()> {
    sqlx::query("DELETE FROM contributions WHERE id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await
        .step("delete from contributions")?;
    Ok(())
}

/// Keeps who changed `contribution` and how (`add`, `correct`, `delete`), with the row before and after.
#[tracing::instrument(name = "contributions.store.audit", level = "error", skip_all)]
pub async fn audit(
    tx: &mut Transaction<'static, Any>,
    contribution: i64,
    action: &str,
    actor: i64,
    old: Option<&Row>,
    new: Option<&Row>,
    now: Timestamp,
) -> AppResult<()> {
    let json = |row: Option<&Row>| row.map(|r| serde_json::to_string(r).unwrap_or_default()).unwrap_or_default();
    sqlx::query(
        "INSERT INTO contribution_audit (contribution_id, action, actor_id, at, old_value, new_value)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(contribution)
    .bind(action)
    .bind(actor)
    .bind(now.secs())
    .bind(json(old))
    .bind(json(new))
    .execute(&mut **tx)
    .await
    .step("insert into contribution_audit")?;
    Ok(())
}

/// Keeps what an uploaded file's import did; returns its id for the page to show.
#[tracing::instrument(name = "contributions.store.record_import", level = "error", skip_all)]
pub async fn record_import(
    pool: &crate::db::Pool,
    actor: i64,
    file_name: &str,
    report: &crate::contributions::model::ImportReport,
    now: Timestamp,
) -> AppResult<i64> {
    sqlx::query_scalar(
        "INSERT INTO contribution_imports (actor_id, at, file_name, report) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(actor)
    .bind(now.secs())
    .bind(file_name)
    .bind(serde_json::to_string(report).unwrap_or_default())
    .fetch_one(pool)
    .await
    .step("insert into contribution_imports")
}
