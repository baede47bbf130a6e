//! The only writer of `room_types`. A type's pins hold in its rooms' rows: saving a type writes
//! them into every room of the type in the same transaction, so a meeting starts with what the
//! row says and no path can miss them.
use crate::db::Pool;
use crate::error::{AppError, AppResult, Step};
use crate::regions::service as regions;
use crate::rooms::model::{RoomType, TypeForm};
use crate::rooms::service::store::{COLUMNS, RoomRow};
use crate::state::AppState;
use std::collections::HashMap;

mod rooms;
pub use rooms::*;

#[derive(sqlx::FromRow)]
struct TypeRow {
    id: i64,
    name: String,
    description: String,
    defaults: String,
    pinned: String,
    regions: String,
    largest: i64,
    longest: i64,
    rooms: i64,
}

impl TypeRow {
    fn into_type(self) -> AppResult<RoomType> {
        let json = |e: serde_json::Error| AppError::internal(format!("room type {}: {e}", self.id));
        Ok(RoomType {
            defaults: serde_json::from_str(&self.defaults).map_err(json)?,
            pinned: serde_json::from_str(&self.pinned).map_err(json)?,
            regions: serde_json::from_str(&self.regions).map_err(json)?,
            id: self.id,
            name: self.name,
            description: self.description,
            largest: self.largest,
            longest: self.longest,
            rooms: self.rooms,
        })
    }
}

const SELECT: &str = "SELECT t.id, t.name, t.description, t.defaults, t.pinned, t.regions, t.largest, t.longest,
    (SELECT COUNT(*) FROM rooms r WHERE r.type_id = t.id) AS rooms FROM room_types t";
const ORDER: &str = "ORDER BY LOWER(t.name), t.id";
/// A type without its count of rooms (which a locking read may not aggregate).
const PLAIN: &str = "SELECT t.id, t.name, t.description, t.defaults, t.pinned, t.regions, t.largest, t.longest,
    CAST(0 AS BIGINT) AS rooms FROM room_types t";

/// Every type, by name, with how many rooms each has (for the admins).
#[tracing::instrument(name = "rooms.types.all", level = "error", skip_all)]
pub async fn all(ctx: &AppState) -> AppResult<Vec<RoomType>> {
    let sql = format!("{SELECT} {ORDER}");
    let rows: Vec<TypeRow> = sqlx::query_as(&sql).fetch_all(&ctx.pool).await.step("read room_types")?;
    rows.into_iter().map(TypeRow::into_type).collect()
}

/// Every type, by name, without counting rooms: what members pick from (`RoomCache::types`).
#[tracing::instrument(name = "rooms.types.listed", level = "error", skip_all)]
pub async fn listed(pool: &Pool) -> AppResult<Vec<RoomType>> {
    let sql = format!("{PLAIN} {ORDER}");
    let rows: Vec<TypeRow> = sqlx::query_as(&sql).fetch_all(pool).await.step("read room_types")?;
    rows.into_iter().map(TypeRow::into_type).collect()
}

#[tracing::instrument(name = "rooms.types.get", level = "error", skip_all)]
pub async fn get(ctx: &AppState, id: i64) -> AppResult<RoomType> {
    let sql = format!("{SELECT} WHERE t.id = $1");
    let row: Option<TypeRow> = sqlx::query_as(&sql).bind(id).fetch_optional(&ctx.pool).await.step("read room_types")?;
    row.ok_or(AppError::NotFound)?.into_type()
}

/// The room's type, if it has one, read in the caller's transaction and held to its end (on
/// PostgreSQL; SQLite's transaction holds the one write lock already), so a type an admin saves
/// meanwhile is either seen whole or waits: its new pins are never written over.
pub async fn held(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    pool: &Pool,
    room: &RoomRow,
) -> AppResult<Option<RoomType>> {
    let Some(id) = room.type_id else { return Ok(None) };
    let sql = format!("{PLAIN} WHERE t.id = $1{}", crate::db::for_update(pool));
    let row: Option<TypeRow> = sqlx::query_as(&sql).bind(id).fetch_optional(&mut **tx).await.step("read room_types")?;
    row.map(TypeRow::into_type).transpose()
}

/// The room's type, if it has one.
pub async fn of_room(ctx: &AppState, room: &RoomRow) -> AppResult<Option<RoomType>> {
    match room.type_id {
        Some(id) => get(ctx, id).await.map(Some),
        None => Ok(None),
    }
}

