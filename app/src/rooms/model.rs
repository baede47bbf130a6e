//! Rooms as the pages see them, and the rules for their settings.
use crate::error::{FieldErrors, Msg};
use serde::{Deserialize, Serialize};

pub const NAME_MAX: usize = 100;
pub const WELCOME_MAX: usize = 2000;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomSettings {
    pub viewer_code: String,
    pub moderator_code: String,
    pub waiting_room: bool,
    pub mute_on_join: bool,
    pub anyone_can_start: bool,
    pub all_moderators: bool,
    pub require_sign_in: bool,
    pub recording: bool,
    /// 0 = the region's limit.
    pub max_participants: i64,
    pub welcome: String,
    pub region: String,
}

/// The settings form as it is posted: text fields, and checkboxes that are there when ticked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    pub viewer_code: String,
    #[serde(default)]
    pub moderator_code: String,
    pub waiting_room: Option<String>,
    pub mute_on_join: Option<String>,
    pub anyone_can_start: Option<String>,
    pub all_moderators: Option<String>,
    pub require_sign_in: Option<String>,
    pub recording: Option<String>,
    #[serde(default)]
    pub max_participants: String,
    #[serde(default)]
    pub welcome: String,
    #[serde(default)]
    pub region: String,
}

impl SettingsForm {
    /// The settings it asks for; a participant count that is not a number is a field error.
    pub fn settings(self) -> Result<RoomSettings, crate::error::AppError> {
        let max_participants = match self.max_participants.trim() {
            "" => 0,
            n => n.parse().map_err(|_| crate::error::AppError::field("max_participants", "field.count.invalid"))?,
        };
        Ok(RoomSettings {
            viewer_code: self.viewer_code,
            moderator_code: self.moderator_code,
            waiting_room: self.waiting_room.is_some(),
            mute_on_join: self.mute_on_join.is_some(),
            anyone_can_start: self.anyone_can_start.is_some(),
            all_moderators: self.all_moderators.is_some(),
            require_sign_in: self.require_sign_in.is_some(),
            recording: self.recording.is_some(),
            max_participants,
            welcome: self.welcome,
            region: self.region,
        })
    }
}

/// How the viewer relates to a room.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Access {
    Owner,
    CoOwner,
    /// A portal administrator: may do everything the owner may, in any room.
    Admin,
    /// Anyone else with the link.
    Visitor,
}

impl Access {
    pub fn manages(self) -> bool {
        matches!(self, Access::Owner | Access::CoOwner | Access::Admin)
    }

    /// May delete the room and choose its co-owners.
    pub fn owns(self) -> bool {
        matches!(self, Access::Owner | Access::Admin)
    }
}

/// A room in a list (dashboard).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomSummary {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub owner_name: String,
    pub access: Access,
    pub running: bool,
    pub participants: i64,
    /// Where its meetings are hosted.
    pub region_code: String,
}

/// A room's page. Settings are only filled in for its owner and co-owners.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomView {
    pub slug: String,
    /// The room's full address, to share.
    pub link: String,
    pub name: String,
    pub owner_name: String,
    pub access: Access,
    pub running: bool,
    pub participants: i64,
    pub settings: Option<RoomSettings>,
    pub co_owners: Vec<CoOwner>,
    /// Visitors must give an access code.
    pub needs_code: bool,
    /// Visitors may give a moderator code (the room has one but no viewer code).
    pub optional_code: bool,
    pub require_sign_in: bool,
    /// The viewer is signed in (and so joins under their own name).
    pub signed_in: bool,
    /// The viewer manages the room and starts the meeting as moderator.
    pub can_start: bool,
    /// The viewer does not manage the room, but joining starts the meeting (anyone may start).
    pub starts_on_join: bool,
}

/// The room's region is down: its name, and the healthy regions the room could move to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionDown {
    pub region: String,
    pub alternatives: Vec<Alternative>,
}

/// A healthy region, with what it does not offer that the room's region does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alternative {
    pub code: String,
    pub name: String,
    /// Empty when it offers all the room's region does.
    pub lacks_recording: bool,
    /// Its largest meeting when smaller than the room's region's (0: no smaller limit).
    pub smaller_meetings: i64,
}

/// A room in the administrators' list of every room.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomListing {
    pub slug: String,
    pub name: String,
    pub owner_name: String,
    pub owner_email: String,
    pub region: String,
    pub running: bool,
    pub participants: i64,
}

/// One page of that list, and what runs across the whole portal now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomDirectory {
    pub rooms: Vec<RoomListing>,
    /// There are rooms after this page.
    pub more: bool,
    pub running: i64,
    pub participants: i64,
}

pub const DIRECTORY_PAGE: i64 = 50;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoOwner {
    pub user_id: i64,
    pub name: String,
    pub email: String,
}

