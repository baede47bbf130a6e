//! Seats in a meeting with a participant limit. BBB refuses a join over `maxParticipants` on its own
//! page, far from the portal; here a visitor is told the meeting is full and waits for a seat instead.
//! The portal counts the join links it hands out on top of the last count it knows, and asks BBB
//! (`getMeetingInfo`) only when that estimate reaches the limit: one call at a time per meeting, and
//! not again within a second of a count that said full. BBB counts a participant only once their
//! client has loaded, so links handed out in the last few seconds still hold their seat after a
//! count: at the very limit a visitor may wait a few seconds too long, but never gets a link BBB
//! would refuse. Rooms without a limit cost nothing here.
use crate::bbb::client::Client;
use crate::regions::service::RegionRecord;
use crate::rooms::service::store::RoomRow;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::Mutex as AsyncMutex;

const RECHECK: Duration = Duration::from_secs(1);
/// How long a handed-out link may take to show in BBB's count (the client loading, the audio check).
pub const IN_FLIGHT: Duration = Duration::from_secs(10);
const MAX_MEETINGS: usize = 10_000;

/// The participant limit BBB is given for the room: the room's own, capped by the region's.
pub fn limit(room: &RoomRow, region: &RegionRecord) -> i64 {
    match (room.max_participants, region.max_meeting) {
        (0, region) => region,
        (room, 0) => room,
        (room, region) => room.min(region),
    }
}

#[derive(Default)]
struct Count {
    /// Participants BBB last reported (or the periodic status check stored).
    known: i64,
    /// When each join link since that count was handed out (and, after a count, those still in flight).
    handed: VecDeque<Instant>,
    /// When BBB was last asked, and whether it answered.
    checked: Option<(Instant, bool)>,
}

impl Count {
    fn estimate(&self) -> i64 {
        self.known + self.handed.len() as i64
    }
}

/// A meeting: its id and creation time, so a restarted meeting counts afresh.
type MeetingKey = (String, i64);

#[derive(Default)]
pub struct Seats {
    meetings: Mutex<HashMap<MeetingKey, Arc<AsyncMutex<Count>>>>,
}

impl Seats {
    /// Takes a seat in the room's running meeting, or answers `false` when it is full.
    pub async fn take(&self, client: &Client, region: &RegionRecord, room: &RoomRow) -> bool {
        let limit = limit(room, region);
        if limit <= 0 {
            return true;
        }
        let count = self.count(room);
        let mut count = count.lock().await;
        if count.estimate() < limit {
            count.handed.push_back(Instant::now());
            return true;
        }
        if let Some((at, answered)) = count.checked
            && at.elapsed() < RECHECK
        {
            // Full by a fresh count; or BBB did not answer a moment ago, and BBB decides.
            return !answered;
        }
        match client.get_meeting_info(&region.endpoint(), &room.meeting_id).await {
            Ok(meeting) => {
                count.known = i64::from(meeting.participant_count);
                count.handed.retain(|at| at.elapsed() < IN_FLIGHT);
                count.checked = Some((Instant::now(), true));
            }
            Err(e) => {
                // BBB still enforces the limit; a visitor is not kept out on a guess, nor kept
                // waiting while every visitor behind them asks an unanswering region again.
                tracing::warn!(room = %room.slug, error = %e, "seat check: region did not answer");
                count.checked = Some((Instant::now(), false));
                return true;
            }
        }
        let free = count.estimate() < limit;
        if free {
            count.handed.push_back(Instant::now());
        }
        free
    }

    fn count(&self, room: &RoomRow) -> Arc<AsyncMutex<Count>> {
        let key = (room.meeting_id.clone(), room.create_time.unwrap_or_default());
        let mut meetings = self.meetings.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if meetings.len() >= MAX_MEETINGS && !meetings.contains_key(&key) {
            meetings.clear();
        }
        let known = room.participants;
        meetings.entry(key).or_insert_with(|| Arc::new(AsyncMutex::new(Count { known, ..Count::default() }))).clone()
    }
}
