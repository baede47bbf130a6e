//! A fake BigBlueButton server for tests and the demo region: real HTTP, checksums verified as BBB
//! verifies them, meetings and recordings kept in memory, BBB-shaped XML answers. Every call is
//! recorded, and the fake can be told to be down, slow, to answer FAILED, or to answer HTTP 200 with
//! what is not BBB's XML (garbage, or a proxy's HTML error page).
//!
//! Control endpoints (no checksum, for tests and the demo): `POST /fake/mode` with `up`, `down`,
//! `slow=MS`, `fail=MESSAGEKEY`, `garbage`, `html`, `meetings_broken` or `health_failing`;
//! `GET /fake/calls`; `POST /fake/recordings?meetingID=…`;
//! `POST /fake/leave?meetingID=…` (one participant leaves); `POST /fake/poll?meetingID=…` (a poll,
//! sent in the analytics when the meeting ends); `GET /fake/meetings` (participants,
//! peak, joins refused as full); `GET /fake/documents` (the presentations `create` named, as fetched);
//! `POST /fake/protects` with `on` or `off` (play a Scalelite with protected recordings). Its
//! players answer at the playback addresses it hands out.
mod analytics;
mod control;
pub mod demo;
mod documents;
mod handlers;
mod player;
mod render;
mod state;

pub use analytics::FakePoll;
pub use documents::FakeDocument;
pub use state::{Call, Fake, Mode};

use axum::Router;
use axum::routing::{get, post};
use std::net::SocketAddr;
use tokio::net::TcpListener;

/// The fake's router; `/bigbluebutton/api/` is the region's API URL.
pub fn router(fake: Fake) -> Router {
    Router::new()
        .route("/bigbluebutton/api", get(handlers::root))
        .route("/bigbluebutton/api/", get(handlers::root))
        .route("/bigbluebutton/api/{call}", get(handlers::call).post(handlers::call))
        .route("/health_check", get(handlers::health_check))
        .route("/fake/mode", post(control::set_mode))
        .route("/fake/calls", get(control::calls))
        .route("/fake/documents", get(control::documents))
        .route("/fake/recordings", post(control::add_recording))
        .route("/fake/leave", post(control::leave))
        .route("/fake/poll", post(analytics::poll))
        .route("/fake/meetings", get(control::meetings))
        .route("/fake/protects", post(player::set_protects))
        .route("/recording/{record_id}/{format}", get(player::protected))
        .route("/playback/{*rest}", get(player::open))
        .route("/podcast/{*rest}", get(player::open))
        .route("/learning-dashboard/", get(player::open))
        .with_state(fake)
}

/// Serves the fake on `listener` until the process ends.
pub async fn serve(listener: TcpListener, fake: Fake) -> std::io::Result<()> {
    axum::serve(listener, router(fake)).await
}

/// Starts the fake on a free loopback port; returns its API URL.
pub async fn spawn(fake: Fake) -> std::io::Result<String> {
    let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await?;
    let url = format!("http://{}/bigbluebutton/api/", listener.local_addr()?);
    tokio::spawn(serve(listener, fake));
    Ok(url)
}
