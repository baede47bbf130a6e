//! Starting, joining and ending a room's meeting.
use crate::accounts::service::User;
use crate::bbb::client::{Client, Join, Role};
use crate::db::{self, Pool};
use crate::error::{AppError, AppResult, FieldErrors, Msg, bbb_message};
use crate::limits::Limit;
use crate::regions::service::{self as regions, RegionRecord};
use crate::rooms::service::store::{self, RoomRow};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub mod seats;

/// Failed access-code attempts allowed per room and client address.
const CODE_LIMIT: Limit = Limit { scope: "room_code", max: 10, window: 15 * 60 };

/// A visitor allowed in, waiting for (or going to) the meeting. Kept in the session while waiting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Admission {
    pub slug: String,
    pub name: String,
    pub moderator: bool,
    pub user_id: Option<i64>,
}

async fn region_of(pool: &Pool, configured: &[RegionRecord], room: &RoomRow) -> AppResult<RegionRecord> {
    regions::get(pool, configured, &room.region_code)
        .await?
        .filter(|r| r.enabled != 0)
        .ok_or_else(|| AppError::Refused(Msg::new("meeting.region_unavailable")))
}

/// The signature of the room's end-callback URL: only BBB (holding the region's secret) and we know it.
pub fn callback_signature(room: &RoomRow, secret: &str) -> String {
    hex::encode(Sha256::digest(format!("end:{}:{secret}", room.meeting_id).as_bytes()))
}

fn create_params(room: &RoomRow, region: &RegionRecord, base_url: &str) -> Vec<(String, String)> {
    let limit = seats::limit(room, region);
    let record = room.recording != 0 && region.recording != 0;
    let host = base_url.split("://").nth(1).unwrap_or(base_url).to_string();
    let mut p: Vec<(String, String)> = vec![
        ("name".into(), room.name.clone()),
        ("meetingID".into(), room.meeting_id.clone()),
        ("record".into(), record.to_string()),
        ("autoStartRecording".into(), "false".into()),
        ("allowStartStopRecording".into(), record.to_string()),
        ("muteOnStart".into(), (room.mute_on_join != 0).to_string()),
        ("guestPolicy".into(), if room.waiting_room != 0 { "ASK_MODERATOR" } else { "ALWAYS_ACCEPT" }.into()),
        ("logoutURL".into(), format!("{base_url}/r/{}", room.slug)),
        (
            "meta_endCallbackUrl".into(),
            format!("{base_url}/bbb/callback/end/{}?sig={}", room.slug, callback_signature(room, &region.secret)),
        ),
        ("meta_bbb-recording-ready-url".into(), format!("{base_url}/bbb/callback/recording/{}", room.slug)),
        ("meta_bbb-origin".into(), "Quorum".into()),
        ("meta_bbb-origin-server-name".into(), host),
    ];
    if limit > 0 {
        p.push(("maxParticipants".into(), limit.to_string()));
    }
    if !room.welcome.is_empty() {
        p.push(("welcome".into(), room.welcome.clone()));
    }
    p
}

/// Starts the room's meeting (or finds it running) and returns the starter's moderator join URL.
pub async fn start(
    pool: &Pool,
    client: &Client,
    configured: &[RegionRecord],
    seats: &seats::Seats,
    base_url: &str,
    user: &User,
    slug: &str,
) -> AppResult<String> {
    let room = store::by_slug(pool, slug).await?;
    let access = store::access(pool, &room, Some(user)).await?;
    if !access.manages() && room.anyone_can_start == 0 {
        return Err(AppError::Forbidden);
    }
    let region = region_of(pool, configured, &room).await?;
    let create_time = if room.running != 0 && room.create_time.is_some() {
        room.create_time
    } else {
        let created = client
            .create(&region.endpoint(), &create_params(&room, &region, base_url))
            .await
            .map_err(|e| AppError::Refused(bbb_message(&e)))?;
        sqlx::query("UPDATE rooms SET running = 1, create_time = $1, checked_at = $2 WHERE id = $3")
            .bind(created.create_time)
            .bind(db::now())
            .bind(room.id)
            .execute(pool)
            .await?;
        Some(created.create_time)
    };
    let room = RoomRow { create_time, ..room };
    if !seats.take(client, &region, &room).await {
        return Err(AppError::Refused(Msg::new("bbb.full")));
    }
    let admission =
        Admission { slug: room.slug.clone(), name: user.name.clone(), moderator: true, user_id: Some(user.id) };
    Ok(join_url(&region, &room, &admission, create_time))
}

