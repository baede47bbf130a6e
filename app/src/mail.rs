//! Outgoing mail: messages are written to the `mail_outbox` table inside the transaction that caused
//! them (so nothing is sent for work that rolled back, and nothing is lost when a send fails), then
//! delivered by the `mail` job through SMTP or into an outbox folder, and retried until they go. The
//! job's lease is the only claim: one process at a time sends, so each message goes once.
use crate::clock::{Clock, Timestamp};
use crate::db::Pool;
use lettre::message::header::ContentType;
use lettre::message::{Attachment as Part, Mailbox, MultiPart};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sqlx::{Any, Transaction};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// A message ready to queue: plain text and HTML bodies of the same content.
#[derive(Debug, Clone)]
pub struct Mail {
    /// What kind of message it is (`verify`, `reset` …): kept after the bodies are dropped.
    pub kind: String,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// A file sent along (an invitation's calendar file).
    pub attachment: Option<Attachment>,
    /// The recipient's language: the links under the mail are labelled in it.
    pub lang: crate::i18n::Lang,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub name: String,
    /// Its MIME type with parameters: `text/calendar; method=REQUEST; charset=UTF-8`.
    pub content_type: String,
    pub body: String,
}

/// How the co-op signs its mail: its name (the sender's name and the signature) and its logo's full
/// address. Put on each mail as it is sent, so every mail carries the co-op's current face, and a
/// mail queued before a rename goes out under the new name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letterhead {
    pub name: String,
    pub logo: Option<String>,
    /// The co-op's legal and help links: each label's key (`legal.terms`) and full address.
    pub links: Vec<(String, String)>,
}

impl Letterhead {
    /// The plain text with the signature and the links under it.
    fn text(&self, body: &str, lang: crate::i18n::Lang) -> String {
        let links: String = self.links.iter().map(|(key, href)| format!("{}: {href}\n", lang.t(key))).collect();
        format!("{}\n-- \n{}\n{links}", body.trim_end(), self.name)
    }

    /// The HTML with the logo (or the name) above, and the name and the links below.
    fn html(&self, body: &str, lang: crate::i18n::Lang) -> String {
        let name = escape(&self.name);
        let links: Vec<String> = self
            .links
            .iter()
            .map(|(key, href)| format!("<a href=\"{}\">{}</a>", escape(href), escape(lang.t(key))))
            .collect();
        let head = match &self.logo {
            Some(src) => format!("<p><img src=\"{}\" alt=\"{name}\" height=\"48\"></p>", escape(src)),
            None => format!("<p><strong>{name}</strong></p>"),
        };
        let mut signed = format!("<p style=\"color:#555\">— {name}</p>");
        if !links.is_empty() {
            signed.push_str(&format!("<p style=\"font-size:small\">{}</p>", links.join(" · ")));
        }
        match (body.find("<body>"), body.rfind("</body>")) {
            (Some(start), Some(end)) if start < end => {
                let inner = &body[start + "<body>".len()..end];
                format!("{}<body>{head}{inner}{signed}</body>{}", &body[..start], &body[end + "</body>".len()..])
            }
            _ => format!("{head}{body}{signed}"),
        }
    }
}

/// Text made safe to stand in HTML, as text or in a quoted attribute.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[derive(Clone)]
pub enum Backend {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Folder(AsyncFileTransport<Tokio1Executor>),
}

/// The mail side of the application: where mail goes and who to wake when some is queued.
#[derive(Clone)]
pub struct Mailer {
    backend: Backend,
    from: Mailbox,
    wake: Arc<Notify>,
}

#[derive(Debug, thiserror::Error)]
pub enum MailConfigError {
    #[error("QUORUM_SMTP_URL is not a valid smtp:// or smtps:// URL: {0}")]
    SmtpUrl(String),
    #[error("QUORUM_MAIL_FROM is not a valid address: {0}")]
    From(String),
    #[error("QUORUM_OUTBOX_DIR cannot be created: {0}")]
    Folder(String),
}

impl Mailer {
    pub fn smtp(url: &str, from: &str) -> Result<Self, MailConfigError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| MailConfigError::SmtpUrl(e.to_string()))?
            .timeout(Some(Duration::from_secs(15)))
            .build();
        Self::new(Backend::Smtp(transport), from)
    }

    pub fn folder(dir: &std::path::Path, from: &str) -> Result<Self, MailConfigError> {
        std::fs::create_dir_all(dir).map_err(|e| MailConfigError::Folder(e.to_string()))?;
        Self::new(Backend::Folder(AsyncFileTransport::new(dir)), from)
    }

    fn new(backend: Backend, from: &str) -> Result<Self, MailConfigError> {
        let from = from.parse().map_err(|_| MailConfigError::From(from.to_string()))?;
        Ok(Self { backend, from, wake: Arc::new(Notify::new()) })
    }

    /// Tells the worker that mail was queued, so it goes now rather than at the next poll.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    async fn send(&self, row: &OutboxRow, letterhead: &Letterhead) -> Result<(), String> {
        let to: Mailbox = row.recipient.parse().map_err(|e| format!("bad recipient: {e}"))?;
        let lang = crate::i18n::Lang::from_code(&row.lang).unwrap_or_default();
        let body = MultiPart::alternative_plain_html(
            letterhead.text(&row.body_text, lang),
            letterhead.html(&row.body_html, lang),
        );
        let body = match (&row.attachment_name, &row.attachment_type, &row.attachment_body) {
            (Some(name), Some(kind), Some(file)) => {
                let kind = ContentType::parse(kind).map_err(|e| format!("bad attachment type: {e}"))?;
                MultiPart::mixed().multipart(body).singlepart(Part::new(name.clone()).body(file.clone(), kind))
            }
            _ => body,
        };
        // A mail sent again (the process died after the relay took it, before it was marked sent)
        // keeps its Message-ID, so mail clients and relays show it once. The queue time keeps the
        // id unique should a restored database hand out the same row id again.
        let id = format!("<outbox-{}-{}@{}>", row.id, row.created_at, self.from.email.domain());
        let message = Message::builder()
            .message_id(Some(id))
            .from(Mailbox::new(Some(letterhead.name.clone()), self.from.email.clone()))
            .to(to)
            .subject(row.subject.clone())
            .multipart(body)
            .map_err(|e| e.to_string())?;
        match &self.backend {
            Backend::Smtp(t) => t.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
            Backend::Folder(t) => t.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
        }
    }

    /// Woken when mail is queued, so the mail job runs now rather than at its next tick.
    pub fn waker(&self) -> Arc<Notify> {
        self.wake.clone()
    }
}

