//! The binary's own plain routes. `GET /healthz`: the process answers. `GET /readyz`: and its
//! database does too (for load balancers and orchestrators).
use app::edge::Route;
use app::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use serde_json::{Value, json};

pub const ROUTES: &[Route] =
    &[Route { path: "/healthz", handler: || get(healthz) }, Route { path: "/readyz", handler: || get(readyz) }];

async fn healthz() -> Json<Value> {
    Json(json!({ "status": "ok", "version": env!("CARGO_PKG_VERSION") }))
}

async fn readyz(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let probe =
        tokio::time::timeout(std::time::Duration::from_secs(3), sqlx::query("SELECT 1").execute(&state.pool)).await;
    match probe {
        Ok(Ok(_)) => (StatusCode::OK, Json(json!({ "status": "ok", "database": "ok" }))),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "readiness: database error");
            (StatusCode::SERVICE_UNAVAILABLE, Json(json!({ "status": "unavailable", "database": "error" })))
        }
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, Json(json!({ "status": "unavailable", "database": "timeout" }))),
    }
}
