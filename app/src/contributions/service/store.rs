//! The only writer of `contributors` (who gives, as a source names them, and the member they are)
//! and `contributions` (each gift or refund, in minor units of its currency).
use crate::clock::Timestamp;
use crate::contributions::model::Money;
use crate::error::AppResult;
use sqlx::{Any, Transaction};

/// The contributor `key` of `source`, made on first sight; returns its id and member, if linked.
pub async fn contributor(
    tx: &mut Transaction<'static, Any>,
    source: &str,
    key: &str,
    name: &str,
    now: Timestamp,
) -> AppResult<(i64, Option<i64>)> {
    sqlx::query(
        "INSERT INTO contributors (source, external_key, name, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (source, external_key) DO NOTHING",
    )
    .bind(source)
    .bind(key)
    .bind(name)
    .bind(now.secs())
    .execute(&mut **tx)
    .await?;
    Ok(sqlx::query_as("SELECT id, user_id FROM contributors WHERE source = $1 AND external_key = $2")
        .bind(source)
        .bind(key)
        .fetch_one(&mut **tx)
        .await?)
}

/// Links a contributor to a member, with every contribution of theirs: remembered for later imports.
pub async fn link(tx: &mut Transaction<'static, Any>, contributor: i64, user_id: i64) -> AppResult<()> {
    sqlx::query("UPDATE contributors SET user_id = $1 WHERE id = $2")
        .bind(user_id)
        .bind(contributor)
        .execute(&mut **tx)
        .await?;
    sqlx::query("UPDATE contributions SET user_id = $1 WHERE contributor_id = $2")
        .bind(user_id)
        .bind(contributor)
        .execute(&mut **tx)
        .await?;
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
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The latest contribution of `order` not refunded yet, if any.
pub async fn refundable(tx: &mut Transaction<'static, Any>, source: &str, order: &str) -> AppResult<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT c.id FROM contributions c WHERE c.source = $1 AND c.order_ref = $2 AND c.amount_minor > 0
           AND NOT EXISTS (SELECT 1 FROM contributions r WHERE r.refunds_id = c.id)
         ORDER BY c.contributed_at DESC, c.id DESC LIMIT 1",
    )
    .bind(source)
    .bind(order)
    .fetch_optional(&mut **tx)
    .await?)
}
