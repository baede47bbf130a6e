//! How many mails a member's bookings may send to invitees: at most `Policy::invitations_per_hour`
//! in an hour and `invitations_per_day` in a day, counted one per mail in the database's rate
//! limits (`crate::limits`), so they hold across processes and a parallel burst passes no more.
//! Without it a booking was a mail relay: 200 addresses a booking, as often as one liked, under a
//! title of one's choosing. The units are reserved before the booking is saved and given back
//! when it is not; every booking that mails, and every refusal, is in the security log.
use crate::accounts::service::User;
use crate::error::{AppError, AppResult, FieldErrors, Msg};
use crate::limits::{Attempt, Limit, forgive_all};
use crate::security_log::{self, Event};
use crate::state::AppState;

/// The kind of the security log's entries about invitations.
pub const KIND: &str = "booking.invitations";

/// Units reserved for a booking's mails; given back with [`settle`] when it is not saved.
#[must_use = "settle the reservation with the booking's outcome"]
pub struct Held(Vec<Attempt>);

fn limits(ctx: &AppState) -> [Limit; 2] {
    [
        Limit { scope: "invitations.hour", max: ctx.schedule.invitations_per_hour, window: 3600 },
        Limit { scope: "invitations.day", max: ctx.schedule.invitations_per_day, window: 86_400 },
    ]
}

/// Reserves `count` mails for `user`, or refuses next to the invitees field (and logs the refusal).
#[tracing::instrument(name = "schedule.outreach.reserve", level = "error", skip_all)]
pub async fn reserve(ctx: &AppState, user: &User, count: usize, address: &str) -> AppResult<Held> {
    let count = i64::try_from(count).unwrap_or(i64::MAX);
    if count == 0 {
        return Ok(Held(Vec::new()));
    }
    let subject = user.id.to_string();
    let mut held = Vec::with_capacity(2);
    for limit in limits(ctx) {
        match limit.reserve_weighted(&ctx.pool, &ctx.clock, &subject, count).await {
            Ok(attempt) => held.push(attempt),
            Err(AppError::RateLimited { minutes }) => {
                forgive_all(&ctx.pool, held).await?;
                let detail = format!("refused: {count} invitees over the limit");
                let event =
                    Event { kind: KIND, actor_id: Some(user.id), subject: &user.email, address, detail: &detail };
                security_log::record(&ctx.pool, &ctx.clock, event).await?;
                tracing::warn!(user = user.id, count, "invitations over the limit");
                let mut errors = FieldErrors::default();
                let message = Msg::with("booking.invitees.rate_limited", "minutes", minutes)
                    .and("hour", ctx.schedule.invitations_per_hour)
                    .and("day", ctx.schedule.invitations_per_day);
                errors.add("invitees", message);
                return Err(AppError::Invalid(errors));
            }
            Err(other) => {
                forgive_all(&ctx.pool, held).await?;
                return Err(other);
            }
        }
    }
    Ok(Held(held))
}

/// Logs that booking `id` of `user` mails `count` invitees; in the booking's transaction, so the
/// entry is there exactly when the mails are.
#[tracing::instrument(name = "schedule.outreach.log", level = "error", skip_all)]
pub async fn log(
    ctx: &AppState,
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    user: &User,
    id: i64,
    count: usize,
    address: &str,
) -> AppResult<()> {
    if count == 0 {
        return Ok(());
    }
    let detail = format!("mailed {count} invitees, booking {id}");
    let event = Event { kind: KIND, actor_id: Some(user.id), subject: &user.email, address, detail: &detail };
    security_log::record(&mut **tx, &ctx.clock, event).await
}

/// Passes the booking's outcome on; a booking that was not saved gives its units back.
#[tracing::instrument(name = "schedule.outreach.settle", level = "error", skip_all)]
pub async fn settle<T>(ctx: &AppState, held: Held, outcome: AppResult<T>) -> AppResult<T> {
    if outcome.is_err() {
        forgive_all(&ctx.pool, held.0).await?;
    }
    outcome
}
