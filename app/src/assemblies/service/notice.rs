//! The notice a co-op's rules ask for: each member entitled to vote is mailed the assembly's
//! invitation, with its calendar file, `notice_days` before it starts, once; and a reminder the day
//! before. Who was told, and when, is kept (`assembly_notices`): a member who becomes entitled later
//! is told at the next run, nobody twice, whichever portal process runs the job.
use super::{Assembly, store, voters};
use crate::accounts::service::{User, users};
use crate::error::{AppResult, Step};
use crate::mail::Attachment;
use crate::schedule::service::ics::{self, Entry, Method};
use crate::schedule::service::invite;
use crate::state::AppState;

/// Seconds before the start the reminder goes.
pub const REMIND: i64 = 86_400;

/// The `assembly_notice` job: mails what is due; returns the mails queued.
#[tracing::instrument(name = "assemblies.notice.send_due", level = "error", skip_all)]
pub async fn send_due(ctx: &AppState) -> AppResult<usize> {
    let now = ctx.clock.now().secs();
    let due: Vec<i64> = sqlx::query_scalar(
        "SELECT a.booking_id FROM assemblies a JOIN bookings b ON b.id = a.booking_id
         WHERE a.notice_days > 0 AND b.starts_at > $1 AND b.starts_at <= $1 + a.notice_days * 86400
           AND b.state IN ('booked', 'approved')
         ORDER BY a.booking_id",
    )
    .bind(now)
    .fetch_all(&ctx.pool)
    .await
    .step("read assemblies due a notice")?;
    let mut sent = 0;
    for id in due {
        let assembly = super::load(ctx, id).await?;
        let organizer = users::by_id(&ctx.pool, assembly.booking.owner_id).await?;
        for user_id in voters::entitled(ctx, &assembly.row.rules()).await? {
            sent += tell(ctx, &assembly, organizer.as_ref(), user_id).await?;
        }
    }
    if sent > 0 {
        ctx.mailer.wake();
    }
    Ok(sent)
}

/// Tells one member what is due to them: the notice, else (the day before) the reminder. A notice
/// that goes within the last day stands for the reminder too.
async fn tell(ctx: &AppState, assembly: &Assembly, organizer: Option<&User>, user_id: i64) -> AppResult<usize> {
    let now = ctx.clock.now();
    let booking = &assembly.booking;
    let reminding = booking.starts_at - now.secs() <= REMIND;
    let Some(member) = users::by_id(&ctx.pool, user_id).await? else { return Ok(0) };
    let mut tx = crate::db::begin(&ctx.pool).await?;
    let kind = if store::told(&mut tx, booking.id, user_id, "notice", now.secs()).await? {
        if reminding {
            store::told(&mut tx, booking.id, user_id, "reminder", now.secs()).await?;
        }
        "assembly_notice"
    } else if reminding && store::told(&mut tx, booking.id, user_id, "reminder", now.secs()).await? {
        "assembly_reminder"
    } else {
        return Ok(0);
    };
    let reader = users::reader(&member);
    let link = format!("{}/assemblies/{}", ctx.base_url, booking.id);
    let (organizer_name, organizer_email) = organizer.map_or(("", ""), |o| (o.name.as_str(), o.email.as_str()));
    let rows = std::slice::from_ref(booking);
    let invitees = [member.email.clone()];
    let entry = Entry { rows, invitees: &invitees, link: link.clone(), organizer_name, organizer_email };
    let mut mail =
        invite::mail_about(reader.lang, &member.email, &member.name, kind, &invite::about(booking, &reader), &link);
    if let Some(file) = ics::per_invitee(Method::Request, &entry, None, now).into_iter().next() {
        mail.attachment = Some(Attachment {
            name: "assembly.ics".into(),
            content_type: "text/calendar; method=REQUEST; charset=UTF-8".into(),
            body: file,
        });
    }
    crate::mail::enqueue(&mut tx, now, &mail).await?;
    tx.commit().await?;
    Ok(1)
}

/// How many members were told of the assembly, and when the first notice went.
pub async fn told(ctx: &AppState, booking_id: i64) -> AppResult<(u32, Option<i64>)> {
    let (count, first): (i64, Option<i64>) =
        sqlx::query_as("SELECT COUNT(*), MIN(sent_at) FROM assembly_notices WHERE booking_id = $1 AND kind = 'notice'")
            .bind(booking_id)
            .fetch_one(&ctx.pool)
            .await
            .step("count assembly_notices")?;
    Ok((u32::try_from(count).unwrap_or(0), first))
}
