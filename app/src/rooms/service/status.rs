//! Keeping the portal's idea of which rooms run honest: joins trust it (so a burst of joins never
//! hammers the balancer), and this periodic check corrects it from each region's `getMeetings`.
//! Regions are asked in parallel, so one slow region cannot hold the check past its lease.
use crate::bbb::client::Client;
use crate::clock::Timestamp;
use crate::db::Pool;
use crate::error::AppResult;
use crate::regions::service::{self as regions, RegionRecord};

/// Refreshes running rooms from their regions; returns how many rooms changed. A region that does
/// not answer leaves its rooms as they were.
pub async fn refresh(pool: &Pool, client: &Client, configured: &regions::Regions, now: Timestamp) -> AppResult<usize> {
    let all = regions::all(pool, configured).await?;
    let counts = futures::future::join_all(all.iter().map(|region| refresh_region(pool, client, region, now))).await;
    counts.into_iter().sum()
}

async fn refresh_region(pool: &Pool, client: &Client, region: &RegionRecord, now: Timestamp) -> AppResult<usize> {
    let rooms: Vec<(i64, String, i64, i64)> = sqlx::query_as(
        "SELECT id, meeting_id, running, participants FROM rooms WHERE region_code = $1 AND running = 1",
    )
    .bind(&region.code)
    .fetch_all(pool)
    .await?;
    if rooms.is_empty() {
        return Ok(0);
    }
    let meetings = match client.get_meetings(&region.endpoint()).await {
        Ok(m) => m,
        Err(e) => {
            tracing::warn!(region = %region.code, error = %e, "status check: region did not answer");
            return Ok(0);
        }
    };
    let mut changed = 0;
    for (id, meeting_id, running, participants) in rooms {
        let found = meetings.iter().find(|m| m.meeting_id == meeting_id);
        let now_running = found.is_some() as i64;
        let now_participants = found.map_or(0, |m| m.participant_count as i64);
        if (now_running, now_participants) != (running, participants) {
            sqlx::query("UPDATE rooms SET running = $1, participants = $2, checked_at = $3 WHERE id = $4")
                .bind(now_running)
                .bind(now_participants)
                .bind(now.secs())
                .bind(id)
                .execute(pool)
                .await?;
            changed += 1;
        }
    }
    Ok(changed)
}
