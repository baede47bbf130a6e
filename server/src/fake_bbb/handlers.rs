//! The fake's BBB API: checksum check, then each call.
use super::render::{self, failed, message, success};
use super::state::{Call, Fake, FakeAttendee, FakeMeeting, Mode};
use app::bbb::checksum::{split_checksum, verify};
use axum::extract::{Path, RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use std::collections::BTreeMap;
use std::time::Duration;

type Params = BTreeMap<String, String>;

fn xml(body: String) -> Response {
    ([(header::CONTENT_TYPE, "text/xml;charset=utf-8")], body).into_response()
}

/// A broken region's answer: HTTP 200, said to be XML, but not XML.
fn garbage() -> Response {
    ([(header::CONTENT_TYPE, "text/xml;charset=utf-8")], "<<<not xml").into_response()
}

/// What a misconfigured proxy in front of a region answers: HTTP 200 and its own HTML error page.
fn proxy_page() -> Response {
    Html(
        "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center>\
         <hr><center>nginx</center></body></html>",
    )
    .into_response()
}

/// The API root needs no checksum, but a down or slow server is down or slow here too.
pub async fn root(State(fake): State<Fake>) -> Response {
    let mode = fake.state().mode.clone();
    match mode {
        Mode::Down => return (StatusCode::SERVICE_UNAVAILABLE, "unavailable").into_response(),
        Mode::Slow(delay) => tokio::time::sleep(delay).await,
        Mode::Garbage => return garbage(),
        Mode::Html => return proxy_page(),
        Mode::Fail(_) | Mode::Up | Mode::MeetingsBroken | Mode::HealthFailing => {}
    }
    xml(success("<version>2.0</version><apiVersion>2.0</apiVersion><bbbVersion>3.0.0-quorum-fake</bbbVersion>"))
}

/// Scalelite's `/health_check`: HTTP 200 whatever it finds; the body tells.
pub async fn health_check(State(fake): State<Fake>) -> Response {
    let mode = fake.state().mode.clone();
    match mode {
        Mode::Down => (StatusCode::SERVICE_UNAVAILABLE, "unavailable").into_response(),
        Mode::HealthFailing => {
            ([(header::CONTENT_TYPE, "application/json")], r#"{"status":"failure","message":"database unreachable"}"#)
                .into_response()
        }
        _ => ([(header::CONTENT_TYPE, "application/json")], r#"{"status":"success"}"#).into_response(),
    }
}

pub async fn call(
    State(fake): State<Fake>,
    Path(name): Path<String>,
    RawQuery(query): RawQuery,
    headers: axum::http::HeaderMap,
    body: String,
) -> Response {
    let query = query.unwrap_or_default();
    let mode = {
        let mut state = fake.state();
        state.calls.push(Call { name: name.clone(), query: query.clone(), at: chrono::Utc::now().timestamp_millis() });
        state.mode.clone()
    };
    match mode {
        Mode::Down => return (StatusCode::SERVICE_UNAVAILABLE, "unavailable").into_response(),
        Mode::Slow(delay) => tokio::time::sleep(delay).await,
        Mode::Fail(key) => return xml(failed(&key, "The fake was told to fail.")),
        Mode::Garbage => return garbage(),
        Mode::Html => return proxy_page(),
        Mode::MeetingsBroken if name == "getMeetings" => {
            return (StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error").into_response();
        }
        Mode::MeetingsBroken | Mode::HealthFailing | Mode::Up => {}
    }
    let (signed, given) = split_checksum(&query);
    let valid = given.is_some_and(|given| verify(&name, &signed, &given, &fake.secret, &fake.accepted));
    if !valid {
        return xml(failed("checksumError", "You did not pass the checksum security check"));
    }
    let params: Params = url::form_urlencoded::parse(signed.as_bytes()).into_owned().collect();
    // Playback links point back at the fake itself, at the address the caller used.
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("localhost");
    let base = format!("http://{host}/");
    match name.as_str() {
        "create" => {
            let id = params.get("meetingID").cloned().unwrap_or_default();
            let answer = create(&fake, params);
            if answer.contains("<returncode>SUCCESS</returncode>") && !answer.contains("duplicateWarning") {
                super::documents::fetch_all(&fake, &id, &body);
            }
            xml(answer)
        }
        "join" => join(&fake, &params),
        "isMeetingRunning" => {
            let running = meeting_id(&params).and_then(|id| fake.meeting(id)).is_some_and(|m| m.participants > 0);
            xml(success(&format!("<running>{running}</running>")))
        }
        "getMeetingInfo" => match meeting_id(&params).and_then(|id| fake.meeting(id)) {
            Some(m) => xml(success(&render::meeting(&m))),
            None => xml(failed("notFound", "We could not find a meeting with that meeting ID")),
        },
        "getMeetings" => xml(get_meetings(&fake)),
        "end" => xml(end(&fake, &params)),
        "getRecordings" => xml(get_recordings(&fake, &params, &base)),
        "publishRecordings" => xml(change_recordings(&fake, &params, "published")),
        "updateRecordings" => xml(change_recordings(&fake, &params, "updated")),
        "deleteRecordings" => xml(change_recordings(&fake, &params, "deleted")),
        _ => xml(failed("unsupportedRequest", "This request is not supported.")),
    }
}

fn meeting_id(params: &Params) -> Option<&str> {
    params.get("meetingID").map(String::as_str)
}

fn create(fake: &Fake, params: Params) -> String {
    let (Some(name), Some(id)) = (params.get("name"), params.get("meetingID")) else {
        return failed("missingParamMeetingID", "You must specify a name and a meeting ID for the meeting.");
    };
    if id.len() < 2 || id.len() > 256 || id.contains(',') {
        return failed("invalidMeetingIdentifier", "The meeting ID is not valid.");
    }
    let mut state = fake.state();
    if let Some(existing) = state.meetings.get(id) {
        let body =
            render::created(existing) + &message("duplicateWarning", "This conference was already in existence.");
        return success(&body);
    }
    state.next_id += 1;
    let now = chrono::Utc::now().timestamp_millis();
    let meeting = FakeMeeting {
        name: name.clone(),
        id: id.clone(),
        internal_id: format!("{:040x}-{now}", state.next_id),
        create_time: now,
        participants: 0,
        moderators: 0,
        max_users: params.get("maxParticipants").and_then(|m| m.parse().ok()).unwrap_or(0),
        params: params.clone(),
        peak: 0,
        refused: 0,
        attendees: Vec::new(),
        polls: Vec::new(),
    };
    let body = render::created(&meeting);
    if let Some(url) = params.get("meta_bbb-recording-ready-url") {
        state.ready_urls.insert(id.clone(), url.clone());
    }
    state.meetings.insert(id.clone(), meeting);
    success(&body)
}

/// BBB answers a join with a redirect to its web client; the fake's client is a small page.
fn join(fake: &Fake, params: &Params) -> Response {
    let (Some(id), Some(full_name)) = (meeting_id(params), params.get("fullName")) else {
        return xml(failed("missingParamFullName", "You must specify a name and a meeting ID."));
    };
    let role = params.get("role").cloned().unwrap_or_else(|| "VIEWER".into());
    let mut state = fake.state();
    let Some(meeting) = state.meetings.get_mut(id) else {
        return xml(failed(
            "invalidMeetingIdentifier",
            "The meeting ID that you supplied did not match any existing meetings",
        ));
    };
    if meeting.max_users > 0 && meeting.participants >= meeting.max_users {
        meeting.refused += 1;
        return xml(failed(
            "maxParticipantsReached",
            "The number of participants allowed for this meeting has been reached.",
        ));
    }
    meeting.participants += 1;
    meeting.peak = meeting.peak.max(meeting.participants);
    let user_id = params.get("userID").cloned().unwrap_or_default();
    meeting.attendees.push(FakeAttendee { user_id, name: full_name.clone(), role: role.to_uppercase() });
    if role.eq_ignore_ascii_case("MODERATOR") {
        meeting.moderators += 1;
    }
    // As BBB does: a guest of a meeting whose lobby asks the moderators waits there; the page
    // also lists the lock settings the meeting was created with.
    let guest = params.get("guest").is_some_and(|g| g == "true");
    let held = guest && meeting.params.get("guestPolicy").is_some_and(|p| p == "ASK_MODERATOR");
    let locks: Vec<&str> = meeting
        .params
        .iter()
        .filter(|(k, v)| {
            (k.starts_with("lockSettingsDisable") || k.as_str() == "lockSettingsHideUserList") && *v == "true"
        })
        .map(|(k, _)| k.as_str())
        .collect();
    let page = format!(
        "<!doctype html><html><head><title>Fake BBB: {name}</title></head><body><h1 data-testid=\"fake-bbb\">\
         Fake BigBlueButton</h1><p>{who} joined <strong>{name}</strong> as <span data-testid=\"role\">{role}</span>.</p>\
         {lobby}<p>Locked for viewers: <span data-testid=\"locks\">{locks}</span></p></body></html>",
        name = render::escape(&meeting.name),
        who = render::escape(full_name),
        role = render::escape(&role),
        lobby = if held { "<p data-testid=\"lobby\">Waiting in the lobby for a moderator.</p>" } else { "" },
        locks = render::escape(&locks.join(", ")),
    );
    Html(page).into_response()
}

fn get_meetings(fake: &Fake) -> String {
    let state = fake.state();
    if state.meetings.is_empty() {
        return success(&("<meetings/>".to_string() + &message("noMeetings", "no meetings were found on this server")));
    }
    let list: String = state.meetings.values().map(|m| format!("<meeting>{}</meeting>", render::meeting(m))).collect();
    success(&format!("<meetings>{list}</meetings>"))
}

fn end(fake: &Fake, params: &Params) -> String {
    let Some(meeting) = meeting_id(params).and_then(|id| fake.state().meetings.remove(id)) else {
        return failed(
            "notFound",
            "We could not find a meeting with that meeting ID - perhaps the meeting is not yet running?",
        );
    };
    super::analytics::send(&meeting);
    if let Some(callback) = meeting.params.get("meta_endCallbackUrl").cloned() {
        tokio::spawn(async move {
            let separator = if callback.contains('?') { '&' } else { '?' };
            let url = format!("{callback}{separator}recordingmarks=false");
            let client = reqwest::Client::builder().timeout(Duration::from_secs(5)).build();
            if let Ok(client) = client {
                let _ = client.get(url).send().await;
            }
        });
    }
    success(&message("sentEndMeetingRequest", "A request to end the meeting was sent."))
}

fn list(params: &Params, key: &str) -> Vec<String> {
    params.get(key).map(|v| v.split(',').map(str::to_string).filter(|s| !s.is_empty()).collect()).unwrap_or_default()
}

fn get_recordings(fake: &Fake, params: &Params, base: &str) -> String {
    let meetings = list(params, "meetingID");
    let records = list(params, "recordID");
    let mut state = fake.state();
    let chosen: Vec<_> = state
        .recordings
        .iter()
        .filter(|r| meetings.is_empty() || meetings.contains(&r.meeting_id))
        .filter(|r| records.is_empty() || records.contains(&r.record_id))
        .cloned()
        .collect();
    let protects = state.protects;
    let mut found = String::new();
    for r in &chosen {
        // As Scalelite: every answer mints new one-time links for a protected recording.
        let mut link = |kind: &str, path: &str| {
            if protects && r.protected {
                let token = format!("{}{}", uuid::Uuid::new_v4().simple(), uuid::Uuid::new_v4().simple());
                state.tokens.insert(token.clone(), (r.record_id.clone(), kind.to_string()));
                format!("{base}recording/{}/{kind}?token={token}", r.record_id)
            } else {
                format!("{base}{path}{}", r.record_id)
            }
        };
        found += &render::recording(r, protects.then_some(r.protected), &mut link);
    }
    if found.is_empty() {
        success(
            &("<recordings></recordings>".to_string()
                + &message("noRecordings", "There are no recordings for the meeting(s).")),
        )
    } else {
        success(&format!("<recordings>{found}</recordings>"))
    }
}

fn change_recordings(fake: &Fake, params: &Params, done: &str) -> String {
    let ids = list(params, "recordID");
    if ids.is_empty() {
        return failed("missingParamRecordID", "You must specify one or more a record IDs.");
    }
    let mut state = fake.state();
    if !state.recordings.iter().any(|r| ids.contains(&r.record_id)) {
        return failed("notFound", "We could not find recordings");
    }
    match done {
        "deleted" => state.recordings.retain(|r| !ids.contains(&r.record_id)),
        _ => {
            for r in state.recordings.iter_mut().filter(|r| ids.contains(&r.record_id)) {
                if let Some(publish) = params.get("publish") {
                    r.published = publish == "true";
                }
                if let Some(protect) = params.get("protect") {
                    r.protected = protect == "true";
                }
                for (k, v) in params.iter().filter_map(|(k, v)| k.strip_prefix("meta_").map(|k| (k, v))) {
                    r.metadata.insert(k.to_string(), v.clone());
                    if k == "name" {
                        r.name = v.clone();
                    }
                }
            }
        }
    }
    success(&format!("<{done}>true</{done}>"))
}
