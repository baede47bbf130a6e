//! Who is entitled to vote in an assembly, by its rule, on the clock's day: always an active
//! account; then, by default, a membership that has not lapsed (a paid tier, held by contributions,
//! their grace period or an admin's grant), or every active member, or members of chosen tiers.
use crate::accounts::service::User;
use crate::assemblies::model::{Rules, Voters};
use crate::error::{AppResult, Step};
use crate::membership::model::Tier;
use crate::membership::service::{allow, tiers};
use crate::state::AppState;

/// The tiers and rates read once for many members.
struct Standing {
    tiers: Vec<Tier>,
    rates: tiers::Rates,
}

impl Standing {
    async fn read(ctx: &AppState) -> AppResult<Standing> {
        Ok(Standing { tiers: tiers::all(ctx).await?, rates: tiers::rates(ctx).await? })
    }

    /// Whether the active member `user_id` votes under `rules`.
    async fn votes(&self, ctx: &AppState, rules: &Rules, user_id: i64) -> AppResult<bool> {
        let paid = |t: &Tier| t.monthly.minor > 0;
        match rules.voters {
            Voters::Active => Ok(true),
            // A co-op that asks no contribution counts every active member in good standing.
            Voters::Standing if !self.tiers.iter().any(paid) => Ok(true),
            Voters::Standing | Voters::Tiers if self.tiers.is_empty() => Ok(false),
            Voters::Standing => Ok(paid(self.tier_of(ctx, user_id).await?.tier())),
            Voters::Tiers => Ok(rules.tiers.contains(&self.tier_of(ctx, user_id).await?.tier().id)),
        }
    }

    async fn tier_of(&self, ctx: &AppState, user_id: i64) -> AppResult<allow::Membership> {
        allow::with(ctx, self.tiers.clone(), self.rates.clone(), user_id).await
    }
}

/// Whether `user` may vote under `rules` now.
pub async fn is_entitled(ctx: &AppState, rules: &Rules, user: &User) -> AppResult<bool> {
    if user.status != "active" {
        return Ok(false);
    }
    Standing::read(ctx).await?.votes(ctx, rules, user.id).await
}

/// Every member entitled to vote under `rules` now, by id.
#[tracing::instrument(name = "assemblies.voters.entitled", level = "error", skip_all)]
pub async fn entitled(ctx: &AppState, rules: &Rules) -> AppResult<Vec<i64>> {
    let active: Vec<i64> = sqlx::query_scalar("SELECT id FROM users WHERE status = 'active' ORDER BY id")
        .fetch_all(&ctx.pool)
        .await
        .step("read active users")?;
    let standing = Standing::read(ctx).await?;
    let mut entitled = Vec::with_capacity(active.len());
    for id in active {
        if standing.votes(ctx, rules, id).await? {
            entitled.push(id);
        }
    }
    Ok(entitled)
}
