//! The membership pages' server functions: a member's own standing; the admins' tiers, rates and
//! grants.
use super::model::{Overview, Standing, Tier, TierForm};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::service::{allow, grants, overview, tiers},
    crate::accounts::service::auth::{require_admin, require_user},
    crate::edge::finish,
    crate::state::state,
};

/// The member's tier and why, with every tier to compare; `None` when the co-op has no tiers.
#[server(endpoint = "membership/mine")]
pub async fn my_membership() -> Result<Option<(Standing, Vec<Tier>)>, AppError> {
    finish(
        async {
            let s = state()?;
            let me = require_user(&s.pool).await?;
            Ok(allow::of(&s, me.id).await?.map(|m| {
                let standing = overview::standing_view(&m, &crate::accounts::service::users::reader(&me));
                (standing, m.tiers)
            }))
        }
        .await,
    )
}

#[server(endpoint = "membership/overview")]
pub async fn membership_overview() -> Result<Overview, AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            overview::overview(&s, &crate::accounts::service::users::reader(&admin)).await
        }
        .await,
    )
}

#[server(endpoint = "membership/tier")]
pub async fn save_tier(#[server(flatten)] form: TierForm) -> Result<i64, AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            let id = tiers::save(&s, &form).await?;
            let done = if form.id().is_some() { "changed" } else { "created" };
            crate::edge::audit(&s, admin.id, "tier.changed", form.name.trim(), done).await?;
            leptos_axum::redirect("/admin/membership?saved=1");
            Ok(id)
        }
        .await,
    )
}

#[server(endpoint = "membership/tier_delete")]
pub async fn delete_tier(id: i64) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            let name = tiers::delete(&s, id).await?;
            crate::edge::audit(&s, admin.id, "tier.changed", &name, "deleted").await?;
            leptos_axum::redirect("/admin/membership");
            Ok(())
        }
        .await,
    )
}

/// Sets what one unit of `from` counts as in `to`; an empty rate removes it.
#[server(endpoint = "membership/rate")]
pub async fn set_rate(from: String, to: String, rate: String) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            require_admin(&s.pool).await?;
            tiers::set_rate(&s, &from, &to, &rate).await?;
            leptos_axum::redirect("/admin/membership?saved=1");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "membership/grant")]
pub async fn grant_tier(email: String, tier: i64, ends: String, note: String) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            let tier = grants::grant(&s, &admin, &email, tier, &ends, &note).await?;
            crate::edge::audit(&s, admin.id, "grant.changed", email.trim(), &format!("given: {tier} until {ends}"))
                .await?;
            leptos_axum::redirect("/admin/membership?saved=1");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "membership/revoke")]
pub async fn revoke_grant(id: i64) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            if let Some((member, tier)) = grants::revoke(&s, id).await? {
                crate::edge::audit(&s, admin.id, "grant.changed", &member, &format!("revoked: {tier}")).await?;
            }
            leptos_axum::redirect("/admin/membership");
            Ok(())
        }
        .await,
    )
}
