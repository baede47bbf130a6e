//! The schedule's tables, and the only code that writes them: `bookings`, `booking_invitees`,
//! `booking_sends` (through `sends`) and `schedule_members`. Every write takes the caller's
//! transaction, so a booking, its invitees and its mails are saved together or not at all.
use super::capacity::LEAD;
use crate::clock::Timestamp;
use crate::error::AppResult;
use crate::error::Step;
use sqlx::{Any, AnyConnection, Transaction};

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct BookingRow {
    pub id: i64,
    pub uid: String,
    pub room_id: i64,
    pub region_code: String,
    pub owner_id: i64,
    pub title: String,
    pub description: String,
    pub time_zone: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub reserve_from: i64,
    pub participants: i64,
    pub state: String,
    pub every_weeks: i64,
    pub original_start: Option<i64>,
    pub sequence: i64,
    pub note: String,
    pub created_at: i64,
    pub updated_at: i64,
    /// A members' meeting (an assembly): only its own page lets people in while it is open.
    pub members_meeting: i64,
}

impl BookingRow {
    pub fn holds(&self) -> bool {
        crate::schedule::model::HOLDING.contains(&self.state.as_str())
    }
    pub fn minutes(&self) -> i64 {
        (self.ends_at - self.starts_at) / 60
    }
}

pub const COLUMNS: &str = "id, uid, room_id, region_code, owner_id, title, description, time_zone, starts_at, \
    ends_at, reserve_from, participants, state, every_weeks, original_start, sequence, note, created_at, updated_at, \
    members_meeting";

/// What every occurrence of a new booking shares.
pub struct New<'a> {
    pub uid: &'a str,
    pub room_id: i64,
    pub region: &'a str,
    pub owner_id: i64,
    pub title: &'a str,
    pub description: &'a str,
    pub time_zone: &'a str,
    pub minutes: i64,
    pub participants: i64,
    pub state: &'a str,
    pub every_weeks: i64,
}

/// Saves one row per start; returns their ids in order.
#[tracing::instrument(name = "schedule.store.insert", level = "error", skip_all)]
pub async fn insert(
    tx: &mut Transaction<'static, Any>,
    new: &New<'_>,
    starts: &[Timestamp],
    now: Timestamp,
) -> AppResult<Vec<i64>> {
    let mut ids = Vec::with_capacity(starts.len());
    for start in starts {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO bookings (uid, room_id, region_code, owner_id, title, description, time_zone, starts_at,
                 ends_at, reserve_from, participants, state, every_weeks, original_start, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) RETURNING id",
        )
        .bind(new.uid)
        .bind(new.room_id)
        .bind(new.region)
        .bind(new.owner_id)
        .bind(new.title)
        .bind(new.description)
        .bind(new.time_zone)
        .bind(start.secs())
        .bind(start.secs() + new.minutes * 60)
        .bind(start.secs() - LEAD)
        .bind(new.participants)
        .bind(new.state)
        .bind(new.every_weeks)
        .bind((new.every_weeks > 0).then_some(start.secs()))
        .bind(now.secs())
        .fetch_one(&mut **tx)
        .await
        .step("insert into bookings")?;
        ids.push(id);
    }
    Ok(ids)
}

#[tracing::instrument(name = "schedule.store.by_id", level = "error", skip_all)]
pub async fn by_id(conn: &mut AnyConnection, id: i64) -> AppResult<Option<BookingRow>> {
    let sql = format!("SELECT {COLUMNS} FROM bookings WHERE id = $1");
    sqlx::query_as(&sql).bind(id).fetch_optional(conn).await.step("read bookings")
}

/// Every occurrence of a booking, in order.
#[tracing::instrument(name = "schedule.store.series", level = "error", skip_all)]
pub async fn series(conn: &mut AnyConnection, uid: &str) -> AppResult<Vec<BookingRow>> {
    let sql = format!("SELECT {COLUMNS} FROM bookings WHERE uid = $1 ORDER BY COALESCE(original_start, starts_at)");
    sqlx::query_as(&sql).bind(uid).fetch_all(conn).await.step("read bookings")
}

/// What an occurrence becomes when it is changed; the series' calendar version goes up.
pub struct Change<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub starts_at: i64,
    pub minutes: i64,
    pub participants: i64,
    pub region: &'a str,
}

