//! The only writer of `region_health`, `region_incidents` and `region_samples`: records one poll of
//! a region, in one transaction with the incident and the alert mails it causes. The row changes
//! only if nobody recorded a poll of the region since it was read, so a poll recorded twice (two
//! processes, a lease handed over mid-poll) changes state, opens an incident and alerts once.
use super::alerts;
use super::judge::{Change, Policy, judge};
use super::probe::Probe;
use crate::clock::Timestamp;
use crate::error::AppResult;
use crate::error::Step;
use crate::monitoring::model::HealthState;
use crate::regions::service::RegionRecord;
use crate::state::AppState;
use sqlx::{Any, Transaction};

/// Minute samples are kept this long, then summed into hours.
pub const MINUTES_KEPT: i64 = 48 * 3600;
/// Hour samples (and incidents) are kept this long.
pub const HOURS_KEPT: i64 = 90 * 86400;

/// Adds a sample into the one already kept for its region, resolution and moment.
const MERGE: &str = "ON CONFLICT (region_code, resolution, at) DO UPDATE SET
    checks = region_samples.checks + excluded.checks,
    up_checks = region_samples.up_checks + excluded.up_checks,
    latency_ms_sum = region_samples.latency_ms_sum + excluded.latency_ms_sum,
    meetings_max = CASE WHEN excluded.meetings_max > region_samples.meetings_max
                   THEN excluded.meetings_max ELSE region_samples.meetings_max END,
    participants_max = CASE WHEN excluded.participants_max > region_samples.participants_max
                       THEN excluded.participants_max ELSE region_samples.participants_max END";

#[derive(sqlx::FromRow)]
struct Row {
    state: String,
    failures: i64,
    successes: i64,
    checked_at: i64,
    last_alert_at: i64,
}

/// Records `probe` of `region`; returns the change it made, if any.
#[tracing::instrument(name = "monitoring.health.record", level = "error", skip_all)]
pub async fn record(ctx: &AppState, region: &RegionRecord, probe: &Probe, policy: Policy) -> AppResult<Option<Change>> {
    let now = ctx.clock.now();
    sqlx::query("INSERT INTO region_health (region_code) VALUES ($1) ON CONFLICT (region_code) DO NOTHING")
        .bind(&region.code)
        .execute(&ctx.pool)
        .await
        .step("insert into region_health")?;
    let mut tx = crate::db::begin(&ctx.pool).await?;
    let row: Row = sqlx::query_as(
        "SELECT state, failures, successes, checked_at, last_alert_at FROM region_health WHERE region_code = $1",
    )
    .bind(&region.code)
    .fetch_one(&mut *tx)
    .await
    .step("read region_health")?;
    let judged = judge(HealthState::parse(&row.state), row.failures, row.successes, probe.ok, policy);
    let load = probe.load();
    let l = load.clone().unwrap_or_default();
    let updated = sqlx::query(
        "UPDATE region_health SET state = $1, failures = $2, successes = $3, checked_at = $4, latency_ms = $5,
         version = $6, load_known = $7, meetings = $8, participants = $9, moderators = $10, voice = $11, video = $12,
         recording_meetings = $13, last_error = $14, last_reason = $15
         WHERE region_code = $16 AND checked_at = $17 AND state = $18 AND failures = $19 AND successes = $20",
    )
    .bind(judged.state.as_str())
    .bind(judged.failures)
    .bind(judged.successes)
    .bind(now.secs())
    .bind(probe.latency_ms)
    .bind(probe.version.as_deref())
    .bind(load.is_some() as i64)
    .bind(l.meetings)
    .bind(l.participants)
    .bind(l.moderators)
    .bind(l.voice)
    .bind(l.video)
    .bind(l.recording_meetings)
    .bind(probe.error.as_deref())
    // The words for admins, as a message key and its values (`overview` reads them back).
    .bind(probe.reason.as_ref().and_then(|m| serde_json::to_string(m).ok()))
    .bind(&region.code)
    .bind(row.checked_at)
    .bind(&row.state)
    .bind(row.failures)
    .bind(row.successes)
    .execute(&mut *tx)
    .await
    .step("update region_health")?;
    if updated.rows_affected() != 1 {
        tx.rollback().await?;
        return Ok(None);
    }
    match judged.change {
        Some(Change::WentDown) => went_down(&mut tx, ctx, region, probe, &row, policy).await?,
        Some(Change::Recovered) => recovered(&mut tx, ctx, region).await?,
        None => {}
    }
    sample(&mut tx, &region.code, now, probe, load.map_or(0, |l| l.participants), l.meetings).await?;
    tx.commit().await?;
    if judged.change.is_some() || row.state != judged.state.as_str() {
        ctx.health.clear();
    }
    Ok(judged.change)
}

