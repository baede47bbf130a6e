//! Reads the status of every enabled region for the status page and its JSON: health, offer,
//! incidents of the last 30 days, and uptime over 30 and 90 days (from the incidents, counted from
//! when polling began if that is later). What anyone reads says no address, error or count
//! (`model`); the incidents' errors are read for admins by `incidents`.
use crate::error::AppResult;
use crate::error::Step;
use crate::monitoring::model::{HealthState, Incident, IncidentDetail, LoadBand, RegionStatus};
use crate::regions::service as regions;
use crate::state::AppState;
use crate::time_display::{Reader, local};
use std::collections::HashMap;

const DAY: i64 = 86400;

#[derive(sqlx::FromRow)]
struct Health {
    region_code: String,
    state: String,
    failures: i64,
    checked_at: i64,
    latency_ms: Option<i64>,
    load_known: i64,
    participants: i64,
}

#[derive(sqlx::FromRow, Clone)]
struct Span {
    region_code: String,
    started_at: i64,
    ended_at: Option<i64>,
    error: String,
}

/// Every enabled region's status, times written for `reader`.
#[tracing::instrument(name = "monitoring.status.all", level = "error", skip_all)]
pub async fn all(ctx: &AppState, reader: &Reader) -> AppResult<Vec<RegionStatus>> {
    let now = ctx.clock.now();
    let pool = &ctx.pool;
    let health: HashMap<String, Health> = sqlx::query_as::<_, Health>(
        "SELECT region_code, state, failures, checked_at, latency_ms, load_known, participants FROM region_health",
    )
    .fetch_all(pool)
    .await
    .step("read region_health")?
    .into_iter()
    .map(|h| (h.region_code.clone(), h))
    .collect();
    let spans = read_spans(ctx, 90).await?;
    let since: HashMap<String, i64> =
        sqlx::query_as::<_, (String, i64)>("SELECT region_code, MIN(at) FROM region_samples GROUP BY region_code")
            .fetch_all(pool)
            .await?
            .into_iter()
            .collect();
    let all = regions::all(pool, &ctx.regions).await?;
    Ok(all
        .into_iter()
        .filter(|r| r.enabled != 0)
        .map(|r| {
            let h = health.get(&r.code);
            let mine: Vec<&Span> = spans.iter().filter(|s| s.region_code == r.code).collect();
            let judged = h.map_or(HealthState::Unknown, |h| HealthState::parse(&h.state));
            let state = judged.shown(h.map_or(0, |h| h.failures));
            // Uptime is counted from incidents: a region never judged (failing, not yet down) has
            // none, and would read 100 %.
            let first = since.get(&r.code).copied().filter(|_| judged != HealthState::Unknown);
            let uptime = |days: i64| first.map(|first| uptime(&mine, first.max(now.secs() - days * DAY), now.secs()));
            // A load is told only of a region that answers now.
            let load_known = state == HealthState::Up && h.is_some_and(|h| h.load_known != 0);
            RegionStatus {
                code: r.code.clone(),
                name: r.name.clone(),
                demo: r.demo,
                state,
                latency_ms: h.and_then(|h| h.latency_ms),
                checked_at: h.map_or(0, |h| h.checked_at),
                load: LoadBand::of(load_known, h.map_or(0, |h| h.participants), r.capacity),
                recording: r.recording != 0,
                max_meeting: r.max_meeting,
                incidents: mine
                    .iter()
                    .filter(|s| s.ended_at.is_none_or(|end| end >= now.secs() - 30 * DAY))
                    .map(|s| s.when(reader))
                    .collect(),
                uptime_30: uptime(30),
                uptime_90: uptime(90),
            }
        })
        .collect())
}

/// The incidents of the last `days` that were open in them, newest first.
async fn read_spans(ctx: &AppState, days: i64) -> AppResult<Vec<Span>> {
    sqlx::query_as(
        "SELECT region_code, started_at, ended_at, error FROM region_incidents
         WHERE ended_at IS NULL OR ended_at >= $1 ORDER BY started_at DESC",
    )
    .bind(ctx.clock.now().secs() - days * DAY)
    .fetch_all(&ctx.pool)
    .await
    .step("read region_incidents")
}

impl Span {
    fn when(&self, reader: &Reader) -> Incident {
        Incident {
            started_at: self.started_at,
            ended_at: self.ended_at,
            started: local(crate::clock::Timestamp::from_secs(self.started_at), reader),
            ended: self.ended_at.map(|e| local(crate::clock::Timestamp::from_secs(e), reader)),
        }
    }
}

/// For admins: each region's incidents of the last 30 days with the error the poll saw.
#[tracing::instrument(name = "monitoring.status.incidents", level = "error", skip_all)]
pub async fn incidents(ctx: &AppState, reader: &Reader) -> AppResult<HashMap<String, Vec<IncidentDetail>>> {
    let mut by_region: HashMap<String, Vec<IncidentDetail>> = HashMap::new();
    for span in read_spans(ctx, 30).await? {
        let detail = IncidentDetail { when: span.when(reader), error: span.error };
        by_region.entry(span.region_code).or_default().push(detail);
    }
    Ok(by_region)
}