/// Creates the type, or changes the one the form names; its rooms take its pins at once.
#[tracing::instrument(name = "rooms.types.save", level = "error", skip_all)]
pub async fn save(ctx: &AppState, form: &TypeForm) -> AppResult<RoomType> {
    let known: Vec<String> = regions::all(&ctx.pool, &ctx.regions).await?.into_iter().map(|r| r.code).collect();
    let mut kind = form.check(&known).map_err(AppError::Invalid)?;
    let records = match form.id() {
        Some(id) => owners_recording(ctx, id).await?,
        None => HashMap::new(),
    };
    let mut tx = crate::db::begin(&ctx.pool).await?;
    let id = match form.id() {
        Some(id) => id,
        None => sqlx::query_scalar(
            "INSERT INTO room_types (name, defaults, pinned, regions, created_at) VALUES ($1, '{}', '[]', '[]', $2)
             RETURNING id",
        )
        .bind(&kind.name)
        .bind(ctx.clock.now().secs())
        .fetch_one(&mut *tx)
        .await
        .map_err(taken)?,
    };
    let done = sqlx::query(
        "UPDATE room_types SET name = $1, description = $2, defaults = $3, pinned = $4, regions = $5, largest = $6,
         longest = $7 WHERE id = $8",
    )
    .bind(&kind.name)
    .bind(&kind.description)
    .bind(json(&kind.defaults)?)
    .bind(json(&kind.pinned)?)
    .bind(json(&kind.regions)?)
    .bind(kind.largest)
    .bind(kind.longest)
    .bind(id)
    .execute(&mut *tx)
    .await
    .map_err(taken)?;
    if done.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    kind.id = id;
    repin(&mut tx, &kind, &records).await?;
    tx.commit().await?;
    ctx.rooms.clear();
    Ok(kind)
}

/// Deletes the type; its rooms take `replacement` (and its pins), or no type. Returns its name.
#[tracing::instrument(name = "rooms.types.delete", level = "error", skip_all)]
pub async fn delete(ctx: &AppState, id: i64, replacement: Option<i64>) -> AppResult<String> {
    let name = get(ctx, id).await?.name;
    let next = match replacement.filter(|r| *r != id) {
        Some(r) => Some(get(ctx, r).await.map_err(|_| AppError::field("replacement", "field.choice.invalid"))?),
        None => None,
    };
    // The owners of the rooms that move, and of those the replacement has already.
    let mut records = owners_recording(ctx, id).await?;
    if let Some(next) = &next {
        records.extend(owners_recording(ctx, next.id).await?);
    }
    let mut tx = crate::db::begin(&ctx.pool).await?;
    sqlx::query("UPDATE rooms SET type_id = $1 WHERE type_id = $2")
        .bind(next.as_ref().map(|t| t.id))
        .bind(id)
        .execute(&mut *tx)
        .await
        .step("update rooms")?;
    if let Some(next) = &next {
        repin(&mut tx, next, &records).await?;
    }
    sqlx::query("DELETE FROM room_types WHERE id = $1").bind(id).execute(&mut *tx).await.step("delete room_types")?;
    tx.commit().await?;
    ctx.rooms.clear();
    Ok(name)
}

/// Whether each owner of a room of type `id` may record, read before the writing transaction (so it
/// holds no lock while the tiers are read).
async fn owners_recording(ctx: &AppState, id: i64) -> AppResult<HashMap<i64, bool>> {
    let owners: Vec<i64> = sqlx::query_scalar("SELECT DISTINCT owner_id FROM rooms WHERE type_id = $1")
        .bind(id)
        .fetch_all(&ctx.pool)
        .await
        .step("read rooms")?;
    let mut records = HashMap::new();
    for owner in owners {
        records.insert(owner, may_record(ctx, owner).await?);
    }
    Ok(records)
}

/// Writes the type's pins (and its largest meeting) into each of its rooms that differs. An owner
/// not in `records` (their room joined the type since) is taken as not recording: a type narrows.
async fn repin(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    kind: &RoomType,
    records: &HashMap<i64, bool>,
) -> AppResult<()> {
    let sql = format!("SELECT {COLUMNS} FROM rooms WHERE type_id = $1 ORDER BY id");
    let rooms: Vec<RoomRow> = sqlx::query_as(&sql).bind(kind.id).fetch_all(&mut **tx).await.step("read rooms")?;
    for room in rooms {
        let before = room.settings();
        let after = narrowed(kind, before.clone(), records.get(&room.owner_id).copied().unwrap_or(false));
        if after != before {
            crate::rooms::service::write::settings(tx, room.id, &after).await?;
        }
    }
    Ok(())
}

fn taken(e: sqlx::Error) -> AppError {
    if crate::db::is_unique_violation(&e) { AppError::field("name", "room_type.name.taken") } else { e.into() }
}

/// A value as the JSON text its column holds.
fn json<T: serde::Serialize>(value: &T) -> AppResult<String> {
    serde_json::to_string(value).map_err(|e| AppError::internal(format!("room type as JSON: {e}")))
}
