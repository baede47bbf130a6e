//! Creating, renaming, configuring and deleting rooms.
use super::store::{self, RoomRow};
use super::types;
use crate::accounts::service::User;
use crate::db::{self, Pool};
use crate::error::Step;
use crate::error::{AppError, AppResult, FieldErrors, Msg, bbb_message};
use crate::regions::service::{self as regions, RegionRecord};
use crate::rooms::model::{self, RegionLimits, RoomSettings};
use crate::state::AppState;

/// The region new rooms get: the default one, else the first enabled one; the demo region only
/// when no real one is enabled (`regions::default_of`).
async fn default_region(pool: &Pool, configured: &regions::Regions) -> AppResult<RegionRecord> {
    let all = regions::all(pool, configured).await?;
    regions::default_of(&all).cloned().ok_or_else(|| AppError::Refused(Msg::new("room.no_region")))
}

/// Creates a room owned by `owner`, of the type `kind` names (none when empty); returns its slug.
#[tracing::instrument(name = "rooms.manage.create", level = "error", skip_all)]
pub async fn create(ctx: &AppState, owner: &User, name: &str, kind: &str) -> AppResult<String> {
    let (pool, configured) = (&ctx.pool, &*ctx.regions);
    let mut errors = FieldErrors::default();
    model::check_name(&mut errors, name);
    errors.into_result()?;
    let kind = types::chosen(ctx, kind).await?;
    let limit = crate::membership::service::allow::room_limit(ctx, owner.id).await?;
    let region = default_region(pool, configured).await?;
    let seeded = match &kind {
        Some(kind) => Some(types::seeded(ctx, owner.id, kind, &region).await?),
        None => None,
    };
    let region_code = seeded.as_ref().map_or(region.code.clone(), |s| s.region.clone());
    // A clash of random slugs or meeting ids is vanishingly rare; try again rather than fail.
    for _ in 0..5 {
        // Counted and created in one transaction: parallel creations cannot pass the limit together.
        let mut tx = db::begin(pool).await?;
        if let Some(limit) = &limit {
            store::hold_owner(&mut tx, pool, owner.id).await?;
            limit.check(store::count_owned(&mut tx, owner.id).await?)?;
        }
        let slug = store::new_slug();
        let result = sqlx::query_scalar(
            "INSERT INTO rooms (owner_id, name, slug, meeting_id, region_code, created_at, type_id, recording_visibility)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(owner.id)
        .bind(name.trim())
        .bind(&slug)
        .bind(store::new_meeting_id())
        .bind(&region_code)
        .bind(ctx.clock.now().secs())
        .bind(kind.as_ref().map(|k| k.id))
        // The site's default; a type's own, below, wins.
        .bind(ctx.recording_visibility.as_str())
        .fetch_one(&mut *tx)
        .await;
        match result {
            Ok(id) => {
                if let Some(settings) = &seeded {
                    super::write::settings(&mut tx, id, settings).await?;
                }
                tx.commit().await?;
                ctx.rooms.created(owner.id);
                return Ok(slug);
            }
            Err(e) if db::is_unique_violation(&e) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(AppError::internal("five random room links in a row were taken"))
}

#[tracing::instrument(name = "rooms.manage.rename", level = "error", skip_all)]
pub async fn rename(ctx: &AppState, user: &User, slug: &str, name: &str) -> AppResult<()> {
    let pool = &ctx.pool;
    let (room, _) = store::managed(pool, slug, user).await?;
    let mut errors = FieldErrors::default();
    model::check_name(&mut errors, name);
    errors.into_result()?;
    sqlx::query("UPDATE rooms SET name = $1 WHERE id = $2")
        .bind(name.trim())
        .bind(room.id)
        .execute(pool)
        .await
        .step("update rooms")?;
    ctx.rooms.changed(room.id);
    Ok(())
}

/// Saves new settings (what the room's type pins stays the type's); returns the names of those
/// that changed, for the audit log.
#[tracing::instrument(name = "rooms.manage.update_settings", level = "error", skip_all)]
pub async fn update_settings(
    ctx: &AppState,
    user: &User,
    slug: &str,
    asked: &RoomSettings,
) -> AppResult<Vec<&'static str>> {
    let pool = &ctx.pool;
    let (room, _) = store::managed(pool, slug, user).await?;
    let may_record = types::may_record(ctx, room.owner_id).await?;
    let region = regions::get(pool, &ctx.regions, asked.region.trim()).await?.filter(|r| r.enabled != 0);
    let limits = region.map(|r| RegionLimits { recording: r.recording != 0, max_meeting: r.max_meeting });
    // The type is read and held in the writing transaction: a type saved meanwhile is not undone.
    let mut tx = db::begin(pool).await?;
    let kind = types::held(&mut tx, pool, &room).await?;
    let s = match &kind {
        Some(kind) => types::pinned(kind, asked.clone(), may_record),
        None => asked.clone(),
    };
    let current = room.settings();
    let mut errors = model::check_settings(&s, limits, &current, room.running != 0).err().unwrap_or_default();
    if let Some(kind) = &kind {
        kind.check(&s, &mut errors);
    }
    errors.into_result()?;
    let (recording, participants) = ((room.recording != 0, s.recording), (room.max_participants, s.max_participants));
    crate::membership::service::allow::room_settings(ctx, room.owner_id, recording, participants).await?;
    super::write::settings(&mut tx, room.id, &s).await?;
    tx.commit().await?;
    ctx.rooms.changed(room.id);
    Ok(current.changes(&s))
}

/// Moves the room to region `code` (enabled, not the demo region beside a real one, and not while
/// its meeting runs).
#[tracing::instrument(name = "rooms.manage.move_to", level = "error", skip_all)]
pub async fn move_to(ctx: &AppState, user: &User, slug: &str, code: &str) -> AppResult<()> {
    let (room, _) = store::managed(&ctx.pool, slug, user).await?;
    let all = regions::all(&ctx.pool, &ctx.regions).await?;
    let region = all.iter().find(|r| r.code == code.trim() && r.enabled != 0 && !regions::stands_aside(r, &all));
    let Some(region) = region else { return Err(AppError::field("region", "field.region.unknown")) };
    if let Some(kind) = types::of_room(ctx, &room).await?
        && !kind.allows_region(&region.code)
    {
        let mut errors = FieldErrors::default();
        errors.add("region", Msg::with("field.region.not_in_type", "type", kind.name));
        return Err(AppError::Invalid(errors));
    }
    if room.running != 0 {
        return Err(AppError::field("region", "field.region.running"));
    }
    sqlx::query("UPDATE rooms SET region_code = $1 WHERE id = $2")
        .bind(&region.code)
        .bind(room.id)
        .execute(&ctx.pool)
        .await
        .step("update rooms")?;
    ctx.rooms.changed(room.id);
    Ok(())
}

/// The room `user` may delete: theirs (co-owners manage it but may not delete it).
#[tracing::instrument(name = "rooms.manage.deletable", level = "error", skip_all)]
pub async fn deletable(ctx: &AppState, user: &User, slug: &str) -> AppResult<RoomRow> {
    let (room, access) = store::managed(&ctx.pool, slug, user).await?;
    if !access.owns() {
        return Err(AppError::Forbidden);
    }
    Ok(room)
}

/// Deletes the room's row, once its meeting has ended and its recordings are gone (the pages layer
/// retires a room: `pages::room::retire`).
#[tracing::instrument(name = "rooms.manage.remove", level = "error", skip_all)]
pub async fn remove(ctx: &AppState, room: &RoomRow) -> AppResult<()> {
    sqlx::query("DELETE FROM rooms WHERE id = $1").bind(room.id).execute(&ctx.pool).await.step("delete from rooms")?;
    ctx.rooms.changed(room.id);
    Ok(())
}

/// Ends the room's meeting on its region, if one runs there.
#[tracing::instrument(name = "rooms.manage.end_meeting", level = "error", skip_all)]
pub async fn end_meeting(ctx: &AppState, room: &RoomRow) -> AppResult<()> {
    let pool = &ctx.pool;
    let Some(region) = regions::get(pool, &ctx.regions, room.current_region()).await? else { return Ok(()) };
    match ctx.bbb.end(&region.endpoint(), &room.meeting_id).await {
        Ok(()) => {}
        Err(e) if e.is_not_found() => {}
        Err(e) if room.running != 0 => return Err(AppError::Refused(bbb_message(&e))),
        Err(e) => tracing::warn!(room = %room.slug, error = %e, "could not end a meeting the portal thought stopped"),
    }
    super::meeting_state::mark_stopped(ctx, room.id, None).await?;
    Ok(())
}