#[tracing::instrument(name = "schedule.store.update", level = "error", skip_all)]
pub async fn update(tx: &mut Transaction<'static, Any>, id: i64, change: &Change<'_>, now: Timestamp) -> AppResult<()> {
    sqlx::query(
        "UPDATE bookings SET title = $1, description = $2, starts_at = $3, ends_at = $4, reserve_from = $5,
             participants = $6, region_code = $7, updated_at = $8 WHERE id = $9",
    )
    .bind(change.title)
    .bind(change.description)
    .bind(change.starts_at)
    .bind(change.starts_at + change.minutes * 60)
    .bind(change.starts_at - LEAD)
    .bind(change.participants)
    .bind(change.region)
    .bind(now.secs())
    .bind(id)
    .execute(&mut **tx)
    .await
    .step("update bookings")?;
    Ok(())
}

/// Sets the state of the given occurrences (cancelled, approved, declined), with the note shown to
/// the member.
#[tracing::instrument(name = "schedule.store.set_state", level = "error", skip_all)]
pub async fn set_state(
    tx: &mut Transaction<'static, Any>,
    ids: &[i64],
    state: &str,
    note: &str,
    now: Timestamp,
) -> AppResult<()> {
    for id in ids {
        sqlx::query("UPDATE bookings SET state = $1, note = $2, updated_at = $3 WHERE id = $4")
            .bind(state)
            .bind(note)
            .bind(now.secs())
            .bind(id)
            .execute(&mut **tx)
            .await
            .step("update bookings")?;
    }
    Ok(())
}

/// Raises the series' SEQUENCE (RFC 5545): calendars replace what they hold only for a higher one.
#[tracing::instrument(name = "schedule.store.bump_sequence", level = "error", skip_all)]
pub async fn bump_sequence(tx: &mut Transaction<'static, Any>, uid: &str) -> AppResult<i64> {
    sqlx::query("UPDATE bookings SET sequence = sequence + 1 WHERE uid = $1")
        .bind(uid)
        .execute(&mut **tx)
        .await
        .step("update bookings")?;
    let sequence: Option<i64> = sqlx::query_scalar("SELECT MAX(sequence) FROM bookings WHERE uid = $1")
        .bind(uid)
        .fetch_one(&mut **tx)
        .await
        .step("read bookings")?;
    Ok(sequence.unwrap_or(0))
}

#[tracing::instrument(name = "schedule.store.invitees", level = "error", skip_all)]
pub async fn invitees(conn: &mut AnyConnection, uid: &str) -> AppResult<Vec<String>> {
    sqlx::query_scalar("SELECT email FROM booking_invitees WHERE uid = $1 ORDER BY email")
        .bind(uid)
        .fetch_all(conn)
        .await
        .step("read booking_invitees")
}

/// The invitees of each of `uids`, in one query per 500 (a page lists many bookings).
#[tracing::instrument(name = "schedule.store.invitees_of", level = "error", skip_all)]
pub async fn invitees_of(
    conn: &mut AnyConnection,
    uids: &[&str],
) -> AppResult<std::collections::HashMap<String, Vec<String>>> {
    let mut found: std::collections::HashMap<String, Vec<String>> = std::collections::HashMap::new();
    for chunk in uids.chunks(500) {
        let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let sql = format!("SELECT uid, email FROM booking_invitees WHERE uid IN ({}) ORDER BY email", marks.join(", "));
        let mut query = sqlx::query_as::<_, (String, String)>(&sql);
        for uid in chunk {
            query = query.bind(*uid);
        }
        for (uid, email) in query.fetch_all(&mut *conn).await? {
            found.entry(uid).or_default().push(email);
        }
    }
    Ok(found)
}

#[tracing::instrument(name = "schedule.store.set_invitees", level = "error", skip_all)]
pub async fn set_invitees(tx: &mut Transaction<'static, Any>, uid: &str, emails: &[String]) -> AppResult<()> {
    sqlx::query("DELETE FROM booking_invitees WHERE uid = $1")
        .bind(uid)
        .execute(&mut **tx)
        .await
        .step("delete from booking_invitees")?;
    for email in emails {
        sqlx::query("INSERT INTO booking_invitees (uid, email) VALUES ($1, $2)")
            .bind(uid)
            .bind(email)
            .execute(&mut **tx)
            .await
            .step("insert into booking_invitees")?;
    }
    Ok(())
}

