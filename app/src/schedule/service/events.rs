//! Events: bookings larger than `Policy::event_size` wait for an admin. The reservation holds while
//! they wait; approving sends the invitations (and, later, the provisioning calls), declining
//! frees the capacity. The member is told either way, with the admin's message.
use super::invite;
use super::store::{self, BookingRow};
use crate::accounts::service::{User, users};
use crate::error::Step;
use crate::error::{AppError, AppResult, Msg};
use crate::i18n::Lang;
use crate::state::AppState;
use sqlx::{Any, Transaction};

/// Tells every admin that an event waits for them.
#[tracing::instrument(name = "schedule.events.ask_admins", level = "error", skip_all)]
pub async fn ask_admins(
    ctx: &AppState,
    tx: &mut Transaction<'static, Any>,
    booker: &User,
    series: &[BookingRow],
) -> AppResult<()> {
    let Some(first) = series.first() else { return Ok(()) };
    let link = format!("{}/admin/schedule", ctx.base_url);
    for (email, name, language) in users::active_admins(&mut **tx).await? {
        let lang = Lang::from_code(&language).unwrap_or_default();
        let about = format!(
            "{} ({}, {})",
            invite::about(first, &crate::accounts::service::users::reader(booker)),
            booker.name,
            first.participants
        );
        let mail = invite::mail_about(lang, &email, &name, "booking_requested", &about, &link);
        crate::mail::enqueue(tx, ctx.clock.now(), &mail).await?;
    }
    Ok(())
}

/// An admin approves or declines the event `id` (every occurrence still waiting).
#[tracing::instrument(name = "schedule.events.decide", level = "error", skip_all)]
pub async fn decide(ctx: &AppState, id: i64, approve: bool, note: &str) -> AppResult<()> {
    let now = ctx.clock.now();
    let mut tx = crate::db::begin(&ctx.pool).await?;
    let row = store::by_id(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let series = store::series(&mut tx, &row.uid).await?;
    let waiting: Vec<i64> = series.iter().filter(|r| r.state == "requested").map(|r| r.id).collect();
    if waiting.is_empty() {
        return Err(AppError::Refused(Msg::new("booking.not_requested")));
    }
    let state = if approve { "approved" } else { "declined" };
    let note: String = note.trim().chars().take(1000).collect();
    store::set_state(&mut tx, &waiting, state, &note, now).await?;
    let series = store::series(&mut tx, &row.uid).await?;
    let owner = users::by_id(&mut *tx, row.owner_id).await?.ok_or(AppError::NotFound)?;
    let room = crate::rooms::service::store::by_id(&mut tx, row.room_id).await?;
    let about = match note.as_str() {
        "" => invite::about(&row, &crate::accounts::service::users::reader(&owner)),
        note => format!("{} \u{2014} {note}", invite::about(&row, &crate::accounts::service::users::reader(&owner))),
    };
    let key = if approve { "booking_approved" } else { "booking_declined" };
    let link = format!("{}/schedule/{}", ctx.base_url, row.id);
    crate::mail::enqueue(
        &mut tx,
        now,
        &invite::mail_about(owner.lang(), &owner.email, &owner.name, key, &about, &link),
    )
    .await?;
    if approve {
        let invitees = store::invitees(&mut tx, &row.uid).await?;
        invite::send(ctx, &mut tx, invite::Kind::Request, &series, &room, &owner, &invitees).await?;
    }
    tx.commit().await?;
    super::listing::changed(ctx);
    ctx.mailer.wake();
    tracing::info!(booking = id, state, "event decided");
    Ok(())
}

/// The first occurrence of every event waiting for a decision, soonest first.
#[tracing::instrument(name = "schedule.events.waiting", level = "error", skip_all)]
pub async fn waiting(ctx: &AppState) -> AppResult<Vec<BookingRow>> {
    let sql = format!(
        "SELECT {} FROM bookings b WHERE state = 'requested' AND ends_at > $1
           AND id = (SELECT MIN(id) FROM bookings o WHERE o.uid = b.uid AND o.state = 'requested')
         ORDER BY starts_at LIMIT 200",
        store::COLUMNS
    );
    sqlx::query_as(&sql).bind(ctx.clock.now().secs()).fetch_all(&ctx.pool).await.step("read bookings")
}
