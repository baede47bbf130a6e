//! Retention: a tier keeps its members' recordings for a number of days; older ones are deleted on
//! their region by the `recording_retention` job. Before that, each owner is mailed, at most once a
//! week, the list of their recordings that go within two weeks, and none goes sooner than a week
//! after its owner was told. Where the tier allows it, a room's manager keeps one past the period.
//! Every deletion is in the security log. The only writer of `recording_keeps` and
//! `recording_expiry_notices`.
use crate::accounts::service::{User, emails, users};
use crate::clock::Timestamp;
use crate::error::{AppError, AppResult, Msg, Step, bbb_message};
use crate::recordings::model::Retention;
use crate::state::AppState;

pub const DAY: i64 = 86_400;
/// A recording is deleted no sooner than this after its owner was told, and owners are told at
/// most this often.
pub const NOTICE: i64 = 7 * DAY;
/// A notice lists what goes within this.
const AHEAD: i64 = 14 * DAY;

/// A recording of an owner's rooms that the retention rule reaches, from the index.
#[derive(sqlx::FromRow)]
struct Reached {
    record_id: String,
    room_id: i64,
    name: String,
    slug: String,
    meeting_id: String,
    region_code: String,
    started_at: i64,
}

/// The rule of `owner_id`'s tier: its days and whether keeping is allowed; `None` keeps for ever.
async fn rule_of(ctx: &AppState, owner_id: i64) -> AppResult<Option<(i64, bool)>> {
    let Some(membership) = crate::membership::service::allow::of(ctx, owner_id).await? else { return Ok(None) };
    Ok(rule(membership.limits()))
}

fn rule(limits: &crate::membership::model::Limits) -> Option<(i64, bool)> {
    limits.retention_days.filter(|d| *d > 0).map(|days| (days, limits.keep_recordings))
}

/// Where one recording of the room owned by `owner_id` stands with the rule, for `reader`.
pub async fn standing(
    ctx: &AppState,
    owner_id: i64,
    record_id: &str,
    started_at: i64,
    reader: &crate::time_display::Reader,
) -> AppResult<Option<Retention>> {
    let Some((days, may_keep)) = rule_of(ctx, owner_id).await? else { return Ok(None) };
    let noticed: Option<i64> =
        sqlx::query_scalar("SELECT noticed_at FROM recording_expiry_notices WHERE record_id = $1")
            .bind(record_id)
            .fetch_optional(&ctx.pool)
            .await
            .step("read recording_expiry_notices")?;
    let kept = sqlx::query_scalar::<_, i64>("SELECT kept_at FROM recording_keeps WHERE record_id = $1")
        .bind(record_id)
        .fetch_optional(&ctx.pool)
        .await
        .step("read recording_keeps")?
        .is_some();
    // Not told yet: it goes a week after the notice at the earliest.
    let told = noticed.unwrap_or_else(|| ctx.clock.now().secs());
    let deletes_at = Timestamp::from_secs((started_at + days * DAY).max(told + NOTICE));
    let deletes_on = crate::time_display::day(deletes_at, reader);
    Ok(Some(Retention { days, deletes_on, kept: kept && may_keep, may_keep }))
}

/// A room's manager keeps `record_id` past the period (or lets it go again), where the room
/// owner's tier allows it. The caller has checked the recording is the room's.
pub async fn keep(
    ctx: &AppState,
    user: &User,
    room: &crate::rooms::service::store::RoomRow,
    record_id: &str,
    keep: bool,
) -> AppResult<()> {
    if keep {
        match rule_of(ctx, room.owner_id).await? {
            Some((_, true)) => {}
            Some((_, false)) => return Err(AppError::Refused(Msg::new("recording.retention.keep_not_allowed"))),
            None => return Err(AppError::Refused(Msg::new("recording.retention.kept_anyway"))),
        }
        sqlx::query(
            "INSERT INTO recording_keeps (record_id, room_id, kept_by, kept_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (record_id) DO NOTHING",
        )
        .bind(record_id)
        .bind(room.id)
        .bind(user.id)
        .bind(ctx.clock.now().secs())
        .execute(&ctx.pool)
        .await
        .step("insert into recording_keeps")?;
    } else {
        sqlx::query("DELETE FROM recording_keeps WHERE record_id = $1")
            .bind(record_id)
            .execute(&ctx.pool)
            .await
            .step("delete from recording_keeps")?;
    }
    Ok(())
}

/// The job: for every owner whose tier has a period, deletes what is past it and was told a week
/// before, then tells them what goes next. Returns the recordings deleted.
#[tracing::instrument(name = "recordings.retention.run", level = "error", skip_all)]
pub async fn run(ctx: &AppState) -> AppResult<usize> {
    let owners: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT r.owner_id FROM recording_index x JOIN rooms r ON r.id = x.room_id ORDER BY r.owner_id",
    )
    .fetch_all(&ctx.pool)
    .await
    .step("read the owners of indexed recordings")?;
    // The tiers and rates are read once for every owner, not once an owner.
    let tiers = crate::membership::service::tiers::all(ctx).await?;
    if tiers.is_empty() {
        return Ok(0);
    }
    let rates = crate::membership::service::tiers::rates(ctx).await?;
    let mut deleted = 0;
    for owner in owners {
        let membership = crate::membership::service::allow::with(ctx, tiers.clone(), rates.clone(), owner).await?;
        let Some((days, may_keep)) = rule(membership.limits()) else { continue };
        deleted += expire(ctx, owner, days, may_keep).await?;
        tell(ctx, owner, days, may_keep).await?;
    }
    Ok(deleted)
}

