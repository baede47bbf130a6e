//! Who may watch a recording, one list everywhere: each recording has one, and each room, room type
//! and the site a default for new recordings.
use serde::{Deserialize, Serialize};

/// Who may watch a recording, one list everywhere. Kept in the recording's own BBB metadata
/// (`meta_visibility`), so it travels with the recording. Unpublished recordings are for those who
/// manage the room, whatever their visibility.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum RecordingVisibility {
    /// Anyone with the room's link, signed in or not, without its access code.
    Public,
    /// Members signed in to the co-op's portal.
    Members,
    /// The room's people: its owners, the members it is shared with, and whoever gives its access
    /// code. The site's default unless its configuration says otherwise (`recording_visibility`).
    #[default]
    Room,
    /// The room's owner and co-owners only.
    Private,
}

impl RecordingVisibility {
    pub const ALL: [Self; 4] = [Self::Public, Self::Members, Self::Room, Self::Private];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Public => "public",
            Self::Members => "members",
            Self::Room => "room",
            Self::Private => "private",
        }
    }
    /// A stored value. `unlisted` is what the portal wrote before there were four ("whoever has the
    /// playback link"): it reads as `room`, the narrower meaning, so no recording opens wider.
    pub fn parse(s: &str) -> Option<Self> {
        if s == "unlisted" {
            return Some(Self::Room);
        }
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}