/// When region `code` is down now: its name and the healthy (up, enabled) regions a room there
/// could move to, those offering as much first, each with what it lacks. Never the demo region: it
/// answers but serves no audio or video, so it offers nothing a real region does.
#[tracing::instrument(name = "monitoring.status.region_down", level = "error", skip_all)]
pub async fn region_down(ctx: &AppState, code: &str) -> AppResult<Option<crate::rooms::model::RegionDown>> {
    use crate::rooms::model::{Alternative, RegionDown};
    let states = states(ctx).await?;
    if states.get(code).map(String::as_str) != Some("down") {
        return Ok(None);
    }
    let all = regions::all(&ctx.pool, &ctx.regions).await?;
    let Some(current) = all.iter().find(|r| r.code == code) else { return Ok(None) };
    let mut alternatives: Vec<Alternative> = all
        .iter()
        .filter(|r| {
            r.code != code && r.enabled != 0 && !r.demo && states.get(&r.code).map(String::as_str) == Some("up")
        })
        .map(|r| Alternative {
            code: r.code.clone(),
            name: r.name.clone(),
            lacks_recording: current.recording != 0 && r.recording == 0,
            smaller_meetings: if r.max_meeting > 0 && (current.max_meeting == 0 || r.max_meeting < current.max_meeting)
            {
                r.max_meeting
            } else {
                0
            },
        })
        .collect();
    alternatives.sort_by_key(|a| (a.lacks_recording || a.smaller_meetings > 0, a.name.clone()));
    Ok(Some(RegionDown { region: current.name.clone(), alternatives }))
}

/// The participants the last poll counted on region `code`, when it could count them.
#[tracing::instrument(name = "monitoring.status.live_participants", level = "error", skip_all)]
pub async fn live_participants(ctx: &AppState, code: &str) -> AppResult<Option<i64>> {
    sqlx::query_scalar("SELECT participants FROM region_health WHERE region_code = $1 AND load_known = 1")
        .bind(code)
        .fetch_optional(&ctx.pool)
        .await
        .step("read region_health")
}

/// Each region's judged state, as read within the current second: every dashboard and every
/// manager's room page asks, and nothing needs reading while no region is down.
#[tracing::instrument(name = "monitoring.status.states", level = "error", skip_all)]
pub async fn states(ctx: &AppState) -> AppResult<HashMap<String, String>> {
    if let Some(states) = ctx.health.get(&()) {
        return Ok(states);
    }
    let states: HashMap<String, String> =
        sqlx::query_as::<_, (String, String)>("SELECT region_code, state FROM region_health")
            .fetch_all(&ctx.pool)
            .await?
            .into_iter()
            .collect();
    ctx.health.put((), states.clone());
    Ok(states)
}

/// The names of the regions down now that hold rooms member `user_id` owns or co-owns.
#[tracing::instrument(name = "monitoring.status.down_for", level = "error", skip_all)]
pub async fn down_for(ctx: &AppState, user_id: i64) -> AppResult<Vec<String>> {
    if !states(ctx).await?.values().any(|s| s == "down") {
        return Ok(Vec::new());
    }
    let codes: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT h.region_code FROM region_health h JOIN rooms r ON r.region_code = h.region_code
         WHERE h.state = 'down'
           AND (r.owner_id = $1 OR r.id IN (SELECT room_id FROM room_shares WHERE user_id = $1))
         ORDER BY h.region_code",
    )
    .bind(user_id)
    .fetch_all(&ctx.pool)
    .await
    .step("read region_health")?;
    if codes.is_empty() {
        return Ok(codes);
    }
    let all = regions::all(&ctx.pool, &ctx.regions).await?;
    Ok(codes.iter().map(|c| all.iter().find(|r| &r.code == c).map_or_else(|| c.clone(), |r| r.name.clone())).collect())
}

/// Tenths of a percent of `[from, to)` not covered by `spans` (an open span runs to `to`).
fn uptime(spans: &[&Span], from: i64, to: i64) -> i64 {
    if to <= from {
        return 1000;
    }
    let down: i64 = spans.iter().map(|s| (s.ended_at.unwrap_or(to).min(to) - s.started_at.max(from)).max(0)).sum();
    ((to - from - down.min(to - from)) * 1000) / (to - from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(started_at: i64, ended_at: Option<i64>) -> Span {
        Span { region_code: "eu".into(), started_at, ended_at, error: String::new() }
    }

    #[test]
    fn uptime_counts_the_down_time_inside_the_window() {
        let (a, b) = (span(100, Some(200)), span(900, None));
        assert_eq!(uptime(&[], 0, 1000), 1000);
        assert_eq!(uptime(&[&a], 0, 1000), 900);
        assert_eq!(uptime(&[&a, &b], 0, 1000), 800, "an open incident runs to now");
        assert_eq!(uptime(&[&a], 150, 1150), 950, "only the part inside the window counts");
    }
}
