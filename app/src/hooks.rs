//! Calls to other tools' webhooks, as JSON POSTs: a region alert to a chat bridge, an event to the
//! co-op's provisioning hook. Like mail, a call is queued in the transaction that decided it
//! (`webhook_outbox`, written only here), posted by the `webhooks` job under its lease, retried
//! with a growing pause, and recorded when the other side accepted it. A signed call carries an
//! HMAC-SHA256 of its timestamp and body, so the receiver can tell it came from the portal.
use crate::clock::{Clock, Timestamp};
use crate::db::Pool;
use crate::error::{AppError, AppResult};
use serde::Serialize;
use sqlx::{Any, Transaction};
use std::sync::OnceLock;
use std::time::Duration;

/// One call to queue: where, what, and under which name its outcome is shown.
pub struct Call<'a, T: Serialize> {
    pub url: &'a str,
    /// `booking:12:before`: how a page finds the calls about one thing.
    pub topic: Option<&'a str>,
    pub signed: bool,
    pub body: &'a T,
}

pub async fn enqueue<T: Serialize>(tx: &mut Transaction<'_, Any>, now: Timestamp, call: &Call<'_, T>) -> AppResult<()> {
    let body = serde_json::to_string(call.body).map_err(AppError::internal)?;
    sqlx::query("INSERT INTO webhook_outbox (url, body, created_at, topic, signed) VALUES ($1, $2, $3, $4, $5)")
        .bind(call.url)
        .bind(body)
        .bind(now.secs())
        .bind(call.topic)
        .bind(call.signed as i64)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// What became of a call, for the page of the thing it was about.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Sent {
    pub topic: String,
    pub created_at: i64,
    pub attempts: i64,
    pub sent_at: Option<i64>,
    pub last_error: Option<String>,
}

/// The calls whose topic starts with `prefix`, oldest first.
pub async fn calls(pool: &Pool, prefix: &str) -> AppResult<Vec<Sent>> {
    Ok(sqlx::query_as(
        "SELECT topic, created_at, attempts, sent_at, last_error FROM webhook_outbox
         WHERE topic LIKE $1 ORDER BY id",
    )
    .bind(format!("{prefix}%"))
    .fetch_all(pool)
    .await?)
}

/// `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`.
pub fn signature(secret: &str, at: Timestamp, body: &str) -> String {
    use hmac::{Hmac, Mac};
    let mut mac = match Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()) {
        Ok(mac) => mac,
        Err(_) => return String::new(),
    };
    mac.update(at.secs().to_string().as_bytes());
    mac.update(b".");
    mac.update(body.as_bytes());
    format!("t={},v1={}", at.secs(), hex::encode(mac.finalize().into_bytes()))
}

fn client() -> AppResult<&'static reqwest::Client> {
    static CLIENT: OnceLock<Option<reqwest::Client>> = OnceLock::new();
    CLIENT
        .get_or_init(|| reqwest::Client::builder().timeout(Duration::from_secs(5)).build().ok())
        .as_ref()
        .ok_or_else(|| AppError::internal("the webhook client could not be built"))
}

/// Posts every due call, signing those that ask for it with `secret`; returns how many went.
pub async fn deliver_due(pool: &Pool, clock: &Clock, secret: Option<&str>) -> AppResult<usize> {
    let due: Vec<(i64, String, String, i64, i64)> = sqlx::query_as(
        "SELECT id, url, body, attempts, signed FROM webhook_outbox WHERE sent_at IS NULL AND next_attempt_at <= $1
         ORDER BY id LIMIT 20",
    )
    .bind(clock.now().secs())
    .fetch_all(pool)
    .await?;
    let mut sent = 0;
    for (id, url, body, attempts, signed) in due {
        let mut request = client()?.post(&url).header("content-type", "application/json");
        if let (1, Some(secret)) = (signed, secret) {
            request = request.header("x-quorum-signature", signature(secret, clock.now(), &body));
        }
        let answer = request.body(body).send().await;
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
