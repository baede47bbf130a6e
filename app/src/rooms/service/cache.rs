//! Rooms as read in the last second, by link, each member's list of rooms (the dashboard's), and
//! the room types.
//! Every page of a room and every join reads its row; a crowd at the start of an assembly would
//! otherwise read the same row for every guest, and every dashboard view its member's list. The
//! rooms feature is the only writer of the tables and drops its copies as it changes them, so a
//! change shows at once in this process; another process's change (a start, an end, new settings)
//! and the status check's corrections show within a second.
use super::store::{self, RoomRow};
use crate::db::Pool;
use crate::error::AppResult;
use crate::recent::Recent;
use crate::rooms::model::{RoomSummary, RoomType, Share};

pub struct RoomCache {
    rooms: Recent<String, RoomRow>,
    shares: Recent<i64, Vec<Share>>,
    /// Each member's rooms and those shared with them. A room's change can touch several members'
    /// lists, and changes are rare beside views: any change drops every list.
    lists: Recent<i64, Vec<RoomSummary>>,
    /// The room types members pick from: every dashboard shows them.
    types: Recent<(), Vec<RoomType>>,
}

impl RoomCache {
    pub fn new(clock: &crate::clock::Clock) -> RoomCache {
        RoomCache {
            rooms: Recent::new(clock.clone()),
            shares: Recent::new(clock.clone()),
            lists: Recent::new(clock.clone()),
            types: Recent::new(clock.clone()),
        }
    }

    /// The rooms `user_id` owns or is shared with, by name.
    #[tracing::instrument(name = "rooms.cache.list_for", level = "error", skip_all)]
    pub async fn list_for(&self, pool: &Pool, user_id: i64) -> AppResult<Vec<RoomSummary>> {
        if let Some(list) = self.lists.get(&user_id) {
            return Ok(list);
        }
        let list = store::list_for(pool, user_id).await?;
        self.lists.put(user_id, list.clone());
        Ok(list)
    }

    /// Called after a room was created for `owner_id`.
    pub fn created(&self, owner_id: i64) {
        self.lists.forget(&owner_id);
    }

    #[tracing::instrument(name = "rooms.cache.room", level = "error", skip_all)]
    pub async fn room(&self, pool: &Pool, slug: &str) -> AppResult<RoomRow> {
        let key = slug.trim().to_lowercase();
        if let Some(room) = self.rooms.get(&key) {
            return Ok(room);
        }
        let room = store::by_slug(pool, &key).await?;
        self.rooms.put(key, room.clone());
        Ok(room)
    }

    /// Called by the writers of the `rooms` table after they change room `id`.
    pub fn changed(&self, id: i64) {
        self.rooms.forget_if(|room| room.id == id);
        self.lists.clear();
    }

    pub(super) fn shares(&self, room_id: i64) -> Option<Vec<Share>> {
        self.shares.get(&room_id)
    }

    pub(super) fn keep_shares(&self, room_id: i64, list: Vec<Share>) {
        self.shares.put(room_id, list);
    }

    /// Called by the writers of `room_shares` after they change room `room_id`'s.
    pub fn shares_changed(&self, room_id: i64) {
        self.shares.forget(&room_id);
        self.lists.clear();
    }

    /// The room types, by name, without how many rooms each has.
    #[tracing::instrument(name = "rooms.cache.types", level = "error", skip_all)]
    pub async fn types(&self, pool: &Pool) -> AppResult<Vec<RoomType>> {
        if let Some(types) = self.types.get(&()) {
            return Ok(types);
        }
        let types = super::types::listed(pool).await?;
        self.types.put((), types.clone());
        Ok(types)
    }

    /// Forgets everything: after an import, a type's change, and in tests that stand in for another
    /// process's change.
    pub fn clear(&self) {
        self.types.clear();
        self.rooms.clear();
        self.shares.clear();
        self.lists.clear();
    }
}
