//! A room's settings, the form that sets them, and the rules they must keep.
use crate::error::{FieldErrors, Msg};
use serde::{Deserialize, Serialize};

pub const WELCOME_MAX: usize = 2000;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RoomSettings {
    pub viewer_code: String,
    pub moderator_code: String,
    pub waiting_room: Lobby,
    pub mute_on_join: bool,
    pub anyone_can_start: bool,
    pub all_moderators: bool,
    pub require_sign_in: bool,
    pub recording: bool,
    /// Recording starts with the meeting (only where the room records).
    pub auto_start_recording: bool,
    /// Who watches the room's new recordings, until their owner says otherwise.
    pub recording_visibility: super::RecordingVisibility,
    pub locks: Locks,
    /// 0 = the region's limit.
    pub max_participants: i64,
    pub welcome: String,
    pub region: String,
}

impl RoomSettings {
    /// The names of the settings that differ in `new` (codes by name only: the log never holds them).
    pub fn changes(&self, new: &RoomSettings) -> Vec<&'static str> {
        let trimmed = |a: &str, b: &str| a.trim() != b.trim();
        let mut changed: Vec<&'static str> = [
            ("viewer_code", trimmed(&self.viewer_code, &new.viewer_code)),
            ("moderator_code", trimmed(&self.moderator_code, &new.moderator_code)),
            ("waiting_room", self.waiting_room != new.waiting_room),
            ("mute_on_join", self.mute_on_join != new.mute_on_join),
            ("anyone_can_start", self.anyone_can_start != new.anyone_can_start),
            ("all_moderators", self.all_moderators != new.all_moderators),
            ("require_sign_in", self.require_sign_in != new.require_sign_in),
            ("recording", self.recording != new.recording),
            ("auto_start_recording", self.auto_start_recording != new.auto_start_recording),
            ("recording_visibility", self.recording_visibility != new.recording_visibility),
            ("max_participants", self.max_participants != new.max_participants),
            ("welcome", trimmed(&self.welcome, &new.welcome)),
            ("region", trimmed(&self.region, &new.region)),
        ]
        .into_iter()
        .filter_map(|(name, differs)| differs.then_some(name))
        .collect();
        let locks = self.locks.values().into_iter().zip(new.locks.values());
        changed.extend(Locks::FIELDS.iter().zip(locks).filter(|(_, (a, b))| a != b).map(|((field, _), _)| *field));
        changed
    }
}

/// Who waits in BBB's lobby until a moderator lets them in. Stored as 0, 1, 2: rooms whose
/// waiting room was on before the choice existed hold everyone, as the setting always said.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lobby {
    #[default]
    Off,
    Everyone,
    /// Members of the co-op go straight in; people without an account wait.
    Guests,
}

impl Lobby {
    pub const ALL: [Lobby; 3] = [Lobby::Off, Lobby::Everyone, Lobby::Guests];

    pub fn code(self) -> i64 {
        match self {
            Lobby::Off => 0,
            Lobby::Everyone => 1,
            Lobby::Guests => 2,
        }
    }

    pub fn from_code(code: i64) -> Lobby {
        match code {
            1 => Lobby::Everyone,
            2 => Lobby::Guests,
            _ => Lobby::Off,
        }
    }

    /// The form's value; "on" is what the checkbox this replaced posted.
    pub fn parse(value: &str) -> Option<Lobby> {
        match value.trim() {
            "" | "off" => Some(Lobby::Off),
            "on" | "everyone" => Some(Lobby::Everyone),
            "guests" => Some(Lobby::Guests),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Lobby::Off => "off",
            Lobby::Everyone => "everyone",
            Lobby::Guests => "guests",
        }
    }

    /// Whether BBB is told a joining person is a guest. A lobby that is on holds guests until a
    /// moderator lets them in (one that is off lets them straight in). People without an account are
    /// guests; members only when everyone waits; moderators never, so they are never held.
    pub fn guest(self, moderator: bool, member: bool) -> bool {
        !moderator && (!member || self == Lobby::Everyone)
    }

    /// The `guestPolicy` of the meeting's `create` call.
    pub fn guest_policy(self) -> &'static str {
        if self == Lobby::Off { "ALWAYS_ACCEPT" } else { "ASK_MODERATOR" }
    }
}

/// What viewers may not do in the meeting (moderators always may). Each is one of BBB's lock
/// settings, locked as a viewer joins.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Locks {
    pub webcams: bool,
    pub microphones: bool,
    pub private_chat: bool,
    pub public_chat: bool,
    pub notes: bool,
    pub user_list: bool,
    /// Viewers see only the moderators' webcams.
    pub webcams_for_moderators: bool,
}

impl Locks {
    /// Each lock's form field (and column), and the `create` parameter it sets.
    pub const FIELDS: [(&'static str, &'static str); 7] = [
        ("lock_webcams", "lockSettingsDisableCam"),
        ("lock_microphones", "lockSettingsDisableMic"),
        ("lock_private_chat", "lockSettingsDisablePrivateChat"),
        ("lock_public_chat", "lockSettingsDisablePublicChat"),
        ("lock_notes", "lockSettingsDisableNotes"),
        ("lock_user_list", "lockSettingsHideUserList"),
        ("lock_webcams_for_moderators", "webcamsOnlyForModerator"),
    ];

    /// In the order of [`Locks::FIELDS`].
    pub fn values(self) -> [bool; 7] {
        let Locks { webcams, microphones, private_chat, public_chat, notes, user_list, webcams_for_moderators } = self;
        [webcams, microphones, private_chat, public_chat, notes, user_list, webcams_for_moderators]
    }

    pub fn from_values(v: [bool; 7]) -> Locks {
        let [webcams, microphones, private_chat, public_chat, notes, user_list, webcams_for_moderators] = v;
        Locks { webcams, microphones, private_chat, public_chat, notes, user_list, webcams_for_moderators }
    }

    /// The `create` parameters: every lock named, true or false, and locked on joining.
    pub fn params(self) -> Vec<(String, String)> {
        let mut p: Vec<(String, String)> = Self::FIELDS
            .iter()
            .zip(self.values())
            .map(|((_, param), on)| (param.to_string(), on.to_string()))
            .collect();
        p.push(("lockSettingsLockOnJoin".into(), "true".into()));
        p
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
    if s.auto_start_recording && !s.recording {
        errors.add("auto_start_recording", Msg::new("field.auto_start_recording.needs_recording"));
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
#[path = "settings_tests.rs"]
mod tests;
