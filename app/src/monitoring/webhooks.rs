//! The alert as a JSON POST to a webhook (a chat bridge): queued with the alert mails in the
//! transaction that records the change, posted by the `webhooks` job under its lease, retried with
//! a growing pause, and recorded when sent, so each change is posted once.
use crate::clock::{Clock, Timestamp};
use crate::db::Pool;
use crate::error::{AppError, AppResult};
use serde::Serialize;
use sqlx::{Any, Transaction};
use std::sync::OnceLock;
use std::time::Duration;

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

pub async fn enqueue(tx: &mut Transaction<'_, Any>, url: &str, now: Timestamp, alert: &Alert<'_>) -> AppResult<()> {
    let body = serde_json::to_string(alert).map_err(AppError::internal)?;
    sqlx::query("INSERT INTO webhook_outbox (url, body, created_at) VALUES ($1, $2, $3)")
        .bind(url)
        .bind(body)
        .bind(now.secs())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

fn client() -> AppResult<&'static reqwest::Client> {
    static CLIENT: OnceLock<Option<reqwest::Client>> = OnceLock::new();
    CLIENT
        .get_or_init(|| reqwest::Client::builder().timeout(Duration::from_secs(5)).build().ok())
        .as_ref()
        .ok_or_else(|| AppError::internal("the webhook client could not be built"))
}

/// Posts every due webhook; returns how many were delivered.
pub async fn deliver_due(pool: &Pool, clock: &Clock) -> AppResult<usize> {
    let due: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT id, url, body, attempts FROM webhook_outbox WHERE sent_at IS NULL AND next_attempt_at <= $1
         ORDER BY id LIMIT 20",
    )
    .bind(clock.now().secs())
    .fetch_all(pool)
    .await?;
    let mut sent = 0;
    for (id, url, body, attempts) in due {
        let answer = client()?.post(&url).header("content-type", "application/json").body(body).send().await;
        let failure = match answer {
            Ok(r) if r.status().is_success() => None,
            Ok(r) => Some(format!("HTTP {}", r.status().as_u16())),
            Err(e) => {
                Some(if e.is_timeout() { "no answer in time".to_string() } else { "could not connect".to_string() })
            }
        };
        match failure {
            None => {
                sqlx::query("UPDATE webhook_outbox SET sent_at = $1, attempts = attempts + 1 WHERE id = $2")
                    .bind(clock.now().secs())
                    .bind(id)
                    .execute(pool)
                    .await?;
                sent += 1;
            }
            Some(error) => {
                tracing::warn!(webhook_id = id, %error, "webhook not delivered; will retry");
                metrics::counter!("webhook_failures_total").increment(1);
                sqlx::query("UPDATE webhook_outbox SET attempts = attempts + 1, next_attempt_at = $1, last_error = $2 WHERE id = $3")
                    .bind(clock.now().secs() + crate::mail::backoff(attempts))
                    .bind(error)
                    .bind(id)
                    .execute(pool)
                    .await?;
            }
        }
    }
    Ok(sent)
}
