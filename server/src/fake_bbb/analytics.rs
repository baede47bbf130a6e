//! The fake's polls and learning analytics. A test (or the demo) runs a poll in a meeting with
//! `POST /fake/poll?meetingID=…` and a JSON body `{"question", "options", "votes": {userID: answer}}`;
//! when the meeting ends, a meeting created with `meta_analytics-callback-url` has its analytics
//! posted there as BBB's post-events script does: `{"version": "1.0", "meeting_id",
//! "internal_meeting_id", "data": {"metadata", "start", "finish", "attendees", "polls"}}`, votes
//! keyed by BBB's internal user ids (not the ones the portal gave).
use super::state::{Fake, FakeMeeting};
use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use std::collections::BTreeMap;
use std::time::Duration;

/// One poll held in a meeting.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct FakePoll {
    #[serde(default)]
    pub question: String,
    pub options: Vec<String>,
    /// Each voter's answer, by the `userID` they joined with.
    #[serde(default)]
    pub votes: BTreeMap<String, String>,
    #[serde(skip)]
    pub at: i64,
}

#[derive(serde::Deserialize)]
pub struct InMeeting {
    #[serde(rename = "meetingID")]
    meeting_id: String,
}

/// `POST /fake/poll?meetingID=…`: a poll is held in the running meeting.
pub async fn poll(State(fake): State<Fake>, Query(q): Query<InMeeting>, Json(poll): Json<FakePoll>) -> StatusCode {
    if fake.hold_poll(&q.meeting_id, poll) { StatusCode::NO_CONTENT } else { StatusCode::NOT_FOUND }
}

impl Fake {
    /// `poll` is held in running meeting `meeting_id` now; false when no such meeting runs.
    pub fn hold_poll(&self, meeting_id: &str, poll: FakePoll) -> bool {
        let mut state = self.state();
        let Some(meeting) = state.meetings.get_mut(meeting_id) else { return false };
        meeting.polls.push(FakePoll { at: chrono::Utc::now().timestamp(), ..poll });
        true
    }
}

fn iso(secs: i64) -> String {
    chrono::DateTime::from_timestamp(secs, 0).unwrap_or_default().to_rfc3339()
}

/// What BBB posts about `meeting`, ended now.
fn payload(meeting: &FakeMeeting) -> serde_json::Value {
    // BBB's internal user ids, which the payload keys votes by.
    let internal =
        |user_id: &str| format!("w_{:x}", user_id.bytes().fold(7_u64, |h, b| h.wrapping_mul(31) + u64::from(b)));
    let attendees: Vec<serde_json::Value> = meeting
        .attendees
        .iter()
        .map(|a| serde_json::json!({ "ext_user_id": a.user_id, "name": a.name, "moderator": a.role == "MODERATOR" }))
        .collect();
    let polls: Vec<serde_json::Value> = meeting
        .polls
        .iter()
        .enumerate()
        .map(|(n, p)| {
            let votes: serde_json::Map<String, serde_json::Value> =
                p.votes.iter().map(|(user, answer)| (internal(user), answer.clone().into())).collect();
            serde_json::json!({ "id": format!("{}/{}", meeting.internal_id, n + 1), "published": true,
                "question": p.question, "options": p.options, "start": iso(p.at), "votes": votes })
        })
        .collect();
    serde_json::json!({
        "version": "1.0",
        "meeting_id": meeting.id,
        "internal_meeting_id": meeting.internal_id,
        "data": { "metadata": meeting.metadata(), "start": iso(meeting.create_time / 1000),
                  "finish": iso(chrono::Utc::now().timestamp()), "attendees": attendees, "polls": polls },
    })
}

/// Posts the ended meeting's analytics where it was created to send them, if anywhere.
pub fn send(meeting: &FakeMeeting) {
    let Some(url) = meeting.params.get("meta_analytics-callback-url").cloned() else { return };
    let body = payload(meeting);
    tokio::spawn(async move {
        let client = reqwest::Client::builder().timeout(Duration::from_secs(5)).build();
        if let Ok(client) = client {
            let _ = client.post(url).header("User-Agent", "BigBlueButton Analytics Callback").json(&body).send().await;
        }
    });
}
