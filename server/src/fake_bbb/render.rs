//! BBB-shaped XML answers.
use super::state::{FakeMeeting, FakeRecording};
use std::collections::BTreeMap;

pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

pub fn success(body: &str) -> String {
    format!("<response><returncode>SUCCESS</returncode>{body}</response>")
}

pub fn failed(key: &str, message: &str) -> String {
    format!(
        "<response><returncode>FAILED</returncode><messageKey>{}</messageKey><message>{}</message></response>",
        escape(key),
        escape(message)
    )
}

pub fn message(key: &str, message: &str) -> String {
    format!("<messageKey>{}</messageKey><message>{}</message>", escape(key), escape(message))
}

fn metadata(map: &BTreeMap<String, String>) -> String {
    let inner: String = map.iter().map(|(k, v)| format!("<{k}>{}</{k}>", escape(v))).collect();
    format!("<metadata>{inner}</metadata>")
}

pub fn created(m: &FakeMeeting) -> String {
    format!(
        "<meetingID>{}</meetingID><internalMeetingID>{}</internalMeetingID><parentMeetingID>bbb-none</parentMeetingID>\
         <createTime>{}</createTime><voiceBridge>70066</voiceBridge><hasUserJoined>false</hasUserJoined>\
         <duration>0</duration><hasBeenForciblyEnded>false</hasBeenForciblyEnded>",
        escape(&m.id),
        m.internal_id,
        m.create_time
    )
}

pub fn meeting(m: &FakeMeeting) -> String {
    format!(
        "<meetingName>{}</meetingName><meetingID>{}</meetingID><internalMeetingID>{}</internalMeetingID>\
         <createTime>{}</createTime><running>{}</running><participantCount>{}</participantCount>\
         <listenerCount>0</listenerCount><voiceParticipantCount>0</voiceParticipantCount><videoCount>0</videoCount>\
         <moderatorCount>{}</moderatorCount><maxUsers>{}</maxUsers><attendees>{}</attendees>{}\
         <isBreakout>false</isBreakout>",
        escape(&m.name),
        escape(&m.id),
        m.internal_id,
        m.create_time,
        m.participants > 0,
        m.participants,
        m.moderators,
        m.max_users,
        attendees(m),
        metadata(&m.metadata())
    )
}

fn attendees(m: &FakeMeeting) -> String {
    m.attendees
        .iter()
        .map(|a| {
            format!(
                "<attendee><userID>{}</userID><fullName>{}</fullName><role>{}</role></attendee>",
                escape(&a.user_id),
                escape(&a.name),
                escape(&a.role)
            )
        })
        .collect()
}

/// The formats a BBB 2.6 server makes of a recording: its kind, the player's path, its size in bytes.
pub const FORMATS: [(&str, &str, u64); 4] = [
    ("presentation", "playback/presentation/2.3/", 1_200_000),
    ("video", "playback/video/", 48_000_000),
    ("podcast", "podcast/", 3_100_000),
    ("statistics", "learning-dashboard/?meeting=", 20_000),
];

/// A recording; `link` gives each format's playback address, `protected` is said where the fake
/// plays a Scalelite that protects recordings.
pub fn recording(r: &FakeRecording, protected: Option<bool>, link: &mut dyn FnMut(&str, &str) -> String) -> String {
    let minutes = (r.end_time - r.start_time) / 60_000;
    let formats: String = FORMATS
        .iter()
        .map(|(kind, path, size)| {
            format!(
                "<format><type>{kind}</type><url>{}</url><processingTime>1000</processingTime>\
                 <length>{minutes}</length><size>{size}</size></format>",
                escape(&link(kind, path))
            )
        })
        .collect();
    let protected = protected.map(|p| format!("<protected>{p}</protected>")).unwrap_or_default();
    format!(
        "<recording><recordID>{id}</recordID><meetingID>{}</meetingID><name>{}</name><published>{}</published>\
         <state>{}</state><startTime>{}</startTime><endTime>{}</endTime><participants>{}</participants>{}\
         {protected}<playback>{formats}</playback></recording>",
        escape(&r.meeting_id),
        escape(&r.name),
        r.published,
        if r.published { "published" } else { "unpublished" },
        r.start_time,
        r.end_time,
        r.participants,
        metadata(&r.metadata),
        id = r.record_id,
    )
}
