//! Plain routes that reach across features. BBB's end-of-meeting callback marks the room stopped
//! (meetings) and closes the attendance of an assembly held in it at once (assemblies), rather
//! than at the attendance job's next read.
use crate::edge::{Route, log_internal};
use crate::error::AppError;
use crate::meetings::service::callback::{self, Ended};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::get;

pub const ROUTES: &[Route] = &[Route { path: "/bbb/callback/end/{slug}", handler: || get(ended) }];

#[derive(serde::Deserialize)]
struct Signature {
    #[serde(default)]
    run: String,
    #[serde(default)]
    sig: String,
}

/// `GET /bbb/callback/end/{slug}?run=…&sig=…`: BBB says the meeting ended.
async fn ended(State(state): State<AppState>, Path(slug): Path<String>, Query(q): Query<Signature>) -> StatusCode {
    let ended = match callback::ended(&state, &slug, &q.run, &q.sig).await {
        Ok(Ended::Stopped(room_id)) => crate::assemblies::service::attendance::meeting_ended(&state, room_id).await,
        Ok(Ended::Ignored) => Ok(()),
        Err(e) => Err(e),
    };
    match ended {
        Ok(()) => StatusCode::OK,
        Err(AppError::Forbidden) => StatusCode::UNAUTHORIZED,
        Err(AppError::Refused(_)) => StatusCode::BAD_GATEWAY,
        Err(e) => {
            log_internal(&e);
            e.http_status()
        }
    }
}
