//! Meetings' plain route: the waiting page's way into the meeting. BBB's end-of-meeting callback
//! is the pages layer's (`pages::routes`): it ends an assembly's attendance too.
use super::service::{self, waiting::Next};
use crate::edge::{Route, plain_error};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use tower_sessions::Session;

pub const ROUTES: &[Route] = &[Route { path: "/r/{slug}/join", handler: || get(join) }];

/// `GET /r/{slug}/join`: the admitted visitor goes in once the meeting runs, else back to waiting.
async fn join(State(state): State<AppState>, Path(slug): Path<String>, session: Session) -> Response {
    match service::waiting::next(&state, &session, &slug).await {
        Ok(Next::Meeting(url)) => Redirect::to(&url).into_response(),
        Ok(Next::Wait(page)) => Redirect::to(&page).into_response(),
        Ok(Next::AskAgain | Next::NotAdmitted) => Redirect::to(&format!("/r/{slug}")).into_response(),
        Err(e) => plain_error(&e),
    }
}
