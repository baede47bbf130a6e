//! What the fake remembers: meetings, recordings, the calls it received, and how it should behave.
use app::bbb::Algorithm;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    Up,
    /// Answers HTTP 503 to every API call.
    Down,
    /// Waits this long before answering.
    Slow(Duration),
    /// Answers FAILED with this messageKey to every checksummed call.
    Fail(String),
    /// Answers HTTP 500 to `getMeetings` alone, as one real balancer does; the rest works.
    MeetingsBroken,
    /// The API works, but `/health_check` says it is failing (with HTTP 200, as Scalelite does).
    HealthFailing,
    /// Answers HTTP 200 with bytes that are not XML to every API call.
    Garbage,
    /// Answers HTTP 200 with an HTML error page (`text/html`) to every API call, as a misconfigured
    /// proxy in front of the region does.
    Html,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Call {
    pub name: String,
    pub query: String,
    /// When it arrived (Unix milliseconds): benchmarks count a room's calls per minute.
    pub at: i64,
}

#[derive(Debug, Clone)]
pub struct FakeMeeting {
    pub name: String,
    pub id: String,
    pub internal_id: String,
    pub create_time: i64,
    pub participants: u32,
    pub moderators: u32,
    pub max_users: u32,
    pub params: BTreeMap<String, String>,
    /// The most participants it ever held at once, and the joins it refused as full: what the
    /// portal's seat cap is measured by.
    pub peak: u32,
    pub refused: u32,
    /// Who is in it, as `getMeetingInfo` lists them.
    pub attendees: Vec<FakeAttendee>,
    /// The polls held in it, for its learning analytics.
    pub polls: Vec<super::analytics::FakePoll>,
}

/// One person in a meeting: the `userID` they joined with (empty when none), name and role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FakeAttendee {
    pub user_id: String,
    pub name: String,
    pub role: String,
}

impl FakeMeeting {
    pub fn metadata(&self) -> BTreeMap<String, String> {
        self.params.iter().filter_map(|(k, v)| k.strip_prefix("meta_").map(|k| (k.to_lowercase(), v.clone()))).collect()
    }
}

#[derive(Debug, Clone)]
pub struct FakeRecording {
    pub record_id: String,
    pub meeting_id: String,
    pub name: String,
    pub published: bool,
    pub start_time: i64,
    pub end_time: i64,
    pub participants: u32,
    pub metadata: BTreeMap<String, String>,
    /// Scalelite's `protect`: its playback links carry a one-time token.
    pub protected: bool,
}

#[derive(Debug, Default)]
pub struct State {
    pub meetings: BTreeMap<String, FakeMeeting>,
    pub recordings: Vec<FakeRecording>,
    pub calls: Vec<Call>,
    pub mode: Mode,
    pub next_id: u64,
    /// `meta_bbb-recording-ready-url` of each meeting created, kept after it ends.
    pub ready_urls: BTreeMap<String, String>,
    /// Documents `create` calls named, as fetched.
    pub documents: Vec<super::documents::FakeDocument>,
    /// Plays Scalelite with protected recordings on: says `<protected>` of each recording, and a
    /// protected one's links work once ([`super::player`]).
    pub protects: bool,
    /// The one-time playback tokens handed out and not yet used: token → (recording, format).
    pub tokens: BTreeMap<String, (String, String)>,
}

/// A fake BBB server's shared state. Clone it to keep a handle for assertions.
#[derive(Debug, Clone)]
pub struct Fake {
    pub secret: String,
    pub accepted: Vec<Algorithm>,
    state: Arc<Mutex<State>>,
}

impl Fake {
    /// A fake that accepts every algorithm BBB does.
    pub fn new(secret: &str) -> Fake {
        Fake { secret: secret.to_string(), accepted: Algorithm::ALL.to_vec(), state: Arc::default() }
    }

    pub fn state(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock only happens in a failing test; keep serving regardless.
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn set_mode(&self, mode: Mode) {
        self.state().mode = mode;
    }

    /// Plays a Scalelite with protected recordings (or a plain region again).
    pub fn set_protects(&self, protects: bool) {
        self.state().protects = protects;
    }

    pub fn calls(&self) -> Vec<Call> {
        self.state().calls.clone()
    }

    /// How many calls of this name were received (e.g. `"create"`).
    pub fn count(&self, name: &str) -> usize {
        self.state().calls.iter().filter(|c| c.name == name).count()
    }

    pub fn meeting(&self, id: &str) -> Option<FakeMeeting> {
        self.state().meetings.get(id).cloned()
    }

    /// The attendee joined as `user_id` leaves `meeting_id`, as closing BBB's tab does; false when
    /// nobody of that id is in it.
    pub fn leave(&self, meeting_id: &str, user_id: &str) -> bool {
        let mut state = self.state();
        let Some(meeting) = state.meetings.get_mut(meeting_id) else { return false };
        let Some(at) = meeting.attendees.iter().position(|a| a.user_id == user_id) else { return false };
        let gone = meeting.attendees.remove(at);
        meeting.participants = meeting.participants.saturating_sub(1);
        if gone.role.eq_ignore_ascii_case("MODERATOR") {
            meeting.moderators = meeting.moderators.saturating_sub(1);
        }
        true
    }

    /// Adds a published recording of `meeting_id`, as BBB does after a recorded meeting.
    pub fn add_recording(&self, meeting_id: &str, name: &str) -> String {
        let mut state = self.state();
        state.next_id += 1;
        let record_id = format!("{:040x}-{}", state.next_id, 1_700_000_000_000_u64 + state.next_id);
        let now = chrono::Utc::now().timestamp_millis();
        state.recordings.push(FakeRecording {
            record_id: record_id.clone(),
            meeting_id: meeting_id.to_string(),
            name: name.to_string(),
            published: true,
            start_time: now - 3_600_000,
            end_time: now,
            participants: 3,
            metadata: BTreeMap::from([("name".to_string(), name.to_string())]),
            protected: false,
        });
        if let Some(url) = state.ready_urls.get(meeting_id).cloned() {
            let claims = serde_json::json!({ "meeting_id": meeting_id, "record_id": record_id });
            let token = app::bbb::jwt::sign(&claims, &self.secret);
            tokio::spawn(async move {
                let client = reqwest::Client::builder().timeout(std::time::Duration::from_secs(5)).build();
                if let Ok(client) = client {
                    let _ = client.post(url).form(&[("signed_parameters", token)]).send().await;
                }
            });
        }
        record_id
    }
}
