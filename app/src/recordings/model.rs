use serde::{Deserialize, Serialize};

/// Who sees a recording in the portal. Kept in the recording's own BBB metadata (`meta_visibility`),
/// so it travels with the recording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Visibility {
    /// Listed on the room's page for anyone with the room's link.
    Public,
    /// Not listed; whoever has the playback link may watch.
    #[default]
    Unlisted,
    /// Listed only for the owner and co-owners.
    Private,
}

impl Visibility {
    pub const ALL: [Visibility; 3] = [Visibility::Public, Visibility::Unlisted, Visibility::Private];
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Unlisted => "unlisted",
            Visibility::Private => "private",
        }
    }
    pub fn parse(s: &str) -> Option<Visibility> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordingView {
    pub record_id: String,
    pub name: String,
    pub published: bool,
    pub visibility: Visibility,
    /// Milliseconds since the epoch.
    pub start_time: i64,
    /// When it started, in the viewer's time zone, named (written on the server).
    pub when: String,
    pub minutes: u32,
    /// How long it is, in the viewer's language (written on the server).
    pub length: String,
    pub participants: u32,
    pub playback_url: Option<String>,
}

/// A recording of one of the member's rooms, in the list of all their recordings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyRecording {
    pub room_slug: String,
    pub room_name: String,
    pub recording: RecordingView,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyRecordings {
    /// Newest first.
    pub recordings: Vec<MyRecording>,
    /// Names of the regions that did not answer: their rooms' recordings are missing.
    pub unavailable: Vec<String>,
}
