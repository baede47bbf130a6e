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
    /// Who is in the meeting now (`getMeetingInfo` and `getMeetings` list them).
    #[serde(default)]
    pub attendees: Attendees,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
pub struct Attendees {
    #[serde(default)]
    pub attendee: Vec<Attendee>,
}

/// One person in a meeting: the `userID` they joined with (empty when none was given), their name
/// and role.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
pub struct Attendee {
    #[serde(rename = "userID", default)]
    pub user_id: String,
    #[serde(rename = "fullName", default)]
    pub full_name: String,
    #[serde(default)]
    pub role: String,
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
    /// Bytes, where the server says (BBB 2.2 and later; Scalelite does not).
    #[serde(default)]
    pub size: Option<String>,
}

impl Format {
    pub fn bytes(&self) -> Option<u64> {
        self.size.as_deref().and_then(|s| s.trim().parse().ok())
    }
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
    /// Bytes of every format together, where the server says.
    #[serde(default)]
    pub size: Option<String>,
    /// Said only by a Scalelite with protected recordings on: whether this one's playback links
    /// work once, for whoever they were handed to.
    #[serde(default)]
    pub protected: Option<bool>,
}

impl Recording {
    /// Its size: the server's figure, else the sum of its formats' where each has one.
    pub fn bytes(&self) -> Option<u64> {
        let own = self.size.as_deref().and_then(|s| s.trim().parse().ok());
        let formats = &self.playback.format;
        // A region's figures are added with a check: a size past u64 is no size, not a wrap.
        let summed = || formats.iter().try_fold(0u64, |total, f| total.checked_add(f.bytes()?));
        own.or_else(|| (!formats.is_empty()).then(summed).flatten())
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn recording(body: &str) -> Recording {
        let xml = format!("<response><returncode>SUCCESS</returncode><recordings>{body}</recordings></response>");
        let (found, _): (Recordings, _) = parse(&xml).expect("a recordings answer");
        found.recordings.recording.into_iter().next().expect("one recording")
    }

    #[test]
    fn a_recording_says_its_size_or_its_formats_add_up_to_it() {
        // BBB 2.6: a size of its own and one per format (bytes).
        let own = recording(
            "<recording><recordID>r1</recordID><meetingID>m</meetingID><size>900</size><rawSize>5000</rawSize>
             <playback><format><type>presentation</type><url>https://b/p</url><length>3</length><size>400</size>
             <preview><images><image width=\"176\">https://b/i.png</image></images></preview></format>
             <format><type>video</type><url>https://b/v</url><length>3</length><size>500</size></format></playback></recording>",
        );
        assert_eq!((own.bytes(), own.playback.format[1].bytes()), (Some(900), Some(500)));
        // Formats only.
        let summed = recording(
            "<recording><recordID>r2</recordID><meetingID>m</meetingID><playback>
             <format><type>presentation</type><url>https://b/p</url><size>400</size></format>
             <format><type>podcast</type><url>https://b/a</url><size>100</size></format></playback></recording>",
        );
        assert_eq!(summed.bytes(), Some(500));
        // Scalelite says no size: none is made up, even when one format has one.
        let partial = recording(
            "<recording><recordID>r3</recordID><meetingID>m</meetingID><playback>
             <format><type>presentation</type><url>https://b/p</url><size>400</size></format>
             <format><type>video</type><url>https://b/v</url></format></playback></recording>",
        );
        assert_eq!(partial.bytes(), None);
        let bare = recording("<recording><recordID>r4</recordID><meetingID>m</meetingID></recording>");
        assert_eq!(bare.bytes(), None);
        // Sizes past what a u64 holds are no size, not a wrapped one.
        let huge = recording(&format!(
            "<recording><recordID>r5</recordID><meetingID>m</meetingID><playback>
             <format><type>a</type><url>https://b/a</url><size>{max}</size></format>
             <format><type>b</type><url>https://b/b</url><size>1</size></format></playback></recording>",
            max = u64::MAX
        ));
        assert_eq!(huge.bytes(), None);
    }
}
