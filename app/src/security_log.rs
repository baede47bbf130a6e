//! The security log: sign-ins and their failures, lockouts, password and email changes, role and
//! status changes, region and registration-mode changes, tiers, grants and money entered by admins — who, to whom, from where and when. This
//! module is the only writer of `security_events`; administrators read and filter it.
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {crate::clock::Clock, crate::db::Pool, crate::error::AppResult, crate::error::Step};

/// What happened. The names are stable: they are stored, filtered on and shown translated.
pub const KINDS: &[&str] = &[
    "login.ok",
    "login.failed",
    "login.locked",
    "login.sso",
    "sso.linked",
    "sso.state_mismatch",
    "sso.changed",
    "sso.passwords",
    "password.changed",
    "password.reset",
    "email.changed",
    "account.deleted",
    "account.role",
    "account.status",
    "region.changed",
    "registration.mode",
    "tier.changed",
    "grant.changed",
    "contributor.linked",
    "contribution.changed",
    "contributions.imported",
    "legacy.import",
    "booking.invitations",
    "room.settings",
    "room.shared",
    "room.transferred",
    "room.guest_link",
    "room.presentation",
    "room.type",
    "recording.deleted",
    "recording.expired",
    "assembly.callers",
    "announcement.changed",
    "site.identity",
    "region.maintenance",
    "account.created",
    "account.edited",
];

/// One entry to write.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, Default)]
pub struct Event<'a> {
    pub kind: &'static str,
    /// The member who acted, when signed in (or identified, for a failed sign-in of a known account).
    pub actor_id: Option<i64>,
    /// Whom or what it was done to: an email, a region code, a mode.
    pub subject: &'a str,
    pub address: &'a str,
    pub detail: &'a str,
}

/// An entry as administrators see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Entry {
    pub at: i64,
    /// `at` in the reader's time zone, named.
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    pub when: String,
    pub kind: String,
    pub actor: Option<String>,
    pub subject: String,
    pub address: String,
    pub detail: String,
}

#[cfg(feature = "ssr")]
pub async fn record<'e, E>(ex: E, clock: &Clock, event: Event<'_>) -> AppResult<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query(
        "INSERT INTO security_events (at, kind, actor_id, subject, address, detail) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(clock.now().secs())
    .bind(event.kind)
    .bind(event.actor_id)
    .bind(event.subject)
    .bind(event.address)
    .bind(event.detail)
    .execute(ex)
    .await
    .step("insert into security_events")?;
    Ok(())
}

pub const PAGE: i64 = 100;

/// The newest entries first; `kind` narrows to one kind, `query` to entries whose subject, actor or
/// address contains it.
#[cfg(feature = "ssr")]
pub async fn search(pool: &Pool, kind: &str, query: &str, page: i64) -> AppResult<Vec<Entry>> {
    let pattern = format!("%{}%", query.trim().to_lowercase().replace(['%', '_'], ""));
    let kind = if KINDS.contains(&kind) { kind } else { "" };
    sqlx::query_as(
        "SELECT e.at, e.kind, u.email AS actor, e.subject, e.address, e.detail
         FROM security_events e LEFT JOIN users u ON u.id = e.actor_id
         WHERE ($1 = '' OR e.kind = $1)
           AND (LOWER(e.subject) LIKE $2 OR LOWER(COALESCE(u.email, '')) LIKE $2 OR e.address LIKE $2)
         ORDER BY e.id DESC LIMIT $3 OFFSET $4",
    )
    .bind(kind)
    .bind(pattern)
    .bind(PAGE)
    .bind(page.max(0) * PAGE)
    .fetch_all(pool)
    .await
    .step("read security_events")
}

/// What member `actor_id` did, newest first (at most 1000): their sign-ins and changes, for the
/// copy of their own data.
#[cfg(feature = "ssr")]
pub async fn of_actor(pool: &Pool, actor_id: i64) -> AppResult<Vec<Entry>> {
    sqlx::query_as(
        "SELECT e.at, e.kind, u.email AS actor, e.subject, e.address, e.detail
         FROM security_events e LEFT JOIN users u ON u.id = e.actor_id
         WHERE e.actor_id = $1 ORDER BY e.id DESC LIMIT 1000",
    )
    .bind(actor_id)
    .fetch_all(pool)
    .await
    .step("read security_events")
}

/// Writes each entry's time for `reader` (their zone, named, and language).
#[cfg(feature = "ssr")]
pub fn in_zone(mut entries: Vec<Entry>, reader: &crate::time_display::Reader) -> Vec<Entry> {
    for e in &mut entries {
        e.when = crate::time_display::local(crate::clock::Timestamp::from_secs(e.at), reader);
    }
    entries
}
