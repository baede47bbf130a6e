//! The site's plain route: the co-op's logo, served with the site (the header and mail show it).
use crate::edge::{Route, plain_error};
use crate::error::AppError;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

pub const ROUTES: &[Route] = &[Route { path: "/site/logo", handler: || get(logo) }];

/// `GET /site/logo?v=…`: the logo, with the type its bytes were checked as. Its address changes
/// with each upload, so a browser may keep it a day; `nosniff` (on every answer) keeps a browser
/// from reading it as anything but that type.
async fn logo(State(state): State<AppState>) -> Response {
    match super::service::identity::logo::open(&state).await {
        Ok((kind, body)) => {
            let headers = [(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, "public, max-age=86400".to_string())];
            (headers, Body::from_stream(body)).into_response()
        }
        Err(AppError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => plain_error(&e),
    }
}
