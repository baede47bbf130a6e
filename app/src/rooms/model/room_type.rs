//! Room types: an admin's preset for rooms ("Assembly", "Working group", "Public talk"). A type
//! gives new rooms their settings, pins those members may not change, and narrows where and how
//! large and long its meetings may be. It never widens what a member's tier allows.
use super::{Locks, RoomSettings, SettingsForm};
use crate::error::{FieldErrors, Msg};
use serde::{Deserialize, Serialize};

/// The settings a type sets: the lobby, the switches, the locks and who watches new recordings (not
/// codes, welcome or region).
pub const TYPED: [&str; 15] = [
    "waiting_room",
    "mute_on_join",
    "anyone_can_start",
    "all_moderators",
    "require_sign_in",
    "recording",
    "auto_start_recording",
    "lock_webcams",
    "lock_microphones",
    "lock_private_chat",
    "lock_public_chat",
    "lock_notes",
    "lock_user_list",
    "lock_webcams_for_moderators",
    "recording_visibility",
];

pub const TYPE_NAME_MAX: usize = 60;
pub const TYPE_DESCRIPTION_MAX: usize = 300;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomType {
    pub id: i64,
    pub name: String,
    pub description: String,
    /// The settings a new room of the type starts with (only the [`TYPED`] ones count).
    pub defaults: RoomSettings,
    /// The settings members may not change: always the default's value.
    pub pinned: Vec<String>,
    /// The regions its rooms may use; empty: every region.
    pub regions: Vec<String>,
    /// The largest meeting (0: no limit of its own).
    pub largest: i64,
    /// The longest meeting in minutes (0: no limit of its own).
    pub longest: i64,
    /// How many rooms have it (for the admins' list).
    pub rooms: i64,
}

impl RoomType {
    pub fn pins(&self, field: &str) -> bool {
        self.pinned.iter().any(|f| f == field)
    }

    pub fn allows_region(&self, code: &str) -> bool {
        self.regions.is_empty() || self.regions.iter().any(|r| r == code.trim())
    }

    /// A new room of the type: every typed setting from its defaults.
    pub fn seed(&self, s: &mut RoomSettings) {
        TYPED.iter().for_each(|field| copy(field, &self.defaults, s));
    }

    /// Puts the pinned settings back to the type's value, whatever was asked.
    pub fn pin(&self, s: &mut RoomSettings) {
        self.pinned.iter().for_each(|field| copy(field, &self.defaults, s));
    }

    /// What the room's settings may not be under this type: another region, a larger meeting.
    pub fn check(&self, s: &RoomSettings, errors: &mut FieldErrors) {
        if !self.allows_region(&s.region) {
            errors.add("region", Msg::with("field.region.not_in_type", "type", self.name.clone()));
        }
        if self.largest > 0 && s.max_participants > self.largest {
            errors.add("max_participants", Msg::with("field.max_participants.over_type", "max", self.largest));
        }
    }
}

/// Sets `field` of `to` to its value in `from`.
fn copy(field: &str, from: &RoomSettings, to: &mut RoomSettings) {
    match field {
        "waiting_room" => to.waiting_room = from.waiting_room,
        "mute_on_join" => to.mute_on_join = from.mute_on_join,
        "anyone_can_start" => to.anyone_can_start = from.anyone_can_start,
        "all_moderators" => to.all_moderators = from.all_moderators,
        "require_sign_in" => to.require_sign_in = from.require_sign_in,
        "recording" => to.recording = from.recording,
        "auto_start_recording" => to.auto_start_recording = from.auto_start_recording,
        "recording_visibility" => to.recording_visibility = from.recording_visibility,
        lock => {
            if let Some(i) = Locks::FIELDS.iter().position(|(name, _)| *name == lock) {
                let mut values = to.locks.values();
                values[i] = from.locks.values()[i];
                to.locks = Locks::from_values(values);
            }
        }
    }
}

