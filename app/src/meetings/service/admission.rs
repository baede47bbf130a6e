//! Who may come into a room, and as what. Everyone who neither owns nor co-owns the room passes
//! here, whether they join a running meeting, wait for it, or start it ("anyone may start"): the
//! sign-in rule and the access codes apply the same way, and only the moderator code, "everyone
//! joins as moderator" or the room shared with them as moderator makes someone a moderator.
use crate::accounts::service::User;
use crate::error::{AppError, AppResult, FieldErrors, Msg};
use crate::limits::{self, Limit};
pub use crate::meetings::model::Admission;
use crate::rooms::model::Access;
use crate::rooms::service::store::{self, RoomRow};
use crate::secrets;
use crate::state::AppState;
use sha2::{Digest, Sha256};

/// Failed access codes allowed per room and client address.
const CODE_PER_ADDRESS: Limit = Limit { scope: "room_code", max: 10, window: 15 * 60 };
/// Failed access codes allowed per room from all addresses together: a guesser spread over many
/// addresses is slowed too, while a crowd of members mistyping now and then is not.
const CODE_PER_ROOM: Limit = Limit { scope: "room_code_all", max: 60, window: 15 * 60 };

impl Admission {
    pub fn for_manager(room: &RoomRow, user: &User) -> Admission {
        Admission {
            slug: room.slug.clone(),
            name: user.name.clone(),
            moderator: true,
            user_id: Some(user.id),
            may_start: true,
            gates: gates(room),
            tag: None,
            listed: false,
        }
    }

    /// Someone a feature above admitted on its own terms (an assembly's voting member or
    /// observer): the name BBB shows, the role, and the `userID` BBB knows them by.
    pub fn named(room: &RoomRow, name: String, moderator: bool, user_id: Option<i64>, tag: String) -> Admission {
        Admission {
            slug: room.slug.clone(),
            name,
            moderator,
            user_id,
            may_start: false,
            gates: gates(room),
            tag: Some(tag),
            listed: false,
        }
    }

    /// Still good for `room`: its codes and rules have not changed since it was given.
    pub fn still_valid(&self, room: &RoomRow) -> bool {
        self.slug == room.slug && secrets::same(&self.gates, &gates(room))
    }
}

/// A fingerprint of what decides admission (codes, sign-in rule, moderator rule, recording and so
/// consent): a waiting admission given under other settings is asked for again.
fn gates(room: &RoomRow) -> String {
    let text = format!(
        "{}\0{}\0{}\0{}\0{}",
        room.viewer_code, room.moderator_code, room.require_sign_in, room.all_moderators, room.recording
    );
    hex::encode(&Sha256::digest(text.as_bytes())[..12])
}

/// What someone at a room's door brings: the name they give, the code they typed, the pass in
/// their invitation's link, the room's guest link they came by, the address they ask from, and
/// whether they consent to the recording.
#[derive(Debug, Clone, Copy, Default)]
pub struct Knock<'a> {
    pub name: &'a str,
    pub code: &'a str,
    pub pass: &'a str,
    pub link: &'a str,
    pub address: &'a str,
    pub consent: bool,
}

/// Decides who may come into `room` and as what; keeps their consent when the room records.
#[tracing::instrument(name = "meetings.admission.admit", level = "error", skip_all)]
pub async fn admit(ctx: &AppState, room: &RoomRow, user: Option<&User>, knock: Knock<'_>) -> AppResult<Admission> {
    let who = decide(ctx, room, user, knock).await?;
    super::consent::record(ctx, room, who.user_id, &who.name).await?;
    Ok(who)
}

