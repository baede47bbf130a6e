//! The admins' membership page: tiers, rates, running grants, how many members each tier has, and
//! who is lapsing.
use super::{allow, grants, lapsing, tiers};
use crate::error::AppResult;
use crate::error::Step;
use crate::membership::model::{Lapsing, Overview};
use crate::state::AppState;

#[tracing::instrument(name = "membership.overview.overview", level = "error", skip_all)]
pub async fn overview(ctx: &AppState, reader: &crate::time_display::Reader) -> AppResult<Overview> {
    let all = tiers::all(ctx).await?;
    let rates = tiers::rates(ctx).await?;
    let mut counts = vec![0_i64; all.len()];
    if !all.is_empty() {
        // Members with contributions or grants are computed; everyone else is in the free tier.
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM users WHERE status = 'active' AND (
                 id IN (SELECT user_id FROM contributions WHERE user_id IS NOT NULL)
                 OR id IN (SELECT user_id FROM tier_grants WHERE ends_at > $1))",
        )
        .bind(ctx.clock.now().secs())
        .fetch_all(&ctx.pool)
        .await
        .step("read users")?;
        let members: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE status = 'active'")
            .fetch_one(&ctx.pool)
            .await
            .step("read users")?;
        counts[0] = members - ids.len() as i64;
        for id in ids {
            counts[allow::with(ctx, all.clone(), rates.clone(), id).await?.now.tier] += 1;
        }
    }
    let lapsing = lapsing::in_grace(ctx)
        .await?
        .into_iter()
        .map(|(user, m)| Lapsing {
            member: user.name,
            email: user.email,
            tier: m.tier().name.clone(),
            ends: m.now.grace_ends.map(|t| crate::time_display::local(t, reader)).unwrap_or_default(),
        })
        .collect();
    Ok(Overview {
        members_per_tier: all.iter().zip(counts).map(|(t, n)| (t.name.clone(), n)).collect(),
        rates: rates.into_iter().map(|((from, to), micros)| (from, to, tiers::rate_text(micros))).collect(),
        grants: grants::running(ctx, reader).await?,
        tiers: all,
        lapsing,
    })
}

/// A member's standing as their page shows it, times for `reader`.
pub fn standing_view(
    m: &allow::Membership,
    reader: &crate::time_display::Reader,
) -> crate::membership::model::Standing {
    use crate::membership::model::{Reason, Standing};
    let shown = |t: crate::clock::Timestamp| crate::time_display::local(t, reader);
    let reason = match (m.now.granted_until, m.now.grace_ends) {
        (Some(ends), _) => Reason::Granted { ends: shown(ends) },
        (None, Some(ends)) => Reason::Grace { ends: shown(ends), stopped: m.now.stopped },
        _ if m.now.tier == 0 => Reason::Free,
        _ => Reason::Contributions,
    };
    Standing {
        tier: m.tier().clone(),
        reason,
        per_month: super::standing::monthly_money(&m.now, m.tier()),
        next_expected: m.now.next_expected.map(shown),
    }
}
