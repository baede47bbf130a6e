//! Every recording of the co-op as the regions last listed them, for the admins' overview: sorted,
//! filtered and summed in the database, never by asking every region on each view. The only writer
//! of `recording_index` and `recording_index_rooms`.
//!
//! Filled three ways: every list a room's page fetches from its region ([`keep`]); the
//! `recording_index` job, which reads the rooms whose rows are oldest, many rooms of a region in
//! one `getRecordings` ([`refresh_due`]); and a recording-ready callback or a change through the
//! portal, which marks the room due ([`mark_due`]) so the job reads it at its next run.
use crate::bbb::xml::Recording;
use crate::error::{AppResult, Step, bbb_message};
use crate::rooms::service::store::{self, RoomRow};
use crate::state::AppState;
use std::collections::HashMap;

/// How long a room's rows stand before the job reads them again, in seconds.
pub const STALE: i64 = 6 * 3600;
/// Rooms read in one run of the job, and meetings named in one call to a region.
const ROOMS_PER_RUN: i64 = 500;
const MEETINGS_PER_CALL: usize = 25;

/// Makes the index hold exactly `found` for `room`, as its region listed them now.
#[tracing::instrument(name = "recordings.index.keep", level = "error", skip_all)]
pub async fn keep(ctx: &AppState, room: &RoomRow, found: &[Recording]) -> AppResult<()> {
    let now = ctx.clock.now().secs();
    let mut tx = crate::db::begin(&ctx.pool).await?;
    for r in found.iter().filter(|r| r.meeting_id == room.meeting_id) {
        let minutes = main_minutes(r);
        let size = r.bytes().and_then(|b| i64::try_from(b).ok());
        let name = r.metadata.get("name").filter(|n| !n.is_empty()).unwrap_or(&r.name);
        sqlx::query(
            "INSERT INTO recording_index (record_id, room_id, region_code, name, started_at, minutes, participants,
                 size, published, visibility, seen_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
             ON CONFLICT (record_id) DO UPDATE SET room_id = excluded.room_id, region_code = excluded.region_code,
                 name = excluded.name, started_at = excluded.started_at, minutes = excluded.minutes,
                 participants = excluded.participants, size = excluded.size, published = excluded.published,
                 visibility = excluded.visibility, seen_at = excluded.seen_at",
        )
        .bind(&r.record_id)
        .bind(room.id)
        .bind(&room.region_code)
        .bind(name)
        .bind(r.start_time.div_euclid(1000))
        .bind(i64::from(minutes))
        .bind(i64::from(r.participants))
        .bind(size)
        .bind(i64::from(r.published))
        .bind(super::visibility_of(r, room).as_str())
        .bind(now)
        .execute(&mut *tx)
        .await
        .step("upsert into recording_index")?;
    }
    // What the region no longer lists is gone (deleted there, or by its retention).
    let listed: Vec<&str> = found.iter().map(|r| r.record_id.as_str()).collect();
    let mut gone = String::from("DELETE FROM recording_index WHERE room_id = $1");
    if !listed.is_empty() {
        let marks: Vec<String> = (2..listed.len() + 2).map(|n| format!("${n}")).collect();
        gone.push_str(&format!(" AND record_id NOT IN ({})", marks.join(", ")));
    }
    let mut query = sqlx::query(&gone).bind(room.id);
    for id in &listed {
        query = query.bind(*id);
    }
    query.execute(&mut *tx).await.step("delete from recording_index")?;
    sqlx::query(
        "INSERT INTO recording_index_rooms (room_id, indexed_at) VALUES ($1, $2)
         ON CONFLICT (room_id) DO UPDATE SET indexed_at = excluded.indexed_at",
    )
    .bind(room.id)
    .bind(now)
    .execute(&mut *tx)
    .await
    .step("upsert into recording_index_rooms")?;
    tx.commit().await?;
    ctx.overview.changed();
    Ok(())
}

/// The presentation's minutes, else the first format's: the recording's length as pages show it.
fn main_minutes(r: &Recording) -> u32 {
    let formats = &r.playback.format;
    formats.iter().find(|f| f.kind == "presentation").or(formats.first()).map_or(0, |f| f.length)
}

/// The room's recordings changed on its region: the job reads them at its next run.
pub async fn mark_due(ctx: &AppState, meeting_id: &str) -> AppResult<()> {
    sqlx::query(
        "UPDATE recording_index_rooms SET indexed_at = 0
         WHERE room_id = (SELECT id FROM rooms WHERE meeting_id = $1)",
    )
    .bind(meeting_id)
    .execute(&ctx.pool)
    .await
    .step("update recording_index_rooms")?;
    Ok(())
}

/// A recording deleted through the portal leaves the index at once.
pub async fn remove(ctx: &AppState, record_id: &str) -> AppResult<()> {
    sqlx::query("DELETE FROM recording_index WHERE record_id = $1")
        .bind(record_id)
        .execute(&ctx.pool)
        .await
        .step("delete from recording_index")?;
    ctx.overview.changed();
    Ok(())
}

/// The job: reads the rooms never indexed, marked due, or older than [`STALE`], oldest first, each
/// region's rooms in calls of [`MEETINGS_PER_CALL`]. A region that fails keeps its rows as they
/// were (they say when they were seen) and is tried at the next run. Returns the rooms read.
#[tracing::instrument(name = "recordings.index.refresh_due", level = "error", skip_all)]
pub async fn refresh_due(ctx: &AppState) -> AppResult<usize> {
    let now = ctx.clock.now().secs();
    let due: Vec<RoomRow> = sqlx::query_as(&format!(
        "SELECT {} FROM rooms LEFT JOIN recording_index_rooms ON room_id = id
         WHERE indexed_at IS NULL OR indexed_at < $1 ORDER BY COALESCE(indexed_at, 0), id LIMIT $2",
        store::COLUMNS
    ))
    .bind(now - STALE)
    .bind(ROOMS_PER_RUN)
    .fetch_all(&ctx.pool)
    .await
    .step("select rooms due for the recording index")?;
    let mut by_region: HashMap<&str, Vec<&RoomRow>> = HashMap::new();
    for room in &due {
        by_region.entry(&room.region_code).or_default().push(room);
    }
    let mut read = 0;
    for (code, rooms) in by_region {
        let Some(region) = crate::regions::service::get(&ctx.pool, &ctx.regions, code).await? else { continue };
        let endpoint = region.endpoint();
        for batch in rooms.chunks(MEETINGS_PER_CALL) {
            let ids: Vec<String> = batch.iter().map(|r| r.meeting_id.clone()).collect();
            let found = match ctx.bbb.get_recordings(&endpoint, &ids).await {
                Ok(found) => found,
                Err(e) => {
                    tracing::warn!(region = code, error = %bbb_message(&e).key, "recording index: region did not answer");
                    break;
                }
            };
            let mut of_meeting: HashMap<&str, Vec<Recording>> = HashMap::new();
            for r in &found {
                of_meeting.entry(&r.meeting_id).or_default().push(r.clone());
            }
            for room in batch {
                let listed = of_meeting.get(room.meeting_id.as_str()).map_or(&[][..], Vec::as_slice);
                // A room deleted meanwhile takes its rows with it; the others are still kept.
                match keep(ctx, room, listed).await {
                    Ok(()) => read += 1,
                    Err(e) => tracing::warn!(room = room.id, error = ?e, "recording index: room not kept"),
                }
            }
        }
    }
    Ok(read)
}
