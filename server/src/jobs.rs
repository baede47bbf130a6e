//! Background jobs. Each takes a lease in the database first, so with several portal processes
//! only one runs it at a time.
use app::state::AppState;
use std::time::Duration;

/// How often running rooms are checked against their regions: often enough that the dashboard's
/// participant counts read as live, and one `getMeetings` per region is cheap for a balancer.
pub const ROOM_CHECK_EVERY: Duration = Duration::from_secs(20);

pub async fn room_status_checker(state: AppState, mut stop: tokio::sync::watch::Receiver<bool>) {
    let holder = uuid::Uuid::new_v4().to_string();
    let mut tick = tokio::time::interval(ROOM_CHECK_EVERY);
    while !*stop.borrow() {
        tokio::select! {
            _ = tick.tick() => {}
            _ = stop.changed() => break,
        }
        let lease = ROOM_CHECK_EVERY.as_secs() - 5;
        match app::db::take_lease(&state.pool, "room_status", &holder, lease as i64).await {
            Ok(true) => {
                // Regions are asked in parallel; the whole pass ends within its lease.
                let pass = app::rooms::service::status::refresh(&state.pool, &state.bbb, &state.regions);
                match tokio::time::timeout(Duration::from_secs(lease - 2), pass).await {
                    Ok(Err(e)) => tracing::warn!(error = %e, "room status check failed"),
                    Err(_) => tracing::warn!("room status check ran out of its lease"),
                    Ok(Ok(_)) => {}
                }
            }
            Ok(false) => {}
            Err(e) => tracing::warn!(error = %e, "room status check: no lease"),
        }
    }
}
