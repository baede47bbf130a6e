//! BBB's XML answers read into types with quick-xml and serde. Every answer is first read as a
//! [`Status`] (return code and message key), then as the call's own shape.
use super::error::BbbError;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Deserialize)]
struct Status {
    returncode: String,
    #[serde(rename = "messageKey", default)]
    message_key: Option<String>,
    #[serde(default)]
    message: Option<String>,
}

/// Checks the return code, then reads the answer as `T`. Returns the message key beside it, since
/// some SUCCESS answers carry one that matters (`duplicateWarning`, `noMeetings`).
pub fn parse<T: for<'de> Deserialize<'de>>(body: &str) -> Result<(T, Option<String>), BbbError> {
    let status: Status = quick_xml::de::from_str(body).map_err(|e| BbbError::Malformed(e.to_string()))?;
    if status.returncode != "SUCCESS" {
        return Err(BbbError::Failed {
            key: status.message_key.unwrap_or_else(|| "unknown".into()),
            message: status.message.unwrap_or_default(),
        });
    }
    let value = quick_xml::de::from_str(body).map_err(|e| BbbError::Malformed(e.to_string()))?;
    Ok((value, status.message_key))
}

/// An answer with nothing to read but its status.
#[derive(Debug, Deserialize)]
pub struct Empty {}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct Version {
    pub version: String,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct Created {
    #[serde(rename = "meetingID")]
    pub meeting_id: String,
    #[serde(rename = "internalMeetingID", default)]
    pub internal_meeting_id: String,
    #[serde(rename = "createTime", default)]
    pub create_time: i64,
    /// The meeting was running already: this `create` changed nothing (BBB's `duplicateWarning`).
    #[serde(skip)]
    pub duplicate: bool,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct Running {
    pub running: bool,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq, Default)]
pub struct Meeting {
    #[serde(rename = "meetingName", default)]
    pub meeting_name: String,
    #[serde(rename = "meetingID")]
    pub meeting_id: String,
    #[serde(rename = "internalMeetingID", default)]
    pub internal_meeting_id: String,
    #[serde(rename = "createTime", default)]
    pub create_time: i64,
    #[serde(default)]
    pub running: bool,
    #[serde(rename = "participantCount", default)]
    pub participant_count: u32,
    #[serde(rename = "listenerCount", default)]
    pub listener_count: u32,
    #[serde(rename = "voiceParticipantCount", default)]
    pub voice_participant_count: u32,
    #[serde(rename = "videoCount", default)]
    pub video_count: u32,
    #[serde(rename = "moderatorCount", default)]
    pub moderator_count: u32,
    #[serde(rename = "maxUsers", default)]
    pub max_users: u32,
    #[serde(rename = "isBreakout", default)]
    pub is_breakout: bool,
    /// Whether the meeting is being recorded now.
    #[serde(default)]
    pub recording: bool,
    #[serde(default)]
    pub metadata: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
pub struct Meetings {
    #[serde(default)]
    pub meetings: MeetingList,
}

#[derive(Debug, Deserialize, Default)]
pub struct MeetingList {
    #[serde(default)]
    pub meeting: Vec<Meeting>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, Eq, Default)]
pub struct Format {
    #[serde(rename = "type")]
    pub kind: String,
    pub url: String,
    /// Minutes.
    #[serde(default)]
    pub length: u32,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, Eq, Default)]
pub struct Playback {
    #[serde(default)]
    pub format: Vec<Format>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, Eq, Default)]
pub struct Recording {
    #[serde(rename = "recordID")]
    pub record_id: String,
    #[serde(rename = "meetingID")]
    pub meeting_id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub published: bool,
    #[serde(default)]
    pub state: String,
    /// Milliseconds since the epoch.
    #[serde(rename = "startTime", default)]
    pub start_time: i64,
    #[serde(rename = "endTime", default)]
    pub end_time: i64,
    #[serde(default)]
    pub participants: u32,
    #[serde(default)]
    pub metadata: BTreeMap<String, String>,
    #[serde(default)]
    pub playback: Playback,
}

#[derive(Debug, Deserialize)]
pub struct Recordings {
    #[serde(default)]
    pub recordings: RecordingList,
}

#[derive(Debug, Deserialize, Default)]
pub struct RecordingList {
    #[serde(default)]
    pub recording: Vec<Recording>,
}
