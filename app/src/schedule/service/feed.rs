//! A member's private calendar feed, `/cal/<token>.ics`: their bookings and those they are invited
//! to, from a month back, as one PUBLISH calendar a calendar app subscribes to. The token is
//! `<member id>.<256 random bits>`; only its SHA-256 digest is stored (as for every other token),
//! so the address can be shown only when it is made. A request's token is digested and compared
//! with the member's stored digest in constant time. Regenerating stops the old address; a
//! suspended or deleted member's feed answers as an unknown token does.
use super::ics::{self, Entry, Method};
use super::store::{self, BookingRow};
use crate::accounts::model::Status;
use crate::accounts::service::{User, tokens, users};
use crate::error::AppResult;
use crate::error::Step;
use crate::state::AppState;
use std::collections::BTreeMap;

const PAST: i64 = 30 * 86_400;

/// Whether the member has a feed address (its digest is stored).
#[tracing::instrument(name = "schedule.feed.exists", level = "error", skip_all)]
pub async fn exists(ctx: &AppState, user: &User) -> AppResult<bool> {
    Ok(super::cache::settings(ctx, user.id).await?.1.is_some())
}

/// A new token for the member, to be shown once; the old address stops answering.
#[tracing::instrument(name = "schedule.feed.regenerate", level = "error", skip_all)]
pub async fn regenerate(ctx: &AppState, user: &User) -> AppResult<String> {
    let token = format!("{}.{}", user.id, tokens::new_token());
    let mut conn = ctx.pool.acquire().await?;
    store::set_feed_digest(&mut conn, user.id, &tokens::digest(&token)).await?;
    ctx.schedule_cache.settings_changed(user.id);
    Ok(token)
}

/// Where a new token waits in the member's session until their schedule page shows it, once.
const HANDED_KEY: &str = "schedule.feed_token";

/// A new token for the signed-in member, kept in their session for their next schedule page.
#[tracing::instrument(name = "schedule.feed.regenerate_for_page", level = "error", skip_all)]
pub async fn regenerate_for_page(ctx: &AppState, user: &User) -> AppResult<()> {
    let token = regenerate(ctx, user).await?;
    crate::accounts::service::auth::session()
        .await?
        .insert(HANDED_KEY, token)
        .await
        .map_err(crate::error::AppError::from)
}

/// The feed address the schedule page shows: a token made for this member since their last page
/// (taken from the session, so it shows once), or a first one made now. `None`: the member has
/// one, which cannot be shown again (only its digest is stored).
#[tracing::instrument(name = "schedule.feed.address_to_show", level = "error", skip_all)]
pub async fn address_to_show(ctx: &AppState, user: &User) -> AppResult<Option<String>> {
    // Read before it is taken out: taking marks the session changed, and a session changed on
    // every view of the schedule was written back to the database on every view.
    let session = crate::accounts::service::auth::session().await?;
    let handed: Option<String> = session.get(HANDED_KEY).await?;
    if handed.is_some() {
        session.remove::<String>(HANDED_KEY).await?;
    }
    let token = match handed {
        Some(token) => Some(token),
        None if !exists(ctx, user).await? => Some(regenerate(ctx, user).await?),
        None => None,
    };
    Ok(token.map(|token| format!("{}/cal/{token}.ics", ctx.base_url)))
}

/// The active member a token belongs to, if it is their current one.
async fn member_of(ctx: &AppState, token: &str) -> AppResult<Option<User>> {
    let Some(id) = token.split_once('.').and_then(|(id, _)| id.parse::<i64>().ok()) else { return Ok(None) };
    let mut conn = ctx.pool.acquire().await?;
    let Some(stored) = store::feed_digest(&mut conn, id).await? else { return Ok(None) };
    if !crate::secrets::same(&tokens::digest(token), &stored) {
        return Ok(None);
    }
    Ok(users::by_id(&mut *conn, id).await?.filter(|member| member.status() == Status::Active))
}

/// The feed behind `token`, or `None` when no member has that token.
#[tracing::instrument(name = "schedule.feed.calendar", level = "error", skip_all)]
pub async fn calendar(ctx: &AppState, token: &str) -> AppResult<Option<String>> {
    let Some(member) = member_of(ctx, token).await? else { return Ok(None) };
    let sql = format!(
        "SELECT {} FROM bookings WHERE ends_at > $1 AND (owner_id = $2 OR uid IN
           (SELECT uid FROM booking_invitees WHERE email = $3)) ORDER BY uid, COALESCE(original_start, starts_at)",
        store::COLUMNS
    );
    let rows: Vec<BookingRow> = sqlx::query_as(&sql)
        .bind(ctx.clock.now().secs() - PAST)
        .bind(member.id)
        .bind(&member.email)
        .fetch_all(&ctx.pool)
        .await
        .step("read bookings")?;
    let mut series: BTreeMap<String, Vec<BookingRow>> = BTreeMap::new();
    for row in rows {
        series.entry(row.uid.clone()).or_default().push(row);
    }
    series.retain(|_, rows| rows.iter().any(|r| r.holds()));
    let mut conn = ctx.pool.acquire().await?;
    let mut parts = Vec::new();
    for rows in series.values() {
        let first = &rows[0];
        let owner = users::by_id(&mut *conn, first.owner_id).await?;
        let room = crate::rooms::service::store::by_id(&mut conn, first.room_id).await?;
        // A member invited to a booking sees themselves as its attendee, not who else was asked.
        let invitees = if first.owner_id == member.id {
            store::invitees(&mut conn, &first.uid).await?
        } else {
            vec![member.email.clone()]
        };
        let (name, email) = owner.map(|o| (o.name, o.email)).unwrap_or_default();
        parts.push((rows, invitees, format!("{}/r/{}", ctx.base_url, room.slug), name, email));
    }
    let entries: Vec<Entry> = parts
        .iter()
        .map(|(rows, invitees, link, name, email)| Entry {
            rows,
            invitees,
            link: link.clone(),
            organizer_name: name,
            organizer_email: email,
        })
        .collect();
    Ok(Some(ics::document(Method::Publish, &entries, ctx.clock.now())))
}
