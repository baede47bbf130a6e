//! The monitoring job: every enabled region probed at once, each within the BBB client's timeout,
//! each result recorded, and the rooms of a region that listed its meetings corrected (a meeting
//! that ended without its callback is marked ended). Returns the rooms it corrected.
use super::health;
use super::judge::Policy;
use super::probe::probe;
use crate::error::AppResult;
use crate::regions::service as regions;
use crate::state::AppState;

#[tracing::instrument(name = "monitoring.poll.poll", level = "error", skip_all)]
pub async fn poll(ctx: &AppState, policy: Policy) -> AppResult<usize> {
    let enabled: Vec<_> = regions::all(&ctx.pool, &ctx.regions).await?.into_iter().filter(|r| r.enabled != 0).collect();
    // What runs is read before the regions are asked: only that may be found ended.
    let mut known = Vec::with_capacity(enabled.len());
    for region in &enabled {
        known.push(crate::rooms::service::status::known(ctx, &region.code).await?);
    }
    let probes = futures::future::join_all(enabled.iter().map(|region| probe(&ctx.bbb, region, &ctx.outbound))).await;
    let mut corrected = 0;
    for ((region, probe), known) in enabled.iter().zip(&probes).zip(known) {
        health::record(ctx, region, probe, policy).await?;
        measure(region, probe);
        if let Some(meetings) = &probe.meetings {
            corrected += crate::rooms::service::status::correct(ctx, known, meetings).await?;
        }
    }
    Ok(corrected)
}

/// The poll's figures as metrics, labelled by region.
fn measure(region: &crate::regions::service::RegionRecord, probe: &super::probe::Probe) {
    let code = region.code.clone();
    metrics::gauge!("region_up", "region" => code.clone()).set(if probe.ok { 1.0 } else { 0.0 });
    metrics::gauge!("region_capacity", "region" => code.clone()).set(region.capacity as f64);
    if let Some(ms) = probe.latency_ms {
        metrics::histogram!("region_latency_seconds", "region" => code.clone()).record(ms as f64 / 1000.0);
    }
    if let Some(load) = probe.load() {
        metrics::gauge!("region_meetings", "region" => code.clone()).set(load.meetings as f64);
        metrics::gauge!("region_participants", "region" => code).set(load.participants as f64);
    }
}
