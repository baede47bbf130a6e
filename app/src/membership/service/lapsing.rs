//! Members whose tier holds only by the grace period: listed for admins, and mailed once before the
//! grace ends (`membership_notice_days` before), so nobody loses access without warning. The mail is
//! recorded in `membership_notices` in the transaction that queues it: once per grace period, across
//! restarts and however many processes run the `membership` job.
use super::allow::{self, Membership};
use super::tiers;
use crate::accounts::service::{User, emails, users};
use crate::error::AppResult;
use crate::error::Step;
use crate::i18n::Lang;
use crate::state::AppState;

/// Every member in their grace period now, soonest ending first.
#[tracing::instrument(name = "membership.lapsing.in_grace", level = "error", skip_all)]
pub async fn in_grace(ctx: &AppState) -> AppResult<Vec<(User, Membership)>> {
    let tiers = tiers::all(ctx).await?;
    if tiers.is_empty() {
        return Ok(Vec::new());
    }
    let rates = tiers::rates(ctx).await?;
    let since = ctx.clock.now().plus(-(400 * 86_400 + ctx.membership.grace_seconds));
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT user_id FROM contributions WHERE user_id IS NOT NULL AND contributed_at > $1 ORDER BY user_id",
    )
    .bind(since.secs())
    .fetch_all(&ctx.pool)
    .await
    .step("read contributions")?;
    let mut found = Vec::new();
    for id in ids {
        let membership = allow::with(ctx, tiers.clone(), rates.clone(), id).await?;
        if membership.now.grace_ends.is_some()
            && let Some(user) = users::by_id(&ctx.pool, id).await?
        {
            found.push((user, membership));
        }
    }
    found.sort_by_key(|(_, m)| m.now.grace_ends);
    Ok(found)
}

/// Queues the mail of every member whose grace ends within the notice period; returns how many.
#[tracing::instrument(name = "membership.lapsing.notify_due", level = "error", skip_all)]
pub async fn notify_due(ctx: &AppState) -> AppResult<usize> {
    let now = ctx.clock.now();
    let mut sent = 0;
    for (user, membership) in in_grace(ctx).await? {
        let Some(ends) = membership.now.grace_ends else { continue };
        if ends.since(now) > ctx.membership.notice_seconds {
            continue;
        }
        let mut tx = crate::db::begin(&ctx.pool).await?;
        let first = sqlx::query(
            "INSERT INTO membership_notices (user_id, grace_ends, sent_at) VALUES ($1, $2, $3)
             ON CONFLICT (user_id, grace_ends) DO NOTHING",
        )
        .bind(user.id)
        .bind(ends.secs())
        .bind(now.secs())
        .execute(&mut *tx)
        .await
        .step("insert into membership_notices")?
        .rows_affected()
            == 1;
        if !first {
            continue;
        }
        let lang = Lang::from_code(&user.language).unwrap_or_default();
        let about = format!(
            "{} ({})",
            membership.tier().name,
            crate::time_display::local(ends, &crate::accounts::service::users::reader(&user))
        );
        let link = format!("{}/membership", ctx.base_url);
        let mail = emails::compose(
            lang,
            &user.email,
            &user.name,
            "membership_lapsing",
            Some(&link),
            &[("date", about.into())],
        );
        crate::mail::enqueue(&mut tx, now, &mail).await?;
        tx.commit().await?;
        sent += 1;
    }
    if sent > 0 {
        ctx.mailer.wake();
    }
    Ok(sent)
}