/// Records that `kind` was queued for `recipient` about occurrence `id`; `false` when it already
/// was, by this process or another: the caller then queues nothing.
#[tracing::instrument(name = "schedule.store.first_send", level = "error", skip_all)]
pub async fn first_send(
    tx: &mut Transaction<'static, Any>,
    id: i64,
    kind: &str,
    recipient: &str,
    now: Timestamp,
) -> AppResult<bool> {
    let done = sqlx::query(
        "INSERT INTO booking_sends (booking_id, kind, recipient, queued_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING",
    )
    .bind(id)
    .bind(kind)
    .bind(recipient)
    .bind(now.secs())
    .execute(&mut **tx)
    .await
    .step("insert into booking_sends")?;
    Ok(done.rows_affected() == 1)
}

/// A member's reminder (30 minutes unless they chose) and feed token's digest, in one reading.
#[tracing::instrument(name = "schedule.store.settings", level = "error", skip_all)]
pub async fn settings(conn: &mut AnyConnection, user_id: i64) -> AppResult<(i64, Option<String>)> {
    let row: Option<(Option<i64>, Option<String>)> =
        sqlx::query_as("SELECT remind_minutes, feed_token FROM schedule_members WHERE user_id = $1")
            .bind(user_id)
            .fetch_optional(conn)
            .await
            .step("read schedule_members")?;
    let (minutes, token) = row.unwrap_or_default();
    Ok((minutes.unwrap_or(30), token))
}

#[tracing::instrument(name = "schedule.store.remind_minutes", level = "error", skip_all)]
pub async fn remind_minutes(conn: &mut AnyConnection, user_id: i64) -> AppResult<i64> {
    let chosen: Option<i64> = sqlx::query_scalar("SELECT remind_minutes FROM schedule_members WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(conn)
        .await
        .step("read schedule_members")?;
    Ok(chosen.unwrap_or(30))
}

#[tracing::instrument(name = "schedule.store.set_remind_minutes", level = "error", skip_all)]
pub async fn set_remind_minutes(conn: &mut AnyConnection, user_id: i64, minutes: i64) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO schedule_members (user_id, remind_minutes) VALUES ($1, $2)
         ON CONFLICT (user_id) DO UPDATE SET remind_minutes = $2",
    )
    .bind(user_id)
    .bind(minutes)
    .execute(conn)
    .await
    .step("insert into schedule_members")?;
    Ok(())
}

/// The digest of the member's feed token (`tokens::digest`): only it is stored, so the database
/// holds no working feed address.
#[tracing::instrument(name = "schedule.store.feed_digest", level = "error", skip_all)]
pub async fn feed_digest(conn: &mut AnyConnection, user_id: i64) -> AppResult<Option<String>> {
    Ok(sqlx::query_scalar::<_, Option<String>>("SELECT feed_token FROM schedule_members WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(conn)
        .await
        .step("read schedule_members")?
        .flatten())
}

/// Gives the member a new feed token (stored as its digest); the old one stops at once.
#[tracing::instrument(name = "schedule.store.set_feed_digest", level = "error", skip_all)]
pub async fn set_feed_digest(conn: &mut AnyConnection, user_id: i64, digest: &str) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO schedule_members (user_id, feed_token) VALUES ($1, $2)
         ON CONFLICT (user_id) DO UPDATE SET feed_token = $2",
    )
    .bind(user_id)
    .bind(digest)
    .execute(conn)
    .await
    .step("insert into schedule_members")?;
    Ok(())
}

/// Feed tokens stored before only digests were: `<member id>.<secret>`, recognised by the dot a
/// hex digest never has. Each is replaced by its digest; the address it is in keeps working.
#[tracing::instrument(name = "schedule.store.digest_plain_feed_tokens", level = "error", skip_all)]
pub async fn digest_plain_feed_tokens(pool: &crate::db::Pool) -> Result<usize, sqlx::Error> {
    let plain: Vec<(i64, String)> =
        sqlx::query_as("SELECT user_id, feed_token FROM schedule_members WHERE feed_token LIKE '%.%'")
            .fetch_all(pool)
            .await?;
    for (user_id, token) in &plain {
        sqlx::query("UPDATE schedule_members SET feed_token = $1 WHERE user_id = $2 AND feed_token = $3")
            .bind(crate::accounts::service::tokens::digest(token))
            .bind(user_id)
            .bind(token)
            .execute(pool)
            .await?;
    }
    Ok(plain.len())
}

/// Marks the booking a members' meeting: while it is open, the room's own join lets in only its
/// managers (everyone else comes in through the meeting's page, where they are counted).
pub async fn mark_members_meeting(conn: &mut AnyConnection, id: i64) -> AppResult<()> {
    sqlx::query("UPDATE bookings SET members_meeting = 1 WHERE id = $1")
        .bind(id)
        .execute(conn)
        .await
        .step("update bookings")?;
    Ok(())
}