async fn went_down(
    tx: &mut Transaction<'_, Any>,
    ctx: &AppState,
    region: &RegionRecord,
    probe: &Probe,
    row: &Row,
    policy: Policy,
) -> AppResult<()> {
    let now = ctx.clock.now();
    let alert = row.last_alert_at == 0 || now.secs() - row.last_alert_at >= policy.alert_quiet_seconds;
    let error = probe.error.clone().unwrap_or_default();
    sqlx::query("INSERT INTO region_incidents (region_code, started_at, error, alerted) VALUES ($1, $2, $3, $4)")
        .bind(&region.code)
        .bind(now.secs())
        .bind(&error)
        .bind(alert as i64)
        .execute(&mut **tx)
        .await
        .step("insert into region_incidents")?;
    if alert {
        alerts::notify(tx, ctx, region, true, probe.error.as_deref()).await?;
        mark_alerted(tx, &region.code, now).await?;
    }
    Ok(())
}

async fn recovered(tx: &mut Transaction<'_, Any>, ctx: &AppState, region: &RegionRecord) -> AppResult<()> {
    let now = ctx.clock.now();
    let open: Option<(i64, i64)> = sqlx::query_as(
        "SELECT id, alerted FROM region_incidents WHERE region_code = $1 AND ended_at IS NULL
         ORDER BY started_at DESC LIMIT 1",
    )
    .bind(&region.code)
    .fetch_optional(&mut **tx)
    .await
    .step("read region_incidents")?;
    let Some((id, alerted)) = open else { return Ok(()) };
    sqlx::query("UPDATE region_incidents SET ended_at = $1 WHERE id = $2")
        .bind(now.secs())
        .bind(id)
        .execute(&mut **tx)
        .await
        .step("update region_incidents")?;
    // Told it went down, so told it is back; a quiet "down" stays quiet.
    if alerted != 0 {
        alerts::notify(tx, ctx, region, false, None).await?;
        mark_alerted(tx, &region.code, now).await?;
    }
    Ok(())
}

async fn mark_alerted(tx: &mut Transaction<'_, Any>, code: &str, now: Timestamp) -> AppResult<()> {
    sqlx::query("UPDATE region_health SET last_alert_at = $1 WHERE region_code = $2")
        .bind(now.secs())
        .bind(code)
        .execute(&mut **tx)
        .await
        .step("update region_health")?;
    Ok(())
}

/// Adds the poll to its minute's sample.
async fn sample(
    tx: &mut Transaction<'_, Any>,
    code: &str,
    now: Timestamp,
    probe: &Probe,
    participants: i64,
    meetings: i64,
) -> AppResult<()> {
    let minute = now.secs() - now.secs().rem_euclid(60);
    sqlx::query(&format!(
        "INSERT INTO region_samples
           (region_code, resolution, at, checks, up_checks, latency_ms_sum, meetings_max, participants_max)
         VALUES ($1, 'minute', $2, 1, $3, $4, $5, $6) {MERGE}"
    ))
    .bind(code)
    .bind(minute)
    .bind(probe.ok as i64)
    .bind(probe.latency_ms.unwrap_or(0))
    .bind(meetings)
    .bind(participants)
    .execute(&mut **tx)
    .await
    .step("insert into region_samples")?;
    Ok(())
}

/// Sums minute samples older than [`MINUTES_KEPT`] into hours, and drops hours and incidents older
/// than [`HOURS_KEPT`]; returns the rows it removed.
#[tracing::instrument(name = "monitoring.health.prune", level = "error", skip_all)]
pub async fn prune(ctx: &AppState) -> AppResult<usize> {
    let now = ctx.clock.now().secs();
    let (minutes_before, hours_before) = (now - MINUTES_KEPT, now - HOURS_KEPT);
    let mut tx = crate::db::begin(&ctx.pool).await?;
    sqlx::query(&format!(
        "INSERT INTO region_samples
           (region_code, resolution, at, checks, up_checks, latency_ms_sum, meetings_max, participants_max)
         SELECT region_code, 'hour', at - (at % 3600), SUM(checks), SUM(up_checks), SUM(latency_ms_sum),
                MAX(meetings_max), MAX(participants_max)
         FROM region_samples WHERE resolution = 'minute' AND at < $1
         GROUP BY region_code, at - (at % 3600) {MERGE}"
    ))
    .bind(minutes_before)
    .execute(&mut *tx)
    .await
    .step("insert into region_samples")?;
    let minutes = sqlx::query("DELETE FROM region_samples WHERE resolution = 'minute' AND at < $1")
        .bind(minutes_before)
        .execute(&mut *tx)
        .await
        .step("delete from region_samples")?;
    let hours = sqlx::query("DELETE FROM region_samples WHERE resolution = 'hour' AND at < $1")
        .bind(hours_before)
        .execute(&mut *tx)
        .await
        .step("delete from region_samples")?;
    let incidents = sqlx::query("DELETE FROM region_incidents WHERE ended_at IS NOT NULL AND ended_at < $1")
        .bind(hours_before)
        .execute(&mut *tx)
        .await
        .step("delete from region_incidents")?;
    tx.commit().await?;
    Ok((minutes.rows_affected() + hours.rows_affected() + incidents.rows_affected()) as usize)
}
