//! Meetings' plain routes: the waiting page's way into the meeting, and BBB's end-of-meeting
//! callback.
use super::service::{self, waiting::Next};
use crate::edge::{Route, log_internal, plain_error};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use tower_sessions::Session;

pub const ROUTES: &[Route] = &[
    Route { path: "/r/{slug}/join", handler: || get(join) },
    Route { path: "/bbb/callback/end/{slug}", handler: || get(ended) },
];

/// `GET /r/{slug}/join`: the admitted visitor goes in once the meeting runs, else back to waiting.
async fn join(State(state): State<AppState>, Path(slug): Path<String>, session: Session) -> Response {
    match service::waiting::next(&state, &session, &slug).await {
        Ok(Next::Meeting(url)) => Redirect::to(&url).into_response(),
        Ok(Next::Wait(page)) => Redirect::to(&page).into_response(),
        Ok(Next::AskAgain | Next::NotAdmitted) => Redirect::to(&format!("/r/{slug}")).into_response(),
        Err(e) => plain_error(&e),
    }
}

#[derive(serde::Deserialize)]
struct Signature {
    #[serde(default)]
    run: String,
    #[serde(default)]
    sig: String,
}

/// `GET /bbb/callback/end/{slug}?run=…&sig=…`: BBB says the meeting ended.
async fn ended(State(state): State<AppState>, Path(slug): Path<String>, Query(q): Query<Signature>) -> StatusCode {
    match service::callback::ended(&state, &slug, &q.run, &q.sig).await {
        Ok(_) => StatusCode::OK,
        Err(AppError::Forbidden) => StatusCode::UNAUTHORIZED,
        Err(AppError::Refused(_)) => StatusCode::BAD_GATEWAY,
        Err(e) => {
            log_internal(&e);
            e.http_status()
        }
    }
}
