//! Counting failures (wrong passwords, wrong access codes) in the database, so a limit holds across
//! every portal process, and refusing with the whole minutes to wait once it is reached.
use crate::db::{self, Pool};
use crate::error::{AppError, AppResult};

/// A limit: at most `max` failures of one subject within `window` seconds.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub scope: &'static str,
    pub max: i64,
    pub window: i64,
}

impl Limit {
    /// `Err(RateLimited)` with the minutes to wait when `subject` has failed `max` times.
    pub async fn check(&self, pool: &Pool, subject: &str) -> AppResult<()> {
        let since = db::now() - self.window;
        let (count, oldest): (i64, Option<i64>) =
            sqlx::query_as("SELECT COUNT(*), MIN(at) FROM auth_failures WHERE scope = $1 AND subject = $2 AND at > $3")
                .bind(self.scope)
                .bind(subject)
                .bind(since)
                .fetch_one(pool)
                .await?;
        if count >= self.max {
            let wait = oldest.unwrap_or(since) + self.window - db::now();
            return Err(AppError::RateLimited { minutes: (wait.max(1) + 59) / 60 });
        }
        Ok(())
    }

    /// Counts one failure of `subject`, and forgets this scope's failures older than the window.
    pub async fn record(&self, pool: &Pool, subject: &str) -> AppResult<()> {
        let now = db::now();
        let mut tx = db::begin(pool).await?;
        sqlx::query("INSERT INTO auth_failures (scope, subject, at) VALUES ($1, $2, $3)")
            .bind(self.scope)
            .bind(subject)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM auth_failures WHERE scope = $1 AND at < $2")
            .bind(self.scope)
            .bind(now - self.window)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn clear(&self, pool: &Pool, subject: &str) -> AppResult<()> {
        sqlx::query("DELETE FROM auth_failures WHERE scope = $1 AND subject = $2")
            .bind(self.scope)
            .bind(subject)
            .execute(pool)
            .await?;
        Ok(())
    }
}
