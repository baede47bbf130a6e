//! `GET /healthz`: the process answers. `GET /readyz`: and its database does too.
//! `GET /status.json`: the regions' status, as the public status page shows it (times in UTC).
use app::db::Pool;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

pub async fn healthz() -> Json<Value> {
    Json(json!({ "status": "ok", "version": env!("CARGO_PKG_VERSION") }))
}

pub async fn readyz(State(pool): State<Pool>) -> (StatusCode, Json<Value>) {
    let probe = tokio::time::timeout(std::time::Duration::from_secs(3), sqlx::query("SELECT 1").execute(&pool)).await;
    match probe {
        Ok(Ok(_)) => (StatusCode::OK, Json(json!({ "status": "ok", "database": "ok" }))),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "readiness: database error");
            (StatusCode::SERVICE_UNAVAILABLE, Json(json!({ "status": "unavailable", "database": "error" })))
        }
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, Json(json!({ "status": "unavailable", "database": "timeout" }))),
    }
}

pub async fn status_json(State(state): State<app::state::AppState>) -> axum::response::Response {
    use axum::response::IntoResponse;
    match app::monitoring::service::status::all(&state, &app::time_display::Reader::new("UTC", app::i18n::Lang::En))
        .await
    {
        Ok(regions) => Json(json!({ "regions": regions })).into_response(),
        Err(e) => {
            app::edge::log_internal(&e);
            (e.http_status(), Json(json!({ "error": "the status could not be read" }))).into_response()
        }
    }
}
