//! Reading rooms and deciding who may do what with them.
use crate::accounts::service::User;
use crate::db::Pool;
use crate::error::Step;
use crate::error::{AppError, AppResult};
use crate::rooms::model::{Access, Lobby, Locks, RecordingVisibility, RoomSettings, RoomSummary, ShareRole};
use rand::Rng;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RoomRow {
    pub id: i64,
    pub owner_id: i64,
    pub name: String,
    pub slug: String,
    pub meeting_id: String,
    pub region_code: String,
    pub viewer_code: String,
    pub moderator_code: String,
    pub waiting_room: i64,
    pub mute_on_join: i64,
    pub anyone_can_start: i64,
    pub all_moderators: i64,
    pub require_sign_in: i64,
    pub recording: i64,
    pub auto_start_recording: i64,
    /// Who watches the room's new recordings (`public`, `members`, `room`, `private`).
    pub recording_visibility: String,
    pub lock_webcams: i64,
    pub lock_microphones: i64,
    pub lock_private_chat: i64,
    pub lock_public_chat: i64,
    pub lock_notes: i64,
    pub lock_user_list: i64,
    pub lock_webcams_for_moderators: i64,
    pub max_participants: i64,
    pub welcome: String,
    pub running: i64,
    pub participants: i64,
    pub create_time: Option<i64>,
    /// The token of the meeting's current run, signed into its end callback.
    pub run_token: Option<String>,
    /// Where the meeting runs when a booking placed it on another region than the room's.
    pub meeting_region: Option<String>,
    /// The room's type (`types`), if it has one.
    pub type_id: Option<i64>,
}

impl RoomRow {
    /// Who watches a new recording of the room until its owner says otherwise.
    pub fn recordings_default(&self) -> RecordingVisibility {
        RecordingVisibility::parse(&self.recording_visibility).unwrap_or_default()
    }

    /// The region its meeting runs on now, or would start on.
    pub fn current_region(&self) -> &str {
        match &self.meeting_region {
            Some(code) if self.running != 0 => code,
            _ => &self.region_code,
        }
    }
}

pub const COLUMNS: &str = "id, owner_id, name, slug, meeting_id, region_code, viewer_code, moderator_code, \
    waiting_room, mute_on_join, anyone_can_start, all_moderators, require_sign_in, recording, max_participants, \
    auto_start_recording, lock_webcams, lock_microphones, lock_private_chat, lock_public_chat, lock_notes, \
    lock_user_list, lock_webcams_for_moderators, recording_visibility, welcome, running, participants, create_time, \
    run_token, meeting_region, type_id";

impl RoomRow {
    pub fn settings(&self) -> RoomSettings {
        RoomSettings {
            viewer_code: self.viewer_code.clone(),
            moderator_code: self.moderator_code.clone(),
            waiting_room: Lobby::from_code(self.waiting_room),
            mute_on_join: self.mute_on_join != 0,
            anyone_can_start: self.anyone_can_start != 0,
            all_moderators: self.all_moderators != 0,
            require_sign_in: self.require_sign_in != 0,
            recording: self.recording != 0,
            auto_start_recording: self.auto_start_recording != 0,
            recording_visibility: self.recordings_default(),
            locks: self.locks(),
            max_participants: self.max_participants,
            welcome: self.welcome.clone(),
            region: self.region_code.clone(),
        }
    }
}

impl RoomRow {
    pub fn locks(&self) -> Locks {
        let columns = [
            self.lock_webcams,
            self.lock_microphones,
            self.lock_private_chat,
            self.lock_public_chat,
            self.lock_notes,
            self.lock_user_list,
            self.lock_webcams_for_moderators,
        ];
        Locks::from_values(columns.map(|c| c != 0))
    }

    pub fn lobby(&self) -> Lobby {
        Lobby::from_code(self.waiting_room)
    }
}

/// A friendly link like `abc-def-ghi-jkl`: four groups of three letters (26^12 possibilities).
pub fn new_slug() -> String {
    let mut rng = rand::thread_rng();
    (0..4).map(|_| (0..3).map(|_| rng.gen_range(b'a'..=b'z') as char).collect::<String>()).collect::<Vec<_>>().join("-")
}

/// The BBB meeting id: 40 random hex digits, fixed for the room's life (recordings hang on it).
pub fn new_meeting_id() -> String {
    let mut bytes = [0u8; 20];
    rand::thread_rng().fill(&mut bytes);
    hex::encode(bytes)
}

#[tracing::instrument(name = "rooms.store.by_slug", level = "error", skip_all)]
pub async fn by_slug(pool: &Pool, slug: &str) -> AppResult<RoomRow> {
    let sql = format!("SELECT {COLUMNS} FROM rooms WHERE slug = $1");
    sqlx::query_as(&sql)
        .bind(slug.trim().to_lowercase())
        .fetch_optional(pool)
        .await
        .step("read rooms")?
        .ok_or(AppError::NotFound)
}

/// A room by its id, read on the caller's connection (inside their transaction).
#[tracing::instrument(name = "rooms.store.by_id", level = "error", skip_all)]
pub async fn by_id(conn: &mut sqlx::AnyConnection, id: i64) -> AppResult<RoomRow> {
    let sql = format!("SELECT {COLUMNS} FROM rooms WHERE id = $1");
    sqlx::query_as(&sql).bind(id).fetch_optional(conn).await.step("read rooms")?.ok_or(AppError::NotFound)
}