/// Queues a message in the caller's transaction, due at once (`next_attempt_at` 0 comes before any
/// clock's now).
pub async fn enqueue(tx: &mut Transaction<'_, Any>, now: Timestamp, mail: &Mail) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO mail_outbox (kind, recipient, subject, body_text, body_html, created_at, next_attempt_at,
             attachment_name, attachment_type, attachment_body, lang)
         VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8, $9, $10)",
    )
    .bind(&mail.kind)
    .bind(&mail.to)
    .bind(&mail.subject)
    .bind(&mail.text)
    .bind(&mail.html)
    .bind(now.secs())
    .bind(mail.attachment.as_ref().map(|a| a.name.clone()))
    .bind(mail.attachment.as_ref().map(|a| a.content_type.clone()))
    .bind(mail.attachment.as_ref().map(|a| a.body.clone()))
    .bind(mail.lang.code())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct OutboxRow {
    id: i64,
    created_at: i64,
    recipient: String,
    subject: String,
    body_text: String,
    body_html: String,
    attempts: i64,
    attachment_name: Option<String>,
    attachment_type: Option<String>,
    attachment_body: Option<String>,
    lang: String,
}

/// How long to wait before the next try: doubling from 30 s, at most an hour. Never given up.
/// Seconds before the next try of something sent that was refused: 30 s, doubling, at most an hour.
pub fn backoff(attempts: i64) -> i64 {
    (30_i64 << attempts.clamp(0, 7)).min(3600)
}

/// Sends every message that is due, under `letterhead`; returns how many were sent. Run by the
/// `mail` job under its lease, so no other process sends at the same time.
pub async fn deliver_due(
    pool: &Pool,
    mailer: &Mailer,
    clock: &Clock,
    letterhead: &Letterhead,
) -> Result<usize, sqlx::Error> {
    let due: Vec<OutboxRow> = sqlx::query_as(
        "SELECT id, created_at, recipient, subject, body_text, body_html, attempts, attachment_name, attachment_type,
                attachment_body, lang FROM mail_outbox
         WHERE sent_at IS NULL AND next_attempt_at <= $1 ORDER BY id LIMIT 50",
    )
    .bind(clock.now().secs())
    .fetch_all(pool)
    .await?;
    let mut sent = 0;
    for row in due {
        match mailer.send(&row, letterhead).await {
            Ok(()) => {
                // The bodies may hold live links (reset, verify, invite): a backup of the database
                // must not. Who, what kind and when stay.
                sqlx::query(
                    "UPDATE mail_outbox SET sent_at = $1, attempts = attempts + 1, body_text = '', body_html = '',
                         attachment_body = NULL
                     WHERE id = $2",
                )
                .bind(clock.now().secs())
                .bind(row.id)
                .execute(pool)
                .await?;
                sent += 1;
            }
            Err(error) => {
                tracing::warn!(mail_id = row.id, %error, "mail not sent; will retry");
                metrics::counter!("mail_failures_total").increment(1);
                sqlx::query(
                    "UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = $1, last_error = $2 WHERE id = $3",
                )
                .bind(clock.now().secs() + backoff(row.attempts))
                .bind(error)
                .bind(row.id)
                .execute(pool)
                .await?;
            }
        }
    }
    let queued: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL").fetch_one(pool).await?;
    metrics::gauge!("mail_queue_length").set(queued as f64);
    Ok(sent)
}

#[cfg(test)]
mod tests {
    use super::Letterhead;
    use crate::i18n::Lang;

    #[test]
    fn the_letterhead_frames_the_body_and_escapes_the_name() {
        let head = Letterhead {
            name: "R&D <Co-op>".into(),
            logo: Some("https://x.coop/site/logo?v=2".into()),
            links: vec![("legal.terms".into(), "https://x.coop/legal/terms".into())],
        };
        let html = head.html("<!doctype html><html lang=\"en\"><body><p>Hi</p></body></html>", Lang::De);
        assert_eq!(
            html,
            "<!doctype html><html lang=\"en\"><body><p><img src=\"https://x.coop/site/logo?v=2\" alt=\"R&amp;D &lt;Co-op&gt;\" \
             height=\"48\"></p><p>Hi</p><p style=\"color:#555\">— R&amp;D &lt;Co-op&gt;</p><p style=\"font-size:small\">\
             <a href=\"https://x.coop/legal/terms\">Nutzungsbedingungen</a></p></body></html>"
        );
        assert_eq!(head.text("Hi\n\n", Lang::En), "Hi\n-- \nR&D <Co-op>\nTerms of use: https://x.coop/legal/terms\n");
    }

    #[test]
    fn backoff_doubles_and_caps_at_an_hour() {
        assert_eq!(super::backoff(0), 30);
        assert_eq!(super::backoff(1), 60);
        assert_eq!(super::backoff(20), 3600);
    }
}
