//! Background jobs. Each takes a lease in the database first, so with several portal processes
//! only one runs it at a time.
use app::state::AppState;
use std::time::Duration;

/// How often running rooms are checked against their regions: often enough that the dashboard's
/// participant counts read as live, and one `getMeetings` per region is cheap for a balancer.
pub const ROOM_CHECK_EVERY: Duration = Duration::from_secs(20);

pub async fn room_status_checker(state: AppState) {
    let holder = uuid::Uuid::new_v4().to_string();
    let mut tick = tokio::time::interval(ROOM_CHECK_EVERY);
    loop {
        tick.tick().await;
        match app::db::take_lease(&state.pool, "room_status", &holder, ROOM_CHECK_EVERY.as_secs() as i64 - 5).await {
            Ok(true) => {
                if let Err(e) = app::rooms::service::status::refresh(&state.pool, &state.bbb, &state.regions).await {
                    tracing::warn!(error = %e, "room status check failed");
                }
            }
            Ok(false) => {}
            Err(e) => tracing::warn!(error = %e, "room status check: no lease"),
        }
    }
}
