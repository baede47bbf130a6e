//! The fake's control endpoints, for tests and the demo: no checksum.
use super::state::{Call, Fake, Mode};
use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use std::time::Duration;

/// `POST /fake/mode` with a body of `up`, `down`, `slow=MILLISECONDS`, `fail=MESSAGEKEY`, `garbage`
/// (HTTP 200, not XML), `html` (HTTP 200, an HTML error page), `meetings_broken` or `health_failing`.
pub async fn set_mode(State(fake): State<Fake>, body: String) -> Response {
    let body = body.trim();
    let mode = match body.split_once('=') {
        None if body == "up" => Mode::Up,
        None if body == "down" => Mode::Down,
        None if body == "meetings_broken" => Mode::MeetingsBroken,
        None if body == "health_failing" => Mode::HealthFailing,
        None if body == "garbage" => Mode::Garbage,
        None if body == "html" => Mode::Html,
        Some(("slow", ms)) if ms.parse::<u64>().is_ok() => Mode::Slow(Duration::from_millis(ms.parse().unwrap_or(0))),
        Some(("fail", key)) if !key.is_empty() => Mode::Fail(key.to_string()),
        _ => return (StatusCode::BAD_REQUEST, "expected up, down, slow=MS, fail=KEY, garbage or html").into_response(),
    };
    fake.set_mode(mode);
    StatusCode::NO_CONTENT.into_response()
}

pub async fn calls(State(fake): State<Fake>) -> Json<Vec<Call>> {
    Json(fake.calls())
}

/// `GET /fake/documents`: each document a `create` named, with what its fetch got.
pub async fn documents(State(fake): State<Fake>) -> Json<Vec<super::documents::FakeDocument>> {
    Json(fake.state().documents.clone())
}

#[derive(serde::Deserialize)]
pub struct NewRecording {
    #[serde(rename = "meetingID")]
    meeting_id: String,
    #[serde(default)]
    name: Option<String>,
}

pub async fn add_recording(State(fake): State<Fake>, Query(q): Query<NewRecording>) -> Json<serde_json::Value> {
    let id = fake.add_recording(&q.meeting_id, q.name.as_deref().unwrap_or("Recording"));
    Json(serde_json::json!({ "recordID": id }))
}

#[derive(serde::Deserialize)]
pub struct Leaving {
    #[serde(rename = "meetingID")]
    meeting_id: String,
    #[serde(rename = "userID")]
    user_id: Option<String>,
}

/// `POST /fake/leave?meetingID=…`: one participant leaves, freeing a seat (a load test's guests);
/// with `&userID=…`, the attendee who joined with that id (an assembly's member).
pub async fn leave(State(fake): State<Fake>, Query(q): Query<Leaving>) -> StatusCode {
    if let Some(user_id) = &q.user_id {
        return if fake.leave(&q.meeting_id, user_id) { StatusCode::NO_CONTENT } else { StatusCode::NOT_FOUND };
    }
    match fake.state().meetings.get_mut(&q.meeting_id) {
        Some(meeting) if meeting.participants > 0 => {
            meeting.participants -= 1;
            StatusCode::NO_CONTENT
        }
        Some(_) => StatusCode::CONFLICT,
        None => StatusCode::NOT_FOUND,
    }
}

/// `GET /fake/meetings`: each meeting's participants now, its peak, the joins refused as full, and
/// who is in it (their `userID` and name).
pub async fn meetings(State(fake): State<Fake>) -> Json<Vec<serde_json::Value>> {
    let state = fake.state();
    let list = state.meetings.values().map(|m| {
        let attendees: Vec<serde_json::Value> =
            m.attendees.iter().map(|a| serde_json::json!({ "userID": a.user_id, "fullName": a.name })).collect();
        serde_json::json!({ "meetingID": m.id, "participants": m.participants, "peak": m.peak,
            "refused": m.refused, "maxParticipants": m.max_users, "attendees": attendees })
    });
    Json(list.collect())
}
