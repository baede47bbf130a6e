//! The room settings form as it is posted, and the settings it asks for.
use super::{Lobby, Locks, RecordingVisibility, RoomSettings};
use crate::error::AppError;
use serde::{Deserialize, Serialize};

/// The settings form as it is posted: text fields, and checkboxes that are there when ticked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    pub viewer_code: String,
    #[serde(default)]
    pub moderator_code: String,
    #[serde(default)]
    pub waiting_room: String,
    pub mute_on_join: Option<String>,
    pub anyone_can_start: Option<String>,
    pub all_moderators: Option<String>,
    pub require_sign_in: Option<String>,
    pub recording: Option<String>,
    pub auto_start_recording: Option<String>,
    /// Empty: `room`, as an absent box is off (the settings page always sends one of the four).
    #[serde(default)]
    pub recording_visibility: String,
    pub lock_webcams: Option<String>,
    pub lock_microphones: Option<String>,
    pub lock_private_chat: Option<String>,
    pub lock_public_chat: Option<String>,
    pub lock_notes: Option<String>,
    pub lock_user_list: Option<String>,
    pub lock_webcams_for_moderators: Option<String>,
    #[serde(default)]
    pub max_participants: String,
    #[serde(default)]
    pub welcome: String,
    #[serde(default)]
    pub region: String,
}

impl SettingsForm {
    /// The settings it asks for; a participant count that is not a number, or a waiting room or a
    /// visibility that is not one of the choices, is a field error.
    pub fn settings(self) -> Result<RoomSettings, AppError> {
        let max_participants = match self.max_participants.trim() {
            "" => 0,
            n => n.parse().map_err(|_| AppError::field("max_participants", "field.count.invalid"))?,
        };
        let waiting_room =
            Lobby::parse(&self.waiting_room).ok_or_else(|| AppError::field("waiting_room", "field.choice.invalid"))?;
        let recording_visibility = match self.recording_visibility.trim() {
            "" => RecordingVisibility::default(),
            v => RecordingVisibility::parse(v)
                .ok_or_else(|| AppError::field("recording_visibility", "field.visibility.invalid"))?,
        };
        let locks = Locks::from_values(
            [
                &self.lock_webcams,
                &self.lock_microphones,
                &self.lock_private_chat,
                &self.lock_public_chat,
                &self.lock_notes,
                &self.lock_user_list,
                &self.lock_webcams_for_moderators,
            ]
            .map(Option::is_some),
        );
        Ok(RoomSettings {
            viewer_code: self.viewer_code,
            moderator_code: self.moderator_code,
            waiting_room,
            mute_on_join: self.mute_on_join.is_some(),
            anyone_can_start: self.anyone_can_start.is_some(),
            all_moderators: self.all_moderators.is_some(),
            require_sign_in: self.require_sign_in.is_some(),
            recording: self.recording.is_some(),
            auto_start_recording: self.auto_start_recording.is_some(),
            recording_visibility,
            locks,
            max_participants,
            welcome: self.welcome,
            region: self.region,
        })
    }
}
