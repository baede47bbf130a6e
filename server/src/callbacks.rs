//! Plain HTTP endpoints beside the pages: the waiting page's way into the meeting, and BBB's
//! end-of-meeting callback.
use app::meetings::service::{self, waiting::Next};
use app::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

/// An error as the visitor's browser gets it: its status and plain words; the cause goes to the log.
fn failed(e: &app::error::AppError) -> Response {
    app::edge::log_internal(e);
    (e.http_status(), app::i18n::Lang::default().msg(&e.message())).into_response()
}

/// `GET /r/{slug}/join`: the admitted visitor goes in once the meeting runs, else back to waiting.
pub async fn join(State(state): State<AppState>, Path(slug): Path<String>, session: Session) -> Response {
    match app::meetings::service::waiting::next(&state, &session, &slug).await {
        Ok(Next::Meeting(url)) => Redirect::to(&url).into_response(),
        Ok(Next::Wait(page)) => Redirect::to(&page).into_response(),
        Ok(Next::AskAgain | Next::NotAdmitted) => Redirect::to(&format!("/r/{slug}")).into_response(),
        Err(e) => failed(&e),
    }
}

#[derive(serde::Deserialize)]
pub struct Signature {
    #[serde(default)]
    run: String,
    #[serde(default)]
    sig: String,
}

/// `GET /bbb/callback/end/{slug}?run=…&sig=…`: BBB says the meeting ended.
pub async fn ended(State(state): State<AppState>, Path(slug): Path<String>, Query(q): Query<Signature>) -> StatusCode {
    match service::callback::ended(&state, &slug, &q.run, &q.sig).await {
        Ok(_) => StatusCode::OK,
        Err(app::error::AppError::Forbidden) => StatusCode::UNAUTHORIZED,
        Err(app::error::AppError::Refused(_)) => StatusCode::BAD_GATEWAY,
        Err(e) => {
            app::edge::log_internal(&e);
            e.http_status()
        }
    }
}

#[derive(serde::Deserialize)]
pub struct RecordingReady {
    #[serde(default)]
    signed_parameters: String,
}

/// `POST /bbb/callback/recording/{slug}`: a recording of the room is ready (BBB or Scalelite posts a
/// JWT signed with the region's secret).
pub async fn recording_ready(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    axum::Form(form): axum::Form<RecordingReady>,
) -> StatusCode {
    use app::recordings::service::ready::{Answer, recording_ready};
    match recording_ready(&state, &slug, &form.signed_parameters).await {
        Ok(Answer::Done) => {
            state.mailer.wake();
            StatusCode::OK
        }
        Ok(Answer::BadSignature) => StatusCode::UNAUTHORIZED,
        Ok(Answer::Gone) => StatusCode::GONE,
        Err(e) => {
            app::edge::log_internal(&e);
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}
