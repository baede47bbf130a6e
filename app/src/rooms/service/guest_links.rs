//! A room's named guest links: made and revoked by those who manage it, redeemed at the door by
//! meetings' admission. A link is `/r/{slug}?guest={id}.{secret}`: found by id, its secret compared
//! in constant time. Redeeming counts a use in the same statement that checks the limit, so two
//! people (or two portal processes) cannot both take a link's last use. The only writer of
//! `room_guest_links` and `room_guest_link_uses`.
use super::store::{self, RoomRow};
use crate::accounts::service::{User, tokens, users};
use crate::clock::Timestamp;
use crate::db;
use crate::error::{AppError, AppResult, Msg, Step};
use crate::rooms::model::{GuestLinkForm, GuestLinkView, GuestPass, NewGuestLink};
use crate::state::AppState;

#[derive(sqlx::FromRow)]
struct LinkRow {
    id: i64,
    name: String,
    moderator: i64,
    secret: String,
    expires_at: i64,
    max_uses: Option<i64>,
    uses: i64,
    revoked_at: Option<i64>,
    last_used: Option<i64>,
}

impl LinkRow {
    fn usable(&self, now: Timestamp) -> bool {
        self.revoked_at.is_none() && self.expires_at > now.secs() && self.max_uses.is_none_or(|m| self.uses < m)
    }
}

const COLUMNS: &str = "id, name, moderator, secret, expires_at, max_uses, uses, revoked_at,
    (SELECT MAX(created_at) FROM room_guest_link_uses u WHERE u.link_id = room_guest_links.id) AS last_used";

fn address(base_url: &str, slug: &str, id: i64, secret: &str) -> String {
    format!("{base_url}/r/{slug}?guest={id}.{secret}")
}

/// Makes a link for the room `slug` its caller manages; returns its address, and what was asked.
#[tracing::instrument(name = "rooms.guest_links.create", level = "error", skip_all)]
pub async fn create(
    ctx: &AppState,
    user: &User,
    slug: &str,
    form: &GuestLinkForm,
) -> AppResult<(String, NewGuestLink)> {
    let (room, _) = store::managed(&ctx.pool, slug, user).await?;
    let new = form.checked()?;
    let now = ctx.clock.now();
    let secret = tokens::new_token();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO room_guest_links (room_id, name, moderator, secret, expires_at, max_uses, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(room.id)
    .bind(&new.name)
    .bind(new.moderator as i64)
    .bind(&secret)
    .bind(now.plus(new.valid_days * 86_400).secs())
    .bind(new.max_uses)
    .bind(user.id)
    .bind(now.secs())
    .fetch_one(&ctx.pool)
    .await
    .step("insert into room_guest_links")?;
    Ok((address(&ctx.base_url, &room.slug, id, &secret), new))
}

/// The room's links, newest first, with their addresses (those who manage the room may copy them again).
#[tracing::instrument(name = "rooms.guest_links.list", level = "error", skip_all)]
pub async fn list(ctx: &AppState, user: &User, slug: &str) -> AppResult<Vec<GuestLinkView>> {
    let (room, _) = store::managed(&ctx.pool, slug, user).await?;
    let sql = format!("SELECT {COLUMNS} FROM room_guest_links WHERE room_id = $1 ORDER BY id DESC");
    let rows: Vec<LinkRow> =
        sqlx::query_as(&sql).bind(room.id).fetch_all(&ctx.pool).await.step("read room_guest_links")?;
    let (reader, now) = (users::reader(user), ctx.clock.now());
    let local = |secs: i64| crate::time_display::local(Timestamp::from_secs(secs), &reader);
    Ok(rows
        .into_iter()
        .map(|r| GuestLinkView {
            id: r.id,
            link: address(&ctx.base_url, &room.slug, r.id, &r.secret),
            expires: local(r.expires_at),
            spent: !r.usable(now),
            last_used: r.last_used.map(local),
            name: r.name,
            moderator: r.moderator != 0,
            uses: r.uses,
            max_uses: r.max_uses,
        })
        .collect())
}

/// Revokes link `id` of the room; returns its name (for the audit log).
#[tracing::instrument(name = "rooms.guest_links.revoke", level = "error", skip_all)]
pub async fn revoke(ctx: &AppState, user: &User, slug: &str, id: i64) -> AppResult<String> {
    let (room, _) = store::managed(&ctx.pool, slug, user).await?;
    let name: Option<String> = sqlx::query_scalar(
        "UPDATE room_guest_links SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2 AND room_id = $3 RETURNING name",
    )
    .bind(ctx.clock.now().secs())
    .bind(id)
    .bind(room.id)
    .fetch_optional(&ctx.pool)
    .await
    .step("update room_guest_links")?;
    name.ok_or(AppError::NotFound)
}

/// The link `token` names in `room`, when it is that link's and still lets someone in.
async fn find(ctx: &AppState, room: &RoomRow, token: &str) -> AppResult<Option<LinkRow>> {
    let Some((id, secret)) = token.trim().split_once('.') else { return Ok(None) };
    let Ok(id) = id.parse::<i64>() else { return Ok(None) };
    let sql = format!("SELECT {COLUMNS} FROM room_guest_links WHERE id = $1 AND room_id = $2");
    let row: Option<LinkRow> =
        sqlx::query_as(&sql).bind(id).bind(room.id).fetch_optional(&ctx.pool).await.step("read room_guest_links")?;
    let now = ctx.clock.now();
    Ok(row.filter(|r| crate::secrets::same(secret, &r.secret) && r.usable(now)))
}

/// Whom the link lets in, for the room's page; nothing is counted.
#[tracing::instrument(name = "rooms.guest_links.peek", level = "error", skip_all)]
pub async fn peek(ctx: &AppState, room: &RoomRow, token: &str) -> AppResult<Option<GuestPass>> {
    Ok(find(ctx, room, token).await?.map(|r| GuestPass { name: r.name, moderator: r.moderator != 0 }))
}

/// Lets the link's holder in: counts and logs one use, or refuses a link that is not (or no
/// longer) good.
#[tracing::instrument(name = "rooms.guest_links.redeem", level = "error", skip_all)]
pub async fn redeem(ctx: &AppState, room: &RoomRow, token: &str, address: &str) -> AppResult<GuestPass> {
    let refused = || AppError::Refused(Msg::new("room.guest_link.invalid"));
    let link = find(ctx, room, token).await?.ok_or_else(refused)?;
    let now = ctx.clock.now().secs();
    let mut tx = db::begin(&ctx.pool).await?;
    let taken = sqlx::query(
        "UPDATE room_guest_links SET uses = uses + 1
         WHERE id = $1 AND revoked_at IS NULL AND expires_at > $2 AND (max_uses IS NULL OR uses < max_uses)",
    )
    .bind(link.id)
    .bind(now)
    .execute(&mut *tx)
    .await
    .step("update room_guest_links")?;
    if taken.rows_affected() != 1 {
        return Err(refused());
    }
    sqlx::query("INSERT INTO room_guest_link_uses (link_id, address, created_at) VALUES ($1, $2, $3)")
        .bind(link.id)
        .bind(address)
        .bind(now)
        .execute(&mut *tx)
        .await
        .step("insert into room_guest_link_uses")?;
    tx.commit().await?;
    Ok(GuestPass { name: link.name, moderator: link.moderator != 0 })
}
