//! The monitoring job: every enabled region probed at once, each within the BBB client's timeout,
//! each result recorded, and the rooms of a region that listed its meetings corrected (a meeting
//! that ended without its callback is marked ended). Returns the rooms it corrected.
use super::health;
use super::judge::Policy;
use super::probe::probe;
use crate::error::AppResult;
use crate::regions::service as regions;
use crate::state::AppState;

pub async fn poll(ctx: &AppState, policy: Policy) -> AppResult<usize> {
    let enabled: Vec<_> = regions::all(&ctx.pool, &ctx.regions).await?.into_iter().filter(|r| r.enabled != 0).collect();
    let probes = futures::future::join_all(enabled.iter().map(|region| probe(&ctx.bbb, region))).await;
    let mut corrected = 0;
    for (region, probe) in enabled.iter().zip(&probes) {
        health::record(ctx, region, probe, policy).await?;
        if let Some(meetings) = &probe.meetings {
            corrected += crate::rooms::service::status::correct(ctx, &region.code, meetings).await?;
        }
    }
    Ok(corrected)
}
