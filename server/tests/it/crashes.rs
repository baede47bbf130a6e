//! A portal process killed with SIGKILL (`kill -9`) in the middle of its work loses nothing and does
//! nothing twice once started again, counted in the database and at the SMTP sink. Each case runs
//! the real binary on PostgreSQL (`support::process`):
//! - `legacy`: a Greenlight import killed while its members arrive, then run again;
//! - `contributions`: an Open Collective import killed inside its transaction, then run again;
//! - `booking`: forty bookings at once, the serving process killed among them;
//! - `mail`: the process sending the outbox killed in the middle of a batch.
//!
//! A retention deletion would be a fifth case: the portal deletes nothing by retention yet.
use crate::support::process::eventually;
use std::time::Duration;

mod booking;
mod contributions;
mod legacy;
mod mail;

/// The one number `sql` gives (a `COUNT(*)`, a sum cast to BIGINT).
async fn count(pool: &app::db::Pool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// Waits until PostgreSQL is done with a killed process's sessions (a transaction it had open
/// rolled back, a statement it had sent finished), so what is counted next is what the kill left.
async fn settled(pool: &app::db::Pool) {
    let busy = "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()
        AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND state <> 'idle'";
    let done = eventually(Duration::from_secs(10), || async { count(pool, busy).await == 0 }).await;
    assert!(done, "the killed process's session lingers");
}
