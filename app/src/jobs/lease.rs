//! Job leases: one row a job, naming the process that may run it and until when. Only this module
//! writes `job_leases`.
use crate::clock::Clock;
use crate::db::Pool;

/// Takes (or renews) the lease on job `name` for `seconds`; false when another holder has it.
pub async fn take(pool: &Pool, clock: &Clock, name: &str, holder: &str, seconds: i64) -> Result<bool, sqlx::Error> {
    let now = clock.now().secs();
    let done = sqlx::query(
        "INSERT INTO job_leases (name, holder, until) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until
         WHERE job_leases.until < $4 OR job_leases.holder = excluded.holder",
    )
    .bind(name)
    .bind(holder)
    .bind(now + seconds)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Gives up every lease `holder` has (a process stopping cleanly), so another takes over at once.
pub async fn release_all(pool: &Pool, holder: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE job_leases SET until = 0 WHERE holder = $1").bind(holder).execute(pool).await?;
    Ok(())
}

/// Who holds job `name`'s lease now, if anyone.
pub async fn holder_of(pool: &Pool, clock: &Clock, name: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT holder FROM job_leases WHERE name = $1 AND until >= $2")
        .bind(name)
        .bind(clock.now().secs())
        .fetch_optional(pool)
        .await
}