async fn decide(ctx: &AppState, room: &RoomRow, user: Option<&User>, knock: Knock<'_>) -> AppResult<Admission> {
    let Knock { name, code, pass, link, address, consent } = knock;
    let access = store::access(&ctx.pool, room, user).await?;
    if let Some(user) = user
        && access.manages()
    {
        let mut errors = FieldErrors::default();
        super::consent::check(&mut errors, room, consent);
        errors.into_result()?;
        return Ok(Admission::for_manager(room, user));
    }
    // A members' meeting counts who is present: everyone but the room's managers comes in through
    // its own page, where they consent to the record and join as what they are.
    if let Some(booking) = crate::schedule::service::guarantee::open_booking(ctx, room.id).await?
        && booking.members_meeting != 0
    {
        return Err(AppError::Refused(Msg::with("meeting.members_meeting", "id", booking.id)));
    }
    if !link.trim().is_empty() {
        return by_guest_link(ctx, room, user, knock).await;
    }
    if room.require_sign_in != 0 && user.is_none() {
        return Err(AppError::Refused(Msg::new("meeting.sign_in_required")));
    }
    let mut errors = FieldErrors::default();
    super::consent::check(&mut errors, room, consent);
    let name = match user {
        Some(u) => u.name.clone(),
        None => {
            crate::accounts::model::check_name(&mut errors, "name", name);
            name.trim().to_string()
        }
    };
    errors.into_result()?;
    // Those the room is shared with need no code; an invitee's pass stands in for the viewer code
    // while their booking is open.
    let by_code = if access.skips_code() {
        false
    } else if code.trim().is_empty() && !pass.trim().is_empty() && !room.viewer_code.is_empty() {
        if !crate::schedule::service::pass::admits(ctx, room, pass).await? {
            return Err(AppError::field("access_code", "field.access_code.pass_not_now"));
        }
        false
    } else {
        check_code(ctx, room, code, address).await?
    };
    let shared_moderator = access == Access::Moderator;
    let moderator = room.all_moderators != 0 || by_code || shared_moderator;
    let user_id = user.map(|u| u.id);
    let may_start = shared_moderator;
    Ok(Admission {
        slug: room.slug.clone(),
        name,
        moderator,
        user_id,
        may_start,
        gates: gates(room),
        tag: None,
        listed: false,
    })
}

/// A named guest link stands in for the code and the sign-in rule, and gives its name and role. Its
/// use is counted only once the form is right (the consent given).
async fn by_guest_link(ctx: &AppState, room: &RoomRow, user: Option<&User>, knock: Knock<'_>) -> AppResult<Admission> {
    let mut errors = FieldErrors::default();
    super::consent::check(&mut errors, room, knock.consent);
    errors.into_result()?;
    let pass = crate::rooms::service::guest_links::redeem(ctx, room, knock.link, knock.address).await?;
    Ok(Admission {
        slug: room.slug.clone(),
        name: pass.name,
        moderator: pass.moderator || room.all_moderators != 0,
        user_id: user.map(|u| u.id),
        may_start: false,
        gates: gates(room),
        tag: None,
        listed: false,
    })
}

/// The room's gates for someone who does not manage it: the sign-in rule, then the codes. Used
/// where a visitor sees a room's content without joining (its recordings).
#[tracing::instrument(name = "meetings.admission.pass_gates", level = "error", skip_all)]
pub async fn pass_gates(
    ctx: &AppState,
    room: &RoomRow,
    user: Option<&User>,
    code: &str,
    address: &str,
) -> AppResult<()> {
    if room.require_sign_in != 0 && user.is_none() {
        return Err(AppError::Refused(Msg::new("meeting.sign_in_required")));
    }
    check_code(ctx, room, code, address).await.map(|_| ())
}

/// Whether `code` is one of the room's codes: false when none was given or the room has none. A
/// wrong one is refused next to the field and counted, as at the join.
pub async fn code_opens(ctx: &AppState, room: &RoomRow, code: &str, address: &str) -> AppResult<bool> {
    let has_codes = !room.viewer_code.is_empty() || !room.moderator_code.is_empty();
    if code.trim().is_empty() || !has_codes {
        return Ok(false);
    }
    check_code(ctx, room, code, address).await.map(|_| true)
}

/// Checks the code given against the room's; true when it is the moderator code. A non-empty code
/// is reserved against the limits before it is compared (in constant time), and counts unless right.
async fn check_code(ctx: &AppState, room: &RoomRow, code: &str, address: &str) -> AppResult<bool> {
    let code = code.trim();
    let has_codes = !room.viewer_code.is_empty() || !room.moderator_code.is_empty();
    if code.is_empty() || !has_codes {
        if !room.viewer_code.is_empty() {
            return Err(AppError::field("access_code", "field.access_code.required"));
        }
        return Ok(false);
    }
    let per_address = format!("{}:{address}", room.slug);
    let limits = [(CODE_PER_ADDRESS, per_address.as_str()), (CODE_PER_ROOM, room.slug.as_str())];
    let attempts = limits::reserve_all(&ctx.pool, &ctx.clock, &limits).await?;
    let moderator = !room.moderator_code.is_empty() && secrets::same(code, &room.moderator_code);
    let viewer = !room.viewer_code.is_empty() && secrets::same(code, &room.viewer_code);
    if !(moderator || viewer) {
        return Err(AppError::field("access_code", "field.access_code.wrong"));
    }
    limits::forgive_all(&ctx.pool, attempts).await?;
    Ok(moderator)
}
