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
    pub slug: String,
    pub name: String,
    pub owner_name: String,
    pub access: Access,
    pub running: bool,
    pub participants: i64,
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
    pub require_sign_in: bool,
    /// The viewer may start the meeting (owner, co-owner, or anyone when the room allows it).
    pub can_start: bool,
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
        errors.add("name", Msg::with("field.name.too_long", NAME_MAX));
    }
}

fn check_code(errors: &mut FieldErrors, field: &str, code: &str) {
    let well_formed = (4..=32).contains(&code.len()) && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if !code.is_empty() && !well_formed {
        errors.add(field, Msg::new("field.access_code.invalid"));
    }
}

/// What a region allows, as far as room settings care.
#[derive(Debug, Clone, Copy)]
pub struct RegionLimits {
    pub recording: bool,
    pub max_meeting: i64,
}

/// Checks settings against the rules and the chosen region's limits.
pub fn check_settings(s: &RoomSettings, region: Option<RegionLimits>) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::default();
    check_code(&mut errors, "viewer_code", s.viewer_code.trim());
    check_code(&mut errors, "moderator_code", s.moderator_code.trim());
    if !s.viewer_code.trim().is_empty() && s.viewer_code.trim() == s.moderator_code.trim() {
        errors.add("moderator_code", Msg::new("field.access_code.same"));
    }
    if s.welcome.chars().count() > WELCOME_MAX {
        errors.add("welcome", Msg::with("field.welcome.too_long", WELCOME_MAX));
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
                errors.add("max_participants", Msg::with("field.max_participants.over_region", limits.max_meeting));
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
        assert!(check_settings(&ok, EU).is_ok());
        let key = |s: &RoomSettings, limits, field: &str| {
            check_settings(s, limits).unwrap_err().get(field).map(|m| m.key.clone())
        };
        let rec = RoomSettings { recording: true, ..ok.clone() };
        assert_eq!(key(&rec, EU, "recording").as_deref(), Some("field.recording.not_in_region"));
        let big = RoomSettings { max_participants: 101, ..ok.clone() };
        assert_eq!(key(&big, EU, "max_participants").as_deref(), Some("field.max_participants.over_region"));
        let code = RoomSettings { viewer_code: "a b".into(), ..ok.clone() };
        assert_eq!(key(&code, EU, "viewer_code").as_deref(), Some("field.access_code.invalid"));
        let same = RoomSettings { viewer_code: "1234".into(), moderator_code: "1234".into(), ..ok.clone() };
        assert_eq!(key(&same, EU, "moderator_code").as_deref(), Some("field.access_code.same"));
        assert_eq!(key(&ok, None, "region").as_deref(), Some("field.region.unknown"));
    }
}
