//! Planned maintenance windows: admins enter and remove them; the status page, every page's
//! banner and the booking check read them. Every page reads the ones not over, so they are kept a
//! second in memory (`AppState::maintenance`); the booking check reads the table in its own
//! transaction instead, so a booking never slips past a window just entered. The only code that
//! writes `maintenance_windows`.
use crate::accounts::service::User;
use crate::clock::Timestamp;
use crate::error::{AppError, AppResult, FieldErrors, Msg, Step};
use crate::regions::model::maintenance::{NOTE_MAX, Planned, WindowForm};
use crate::state::AppState;
use crate::time_display::{Reader, local};
use std::sync::Arc;

/// A window as kept.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Window {
    pub id: i64,
    pub region_code: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub note: String,
}

/// How far ahead every page's banner tells of a window.
pub const BANNER_AHEAD: i64 = 48 * 3600;

/// An admin enters a window; its id. Each field's error is shown next to it.
#[tracing::instrument(name = "regions.maintenance.save", level = "error", skip_all)]
pub async fn save(ctx: &AppState, admin: &User, form: &WindowForm) -> AppResult<i64> {
    let mut errors = FieldErrors::default();
    let region = super::get(&ctx.pool, &ctx.regions, form.region.trim()).await?;
    if region.is_none() {
        errors.add("region", Msg::new("field.region.unknown"));
    }
    let window = crate::dates::form_window(&mut errors, &form.starts, &form.ends, &admin.time_zone);
    if window.is_some_and(|(_, ends)| ends <= ctx.clock.now()) {
        errors.add("ends", Msg::new("field.ends.past"));
    }
    if form.note.trim().chars().count() > NOTE_MAX {
        errors.add("note", Msg::with("field.text.too_long", "max", NOTE_MAX as i64));
    }
    errors.into_result()?;
    let (Some(region), Some((starts, ends))) = (region, window) else {
        return Err(AppError::internal("a checked window lacks a field"));
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO maintenance_windows (region_code, starts_at, ends_at, note, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(&region.code)
    .bind(starts.secs())
    .bind(ends.secs())
    .bind(form.note.trim())
    .bind(admin.id)
    .bind(ctx.clock.now().secs())
    .fetch_one(&ctx.pool)
    .await
    .step("insert into maintenance_windows")?;
    ctx.maintenance.clear();
    Ok(id)
}

/// An admin removes window `id` (planned by mistake, or called off).
pub async fn delete(ctx: &AppState, id: i64) -> AppResult<()> {
    sqlx::query("DELETE FROM maintenance_windows WHERE id = $1")
        .bind(id)
        .execute(&ctx.pool)
        .await
        .step("delete from maintenance_windows")?;
    ctx.maintenance.clear();
    Ok(())
}

/// The windows not over yet, soonest first, as read within the second.
pub async fn not_over(ctx: &AppState) -> AppResult<Arc<Vec<Window>>> {
    if let Some(kept) = ctx.maintenance.get(&()) {
        return Ok(kept);
    }
    let rows: Vec<Window> = sqlx::query_as(
        "SELECT id, region_code, starts_at, ends_at, note FROM maintenance_windows WHERE ends_at > $1
         ORDER BY starts_at, id",
    )
    .bind(ctx.clock.now().secs())
    .fetch_all(&ctx.pool)
    .await
    .step("read maintenance_windows")?;
    let fresh = Arc::new(rows);
    ctx.maintenance.put((), fresh.clone());
    Ok(fresh)
}

/// The window of `region` that overlaps `from`–`to`, read in the caller's transaction.
pub async fn overlapping(
    conn: &mut sqlx::AnyConnection,
    region: &str,
    from: i64,
    to: i64,
) -> AppResult<Option<Window>> {
    sqlx::query_as(
        "SELECT id, region_code, starts_at, ends_at, note FROM maintenance_windows
         WHERE region_code = $1 AND starts_at < $2 AND ends_at > $3 ORDER BY starts_at LIMIT 1",
    )
    .bind(region)
    .bind(to)
    .bind(from)
    .fetch_optional(conn)
    .await
    .step("read maintenance_windows")
}

/// `windows` as `reader` reads them, each with its region's name.
async fn planned(ctx: &AppState, windows: &[Window], reader: &Reader) -> AppResult<Vec<Planned>> {
    let regions = super::all(&ctx.pool, &ctx.regions).await?;
    let now = ctx.clock.now().secs();
    Ok(windows
        .iter()
        .map(|w| Planned {
            id: w.id,
            region: w.region_code.clone(),
            region_name: regions
                .iter()
                .find(|r| r.code == w.region_code)
                .map_or(w.region_code.clone(), |r| r.name.clone()),
            starts: local(Timestamp::from_secs(w.starts_at), reader),
            ends: local(Timestamp::from_secs(w.ends_at), reader),
            note: w.note.clone(),
            state: if w.starts_at > now {
                "coming"
            } else if w.ends_at > now {
                "running"
            } else {
                "over"
            }
            .to_string(),
        })
        .collect())
}

/// The windows not over, for the status page.
pub async fn coming(ctx: &AppState, reader: &Reader) -> AppResult<Vec<Planned>> {
    planned(ctx, &not_over(ctx).await?, reader).await
}

/// The windows running or starting within [`BANNER_AHEAD`], for every page's banner.
pub async fn soon(ctx: &AppState, reader: &Reader) -> AppResult<Vec<Planned>> {
    let horizon = ctx.clock.now().secs() + BANNER_AHEAD;
    let near: Vec<Window> = not_over(ctx).await?.iter().filter(|w| w.starts_at <= horizon).cloned().collect();
    if near.is_empty() {
        return Ok(Vec::new());
    }
    planned(ctx, &near, reader).await
}

/// Every window, the latest first, for the admins (the last 50 over included).
pub async fn all(ctx: &AppState, reader: &Reader) -> AppResult<Vec<Planned>> {
    let rows: Vec<Window> = sqlx::query_as(
        "SELECT id, region_code, starts_at, ends_at, note FROM maintenance_windows ORDER BY starts_at DESC, id DESC
         LIMIT 100",
    )
    .fetch_all(&ctx.pool)
    .await
    .step("read maintenance_windows")?;
    planned(ctx, &rows, reader).await
}
