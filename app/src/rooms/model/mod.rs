//! Rooms as the pages see them; their settings in `settings`.
use crate::error::{FieldErrors, Msg};
use serde::{Deserialize, Serialize};

mod guest_link;
mod history;
mod presentation;
mod recording_visibility;
mod room_type;
mod settings;
mod settings_form;
mod sharing;
pub use guest_link::*;
pub use history::*;
pub use presentation::*;
pub use recording_visibility::*;
pub use room_type::*;
pub use settings::*;
pub use settings_form::*;
pub use sharing::*;

pub const NAME_MAX: usize = 100;

/// How the viewer relates to a room.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Access {
    Owner,
    CoOwner,
    /// Shared with as moderator.
    Moderator,
    /// Shared with as participant.
    Participant,
    /// A portal administrator: may do everything the owner may, in any room.
    Admin,
    /// Anyone else with the link.
    Visitor,
}

impl Access {
    pub fn of_share(role: ShareRole) -> Access {
        match role {
            ShareRole::CoOwner => Access::CoOwner,
            ShareRole::Moderator => Access::Moderator,
            ShareRole::Participant => Access::Participant,
        }
    }

    /// The role the room was shared with the viewer in, if it was.
    pub fn share(self) -> Option<ShareRole> {
        match self {
            Access::CoOwner => Some(ShareRole::CoOwner),
            Access::Moderator => Some(ShareRole::Moderator),
            Access::Participant => Some(ShareRole::Participant),
            _ => None,
        }
    }

    pub fn manages(self) -> bool {
        matches!(self, Access::Owner | Access::CoOwner | Access::Admin)
    }

    /// May delete the room, share it and give it away.
    pub fn owns(self) -> bool {
        matches!(self, Access::Owner | Access::Admin)
    }

    /// Comes in without the room's access code: everyone the room is shared with.
    pub fn skips_code(self) -> bool {
        self != Access::Visitor
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
    /// Its meetings may be recorded (joining asks for consent).
    pub records: bool,
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
    /// Its type, for those who manage it.
    pub type_id: Option<i64>,
    /// The members it is shared with (for those who manage it).
    pub shares: Vec<Share>,
    /// Visitors must give an access code.
    pub needs_code: bool,
    /// Visitors may give a moderator code (the room has one but no viewer code).
    pub optional_code: bool,
    pub require_sign_in: bool,
    /// The room records: joining asks for consent first.
    pub records: bool,
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