#[tracing::instrument(name = "rooms.store.access", level = "error", skip_all)]
pub async fn access(pool: &Pool, room: &RoomRow, user: Option<&User>) -> AppResult<Access> {
    let Some(user) = user else { return Ok(Access::Visitor) };
    if room.owner_id == user.id {
        return Ok(Access::Owner);
    }
    if user.role() == crate::accounts::model::Role::Admin {
        return Ok(Access::Admin);
    }
    let role: Option<String> = sqlx::query_scalar("SELECT role FROM room_shares WHERE room_id = $1 AND user_id = $2")
        .bind(room.id)
        .bind(user.id)
        .fetch_optional(pool)
        .await
        .step("read room_shares")?;
    Ok(role.as_deref().and_then(ShareRole::parse).map_or(Access::Visitor, Access::of_share))
}

/// The rooms member `$1` owns or co-owns: one definition for every list of rooms they manage.
const MANAGED_BY: &str =
    "owner_id = $1 OR id IN (SELECT room_id FROM room_shares WHERE user_id = $1 AND role = 'co_owner')";

/// Every room the member owns or co-owns.
#[tracing::instrument(name = "rooms.store.managed_by", level = "error", skip_all)]
pub async fn managed_by(pool: &Pool, user_id: i64) -> AppResult<Vec<RoomRow>> {
    let sql = format!("SELECT {COLUMNS} FROM rooms WHERE {MANAGED_BY} ORDER BY id");
    sqlx::query_as(&sql).bind(user_id).fetch_all(pool).await.step("read rooms")
}

/// Every room `owner_id` owns.
#[tracing::instrument(name = "rooms.store.owned_by", level = "error", skip_all)]
pub async fn owned_by(pool: &Pool, owner_id: i64) -> AppResult<Vec<RoomRow>> {
    let sql = format!("SELECT {COLUMNS} FROM rooms WHERE owner_id = $1 ORDER BY id");
    sqlx::query_as(&sql).bind(owner_id).fetch_all(pool).await.step("read rooms")
}

/// How many rooms `owner_id` owns (imported ones too): what a membership tier's room limit counts.
#[tracing::instrument(name = "rooms.store.count_owned", level = "error", skip_all)]
pub async fn count_owned(conn: &mut sqlx::AnyConnection, owner_id: i64) -> AppResult<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM rooms WHERE owner_id = $1")
        .bind(owner_id)
        .fetch_one(conn)
        .await
        .step("read rooms")
}

/// Holds the owner's account row until the transaction ends (read, never written: rooms do not
/// own `users`), so that rooms this owner creates at once are counted one after the other. On
/// SQLite the transaction already holds the one write lock (`db::begin`).
#[tracing::instrument(name = "rooms.store.hold_owner", level = "error", skip_all)]
pub async fn hold_owner(tx: &mut sqlx::Transaction<'static, sqlx::Any>, pool: &Pool, owner_id: i64) -> AppResult<()> {
    let sql = format!("SELECT id FROM users WHERE id = $1{}", crate::db::for_update(pool));
    sqlx::query(&sql).bind(owner_id).fetch_optional(&mut **tx).await.step("read users")?;
    Ok(())
}

/// The room and the member's access, refused unless they own or co-own it.
#[tracing::instrument(name = "rooms.store.managed", level = "error", skip_all)]
pub async fn managed(pool: &Pool, slug: &str, user: &User) -> AppResult<(RoomRow, Access)> {
    let room = by_slug(pool, slug).await?;
    let access = access(pool, &room, Some(user)).await?;
    if access.manages() { Ok((room, access)) } else { Err(AppError::Forbidden) }
}

#[derive(sqlx::FromRow)]
struct ListRow {
    id: i64,
    slug: String,
    name: String,
    owner_name: String,
    owner_id: i64,
    running: i64,
    participants: i64,
    region_code: String,
    recording: i64,
    role: Option<String>,
}

/// The member's rooms and the rooms shared with them (in any role), by name.
#[tracing::instrument(name = "rooms.store.list_for", level = "error", skip_all)]
pub async fn list_for(pool: &Pool, user_id: i64) -> AppResult<Vec<RoomSummary>> {
    let sql = "SELECT r.id, r.slug, r.name, u.name AS owner_name, r.owner_id, r.running, r.participants, r.region_code,
             r.recording, s.role
         FROM rooms r JOIN users u ON u.id = r.owner_id
         LEFT JOIN room_shares s ON s.room_id = r.id AND s.user_id = $1
         WHERE r.owner_id = $1 OR s.user_id IS NOT NULL
         ORDER BY LOWER(r.name), r.id";
    let rows: Vec<ListRow> = sqlx::query_as(sql).bind(user_id).fetch_all(pool).await.step("read rooms")?;
    Ok(rows
        .into_iter()
        .map(|r| RoomSummary {
            id: r.id,
            slug: r.slug,
            name: r.name,
            owner_name: r.owner_name,
            access: match r.role.as_deref().and_then(ShareRole::parse) {
                _ if r.owner_id == user_id => Access::Owner,
                Some(role) => Access::of_share(role),
                None => Access::Visitor,
            },
            running: r.running != 0,
            participants: r.participants,
            records: r.recording != 0,
            region_code: r.region_code,
        })
        .collect())
}

/// The participant limit BBB is given for the room: the room's own, capped by the region's.
pub fn seat_limit(room: &RoomRow, region: &crate::regions::service::RegionRecord) -> i64 {
    match (room.max_participants, region.max_meeting) {
        (0, region) => region,
        (room, 0) => room,
        (room, region) => room.min(region),
    }
}
