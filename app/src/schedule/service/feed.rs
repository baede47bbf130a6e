//! A member's private calendar feed, `/cal/<token>.ics`: their bookings and those they are invited
//! to, from a month back, as one PUBLISH calendar a calendar app subscribes to. The token names the
//! member and carries a secret compared in constant time; regenerating it stops the old address.
use super::ics::{self, Entry, Method};
use super::store::{self, BookingRow};
use crate::accounts::service::{User, tokens, users};
use crate::error::AppResult;
use crate::state::AppState;
use std::collections::BTreeMap;

const PAST: i64 = 30 * 86_400;

/// The member's feed token, made on first use.
pub async fn token(ctx: &AppState, user: &User) -> AppResult<String> {
    match super::cache::settings(ctx, user.id).await?.1 {
        Some(token) => Ok(token),
        None => regenerate(ctx, user).await,
    }
}

/// A new token for the member; the old address stops answering.
pub async fn regenerate(ctx: &AppState, user: &User) -> AppResult<String> {
    let token = format!("{}.{}", user.id, tokens::new_token());
    let mut conn = ctx.pool.acquire().await?;
    store::set_feed_token(&mut conn, user.id, &token).await?;
    ctx.schedule_cache.settings_changed(user.id);
    Ok(token)
}

/// The member a token belongs to, if it is their current one.
async fn member_of(ctx: &AppState, token: &str) -> AppResult<Option<User>> {
    let Some(id) = token.split_once('.').and_then(|(id, _)| id.parse::<i64>().ok()) else { return Ok(None) };
    let mut conn = ctx.pool.acquire().await?;
    let Some(current) = store::feed_token(&mut conn, id).await? else { return Ok(None) };
    if !crate::secrets::same(token, &current) {
        return Ok(None);
    }
    users::by_id(&mut *conn, id).await
}

/// The feed behind `token`, or `None` when no member has that token.
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
        .await?;
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
