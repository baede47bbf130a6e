//! A room's presentations: listed, ordered, one the default, deleted with their files. Uploading is
//! in `upload`; the addresses the region fetches them by, in `served`. The only writer of
//! `room_presentations`.
use super::store::{self, RoomRow};
use crate::accounts::service::User;
use crate::error::{AppError, AppResult, Step};
use crate::rooms::model::PresentationView;
use crate::state::AppState;

pub mod served;
pub mod upload;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PresentationRow {
    pub id: i64,
    pub room_id: i64,
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub position: i64,
    pub is_default: i64,
    pub object_key: String,
}

const COLUMNS: &str = "id, room_id, name, content_type, size, position, is_default, object_key";

/// The room's presentations: the default first, then in their order.
#[tracing::instrument(name = "rooms.presentations.of_room", level = "error", skip_all)]
pub async fn of_room(ctx: &AppState, room_id: i64) -> AppResult<Vec<PresentationRow>> {
    let sql =
        format!("SELECT {COLUMNS} FROM room_presentations WHERE room_id = $1 ORDER BY is_default DESC, position, id");
    sqlx::query_as(&sql).bind(room_id).fetch_all(&ctx.pool).await.step("read room_presentations")
}

/// The list for the room's settings page (those who manage it).
#[tracing::instrument(name = "rooms.presentations.list", level = "error", skip_all)]
pub async fn list(ctx: &AppState, user: &User, slug: &str) -> AppResult<Vec<PresentationView>> {
    let (room, _) = store::managed(&ctx.pool, slug, user).await?;
    let rows = of_room(ctx, room.id).await?;
    Ok(rows
        .into_iter()
        .map(|r| PresentationView { id: r.id, name: r.name, size: r.size, is_default: r.is_default != 0 })
        .collect())
}

/// Presentation `id` of the room `slug` its caller manages.
async fn managed(ctx: &AppState, user: &User, slug: &str, id: i64) -> AppResult<(RoomRow, PresentationRow)> {
    let (room, _) = store::managed(&ctx.pool, slug, user).await?;
    let found = of_room(ctx, room.id).await?.into_iter().find(|p| p.id == id).ok_or(AppError::NotFound)?;
    Ok((room, found))
}

/// Makes presentation `id` the one shown first.
#[tracing::instrument(name = "rooms.presentations.make_default", level = "error", skip_all)]
pub async fn make_default(ctx: &AppState, user: &User, slug: &str, id: i64) -> AppResult<()> {
    let (room, chosen) = managed(ctx, user, slug, id).await?;
    sqlx::query("UPDATE room_presentations SET is_default = CASE WHEN id = $1 THEN 1 ELSE 0 END WHERE room_id = $2")
        .bind(chosen.id)
        .bind(room.id)
        .execute(&ctx.pool)
        .await
        .step("update room_presentations")?;
    Ok(())
}

/// Moves presentation `id` one place earlier (`up`) or later, swapping with its neighbour.
#[tracing::instrument(name = "rooms.presentations.shift", level = "error", skip_all)]
pub async fn shift(ctx: &AppState, user: &User, slug: &str, id: i64, up: bool) -> AppResult<()> {
    let (room, _) = store::managed(&ctx.pool, slug, user).await?;
    let mut order = of_room(ctx, room.id).await?;
    order.sort_by_key(|p| (p.position, p.id));
    let at = order.iter().position(|p| p.id == id).ok_or(AppError::NotFound)?;
    let other = if up { at.checked_sub(1) } else { Some(at + 1).filter(|n| *n < order.len()) };
    let Some(other) = other else { return Ok(()) };
    order.swap(at, other);
    let mut tx = crate::db::begin(&ctx.pool).await?;
    for (position, p) in order.iter().enumerate() {
        sqlx::query("UPDATE room_presentations SET position = $1 WHERE id = $2")
            .bind(position as i64)
            .bind(p.id)
            .execute(&mut *tx)
            .await
            .step("update room_presentations")?;
    }
    tx.commit().await?;
    Ok(())
}

/// Deletes presentation `id`: its file first, then its row (a file the store could not delete
/// keeps its row, so the member can try again). The next one becomes the default.
#[tracing::instrument(name = "rooms.presentations.delete", level = "error", skip_all)]
pub async fn delete(ctx: &AppState, user: &User, slug: &str, id: i64) -> AppResult<String> {
    let (room, doomed) = managed(ctx, user, slug, id).await?;
    remove(ctx, &doomed).await?;
    if doomed.is_default != 0 {
        sqlx::query(
            "UPDATE room_presentations SET is_default = 1 WHERE id =
             (SELECT id FROM room_presentations WHERE room_id = $1 ORDER BY position, id LIMIT 1)",
        )
        .bind(room.id)
        .execute(&ctx.pool)
        .await
        .step("update room_presentations")?;
    }
    Ok(doomed.name)
}

async fn remove(ctx: &AppState, p: &PresentationRow) -> AppResult<()> {
    ctx.files.delete(&p.object_key).await?;
    sqlx::query("DELETE FROM room_presentations WHERE id = $1")
        .bind(p.id)
        .execute(&ctx.pool)
        .await
        .step("delete from room_presentations")?;
    Ok(())
}

/// Deletes every presentation of a room being deleted, files first (`pages::room::retire`).
#[tracing::instrument(name = "rooms.presentations.delete_all", level = "error", skip_all)]
pub async fn delete_all(ctx: &AppState, room: &RoomRow) -> AppResult<()> {
    for p in of_room(ctx, room.id).await? {
        remove(ctx, &p).await?;
    }
    Ok(())
}
