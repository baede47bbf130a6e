//! A type at work on its rooms: a new room's settings, a room changing type, and the limits its
//! meetings and bookings keep.
use super::get;
use crate::accounts::service::User;
use crate::error::{AppError, AppResult, FieldErrors, Msg, Step};
use crate::regions::service::{self as regions, RegionRecord};
use crate::rooms::model::{RoomSettings, RoomType};
use crate::rooms::service::store::{self, RoomRow};
use crate::state::AppState;

/// The settings with the type's pins put back, recording off where the owner's tier does not
/// record (a type never widens a tier, even by pinning recording on).
pub fn pinned(kind: &RoomType, mut s: RoomSettings, may_record: bool) -> RoomSettings {
    kind.pin(&mut s);
    s.recording &= may_record;
    s.auto_start_recording &= s.recording;
    s
}

/// [`pinned`], and a meeting no larger than the type's largest (0, "the region's limit", stays: a
/// meeting starts within the type's largest anyway).
pub fn narrowed(kind: &RoomType, s: RoomSettings, may_record: bool) -> RoomSettings {
    let mut s = pinned(kind, s, may_record);
    if kind.largest > 0 && s.max_participants > kind.largest {
        s.max_participants = kind.largest;
    }
    s
}

/// Whether the owner's tier lets their rooms record.
pub async fn may_record(ctx: &AppState, owner_id: i64) -> AppResult<bool> {
    Ok(crate::membership::service::allow::meeting(ctx, owner_id).await?.recording)
}

/// The type a member picks on the creation form: none, or one that exists.
pub async fn chosen(ctx: &AppState, id: &str) -> AppResult<Option<RoomType>> {
    match id.trim() {
        "" => Ok(None),
        id => {
            let id = id.parse().map_err(|_| AppError::field("room_type", "field.choice.invalid"))?;
            get(ctx, id).await.map(Some).map_err(|_| AppError::field("room_type", "field.choice.invalid"))
        }
    }
}

/// Where a room of `kind` goes: `preferred` when the type allows it, else the first region it
/// allows that takes meetings. Refused next to the type when none does.
async fn region_for(ctx: &AppState, kind: &RoomType, preferred: &RegionRecord) -> AppResult<RegionRecord> {
    if kind.allows_region(&preferred.code) {
        return Ok(preferred.clone());
    }
    let all = regions::all(&ctx.pool, &ctx.regions).await?;
    all.iter()
        .find(|r| r.enabled != 0 && kind.allows_region(&r.code) && !regions::stands_aside(r, &all))
        .cloned()
        .ok_or_else(|| AppError::field("room_type", "room_type.no_region"))
}

/// A new room's settings under `kind`: every typed default, in a region the type allows, with
/// recording only where the region and the owner's tier allow it (a type never widens the tier).
pub async fn seeded(ctx: &AppState, owner_id: i64, kind: &RoomType, region: &RegionRecord) -> AppResult<RoomSettings> {
    let region = region_for(ctx, kind, region).await?;
    let mut s = RoomSettings { region: region.code.clone(), ..RoomSettings::default() };
    kind.seed(&mut s);
    Ok(narrowed(kind, s, region.recording != 0 && may_record(ctx, owner_id).await?))
}

/// The room's owner (or an admin) gives it another type, or none: the new type's pins apply at
/// once, and a region the type does not allow is changed for one it does while no meeting runs.
/// A room without a type is as one its owner made without: co-owners, who may change its settings,
/// may not lift the pins its owner chose by dropping the type.
#[tracing::instrument(name = "rooms.types.set", level = "error", skip_all)]
pub async fn set(ctx: &AppState, user: &User, slug: &str, id: &str) -> AppResult<Option<String>> {
    let (room, access) = store::managed(&ctx.pool, slug, user).await?;
    if !access.owns() {
        return Err(AppError::Forbidden);
    }
    let kind = chosen(ctx, id).await?;
    let mut s = room.settings();
    if let Some(kind) = &kind {
        s = narrowed(kind, s, may_record(ctx, room.owner_id).await?);
        if !kind.allows_region(&s.region) {
            if room.running != 0 {
                return Err(AppError::field("room_type", "field.region.running"));
            }
            let current = regions::get(&ctx.pool, &ctx.regions, &s.region).await?;
            let current = current.ok_or_else(|| AppError::field("room_type", "room_type.no_region"))?;
            s.region = region_for(ctx, kind, &current).await?.code;
        }
    }
    let mut tx = crate::db::begin(&ctx.pool).await?;
    sqlx::query("UPDATE rooms SET type_id = $1 WHERE id = $2")
        .bind(kind.as_ref().map(|k| k.id))
        .bind(room.id)
        .execute(&mut *tx)
        .await
        .step("update rooms")?;
    crate::rooms::service::write::settings(&mut tx, room.id, &s).await?;
    tx.commit().await?;
    ctx.rooms.changed(room.id);
    Ok(kind.map(|k| k.name))
}

/// A meeting of the room may start on `region`: refused, saying why, when its type does not allow
/// the region (an admin narrowed the type since). Returns the type, for its limits.
pub async fn may_start(ctx: &AppState, room: &RoomRow, region: &RegionRecord) -> AppResult<Option<RoomType>> {
    let kind = super::of_room(ctx, room).await?;
    if let Some(kind) = &kind
        && !kind.allows_region(&region.code)
    {
        let msg =
            Msg::with("meeting.region_not_in_type", "region", region.name.as_str()).and("type", kind.name.as_str());
        return Err(AppError::Refused(msg));
    }
    Ok(kind)
}

/// A booking as its room's type sees it: where, how long, how large, and (for a change) how long
/// and large it was. Like the tier, a type refuses only what grows past it, so an older booking can
/// still be renamed; its region must always be one the type allows, or its meeting could not start.
#[derive(Debug, Clone, Copy)]
pub struct Booked<'a> {
    pub region: &'a str,
    pub minutes: i64,
    pub participants: i64,
    pub before: Option<(i64, i64)>,
}

/// A booking of the room within its type.
pub async fn bookable(ctx: &AppState, room: &RoomRow, b: Booked<'_>) -> AppResult<()> {
    let Some(kind) = super::of_room(ctx, room).await? else { return Ok(()) };
    let (old_minutes, old_participants) = b.before.unwrap_or((0, 0));
    let mut errors = FieldErrors::default();
    if !kind.allows_region(b.region) {
        errors.add("region", Msg::with("field.region.not_in_type", "type", kind.name.as_str()));
    }
    if kind.longest > 0 && b.minutes > kind.longest && b.minutes > old_minutes {
        errors.add("duration", Msg::with("booking.duration.over_type", "max", kind.longest));
    }
    if kind.largest > 0 && b.participants > kind.largest && b.participants > old_participants {
        errors.add("participants", Msg::with("field.max_participants.over_type", "max", kind.largest));
    }
    errors.into_result()
}
