//! Where each imported record came from (`legacy_origins`, written only here): what makes a run
//! safe to repeat and to resume.
use crate::clock::Timestamp;
use crate::db::Pool;
use crate::error::AppResult;
use crate::error::Step;
use sqlx::{Any, Transaction};
use std::collections::HashMap;

/// The records of one legacy instance already imported: (kind, legacy id) → id here.
pub struct Known(HashMap<(String, String), i64>);

impl Known {
    pub fn get(&self, kind: &str, legacy_id: &str) -> Option<i64> {
        self.0.get(&(kind.to_string(), legacy_id.to_string())).copied()
    }
}

#[tracing::instrument(name = "legacy.origins.known", level = "error", skip_all)]
pub async fn known(pool: &Pool, source: &str) -> AppResult<Known> {
    let rows: Vec<(String, String, i64)> =
        sqlx::query_as("SELECT kind, legacy_id, quorum_id FROM legacy_origins WHERE source = $1")
            .bind(source)
            .fetch_all(pool)
            .await
            .step("read legacy_origins")?;
    Ok(Known(rows.into_iter().map(|(kind, id, here)| ((kind, id), here)).collect()))
}

/// Records of one batch, remembered together at its end (one statement, not one per record).
#[derive(Default)]
pub struct Pending(Vec<(&'static str, String, i64)>);

impl Pending {
    pub fn add(&mut self, kind: &'static str, legacy_id: &str, quorum_id: i64) {
        self.0.push((kind, legacy_id.to_string(), quorum_id));
    }

    /// Remembers them in the caller's transaction, beside the records themselves.
    #[tracing::instrument(name = "legacy.origins.save", level = "error", skip_all)]
    pub async fn save(self, tx: &mut Transaction<'static, Any>, source: &str, now: Timestamp) -> AppResult<()> {
        for chunk in self.0.chunks(500) {
            let values: Vec<String> =
                (0..chunk.len()).map(|i| format!("($1, $2, ${}, ${}, ${})", 3 * i + 3, 3 * i + 4, 3 * i + 5)).collect();
            let sql = format!(
                "INSERT INTO legacy_origins (source, imported_at, kind, legacy_id, quorum_id) VALUES {}
                 ON CONFLICT DO NOTHING",
                values.join(", ")
            );
            let mut query = sqlx::query(&sql).bind(source).bind(now.secs());
            for (kind, legacy_id, quorum_id) in chunk {
                query = query.bind(*kind).bind(legacy_id).bind(*quorum_id);
            }
            query.execute(&mut **tx).await?;
        }
        Ok(())
    }
}

/// Remembers a record in the caller's transaction, beside the record itself.
#[tracing::instrument(name = "legacy.origins.remember", level = "error", skip_all)]
pub async fn remember(
    tx: &mut Transaction<'static, Any>,
    source: &str,
    kind: &str,
    legacy_id: &str,
    quorum_id: i64,
    now: Timestamp,
) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO legacy_origins (source, kind, legacy_id, quorum_id, imported_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING",
    )
    .bind(source)
    .bind(kind)
    .bind(legacy_id)
    .bind(quorum_id)
    .bind(now.secs())
    .execute(&mut **tx)
    .await
    .step("insert into legacy_origins")?;
    Ok(())
}
