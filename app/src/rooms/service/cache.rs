//! A short-lived cache of running rooms for the join path. A join storm (hundreds of guests at
//! the start of an assembly) would otherwise read the same row from the database for every guest.
//! Only running rooms are cached, for one second: a room that starts is seen at once, and a change
//! of settings or an end reaches joins within a second.
use super::store::{self, RoomRow};
use crate::db::Pool;
use crate::error::AppResult;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

const TTL: Duration = Duration::from_secs(1);
const MAX_ENTRIES: usize = 10_000;

#[derive(Default)]
pub struct RoomCache {
    entries: Mutex<HashMap<String, (Instant, RoomRow)>>,
}

impl RoomCache {
    pub async fn room(&self, pool: &Pool, slug: &str) -> AppResult<RoomRow> {
        let key = slug.trim().to_lowercase();
        if let Ok(entries) = self.entries.lock()
            && let Some((at, room)) = entries.get(&key)
            && at.elapsed() < TTL
        {
            return Ok(room.clone());
        }
        let room = store::by_slug(pool, &key).await?;
        if room.running != 0
            && let Ok(mut entries) = self.entries.lock()
        {
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
            entries.insert(key, (Instant::now(), room.clone()));
        }
        Ok(room)
    }
}
