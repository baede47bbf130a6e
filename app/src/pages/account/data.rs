//! A member's own data, as one JSON file: everything the portal holds about them, from each
//! feature that holds some (the account, rooms and their settings, bookings, contributions, what
//! they did and when they signed in). It composes features, so it lives above them. Secrets that
//! are the portal's, not the member's (password hash, the meetings' callback tokens), stay out.
use crate::accounts::service::User;
use crate::error::AppResult;
use crate::state::AppState;
use serde_json::{Value, json};

/// The member's data, in one document.
pub async fn of(ctx: &AppState, user: &User) -> AppResult<Value> {
    let reader = crate::accounts::service::users::reader(user);
    let rooms = crate::rooms::service::store::owned_by(&ctx.pool, user.id).await?;
    let everything = (crate::clock::Timestamp::from_secs(0), crate::clock::Timestamp::from_secs(i64::MAX / 2));
    let bookings = crate::schedule::service::listing::for_member(ctx, user, everything.0, everything.1).await?;
    let contributions = crate::contributions::service::reports::of_member(ctx, user.id, &reader).await?;
    let actions = crate::security_log::in_zone(crate::security_log::of_actor(&ctx.pool, user.id).await?, &reader);
    Ok(json!({
        "made_at": ctx.clock.now().secs(),
        "account": {
            "id": user.id,
            "email": user.email,
            "name": user.name,
            "role": user.role,
            "status": user.status,
            "language": user.language,
            "time_zone": user.time_zone,
            "email_verified_at": user.email_verified_at,
            "created_at": user.created_at,
        },
        "rooms": rooms.iter().map(|r| json!({
            "name": r.name,
            "address": format!("{}/r/{}", ctx.base_url, r.slug),
            "region": r.region_code,
            "access_code": r.viewer_code,
            "moderator_code": r.moderator_code,
            "settings": {
                "waiting_room": r.waiting_room,
                "mute_on_join": r.mute_on_join,
                "anyone_can_start": r.anyone_can_start,
                "all_moderators": r.all_moderators,
                "require_sign_in": r.require_sign_in,
                "recording": r.recording != 0,
                "auto_start_recording": r.auto_start_recording != 0,
                "recording_visibility": r.recording_visibility,
                "lock_webcams": r.lock_webcams != 0,
                "lock_microphones": r.lock_microphones != 0,
                "lock_private_chat": r.lock_private_chat != 0,
                "lock_public_chat": r.lock_public_chat != 0,
                "lock_notes": r.lock_notes != 0,
                "lock_user_list": r.lock_user_list != 0,
                "max_participants": r.max_participants,
                "welcome": r.welcome,
            },
        })).collect::<Vec<_>>(),
        "bookings": bookings,
        "contributions": contributions,
        "sign_ins_and_actions": actions,
    }))
}
