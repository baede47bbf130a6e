//! The site's plain route: the co-op's logo, served with the site (the header and mail show it).
use crate::edge::{Route, plain_error};
use crate::error::AppError;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

pub const ROUTES: &[Route] = &[Route { path: "/site/logo", handler: || get(logo) }];

#[derive(serde::Deserialize)]
struct Version {
    #[serde(default)]
    v: i64,
}

/// `GET /site/logo?v=…`: the logo, with the type its bytes were checked as. Its address changes
/// with each upload, so at its current version a browser may keep it a day (any other is not
/// kept); `nosniff` (on every answer) keeps a browser from reading it as anything but that type.
async fn logo(State(state): State<AppState>, Query(asked): Query<Version>) -> Response {
    match super::service::identity::logo::open(&state).await {
        Ok((kind, version, body)) => {
            let keep = if asked.v == version { "public, max-age=86400" } else { "no-cache" };
            let headers = [(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, keep.to_string())];
            (headers, Body::from_stream(body)).into_response()
        }
        Err(AppError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => plain_error(&e),
    }
}
