//! Telling the admins that a region went down or recovered: one mail each, in their language, and
//! the webhook's post when one is configured, all queued in the transaction that records the
//! change, so each is sent once or not at all.
use super::webhooks::{self, Alert};
use crate::accounts::service::emails;
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::regions::service::RegionRecord;
use crate::state::AppState;
use sqlx::{Any, Transaction};

pub async fn notify(
    tx: &mut Transaction<'_, Any>,
    ctx: &AppState,
    region: &RegionRecord,
    down: bool,
    error: Option<&str>,
) -> AppResult<usize> {
    let now = ctx.clock.now();
    let admins: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT email, name, language FROM users WHERE role = 'admin' AND status = 'active' ORDER BY id",
    )
    .fetch_all(&mut **tx)
    .await?;
    let link = format!("{}/status", ctx.base_url);
    for (email, name, language) in &admins {
        let lang = Lang::from_code(language).unwrap_or_default();
        crate::mail::enqueue(tx, now, &emails::region_changed(lang, email, name, &region.name, down, &link)).await?;
    }
    if let Some(url) = &ctx.monitor_webhook {
        let state = if down { "down" } else { "up" };
        let alert =
            Alert { region: &region.code, name: &region.name, state, at: now.secs(), error, status_page: &link };
        webhooks::enqueue(tx, url, now, &alert).await?;
    }
    Ok(admins.len())
}
