//! The baseline of `bench/pages.sh`: a bare axum handler answering a small page, on the same
//! machine and runtime settings as the portal, so page figures can be read as a share of it.
//! `bare 127.0.0.1:3195`
use axum::Router;
use axum::response::Html;
use axum::routing::get;

#[tokio::main]
async fn main() -> Result<(), String> {
    let address = std::env::args().nth(1).unwrap_or_else(|| "127.0.0.1:3195".to_string());
    let listener = tokio::net::TcpListener::bind(&address).await.map_err(|e| format!("{address}: {e}"))?;
    let app = Router::new().route("/", get(|| async { Html("<!doctype html><title>bare</title><p>Hello</p>") }));
    axum::serve(listener, app).await.map_err(|e| e.to_string())
}
