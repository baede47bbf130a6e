//! Telling the admins that a region went down or recovered: one mail each, in their language,
//! queued in the transaction that records the change, so it is sent once or not at all.
use crate::accounts::service::emails;
use crate::clock::Timestamp;
use crate::error::AppResult;
use crate::i18n::Lang;
use sqlx::{Any, Transaction};

pub async fn notify(
    tx: &mut Transaction<'_, Any>,
    now: Timestamp,
    base_url: &str,
    region: &str,
    down: bool,
) -> AppResult<usize> {
    let admins: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT email, name, language FROM users WHERE role = 'admin' AND status = 'active' ORDER BY id",
    )
    .fetch_all(&mut **tx)
    .await?;
    let link = format!("{base_url}/status");
    for (email, name, language) in &admins {
        let lang = Lang::from_code(language).unwrap_or_default();
        crate::mail::enqueue(tx, now, &emails::region_changed(lang, email, name, region, down, &link)).await?;
    }
    Ok(admins.len())
}
