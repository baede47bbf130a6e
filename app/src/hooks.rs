//! Calls to other tools' webhooks, as JSON POSTs: a region alert to a chat bridge, an event to the
//! co-op's provisioning hook. Like mail, a call is queued in the transaction that decided it
//! (`webhook_outbox`, written only here), posted by the `webhooks` job under its lease, retried
//! with a growing pause, and recorded when the other side accepted it.
//!
//! Every call is signed, with the key of the receiver it goes to (`Receiver`): header
//! `X-Quorum-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, the time being when
//! it is posted, so a receiver that refuses old times is not fooled by a replay. A call whose
//! receiver has no key is not sent. Redirects are not followed (they would carry the signature
//! elsewhere): a 3xx answer is a failure like a 500. The address is checked against the outbound
//! policy before each call and the connection goes only to the addresses checked.
use crate::clock::{Clock, Timestamp};
use crate::db::Pool;
use crate::error::Step;
use crate::error::{AppError, AppResult};
use crate::outbound;
use serde::Serialize;
use sqlx::{Any, Transaction};
use std::sync::OnceLock;
use std::time::Duration;

/// One call to queue: where, what, and under which name its outcome is shown.
pub struct Call<'a, T: Serialize> {
    pub url: &'a str,
    /// `booking:12:before`: how a page finds the calls about one thing.
    pub topic: Option<&'a str>,
    pub body: &'a T,
}

/// A receiver of calls and the key that signs what it is sent.
#[derive(Clone, PartialEq, Eq)]
pub struct Receiver {
    pub url: String,
    pub secret: String,
}

// Never print the key.
impl std::fmt::Debug for Receiver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Receiver").field("url", &self.url).finish_non_exhaustive()
    }
}

pub async fn enqueue<T: Serialize>(tx: &mut Transaction<'_, Any>, now: Timestamp, call: &Call<'_, T>) -> AppResult<()> {
    let body = serde_json::to_string(call.body).map_err(AppError::internal)?;
    sqlx::query("INSERT INTO webhook_outbox (url, body, created_at, topic, signed) VALUES ($1, $2, $3, $4, $5)")
        .bind(call.url)
        .bind(body)
        .bind(now.secs())
        .bind(call.topic)
        .bind(1_i64)
        .execute(&mut **tx)
        .await
        .step("insert into webhook_outbox")?;
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
    sqlx::query_as(
        "SELECT topic, created_at, attempts, sent_at, last_error FROM webhook_outbox
         WHERE topic LIKE $1 ORDER BY id",
    )
    .bind(format!("{prefix}%"))
    .fetch_all(pool)
    .await
    .step("read webhook_outbox")
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

/// How long a receiver has to answer.
const TIMEOUT: Duration = Duration::from_secs(5);

fn builder() -> reqwest::ClientBuilder {
    reqwest::Client::builder().timeout(TIMEOUT).redirect(reqwest::redirect::Policy::none())
}

/// The client for receivers that need no pinning (internal networks allowed).
fn shared() -> AppResult<&'static reqwest::Client> {
    static CLIENT: OnceLock<Option<reqwest::Client>> = OnceLock::new();
    CLIENT
        .get_or_init(|| builder().build().ok())
        .as_ref()
        .ok_or_else(|| AppError::internal("the webhook client could not be built"))
}

/// Posts one call to `url`, signed with `secret`; `Err` says why it did not go or was refused.
async fn post(
    url: &str,
    secret: &str,
    body: String,
    now: Timestamp,
    policy: &outbound::Policy,
) -> AppResult<Result<(), String>> {
    let checked = match outbound::check(url, policy).await {
        Ok(checked) => checked,
        Err(refusal) => return Ok(Err(refusal.to_string())),
    };
    let pinned;
    let client = if checked.addresses.is_empty() {
        shared()?
    } else {
        match checked.pinned(builder()).build() {
            Ok(client) => {
                pinned = client;
                &pinned
            }
            Err(e) => return Ok(Err(format!("the client could not be built: {e}"))),
        }
    };
    let signature = signature(secret, now, &body);
    let answer = client
        .post(url)
        .header("content-type", "application/json")
        .header("x-quorum-signature", signature)
        .body(body)
        .send()
        .await;
    Ok(match answer {
        Ok(r) if r.status().is_success() => Ok(()),
        Ok(r) => Err(format!("HTTP {}", r.status().as_u16())),
        Err(e) if e.is_timeout() => Err("no answer in time".to_string()),
        Err(_) => Err("could not connect".to_string()),
    })
}

/// Posts every due call, each signed with its receiver's key; returns how many went. A call
/// whose address no receiver has any more (the configuration changed) is not sent unsigned.
pub async fn deliver_due(
    pool: &Pool,
    clock: &Clock,
    receivers: &[Receiver],
    policy: &outbound::Policy,
) -> AppResult<usize> {
    let due: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT id, url, body, attempts FROM webhook_outbox WHERE sent_at IS NULL AND next_attempt_at <= $1
         ORDER BY id LIMIT 20",
    )
    .bind(clock.now().secs())
    .fetch_all(pool)
    .await
    .step("read webhook_outbox")?;
    let mut sent = 0;
    for (id, url, body, attempts) in due {
        let failure = match receivers.iter().find(|r| r.url == url) {
            Some(receiver) => post(&url, &receiver.secret, body, clock.now(), policy).await?.err(),
            None => Some("no signing key is configured for this address".to_string()),
        };
        match failure {
            None => {
                sqlx::query("UPDATE webhook_outbox SET sent_at = $1, attempts = attempts + 1 WHERE id = $2")
                    .bind(clock.now().secs())
                    .bind(id)
                    .execute(pool)
                    .await
                    .step("update webhook_outbox")?;
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
                    .await.step("update webhook_outbox")?;
            }
        }
    }
    Ok(sent)
}
