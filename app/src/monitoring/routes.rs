//! Monitoring's plain route: `GET /status.json`, the regions' status as the public status page
//! shows it (times in UTC), for other tools to read.
use crate::edge::{Route, log_internal};
use crate::i18n::Lang;
use crate::state::AppState;
use crate::time_display::Reader;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::json;

pub const ROUTES: &[Route] = &[Route { path: "/status.json", handler: || get(status_json) }];

async fn status_json(State(state): State<AppState>) -> Response {
    match super::service::status::all(&state, &Reader::new("UTC", Lang::En)).await {
        Ok(regions) => Json(json!({ "regions": regions })).into_response(),
        Err(e) => {
            log_internal(&e);
            (e.http_status(), Json(json!({ "error": "the status could not be read" }))).into_response()
        }
    }
}
