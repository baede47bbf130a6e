//! Rate limits kept in the database, so they hold across every portal process. An attempt is
//! reserved (a row written) *before* the work it guards, then the rows of its window are counted:
//! every request sees its own row and every row committed before it, so of a parallel burst at most
//! `max` pass, however the requests interleave. A reservation that turns out not to be a failure
//! (the right password, a found member) is forgiven, which removes it.
use crate::clock::Clock;
use crate::db::Pool;
use crate::error::Step;
use crate::error::{AppError, AppResult};

/// A limit: at most `max` attempts (or failures, when successes are forgiven) of one subject
/// within `window` seconds.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub scope: &'static str,
    pub max: i64,
    pub window: i64,
}

/// One reserved attempt; it counts until forgiven.
#[must_use = "forgive the attempt when it was not a failure"]
#[derive(Debug)]
pub struct Attempt {
    id: i64,
}

impl Attempt {
    /// The attempt succeeded: it no longer counts against the limit.
    pub async fn forgive(self, pool: &Pool) -> AppResult<()> {
        sqlx::query("DELETE FROM auth_failures WHERE id = $1")
            .bind(self.id)
            .execute(pool)
            .await
            .step("delete from auth_failures")?;
        Ok(())
    }
}

impl Limit {
    /// Reserves one attempt of `subject`, or refuses with the minutes to wait when `max` stand in
    /// the window already (the refused attempt is not kept, so hammering does not extend the wait).
    pub async fn reserve(&self, pool: &Pool, clock: &Clock, subject: &str) -> AppResult<Attempt> {
        self.reserve_weighted(pool, clock, subject, 1).await
    }

    /// Reserves `weight` units of `subject` at once (a booking's invitations: one per mail), or
    /// refuses, keeping nothing, when the window would then hold more than `max` units.
    pub async fn reserve_weighted(&self, pool: &Pool, clock: &Clock, subject: &str, weight: i64) -> AppResult<Attempt> {
        let now = clock.now().secs();
        let since = now - self.window;
        // Autocommit: the row is visible to every request that counts after this statement.
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO auth_failures (scope, subject, at, weight) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(self.scope)
        .bind(subject)
        .bind(now)
        .bind(weight)
        .fetch_one(pool)
        .await
        .step("insert into auth_failures")?;
        let (total, oldest): (i64, Option<i64>) = sqlx::query_as(
            "SELECT CAST(COALESCE(SUM(weight), 0) AS BIGINT), MIN(at) FROM auth_failures
             WHERE scope = $1 AND subject = $2 AND at > $3",
        )
        .bind(self.scope)
        .bind(subject)
        .bind(since)
        .fetch_one(pool)
        .await
        .step("read auth_failures")?;
        if total > self.max {
            Attempt { id }.forgive(pool).await?;
            let wait = oldest.unwrap_or(now) + self.window - now;
            return Err(AppError::RateLimited { minutes: (wait.max(1) + 59) / 60 });
        }
        sqlx::query("DELETE FROM auth_failures WHERE scope = $1 AND at <= $2")
            .bind(self.scope)
            .bind(since)
            .execute(pool)
            .await
            .step("delete from auth_failures")?;
        Ok(Attempt { id })
    }

    /// Forgets every attempt of `subject` (a successful login clears the account's failures).
    pub async fn clear(&self, pool: &Pool, subject: &str) -> AppResult<()> {
        sqlx::query("DELETE FROM auth_failures WHERE scope = $1 AND subject = $2")
            .bind(self.scope)
            .bind(subject)
            .execute(pool)
            .await
            .step("delete from auth_failures")?;
        Ok(())
    }
}

/// Reserves an attempt under each of several limits at once; refused by any, none is kept.
pub async fn reserve_all(pool: &Pool, clock: &Clock, limits: &[(Limit, &str)]) -> AppResult<Vec<Attempt>> {
    let mut held = Vec::with_capacity(limits.len());
    for (limit, subject) in limits {
        match limit.reserve(pool, clock, subject).await {
            Ok(attempt) => held.push(attempt),
            Err(e) => {
                forgive_all(pool, held).await?;
                return Err(e);
            }
        }
    }
    Ok(held)
}

pub async fn forgive_all(pool: &Pool, attempts: Vec<Attempt>) -> AppResult<()> {
    for attempt in attempts {
        attempt.forgive(pool).await?;
    }
    Ok(())
}
