//! A room's recordings, kept for a minute and shared by every viewer of its page: a crowd opening
//! the room's link costs its region one `getRecordings` a minute, not one per guest. Only one call
//! per room is under way at a time; a region that failed is not asked again for a few seconds.
//! Nobody waits on a region longer than [`WAIT`]: the call goes on in the background and fills the
//! entry for those who come next, while the page is answered now (saying the region is slow).
//! A recording-ready callback or a member's change forgets the room's entry. What a region answered
//! is shared with the other portal processes through the database ([`super::shared`]).
use crate::bbb::xml::Recording;
use crate::clock::Timestamp;
use crate::error::{AppError, AppResult, Msg, bbb_message};
use crate::regions::service::RegionRecord;
use crate::rooms::service::store::RoomRow;
use crate::state::AppState;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::Mutex as AsyncMutex;

/// How long a list is good for, and how long a failure stands before the region is asked again.
pub const FRESH: i64 = 60;
pub(super) const FAILED: i64 = 10;
const MAX_ROOMS: usize = 10_000;
/// The longest a viewer waits for a region's list (a guest's room page answers within a second).
pub const WAIT: std::time::Duration = std::time::Duration::from_millis(800);

/// A list, when it was fetched, and when this process last saw it was still the shared one.
/// The list sits behind an `Arc`: each viewer takes a reference, not a copy of every recording,
/// while holding the room's lock (bench/pages.sh, a room with 200 recordings).
type Slot = Arc<AsyncMutex<Option<(Timestamp, Listed, Timestamp)>>>;

/// A region's list as viewers share it.
pub type Listed = Result<Arc<Vec<Recording>>, Msg>;

/// Seconds this process trusts its copy before it reads the shared one again: a change made
/// through another process shows here within a second, as the other caches' changes do.
const LOOK_AGAIN: i64 = 1;

#[derive(Default)]
pub struct RecordingCache {
    rooms: Mutex<HashMap<String, Slot>>,
}

impl RecordingCache {
    #[tracing::instrument(name = "recordings.cache.get", level = "error", skip_all)]
    pub async fn get(&self, ctx: &AppState, room: &RoomRow, region: &RegionRecord) -> AppResult<Arc<Vec<Recording>>> {
        let deadline = tokio::time::Instant::now() + WAIT;
        let too_slow = || AppError::Refused(Msg::new("bbb.timeout"));
        let slot = self.slot(&room.meeting_id);
        // Another viewer's call to the region may be under way: wait for it, within the deadline.
        let mut slot = tokio::time::timeout_at(deadline, slot.lock_owned()).await.map_err(|_| too_slow())?;
        let now = ctx.clock.now();
        if let Some((at, result, seen)) = slot.as_ref()
            && fresh(*at, result, now)
            && now.since(*seen) < LOOK_AGAIN
        {
            return result.clone().map_err(AppError::Refused);
        }
        // Another process may have asked within the minute: its answer is shared.
        let shared = super::shared::read(ctx, &room.meeting_id).await?;
        let shared = shared.map(|(at, answer)| (at, answer.map(Arc::new)));
        if let Some((at, result)) = &shared
            && fresh(*at, result, now)
        {
            *slot = Some((*at, result.clone(), now));
            return result.clone().map_err(AppError::Refused);
        }
        // One process asks at a time; the others answer from the last list meanwhile, or, when
        // there is none yet (two processes at a room's first view), wait for the asker's answer.
        if !super::shared::claim(ctx, &room.meeting_id, now).await? {
            let (_, result) = match shared {
                Some(shared) => shared,
                None => {
                    let (at, answer) = awaited(ctx, &room.meeting_id, deadline).await?.ok_or_else(too_slow)?;
                    (at, answer.map(Arc::new))
                }
            };
            return result.map_err(AppError::Refused);
        }
        // The call owns the entry, so it finishes and fills it even when this viewer stops waiting.
        let (ctx, endpoint, room, slug) = (ctx.clone(), region.endpoint(), room.clone(), room.slug.clone());
        let meeting_id = room.meeting_id.clone();
        let call = tokio::spawn(async move {
            let result = ctx
                .bbb
                .get_recordings(&endpoint, std::slice::from_ref(&meeting_id))
                .await
                .map(|list| Arc::new(without_tokens(list)))
                .map_err(|e| bbb_message(&e));
            *slot = Some((now, result.clone(), now));
            if let Err(e) = super::shared::keep(&ctx, &meeting_id, now, &result).await {
                tracing::warn!(meeting = %meeting_id, error = ?e, "recordings: the list was not shared");
            }
            // What the room's page just read is the index's freshest news of the room.
            if let Ok(list) = &result
                && let Err(e) = super::index::keep(&ctx, &room, list).await
            {
                tracing::warn!(meeting = %meeting_id, error = ?e, "recordings: the index did not take the list");
            }
            result
        });
        match tokio::time::timeout_at(deadline, call).await {
            Ok(Ok(result)) => result.map_err(AppError::Refused),
            Ok(Err(e)) => Err(AppError::internal(format_args!("recordings of room {slug}: {e}"))),
            Err(_) => Err(too_slow()),
        }
    }

    /// The room's recordings changed: the next view, in any process, asks the region, and the
    /// index reads them again at its next run.
    pub async fn forget(&self, ctx: &AppState, meeting_id: &str) -> AppResult<()> {
        if let Ok(mut rooms) = self.rooms.lock() {
            rooms.remove(meeting_id);
        }
        super::index::mark_due(ctx, meeting_id).await?;
        super::shared::forget(ctx, meeting_id).await
    }

    fn slot(&self, meeting_id: &str) -> Slot {
        let mut rooms = self.rooms.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if rooms.len() >= MAX_ROOMS && !rooms.contains_key(meeting_id) {
            rooms.clear();
        }
        rooms.entry(meeting_id.to_string()).or_default().clone()
    }
}

/// The list another process is asking the region for, read until it arrives or `deadline` passes.
async fn awaited(
    ctx: &AppState,
    meeting_id: &str,
    deadline: tokio::time::Instant,
) -> AppResult<Option<(Timestamp, super::shared::Answer)>> {
    // Real time, not the clock's: this waits on another process's call to its region.
    while tokio::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        if let Some(shared) = super::shared::read(ctx, meeting_id).await? {
            return Ok(Some(shared));
        }
    }
    Ok(None)
}

/// The list without the one-time tokens of protected recordings' links: each is a secret for one
/// viewer, never kept or shared (playback asks the region afresh for each viewer it lets through).
fn without_tokens(mut list: Vec<Recording>) -> Vec<Recording> {
    for r in list.iter_mut().filter(|r| r.protected == Some(true)) {
        for f in &mut r.playback.format {
            if let Some(at) = f.url.find('?') {
                f.url.truncate(at);
            }
        }
    }
    list
}

/// Whether a list read at `at` still stands at `now`: a minute, a failure a few seconds. Times are
/// whole seconds, so a list read late in its second stands through the 60th one too: the region is
/// asked again a full minute later at the earliest, never 59.1 s (bench/event-start.sh counts).
fn fresh<T>(at: Timestamp, result: &Result<T, Msg>, now: Timestamp) -> bool {
    now.since(at) <= if result.is_ok() { FRESH } else { FAILED }
}
