//! The fake's recording players. A plain region plays whoever has the address. Playing a Scalelite
//! with protected recordings, a protected recording's link carries a one-time token: the first
//! opening plays, the token is gone with it, and any other answers 404 as Scalelite does (it then
//! swaps the token for a cookie, which a test has no use for).
use super::state::Fake;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};

fn page(what: &str) -> Response {
    let what = super::render::escape(what);
    Html(format!("<!doctype html><title>Fake player</title><h1>Fake player</h1><p data-playing>{what}</p>"))
        .into_response()
}

/// `GET /playback/…`, `/podcast/…`, `/learning-dashboard/…`: an open player.
pub async fn open(uri: Uri) -> Response {
    page(uri.path())
}

#[derive(serde::Deserialize)]
pub struct Token {
    #[serde(default)]
    token: String,
}

/// `GET /recording/{record_id}/{format}?token=…`: a protected recording's player.
pub async fn protected(
    State(fake): State<Fake>,
    Path((record_id, format)): Path<(String, String)>,
    Query(q): Query<Token>,
) -> Response {
    let used = fake.state().tokens.remove(&q.token);
    match used {
        Some((record, kind)) if record == record_id && kind == format => page(&format!("{record_id} {format}")),
        _ => (StatusCode::NOT_FOUND, "Not Found").into_response(),
    }
}

/// `POST /fake/protects` with `on` or `off`: play a Scalelite with protected recordings, or not.
pub async fn set_protects(State(fake): State<Fake>, body: String) -> StatusCode {
    match body.trim() {
        "on" => fake.set_protects(true),
        "off" => fake.set_protects(false),
        _ => return StatusCode::BAD_REQUEST,
    }
    StatusCode::NO_CONTENT
}
