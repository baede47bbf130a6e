//! Telling the admins that a region went down or recovered: one mail each, in their language, and
//! the webhook's post when one is configured, all queued in the transaction that records the
//! change, so each is sent once or not at all.
use crate::accounts::service::emails;
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::regions::service::RegionRecord;
use crate::state::AppState;
use serde::Serialize;
use sqlx::{Any, Transaction};

/// A region's change as the webhook receives it.
#[derive(Debug, Serialize)]
pub struct Alert<'a> {
    pub region: &'a str,
    pub name: &'a str,
    /// `down` or `up`.
    pub state: &'a str,
    /// Unix seconds of the poll that decided it.
    pub at: i64,
    pub error: Option<&'a str>,
    pub status_page: &'a str,
}

#[tracing::instrument(name = "monitoring.alerts.notify", level = "error", skip_all)]
pub async fn notify(
    tx: &mut Transaction<'_, Any>,
    ctx: &AppState,
    region: &RegionRecord,
    down: bool,
    error: Option<&str>,
) -> AppResult<usize> {
    let now = ctx.clock.now();
    let admins = crate::accounts::service::users::active_admins(&mut **tx).await?;
    // Admins are sent where the poll's error is shown. The webhook is the operators' own channel
    // (configured by them, signed): it carries what the poll saw, which the public status never does.
    let details = format!("{}/admin/monitoring", ctx.base_url);
    let link = format!("{}/status", ctx.base_url);
    for (email, name, language) in &admins {
        let lang = Lang::from_code(language).unwrap_or_default();
        crate::mail::enqueue(tx, now, &emails::region_changed(lang, email, name, &region.name, down, &details)).await?;
    }
    if let Some(hook) = &ctx.monitor_webhook {
        let state = if down { "down" } else { "up" };
        let alert =
            Alert { region: &region.code, name: &region.name, state, at: now.secs(), error, status_page: &link };
        crate::hooks::enqueue(tx, now, &crate::hooks::Call { url: &hook.url, topic: None, body: &alert }).await?;
    }
    Ok(admins.len())
}
