//! What a refund reverses: the contribution it names, or its order's latest one; always one of the
//! refund's own contributor, so a file cannot make one person's refund take another's gift.
use crate::clock::Timestamp;
use crate::contributions::service::opencollective::Refunded;
use crate::error::AppResult;
use crate::error::Step;
use sqlx::{Any, Transaction};

/// The latest contribution of `contributor`'s `order` up to `at` not refunded yet, if any.
#[tracing::instrument(name = "contributions.store.refunds.refundable", level = "error", skip_all)]
pub async fn refundable(
    tx: &mut Transaction<'static, Any>,
    (source, contributor): (&str, i64),
    order: &str,
    at: Timestamp,
) -> AppResult<Option<i64>> {
    sqlx::query_scalar(
        "SELECT c.id FROM contributions c WHERE c.source = $1 AND c.order_ref = $2 AND c.amount_minor > 0
           AND c.contributed_at <= $3 AND c.contributor_id = $4
           AND NOT EXISTS (SELECT 1 FROM contributions r WHERE r.refunds_id = c.id)
         ORDER BY c.contributed_at DESC, c.id DESC LIMIT 1",
    )
    .bind(source)
    .bind(order)
    .bind(at.secs())
    .bind(contributor)
    .fetch_optional(&mut **tx)
    .await
    .step("read contributions")
}

/// The contribution of `contributor` a refund names, if it is in and not refunded yet. A short id
/// (the default export's first eight characters of the id) matches a row kept under it or under
/// the full id; only letters, digits and dashes, so nothing in the file acts as a `LIKE` wildcard.
#[tracing::instrument(name = "contributions.store.refunds.refunded", level = "error", skip_all)]
pub async fn refunded(
    tx: &mut Transaction<'static, Any>,
    (source, contributor): (&str, i64),
    named: &Refunded,
) -> AppResult<Option<i64>> {
    let (exact, prefix) = match named {
        Refunded::Exact(reference) => (reference.clone(), None),
        Refunded::Short(short) if short.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') => {
            (format!("short:{short}"), Some(format!("{short}%")))
        }
        Refunded::Short(short) => (format!("short:{short}"), None),
    };
    sqlx::query_scalar(
        "SELECT c.id FROM contributions c WHERE c.source = $1 AND (c.external_ref = $2 OR c.external_ref LIKE $3)
           AND c.amount_minor > 0 AND c.contributor_id = $4
           AND NOT EXISTS (SELECT 1 FROM contributions r WHERE r.refunds_id = c.id)
         ORDER BY c.id LIMIT 1",
    )
    .bind(source)
    .bind(exact)
    .bind(prefix)
    .bind(contributor)
    .fetch_optional(&mut **tx)
    .await
    .step("read contributions")
}