pub fn join_url(region: &RegionRecord, room: &RoomRow, who: &Admission, create_time: Option<i64>) -> String {
    let join = Join {
        full_name: who.name.clone(),
        meeting_id: room.meeting_id.clone(),
        role: if who.moderator { Role::Moderator } else { Role::Viewer },
        user_id: who.user_id.map(|id| format!("quorum-{id}")),
        guest: who.user_id.is_none(),
        create_time,
    };
    Client::join_url(&region.endpoint(), &join)
}

/// Decides who may come into `room` and as what; returns the admission with the room. Access codes are checked here, rate-limited per room and
/// client address.
pub async fn admit(
    pool: &Pool,
    room: RoomRow,
    user: Option<&User>,
    name: &str,
    code: &str,
    address: &str,
) -> AppResult<(Admission, RoomRow)> {
    let access = store::access(pool, &room, user).await?;
    if room.require_sign_in != 0 && user.is_none() {
        return Err(AppError::Refused(Msg::new("meeting.sign_in_required")));
    }
    let name = match user {
        Some(u) => u.name.clone(),
        None => {
            let mut errors = FieldErrors::default();
            crate::accounts::model::check_name(&mut errors, "name", name);
            errors.into_result()?;
            name.trim().to_string()
        }
    };
    let code = code.trim();
    let subject = format!("{}:{address}", room.slug);
    // Once limited, even the right code waits: otherwise guessing would simply go on.
    if !code.is_empty() && !access.manages() {
        CODE_LIMIT.check(pool, &subject).await?;
    }
    let by_code = !room.moderator_code.is_empty() && code == room.moderator_code;
    let moderator = access.manages() || room.all_moderators != 0 || by_code;
    if !moderator && !room.viewer_code.is_empty() && code != room.viewer_code {
        CODE_LIMIT.record(pool, &subject).await?;
        return Err(AppError::field(
            "access_code",
            if code.is_empty() { "field.access_code.required" } else { "field.access_code.wrong" },
        ));
    }
    Ok((Admission { slug: room.slug.clone(), name, moderator, user_id: user.map(|u| u.id) }, room))
}

/// Where an admitted visitor goes now.
#[derive(Debug, PartialEq, Eq)]
pub enum Destination {
    Meeting(String),
    /// The meeting has not started: wait for it.
    NotStarted,
    /// The meeting is at its participant limit: wait for a seat.
    Full,
}

impl Destination {
    /// The waiting page for a visitor who cannot go in yet; it says why.
    pub fn waiting_page(&self, slug: &str) -> String {
        match self {
            Destination::Full => format!("/r/{slug}/wait?full=1"),
            _ => format!("/r/{slug}/wait"),
        }
    }
}

pub async fn destination(
    pool: &Pool,
    client: &Client,
    configured: &[RegionRecord],
    seats: &seats::Seats,
    who: &Admission,
    room: &RoomRow,
) -> AppResult<Destination> {
    if room.running == 0 {
        return Ok(Destination::NotStarted);
    }
    let region = region_of(pool, configured, room).await?;
    if !seats.take(client, &region, room).await {
        return Ok(Destination::Full);
    }
    Ok(Destination::Meeting(join_url(&region, room, who, room.create_time)))
}

/// BBB's end callback: the meeting is over.
pub async fn ended(pool: &Pool, configured: &[RegionRecord], slug: &str, signature: &str) -> AppResult<()> {
    let room = store::by_slug(pool, slug).await?;
    let region = regions::get(pool, configured, &room.region_code).await?.ok_or(AppError::NotFound)?;
    if callback_signature(&room, &region.secret) != signature {
        return Err(AppError::Forbidden);
    }
    sqlx::query("UPDATE rooms SET running = 0, participants = 0 WHERE id = $1").bind(room.id).execute(pool).await?;
    Ok(())
}
