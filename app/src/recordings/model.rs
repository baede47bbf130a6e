use serde::{Deserialize, Serialize};

/// Who may watch a recording: a room setting too (the default for its new recordings), so it
/// lives with the rooms.
pub use crate::rooms::model::RecordingVisibility as Visibility;

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
    /// The presentation's playback (else the first format's): the recording's main link, through
    /// the portal, which checks the viewer before it sends them on to the region.
    pub playback_url: Option<String>,
    /// Every format the region made, in [`FORMAT_ORDER`].
    pub formats: Vec<FormatView>,
    /// Bytes, where the region says.
    pub size: Option<u64>,
    /// The owner's description (`meta_description`), empty when none.
    pub description: String,
    /// The region hands out playback links that work once (a Scalelite with protected recordings):
    /// a copied link does not play for someone else. Where false, the page says it does.
    pub protected: bool,
}

/// A room's recordings as one viewer may see them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomRecordings {
    /// This page of them, newest first.
    pub recordings: Vec<RecordingView>,
    /// How many the viewer may see in all, on every page.
    pub total: usize,
    /// Which page this is (from 1) and how many there are (at least 1).
    pub page: usize,
    pub pages: usize,
    /// The room has an access code the viewer has not given: with it, they would see the
    /// recordings kept for the room's people too (whether there are any is not said).
    pub code_opens_more: bool,
}

/// Recordings on one page of a room's list: the page stays as quick with 200 recordings as with
/// none (bench/pages.sh), and a manager changes one on its own page, not in the list.
pub const PER_PAGE: usize = 10;

/// One way to play a recording: its kind (`presentation`, `video`, …), its link through the portal,
/// its length in minutes and its size in bytes where the region says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormatView {
    pub kind: String,
    pub url: String,
    pub minutes: u32,
    pub size: Option<u64>,
    /// The format's file to download, through the portal, where it is one (video, audio).
    pub download: Option<String>,
}

/// The formats that are one file, and that file's name under the format's address, where BBB
/// publishes it (`/playback/video/{id}/video-0.m4v`, `/podcast/{id}/audio.ogg`).
pub const FILES: [(&str, &str); 2] = [("video", "video-0.m4v"), ("podcast", "audio.ogg")];

/// The file of a format of that kind, if it is one.
pub fn file_of(kind: &str) -> Option<&'static str> {
    FILES.iter().find(|(k, _)| *k == kind).map(|(_, file)| *file)
}

/// The formats BBB makes, in the order they are shown; any other comes after, by name. Each has
/// a name in the four languages (`recording.format.<kind>`), else its kind is shown as it is.
pub const FORMAT_ORDER: [&str; 7] =
    ["presentation", "video", "screenshare", "podcast", "notes", "capture", "statistics"];

/// Where a kind of format goes in the list.
pub fn format_rank(kind: &str) -> usize {
    FORMAT_ORDER.iter().position(|k| *k == kind).unwrap_or(FORMAT_ORDER.len())
}

/// A region's id or format name that can stand in our address as it is (BBB's are letters,
/// digits and dashes); another is not linked rather than escaped.
pub fn plain(segment: &str) -> bool {
    !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A size as a member reads it: kB up to a megabyte, else MB with one decimal (decimal units, as
/// browsers show downloads).
pub fn size_text(bytes: u64) -> String {
    // Past 999 kB in MB, so that no size shows as "1000 kB".
    if bytes <= 999_000 { format!("{} kB", bytes.div_ceil(1000)) } else { format!("{:.1} MB", bytes as f64 / 1e6) }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_read_as_browsers_write_them() {
        let cases = [(0, "0 kB"), (1, "1 kB"), (999_000, "999 kB"), (999_001, "1.0 MB"), (48_000_000, "48.0 MB")];
        for (bytes, text) in cases {
            assert_eq!(super::size_text(bytes), text, "{bytes}");
        }
    }
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

/// The order of the admins' overview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum OverviewSort {
    #[default]
    Newest,
    Oldest,
    Largest,
    Longest,
    Room,
    Owner,
}

impl OverviewSort {
    pub const ALL: [OverviewSort; 6] =
        [Self::Newest, Self::Oldest, Self::Largest, Self::Longest, Self::Room, Self::Owner];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Newest => "newest",
            Self::Oldest => "oldest",
            Self::Largest => "largest",
            Self::Longest => "longest",
            Self::Room => "room",
            Self::Owner => "owner",
        }
    }

    /// An unknown order is the newest first, as the page opens.
    pub fn parse(text: &str) -> OverviewSort {
        Self::ALL.into_iter().find(|s| s.as_str() == text).unwrap_or_default()
    }
}

/// A recording of the co-op in the admins' overview, as the index last saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverviewRow {
    pub record_id: String,
    pub name: String,
    pub room_name: String,
    pub room_slug: String,
    pub owner_name: String,
    pub region: String,
    /// When it started, in the admin's zone (written on the server).
    pub when: String,
    pub minutes: u32,
    pub size: Option<u64>,
    pub published: bool,
    pub visibility: Visibility,
}

/// How many recordings and how many bytes, of everything or of one region or member.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Total {
    pub label: String,
    pub count: u64,
    pub size: u64,
}

/// One page of the overview, with the totals of everything the filter matches.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    pub rows: Vec<OverviewRow>,
    pub all: Total,
    /// Largest first.
    pub per_region: Vec<Total>,
    /// The members whose rooms hold the most, largest first.
    pub per_member: Vec<Total>,
    pub page: usize,
    pub pages: usize,
}

/// Where a recording stands with its owner's retention rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retention {
    /// The tier's period in days.
    pub days: i64,
    /// The day the rule deletes it unless kept, in the viewer's zone.
    pub deletes_on: String,
    pub kept: bool,
    /// The owner's tier lets a recording be kept past the period.
    pub may_keep: bool,
}

/// A recording as its own page shows it to the room's managers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagedRecording {
    pub recording: RecordingView,
    /// `None` where nothing deletes it by age.
    pub retention: Option<Retention>,
}
