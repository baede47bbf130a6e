//! The admin's monitoring page: each region's participants and meetings over 24 hours, 7 or 30
//! days (from the samples), its state, last error and incidents with their errors (the public
//! status page shows none of these), and every meeting running on every region
//! now (asked of each region in parallel), with the portal's room and owner where there is one.
use crate::clock::Timestamp;
use crate::error::AppResult;
use crate::error::Step;
use crate::monitoring::model::{HealthState, LiveMeeting, Overview, RegionChart};
use crate::regions::service as regions;
use crate::state::AppState;
use crate::time_display::{Reader, local};

/// The window's length and the step its points are summed over.
fn window(name: &str) -> (&'static str, i64, i64) {
    match name {
        "7d" => ("7d", 7 * 86400, 3600),
        "30d" => ("30d", 30 * 86400, 4 * 3600),
        _ => ("24h", 86400, 600),
    }
}

/// A region's last judgement: code, state, failures in a row, the error seen and what it means.
type HealthRow = (String, String, i64, Option<String>, Option<String>);

#[tracing::instrument(name = "monitoring.overview.overview", level = "error", skip_all)]
pub async fn overview(ctx: &AppState, window_name: &str, reader: &Reader) -> AppResult<Overview> {
    let (name, span, step) = window(window_name);
    let now = ctx.clock.now().secs();
    let from = now - span;
    let enabled: Vec<_> = regions::all(&ctx.pool, &ctx.regions).await?.into_iter().filter(|r| r.enabled != 0).collect();
    let health: Vec<HealthRow> =
        sqlx::query_as("SELECT region_code, state, failures, last_error, last_reason FROM region_health")
            .fetch_all(&ctx.pool)
            .await
            .step("read region_health")?;
    let samples: Vec<(String, i64, i64, i64)> = sqlx::query_as(
        "SELECT region_code, at - (at % $1) - $2, MAX(participants_max), MAX(meetings_max) FROM region_samples
         WHERE at >= $2 GROUP BY region_code, at - (at % $1) ORDER BY 1, 2",
    )
    .bind(step)
    .bind(from)
    .fetch_all(&ctx.pool)
    .await
    .step("read region_samples")?;
    let mut incidents = super::status::incidents(ctx, reader).await?;
    let charts = enabled
        .iter()
        .map(|region| {
            let seen = health.iter().find(|h| h.0 == region.code);
            RegionChart {
                code: region.code.clone(),
                name: region.name.clone(),
                demo: region.demo,
                state: seen.map_or(HealthState::Unknown, |h| HealthState::parse(&h.1).shown(h.2)),
                last_error: seen.and_then(|h| h.3.clone()),
                last_reason: seen.and_then(|h| h.4.as_deref()).and_then(|m| serde_json::from_str(m).ok()),
                incidents: incidents.remove(&region.code).unwrap_or_default(),
                points: samples.iter().filter(|s| s.0 == region.code).map(|s| (s.1, s.2, s.3)).collect(),
                span,
            }
        })
        .collect();
    let endpoints: Vec<_> = enabled.iter().map(|r| r.endpoint()).collect();
    let listed = futures::future::join_all(endpoints.iter().map(|e| ctx.bbb.get_meetings(e))).await;
    let rooms: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT r.meeting_id, r.slug, r.name, u.name FROM rooms r JOIN users u ON u.id = r.owner_id WHERE r.running = 1",
    )
    .fetch_all(&ctx.pool)
    .await.step("read rooms")?;
    let (mut meetings, mut unlisted) = (Vec::new(), Vec::new());
    for (region, answer) in enabled.iter().zip(listed) {
        let Ok(list) = answer else {
            unlisted.push(region.name.clone());
            continue;
        };
        for m in list {
            let room = rooms.iter().find(|r| r.0 == m.meeting_id);
            meetings.push(LiveMeeting {
                region: region.name.clone(),
                name: room.map_or_else(|| m.meeting_name.clone(), |r| r.2.clone()),
                room_slug: room.map(|r| r.1.clone()),
                owner: room.map(|r| r.3.clone()),
                participants: i64::from(m.participant_count),
                since: local(Timestamp::from_secs(m.create_time / 1000), reader),
            });
        }
    }
    meetings.sort_by_key(|m| std::cmp::Reverse(m.participants));
    Ok(Overview {
        window: name.to_string(),
        from: local(Timestamp::from_secs(from), reader),
        to: local(Timestamp::from_secs(now), reader),
        regions: charts,
        meetings,
        unlisted,
    })
}
