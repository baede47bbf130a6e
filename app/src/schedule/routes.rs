//! Schedule's plain route: `GET /cal/<token>.ics`, a member's private calendar feed, for calendar
//! apps to subscribe to. The token is the only credential (a calendar app sends no cookie): an
//! unknown or replaced one is 404.
use crate::edge::{Route, log_internal};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

pub const ROUTES: &[Route] = &[Route { path: "/cal/{file}", handler: || get(feed) }];

async fn feed(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some(token) = file.strip_suffix(".ics") else { return StatusCode::NOT_FOUND.into_response() };
    match super::service::feed::calendar(&state, token).await {
        Ok(Some(body)) => ([(header::CONTENT_TYPE, "text/calendar; charset=utf-8")], body).into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            log_internal(&e);
            e.http_status().into_response()
        }
    }
}
