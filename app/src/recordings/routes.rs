//! Recordings' plain route: the region's callback that a recording is ready.
use super::service::ready::{Answer, recording_ready};
use crate::edge::{Route, log_internal};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::post;

pub const ROUTES: &[Route] = &[Route { path: "/bbb/callback/recording/{slug}", handler: || post(ready) }];

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
