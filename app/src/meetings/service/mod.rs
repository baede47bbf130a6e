//! Starting, joining and ending a room's meeting.
use crate::accounts::service::User;
use crate::bbb::client::{Client, Join, Role};
use crate::bbb::modules::modules;
use crate::error::{AppError, AppResult, Msg, bbb_message};
use crate::membership::service::allow::MeetingTerms;
use crate::regions::service::RegionRecord;
use crate::rooms::service::meeting_state;
use crate::rooms::service::store::{self, RoomRow};
use crate::schedule::service::guarantee::{self, Placement};
use crate::state::AppState;

pub mod admission;
pub mod attendance;
pub mod callback;
pub mod consent;
pub mod seats;
pub mod waiting;

pub use admission::{Admission, admit};

/// The region the room's meeting runs on, if it takes meetings now (an admin may have disabled it).
async fn region_of(ctx: &AppState, room: &RoomRow) -> AppResult<RegionRecord> {
    usable(meeting_state::region_of(&ctx.pool, &ctx.regions, room).await?)
}

fn usable(region: RegionRecord) -> AppResult<RegionRecord> {
    if region.enabled == 0 {
        return Err(AppError::Refused(Msg::new("meeting.region_unavailable")));
    }
    Ok(region)
}

/// Where a room's meeting goes: where it runs, else where the schedule places a new one.
async fn placement(ctx: &AppState, room: &RoomRow) -> AppResult<Placement> {
    if room.running != 0 && room.create_time.is_some() {
        let region = region_of(ctx, room).await?;
        return Ok(Placement::unbooked(region));
    }
    let placement = guarantee::placement(ctx, room).await?;
    Ok(Placement { region: usable(placement.region.clone())?, ..placement })
}

fn create_params(
    ctx: &AppState,
    room: &RoomRow,
    at: &Placement,
    terms: &MeetingTerms,
    run: &str,
) -> Vec<(String, String)> {
    let base_url = &ctx.base_url;
    let region = &at.region;
    // The owner's membership tier caps the room's and the region's limits.
    let limit = match (at.max_participants.unwrap_or_else(|| seats::limit(room, region)), terms.participants) {
        (0, Some(tier)) => tier,
        (limit, Some(tier)) => limit.min(tier),
        (limit, None) => limit,
    };
    let record = room.recording != 0 && region.recording != 0 && terms.recording;
    let host = base_url.split("://").nth(1).unwrap_or(base_url).to_string();
    let end_callback =
        format!("{base_url}/bbb/callback/end/{}?{}", room.slug, callback::query(room, &region.secret, run));
    let mut p: Vec<(String, String)> = vec![
        ("name".into(), room.name.clone()),
        ("meetingID".into(), room.meeting_id.clone()),
        ("record".into(), record.to_string()),
        ("autoStartRecording".into(), (record && room.auto_start_recording != 0).to_string()),
        ("allowStartStopRecording".into(), record.to_string()),
        ("muteOnStart".into(), (room.mute_on_join != 0).to_string()),
        ("guestPolicy".into(), room.lobby().guest_policy().into()),
        ("logoutURL".into(), format!("{base_url}/r/{}", room.slug)),
        ("meta_endCallbackUrl".into(), end_callback),
        ("meta_bbb-recording-ready-url".into(), format!("{base_url}/bbb/callback/recording/{}", room.slug)),
        ("meta_bbb-origin".into(), "Quorum".into()),
        ("meta_bbb-origin-server-name".into(), host),
    ];
    p.extend(room.locks().params());
    if limit > 0 {
        p.push(("maxParticipants".into(), limit.to_string()));
    }
    if !room.welcome.is_empty() {
        p.push(("welcome".into(), room.welcome.clone()));
    }
    if let Some(minutes) = terms.minutes.filter(|m| *m > 0) {
        p.push(("duration".into(), minutes.to_string()));
    }
    if let Some(tag) = &at.server_tag {
        p.push(("meta_server-tag".into(), tag.clone()));
    }
    if let Some(booking) = at.members_meeting {
        p.push(("meta_analytics-callback-url".into(), callback::analytics_url(base_url, region, booking)));
    }
    p
}

