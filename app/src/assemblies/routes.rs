//! Assemblies' plain route: where the region posts a members' meeting's learning analytics.
use crate::edge::{Route, log_internal};
use crate::error::AppError;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::post;

pub const ROUTES: &[Route] = &[Route { path: "/bbb/callback/analytics/{id}", handler: || post(analytics) }];

#[derive(serde::Deserialize)]
struct Signature {
    #[serde(default)]
    region: String,
    #[serde(default)]
    sig: String,
}

/// `POST /bbb/callback/analytics/{booking}?region=…&sig=…`: the meeting's analytics, as JSON.
async fn analytics(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<Signature>,
    body: Bytes,
) -> StatusCode {
    let Ok(booking_id) = id.parse::<i64>() else { return StatusCode::NOT_FOUND };
    match super::service::polls::receive(&state, booking_id, &q.region, &q.sig, &body).await {
        Ok(_) => StatusCode::OK,
        Err(AppError::Forbidden) => StatusCode::UNAUTHORIZED,
        Err(AppError::Refused(_)) => StatusCode::BAD_REQUEST,
        Err(e) => {
            log_internal(&e);
            e.http_status()
        }
    }
}
