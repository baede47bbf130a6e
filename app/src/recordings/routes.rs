//! Recordings' plain routes: the region's callback that a recording is ready, and playback through
//! the portal.
use super::service::playback::{self, Request};
use super::service::ready::{Answer, recording_ready};
use super::service::sight::kept_code_key;
use crate::accounts::service::auth::member_of;
use crate::edge::{Route, log_internal, plain_error};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use std::net::SocketAddr;
use tower_sessions::Session;

pub const ROUTES: &[Route] = &[
    Route { path: "/bbb/callback/recording/{slug}", handler: || post(ready) },
    Route {
        path: "/r/{slug}/recordings/{record_id}/{format}",
        handler: || get(|s, p, c, h, w| play(s, p, c, h, w, false)),
    },
    Route {
        path: "/r/{slug}/recordings/{record_id}/{format}/file",
        handler: || get(|s, p, c, h, w| play(s, p, c, h, w, true)),
    },
];

/// `GET /r/{slug}/recordings/{record_id}/{format}`: the viewer is checked, then sent to the region's
/// player (303); a visitor where members may watch is sent to sign in first. With `/file` (`file`),
/// to the format's file (video, audio) instead; none for a protected recording.
async fn play(
    State(state): State<AppState>,
    Path((slug, record_id, format)): Path<(String, String, String)>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    session: Session,
    file: bool,
) -> Response {
    let address = state.proxies.client_of(peer.ip(), &headers);
    let user = match member_of(&state, &session).await {
        Ok(user) => user,
        Err(e) => return plain_error(&e),
    };
    let code: String = session.get(&kept_code_key(&slug)).await.ok().flatten().unwrap_or_default();
    let ask = Request {
        user: user.as_ref(),
        slug: &slug,
        record_id: &record_id,
        format: &format,
        file,
        code: &code,
        address: &address,
    };
    match playback::address(&state, ask).await {
        Ok(url) => Redirect::to(&url).into_response(),
        Err(AppError::NotSignedIn) => Redirect::to("/login").into_response(),
        Err(e) => plain_error(&e),
    }
}

#[derive(serde::Deserialize)]
struct RecordingReady {
    #[serde(default)]
    signed_parameters: String,
}

/// `POST /bbb/callback/recording/{slug}`: a recording of the room is ready (BBB or Scalelite posts a
/// JWT signed with the region's secret).
async fn ready(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    axum::Form(form): axum::Form<RecordingReady>,
) -> StatusCode {
    match recording_ready(&state, &slug, &form.signed_parameters).await {
        Ok(Answer::Done) => {
            state.mailer.wake();
            StatusCode::OK
        }
        Ok(Answer::BadSignature) => StatusCode::UNAUTHORIZED,
        Ok(Answer::Gone) => StatusCode::GONE,
        Err(e) => {
            log_internal(&e);
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}