pub fn check_name(errors: &mut FieldErrors, name: &str) {
    let name = name.trim();
    if name.is_empty() {
        errors.add("name", Msg::new("field.room_name.required"));
    } else if name.chars().count() > NAME_MAX {
        errors.add("name", Msg::with("field.name.too_long", "max", NAME_MAX));
    } else if crate::accounts::model::has_unsafe_chars(name) {
        errors.add("name", Msg::new("field.name.unsafe_chars"));
    }
}

/// The shortest new access code. Codes set before this rule (4 or 5 characters, or imported from
/// Greenlight) keep working as long as they are not changed.
pub const CODE_MIN: usize = 6;

fn check_code(errors: &mut FieldErrors, field: &str, code: &str, current: &str) {
    let shape = code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') && code.len() <= 32;
    let kept = !current.is_empty() && code == current;
    if !code.is_empty() && !(shape && (kept || code.len() >= CODE_MIN)) {
        errors.add(field, Msg::with("field.access_code.invalid", "min", CODE_MIN));
    }
}

/// What a region allows, as far as room settings care.
#[derive(Debug, Clone, Copy)]
pub struct RegionLimits {
    pub recording: bool,
    pub max_meeting: i64,
}

/// Checks new settings against the rules, the chosen region's limits and the room's `current`
/// settings (a meeting that runs keeps its region; an unchanged legacy code stays valid).
pub fn check_settings(
    s: &RoomSettings,
    region: Option<RegionLimits>,
    current: &RoomSettings,
    running: bool,
) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::default();
    check_code(&mut errors, "viewer_code", s.viewer_code.trim(), &current.viewer_code);
    check_code(&mut errors, "moderator_code", s.moderator_code.trim(), &current.moderator_code);
    if running && s.region.trim() != current.region {
        errors.add("region", Msg::new("field.region.running"));
    }
    if !s.viewer_code.trim().is_empty() && s.viewer_code.trim() == s.moderator_code.trim() {
        errors.add("moderator_code", Msg::new("field.access_code.same"));
    }
    if s.welcome.chars().count() > WELCOME_MAX {
        errors.add("welcome", Msg::with("field.welcome.too_long", "max", WELCOME_MAX));
    }
    match region {
        None => errors.add("region", Msg::new("field.region.unknown")),
        Some(limits) => {
            if s.recording && !limits.recording {
                errors.add("recording", Msg::new("field.recording.not_in_region"));
            }
            if s.max_participants < 0 {
                errors.add("max_participants", Msg::new("field.count.invalid"));
            } else if limits.max_meeting > 0 && s.max_participants > limits.max_meeting {
                errors.add(
                    "max_participants",
                    Msg::with("field.max_participants.over_region", "max", limits.max_meeting),
                );
            }
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EU: Option<RegionLimits> = Some(RegionLimits { recording: false, max_meeting: 100 });

    #[test]
    fn settings_rules_name_their_field() {
        let ok = RoomSettings { region: "eu".into(), max_participants: 50, ..Default::default() };
        let current = ok.clone();
        assert!(check_settings(&ok, EU, &current, false).is_ok());
        let key = |s: &RoomSettings, limits, field: &str| {
            check_settings(s, limits, &current, false).unwrap_err().get(field).map(|m| m.key.clone())
        };
        let rec = RoomSettings { recording: true, ..ok.clone() };
        assert_eq!(key(&rec, EU, "recording").as_deref(), Some("field.recording.not_in_region"));
        let big = RoomSettings { max_participants: 101, ..ok.clone() };
        assert_eq!(key(&big, EU, "max_participants").as_deref(), Some("field.max_participants.over_region"));
        let code = RoomSettings { viewer_code: "a b".into(), ..ok.clone() };
        assert_eq!(key(&code, EU, "viewer_code").as_deref(), Some("field.access_code.invalid"));
        let short = RoomSettings { moderator_code: "12345".into(), ..ok.clone() };
        assert_eq!(key(&short, EU, "moderator_code").as_deref(), Some("field.access_code.invalid"));
        let same = RoomSettings { viewer_code: "123456".into(), moderator_code: "123456".into(), ..ok.clone() };
        assert_eq!(key(&same, EU, "moderator_code").as_deref(), Some("field.access_code.same"));
        assert_eq!(key(&ok, None, "region").as_deref(), Some("field.region.unknown"));
    }

    #[test]
    fn legacy_short_codes_stay_while_unchanged_and_a_running_room_keeps_its_region() {
        let legacy = RoomSettings { region: "eu".into(), viewer_code: "1234".into(), ..Default::default() };
        assert!(check_settings(&legacy, EU, &legacy, true).is_ok());
        let moved = RoomSettings { region: "uk".into(), ..legacy.clone() };
        let errors = check_settings(&moved, EU, &legacy, true).unwrap_err();
        assert_eq!(errors.get("region").map(|m| m.key.as_str()), Some("field.region.running"));
        assert!(check_settings(&moved, EU, &legacy, false).is_ok(), "a stopped room may move");
    }
}
