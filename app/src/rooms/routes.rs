//! Rooms' plain route: a presentation fetched by the region that creates the room's meeting,
//! through a signed address that expires (`service::presentations::served`).
use super::service::presentations::served::{self, Asked};
use crate::edge::{Route, plain_error};
use crate::error::AppError;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

pub const ROUTES: &[Route] =
    &[Route { path: "/files/presentation/{region}/{id}/{expires}/{signature}/{name}", handler: || get(presentation) }];

/// `GET /files/presentation/…`: the file, streamed; 403 for a signature that does not hold, 410
/// once the address has expired, 404 for a presentation since deleted.
async fn presentation(
    State(state): State<AppState>,
    Path((region, id, expires, signature, _name)): Path<(String, i64, i64, String, String)>,
) -> Response {
    let asked = Asked { region: &region, id, expires, signature: &signature };
    match served::open(&state, asked).await {
        Ok(sent) => {
            let disposition = format!(
                "attachment; filename*=UTF-8''{}",
                url::form_urlencoded::byte_serialize(sent.presentation.name.as_bytes()).collect::<String>()
            );
            let headers = [
                (header::CONTENT_TYPE, sent.presentation.content_type.clone()),
                (header::CONTENT_LENGTH, sent.size.to_string()),
                (header::CONTENT_DISPOSITION, disposition),
            ];
            (headers, Body::from_stream(sent.body)).into_response()
        }
        Err(AppError::Forbidden) => StatusCode::FORBIDDEN.into_response(),
        Err(AppError::Refused(_)) => StatusCode::GONE.into_response(),
        Err(e) => plain_error(&e),
    }
}