/// The admins' form for a type: its defaults as the room settings form posts them, and a "members
/// may not change this" box for each.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeForm {
    /// Empty for a new type.
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Region codes, separated by commas or spaces; empty: every region.
    #[serde(default)]
    pub regions: String,
    #[serde(default)]
    pub largest: String,
    #[serde(default)]
    pub longest: String,
    #[serde(flatten)]
    pub defaults: SettingsForm,
    pub pin_waiting_room: Option<String>,
    pub pin_mute_on_join: Option<String>,
    pub pin_anyone_can_start: Option<String>,
    pub pin_all_moderators: Option<String>,
    pub pin_require_sign_in: Option<String>,
    pub pin_recording: Option<String>,
    pub pin_auto_start_recording: Option<String>,
    pub pin_lock_webcams: Option<String>,
    pub pin_lock_microphones: Option<String>,
    pub pin_lock_private_chat: Option<String>,
    pub pin_lock_public_chat: Option<String>,
    pub pin_lock_notes: Option<String>,
    pub pin_lock_user_list: Option<String>,
    pub pin_lock_webcams_for_moderators: Option<String>,
    pub pin_recording_visibility: Option<String>,
}

impl TypeForm {
    pub fn id(&self) -> Option<i64> {
        self.id.trim().parse().ok()
    }

    /// The pinned fields, in the order of [`TYPED`].
    fn pinned(&self) -> Vec<String> {
        let boxes = [
            &self.pin_waiting_room,
            &self.pin_mute_on_join,
            &self.pin_anyone_can_start,
            &self.pin_all_moderators,
            &self.pin_require_sign_in,
            &self.pin_recording,
            &self.pin_auto_start_recording,
            &self.pin_lock_webcams,
            &self.pin_lock_microphones,
            &self.pin_lock_private_chat,
            &self.pin_lock_public_chat,
            &self.pin_lock_notes,
            &self.pin_lock_user_list,
            &self.pin_lock_webcams_for_moderators,
            &self.pin_recording_visibility,
        ];
        TYPED.iter().zip(boxes).filter(|(_, on)| on.is_some()).map(|(f, _)| f.to_string()).collect()
    }

    /// The type it asks for (without its id), or what is wrong with each field. `known` are the
    /// region codes there are.
    pub fn check(&self, known: &[String]) -> Result<RoomType, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = self.name.trim().to_string();
        if name.is_empty() || name.chars().count() > TYPE_NAME_MAX {
            errors.add("name", Msg::with("room_type.name.invalid", "max", TYPE_NAME_MAX));
        }
        let description = self.description.trim().to_string();
        if description.chars().count() > TYPE_DESCRIPTION_MAX {
            errors.add("description", Msg::with("field.welcome.too_long", "max", TYPE_DESCRIPTION_MAX));
        }
        let regions: Vec<String> =
            self.regions.split([',', ' ']).map(str::trim).filter(|c| !c.is_empty()).map(str::to_string).collect();
        let unknown: Vec<&str> = regions.iter().filter(|c| !known.contains(c)).map(String::as_str).collect();
        if !unknown.is_empty() {
            errors.add("regions", Msg::with("room_type.regions.unknown", "codes", unknown.join(", ")));
        }
        let largest = limit(&mut errors, "largest", &self.largest);
        let longest = limit(&mut errors, "longest", &self.longest);
        let defaults = match self.defaults.clone().settings() {
            Ok(d) => d,
            Err(e) => {
                // The choice that is not one of the offered ones, named next to its field.
                let wrong = e.field_errors().map(|f| f.0.clone()).unwrap_or_default();
                wrong.into_iter().for_each(|(field, msg)| errors.add(&field, msg));
                RoomSettings::default()
            }
        };
        let pinned = self.pinned();
        let pins = |field: &str| pinned.iter().any(|f| f == field);
        // Recording that starts with the meeting holds only while recording does.
        if (defaults.auto_start_recording && !defaults.recording)
            || (pins("auto_start_recording") && !pins("recording"))
        {
            errors.add("auto_start_recording", Msg::new("field.auto_start_recording.needs_recording"));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(RoomType { id: 0, name, description, defaults, pinned, regions, largest, longest, rooms: 0 })
    }
}

/// An empty field is no limit (0); otherwise a positive whole number.
fn limit(errors: &mut FieldErrors, field: &str, text: &str) -> i64 {
    match text.trim() {
        "" => 0,
        n => match n.parse::<i64>() {
            Ok(n) if n > 0 => n,
            _ => {
                errors.add(field, Msg::new("field.count.invalid"));
                0
            }
        },
    }
}

#[cfg(test)]
#[path = "room_type_tests.rs"]
mod tests;
