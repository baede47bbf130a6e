//! A room's recordings, kept for a minute and shared by every viewer of its page: a crowd opening
//! the room's link costs its region one `getRecordings` a minute, not one per guest. Only one call
//! per room is under way at a time; a region that failed is not asked again for a few seconds.
//! Nobody waits on a region longer than [`WAIT`]: the call goes on in the background and fills the
//! entry for those who come next, while the page is answered now (saying the region is slow).
//! A recording-ready callback or a member's change forgets the room's entry.
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
const FAILED: i64 = 10;
const MAX_ROOMS: usize = 10_000;
/// The longest a viewer waits for a region's list (a guest's room page answers within a second).
pub const WAIT: std::time::Duration = std::time::Duration::from_millis(800);

type Slot = Arc<AsyncMutex<Option<(Timestamp, Result<Vec<Recording>, Msg>)>>>;

#[derive(Default)]
pub struct RecordingCache {
    rooms: Mutex<HashMap<String, Slot>>,
}

impl RecordingCache {
    #[tracing::instrument(name = "recordings.cache.get", level = "error", skip_all)]
    pub async fn get(&self, ctx: &AppState, room: &RoomRow, region: &RegionRecord) -> AppResult<Vec<Recording>> {
        let deadline = tokio::time::Instant::now() + WAIT;
        let too_slow = || AppError::Refused(Msg::new("bbb.timeout"));
        let slot = self.slot(&room.meeting_id);
        // Another viewer's call to the region may be under way: wait for it, within the deadline.
        let mut slot = tokio::time::timeout_at(deadline, slot.lock_owned()).await.map_err(|_| too_slow())?;
        let now = ctx.clock.now();
        if let Some((at, result)) = slot.as_ref() {
            let ttl = if result.is_ok() { FRESH } else { FAILED };
            if now.since(*at) < ttl {
                return result.clone().map_err(AppError::Refused);
            }
        }
        // The call owns the entry, so it finishes and fills it even when this viewer stops waiting.
        let (client, endpoint, meeting_id) = (ctx.bbb.clone(), region.endpoint(), room.meeting_id.clone());
        let call = tokio::spawn(async move {
            let result =
                client.get_recordings(&endpoint, std::slice::from_ref(&meeting_id)).await.map_err(|e| bbb_message(&e));
            *slot = Some((now, result.clone()));
            result
        });
        match tokio::time::timeout_at(deadline, call).await {
            Ok(Ok(result)) => result.map_err(AppError::Refused),
            Ok(Err(e)) => Err(AppError::internal(format_args!("recordings of room {}: {e}", room.slug))),
            Err(_) => Err(too_slow()),
        }
    }

    /// The room's recordings changed: the next view asks the region.
    pub fn forget(&self, meeting_id: &str) {
        if let Ok(mut rooms) = self.rooms.lock() {
            rooms.remove(meeting_id);
        }
    }

    fn slot(&self, meeting_id: &str) -> Slot {
        let mut rooms = self.rooms.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if rooms.len() >= MAX_ROOMS && !rooms.contains_key(meeting_id) {
            rooms.clear();
        }
        rooms.entry(meeting_id.to_string()).or_default().clone()
    }
}
