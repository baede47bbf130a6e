//! The only writer of `tier_grants`: tiers given by hand (solidarity memberships) until a date.
use crate::clock::Timestamp;
use crate::error::Step;
use crate::error::{AppError, AppResult, FieldErrors, Msg};
use crate::membership::model::GrantView;
use crate::state::AppState;

/// `(tier id, end)` of each grant of `user_id` still running at `now`.
#[tracing::instrument(name = "membership.grants.active", level = "error", skip_all)]
pub async fn active(ctx: &AppState, user_id: i64, now: Timestamp) -> AppResult<Vec<(i64, Timestamp)>> {
    let rows: Vec<(i64, i64)> =
        sqlx::query_as("SELECT tier_id, ends_at FROM tier_grants WHERE user_id = $1 AND ends_at > $2")
            .bind(user_id)
            .bind(now.secs())
            .fetch_all(&ctx.pool)
            .await
            .step("read tier_grants")?;
    Ok(rows.into_iter().map(|(tier, ends)| (tier, Timestamp::from_secs(ends))).collect())
}

/// Grants `tier_id` to the member with `email` until the end of `ends` (a date, in the admin's zone);
/// returns the tier's name, for the security log.
#[tracing::instrument(name = "membership.grants.grant", level = "error", skip_all)]
pub async fn grant(
    ctx: &AppState,
    admin: &crate::accounts::service::User,
    email: &str,
    tier_id: i64,
    ends: &str,
    note: &str,
) -> AppResult<String> {
    let mut errors = FieldErrors::default();
    let member = crate::accounts::service::users::by_email(&ctx.pool, email.trim()).await?;
    if member.is_none() {
        errors.add("email", Msg::new("membership.grant.no_member"));
    }
    let ends_at = day_end(ends, &admin.time_zone).filter(|end| *end > ctx.clock.now());
    if ends_at.is_none() {
        errors.add("ends", Msg::new("membership.grant.ends_invalid"));
    }
    if note.chars().count() > 200 {
        errors.add("note", Msg::new("membership.grant.note_long"));
    }
    errors.into_result()?;
    let (Some(member), Some(ends_at)) = (member, ends_at) else { return Err(AppError::internal("checked above")) };
    let done = sqlx::query(
        "INSERT INTO tier_grants (user_id, tier_id, ends_at, note, granted_by, created_at)
         SELECT $1, id, $2, $3, $4, $5 FROM tiers WHERE id = $6",
    )
    .bind(member.id)
    .bind(ends_at.secs())
    .bind(note.trim())
    .bind(admin.id)
    .bind(ctx.clock.now().secs())
    .bind(tier_id)
    .execute(&ctx.pool)
    .await
    .step("insert into tier_grants")?;
    if done.rows_affected() == 0 {
        return Err(AppError::field("tier", "membership.grant.no_tier"));
    }
    let tier: Option<String> = sqlx::query_scalar("SELECT name FROM tiers WHERE id = $1")
        .bind(tier_id)
        .fetch_optional(&ctx.pool)
        .await
        .step("read tiers")?;
    Ok(tier.unwrap_or_default())
}

/// The last second of the day `date` (`2026-12-31`) in `zone`.
fn day_end(date: &str, zone: &str) -> Option<Timestamp> {
    use crate::dates as times;
    let day = times::naive_date(crate::dates::parse_date(date)?)?;
    Some(times::moment(times::zone(zone), day.and_hms_opt(23, 59, 59)?))
}

/// Ends a grant now; returns whose it was and its tier, for the security log (`None`: no such grant).
#[tracing::instrument(name = "membership.grants.revoke", level = "error", skip_all)]
pub async fn revoke(ctx: &AppState, id: i64) -> AppResult<Option<(String, String)>> {
    let mut tx = crate::db::begin(&ctx.pool).await?;
    let whose: Option<(String, String)> = sqlx::query_as(
        "SELECT u.email, t.name FROM tier_grants g JOIN users u ON u.id = g.user_id JOIN tiers t ON t.id = g.tier_id
         WHERE g.id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await
    .step("read tier_grants")?;
    sqlx::query("DELETE FROM tier_grants WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await
        .step("delete from tier_grants")?;
    tx.commit().await?;
    Ok(whose)
}

/// Ends every grant of a tier that is being deleted, in the deletion's transaction.
#[tracing::instrument(name = "membership.grants.end_all_of_tier", level = "error", skip_all)]
pub async fn end_all_of_tier(tx: &mut sqlx::Transaction<'static, sqlx::Any>, tier_id: i64) -> AppResult<()> {
    sqlx::query("DELETE FROM tier_grants WHERE tier_id = $1")
        .bind(tier_id)
        .execute(&mut **tx)
        .await
        .step("delete from tier_grants")?;
    Ok(())
}

/// The running grants, soonest ending first, with times for `reader`.
#[tracing::instrument(name = "membership.grants.running", level = "error", skip_all)]
pub async fn running(ctx: &AppState, reader: &crate::time_display::Reader) -> AppResult<Vec<GrantView>> {
    let rows: Vec<(i64, String, String, i64, String)> = sqlx::query_as(
        "SELECT g.id, u.name, t.name, g.ends_at, g.note FROM tier_grants g
           JOIN users u ON u.id = g.user_id JOIN tiers t ON t.id = g.tier_id
         WHERE g.ends_at > $1 ORDER BY g.ends_at, g.id",
    )
    .bind(ctx.clock.now().secs())
    .fetch_all(&ctx.pool)
    .await
    .step("read tier_grants")?;
    Ok(rows
        .into_iter()
        .map(|(id, member, tier, ends, note)| GrantView {
            id,
            member,
            tier,
            ends: crate::time_display::local(Timestamp::from_secs(ends), reader),
            note,
        })
        .collect())
}