/// The owner's indexed recordings started before `before`, not kept (where keeping counts);
/// `told` narrows them to those told about before then, else to those not told about yet.
async fn reached(
    ctx: &AppState,
    owner: i64,
    before: i64,
    may_keep: bool,
    told: Option<i64>,
) -> AppResult<Vec<Reached>> {
    let notice = match told {
        Some(_) => "JOIN recording_expiry_notices n ON n.record_id = x.record_id AND n.noticed_at <= $4",
        None => "LEFT JOIN recording_expiry_notices n ON n.record_id = x.record_id",
    };
    let untold = if told.is_some() { "" } else { " AND n.record_id IS NULL" };
    let sql = format!(
        "SELECT x.record_id, x.room_id, x.name, r.slug, r.meeting_id, r.region_code, x.started_at
         FROM recording_index x JOIN rooms r ON r.id = x.room_id {notice}
         LEFT JOIN recording_keeps k ON k.record_id = x.record_id
         WHERE r.owner_id = $1 AND x.started_at < $2 AND ($3 = 0 OR k.record_id IS NULL){untold}
         ORDER BY x.started_at, x.record_id"
    );
    let query = sqlx::query_as(&sql).bind(owner).bind(before).bind(i64::from(may_keep));
    let query = match told {
        Some(at) => query.bind(at),
        None => query,
    };
    query.fetch_all(&ctx.pool).await.step("read recordings past their period")
}

/// Deletes the owner's recordings past the period whose notice is a week old, on their regions.
async fn expire(ctx: &AppState, owner: i64, days: i64, may_keep: bool) -> AppResult<usize> {
    let now = ctx.clock.now().secs();
    let due = reached(ctx, owner, now - days * DAY + 1, may_keep, Some(now - NOTICE)).await?;
    let mut deleted = 0;
    for r in due {
        let Some(region) = crate::regions::service::get(&ctx.pool, &ctx.regions, &r.region_code).await? else {
            continue;
        };
        let ids = [r.record_id.clone()];
        if let Err(e) = ctx.bbb.delete_recordings(&region.endpoint(), &ids).await {
            // Tried again at the next run; the rest go on.
            tracing::warn!(record = %r.record_id, error = %bbb_message(&e).key, "retention: not deleted");
            continue;
        }
        super::index::remove(ctx, &r.record_id).await?;
        ctx.recordings.forget(ctx, &r.meeting_id).await?;
        let detail = format!("{} ({}) after {days} days", r.name, r.record_id);
        let event = crate::security_log::Event {
            kind: "recording.expired",
            actor_id: None,
            subject: &r.slug,
            address: "",
            detail: &detail,
        };
        crate::security_log::record(&ctx.pool, &ctx.clock, event).await?;
        deleted += 1;
    }
    Ok(deleted)
}

/// Mails the owner the recordings that go within two weeks and were not told about, unless they
/// were mailed this week; the notices and the mail are written in one transaction.
async fn tell(ctx: &AppState, owner: i64, days: i64, may_keep: bool) -> AppResult<()> {
    let now = ctx.clock.now();
    let last: Option<i64> =
        sqlx::query_scalar("SELECT MAX(noticed_at) FROM recording_expiry_notices WHERE owner_id = $1")
            .bind(owner)
            .fetch_one(&ctx.pool)
            .await
            .step("read recording_expiry_notices")?;
    if last.is_some_and(|at| at > now.secs() - NOTICE) {
        return Ok(());
    }
    let soon = reached(ctx, owner, now.secs() - days * DAY + AHEAD, may_keep, None).await?;
    let Some(user) = users::by_id(&ctx.pool, owner).await? else { return Ok(()) };
    if soon.is_empty() {
        return Ok(());
    }
    let reader = users::reader_of(Some(&user));
    let lines: Vec<String> = soon
        .iter()
        .map(|r| {
            let goes = Timestamp::from_secs((r.started_at + days * DAY).max(now.secs() + NOTICE));
            let when = crate::time_display::day(goes, &reader);
            format!("• {} ({}), {when}: {}/r/{}/recordings/{}", r.name, r.slug, ctx.base_url, r.slug, r.record_id)
        })
        .collect();
    let mut tx = crate::db::begin(&ctx.pool).await?;
    for r in &soon {
        sqlx::query(
            "INSERT INTO recording_expiry_notices (record_id, room_id, owner_id, noticed_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (record_id) DO NOTHING",
        )
        .bind(&r.record_id)
        .bind(r.room_id)
        .bind(owner)
        .bind(now.secs())
        .execute(&mut *tx)
        .await
        .step("insert into recording_expiry_notices")?;
    }
    let mail = emails::recordings_expiring(
        user.lang(),
        &user.email,
        &user.name,
        &lines.join("\n"),
        days,
        may_keep,
        &ctx.base_url,
    );
    crate::mail::enqueue(&mut tx, now, &mail).await?;
    tx.commit().await?;
    Ok(())
}