/// Makes sure the room's meeting runs where `placement` says; returns the room as it now is.
async fn ensure_running(ctx: &AppState, room: RoomRow, placement: &Placement) -> AppResult<RoomRow> {
    if room.running != 0 && room.create_time.is_some() {
        return Ok(room);
    }
    let region = &placement.region;
    let run = crate::accounts::service::tokens::new_token();
    let mut terms = crate::membership::service::allow::meeting(ctx, room.owner_id).await?;
    if let Some(kind) = crate::rooms::service::types::may_start(ctx, &room, region).await? {
        terms = terms.narrowed(kind.longest, kind.largest);
    }
    // The room's presentations, for the region to fetch as it creates the meeting.
    let documents = crate::rooms::service::presentations::served::documents(ctx, &room, region).await?;
    let created = ctx
        .bbb
        .create(&region.endpoint(), &create_params(ctx, &room, placement, &terms, &run), modules(&documents))
        .await
        .map_err(|e| AppError::Refused(bbb_message(&e)))?;
    // A meeting that already ran keeps the callback it was created with, and so its run token.
    let run = if created.duplicate { room.run_token.clone() } else { Some(run) };
    meeting_state::mark_running(ctx, &room, &region.code, created.create_time, run.as_deref(), ctx.clock.now()).await?;
    let meeting_region = (region.code != room.region_code).then(|| region.code.clone());
    Ok(RoomRow { create_time: Some(created.create_time), running: 1, run_token: run, meeting_region, ..room })
}

/// What a member ticked on the form that starts the meeting: consent to its recording, and to be
/// listed among its attendees in the room's history.
#[derive(Debug, Clone, Copy, Default)]
pub struct Ticks {
    pub recording: bool,
    pub listed: bool,
}

/// An owner, co-owner or admin starts the room's meeting (or finds it running) and gets a
/// moderator's join URL, once they consent to a recording. Everyone else comes in through [`admit`]
/// and [`destination`].
#[tracing::instrument(name = "meetings.start", level = "error", skip_all)]
pub async fn start(ctx: &AppState, user: &User, slug: &str, ticks: Ticks) -> AppResult<String> {
    let room = store::by_slug(&ctx.pool, slug).await?;
    if !store::access(&ctx.pool, &room, Some(user)).await?.manages() {
        return Err(AppError::Forbidden);
    }
    let mut errors = crate::error::FieldErrors::default();
    consent::check(&mut errors, &room, ticks.recording);
    errors.into_result()?;
    let placement = placement(ctx, &room).await?;
    let room = ensure_running(ctx, room, &placement).await?;
    let region = placement.region;
    if !seats::take(ctx, &region, &room).await? {
        return Err(AppError::Refused(Msg::new("bbb.full")));
    }
    consent::record(ctx, &room, Some(user.id), &user.name).await?;
    if ticks.listed {
        attendance::listed(ctx, room.id, user.id).await?;
    }
    Ok(join_url(&region, &room, &Admission::for_manager(&room, user)))
}

pub fn join_url(region: &RegionRecord, room: &RoomRow, who: &Admission) -> String {
    let join = Join {
        full_name: who.name.clone(),
        meeting_id: room.meeting_id.clone(),
        role: if who.moderator { Role::Moderator } else { Role::Viewer },
        user_id: who.tag.clone().or_else(|| who.user_id.map(|id| format!("quorum-{id}"))),
        guest: room.lobby().guest(who.moderator, who.user_id.is_some()),
        create_time: room.create_time,
    };
    Client::join_url(&region.endpoint(), &join)
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

/// Sends an admitted visitor in, or to wait. A signed-in member admitted to a room where anyone
/// may start (or shared with them as moderator) starts the meeting when it does not run, in the
/// role the admission gave them; so does anyone invited, from ten minutes before a booked start.
#[tracing::instrument(name = "meetings.destination", level = "error", skip_all)]
pub async fn destination(ctx: &AppState, who: &Admission, room: RoomRow) -> AppResult<Destination> {
    let may_start = who.user_id.is_some() && (who.may_start || room.anyone_can_start != 0);
    let booked = room.running == 0 && !may_start && guarantee::open_booking(ctx, room.id).await?.is_some();
    let starts = room.running == 0 && (may_start || booked);
    if room.running == 0 && !starts {
        return Ok(Destination::NotStarted);
    }
    let placement = placement(ctx, &room).await?;
    let room = if starts { ensure_running(ctx, room, &placement).await? } else { room };
    let region = placement.region;
    if !seats::take(ctx, &region, &room).await? {
        return Ok(Destination::Full);
    }
    if let (true, Some(user_id)) = (who.listed, who.user_id) {
        attendance::listed(ctx, room.id, user_id).await?;
    }
    Ok(Destination::Meeting(join_url(&region, &room, who)))
}
