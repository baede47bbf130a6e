//! Reminder mails before a booking starts: to its booker and each invitee, as long before as each
//! member chose (30 minutes unless they said otherwise; invitees without an account get 30). Run by
//! the `reminders` job; each reminder is recorded in `booking_sends` in the transaction that queues
//! its mail, so it is sent once across restarts and however many processes run the job.
use super::invite;
use super::store::{self, BookingRow};
use crate::accounts::service::users;
use crate::error::AppResult;
use crate::error::Step;
use crate::state::AppState;

pub use crate::schedule::model::REMINDER_CHOICES as CHOICES;
const DEFAULT: i64 = 30;
const LONGEST: i64 = 1440 * 60;

/// Queues every reminder that is due; returns how many.
#[tracing::instrument(name = "schedule.reminders.send_due", level = "error", skip_all)]
pub async fn send_due(ctx: &AppState) -> AppResult<usize> {
    let now = ctx.clock.now();
    let sql = format!(
        "SELECT {} FROM bookings WHERE starts_at > $1 AND starts_at <= $2
           AND state IN ('booked', 'approved') ORDER BY starts_at LIMIT 1000",
        store::COLUMNS
    );
    let soon: Vec<BookingRow> = sqlx::query_as(&sql)
        .bind(now.secs())
        .bind(now.secs() + LONGEST)
        .fetch_all(&ctx.pool)
        .await
        .step("read bookings")?;
    let mut sent = 0;
    for booking in soon {
        let mut conn = ctx.pool.acquire().await?;
        let Some(owner) = users::by_id(&mut *conn, booking.owner_id).await? else { continue };
        let mut recipients = vec![(owner.email.clone(), store::remind_minutes(&mut conn, owner.id).await?)];
        for email in store::invitees(&mut conn, &booking.uid).await? {
            let minutes = match users::by_email(&mut *conn, &email).await? {
                Some(member) => store::remind_minutes(&mut conn, member.id).await?,
                None => DEFAULT,
            };
            recipients.push((email, minutes));
        }
        drop(conn);
        for (email, minutes) in recipients {
            if minutes > 0 && booking.starts_at - minutes * 60 <= now.secs() {
                sent += remind(ctx, &booking, &owner, &email).await? as usize;
            }
        }
    }
    if sent > 0 {
        ctx.mailer.wake();
    }
    Ok(sent)
}

async fn remind(
    ctx: &AppState,
    booking: &BookingRow,
    owner: &crate::accounts::service::User,
    email: &str,
) -> AppResult<bool> {
    let now = ctx.clock.now();
    let mut tx = crate::db::begin(&ctx.pool).await?;
    if !store::first_send(&mut tx, booking.id, "reminder", email, now).await? {
        return Ok(false);
    }
    let room = crate::rooms::service::store::by_id(&mut tx, booking.room_id).await?;
    let (reader, name) = invite::reader(&mut tx, email, owner).await?;
    let mut link = format!("{}/r/{}", ctx.base_url, room.slug);
    if email != owner.email {
        let key = super::pass::key(&mut tx).await?;
        link = format!("{link}?invite={}", super::pass::of(&key, booking, email));
    }
    let about = invite::about(booking, &reader);
    let mail = invite::mail_about(reader.lang, email, &name, "booking_reminder", &about, &link);
    crate::mail::enqueue(&mut tx, now, &mail).await?;
    tx.commit().await?;
    Ok(true)
}
