//! The assemblies' tables, and the only code that writes them: `assemblies`, `assembly_voters`,
//! `assembly_attendees`, `assembly_presence`, `assembly_quorum` and `assembly_notices`. Each change that must happen
//! once, whichever portal process sees it first, is a conditional write: the opening (and its
//! snapshot of voters), an arrival (one open interval per attendee), a change of the quorum.
use crate::assemblies::model::{Quorum, Rules, Voters};
use crate::error::{AppResult, Step};
use crate::state::AppState;
use sqlx::AnyConnection;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AssemblyRow {
    pub booking_id: i64,
    pub voters: String,
    pub tiers: String,
    pub observers: i64,
    pub quorum: i64,
    pub percent: i64,
    pub notice_days: i64,
    pub keep_days: i64,
    pub opened_at: Option<i64>,
    pub entitled: i64,
    pub needed: i64,
    pub reached: i64,
    pub polled_at: Option<i64>,
}

const COLUMNS: &str = "booking_id, voters, tiers, observers, quorum, percent, notice_days, keep_days, opened_at, \
    entitled, needed, reached, polled_at";

impl AssemblyRow {
    pub fn rules(&self) -> Rules {
        let count = u32::try_from(self.quorum).unwrap_or(1);
        Rules {
            voters: Voters::parse(&self.voters).unwrap_or_default(),
            tiers: self.tiers.split(',').filter_map(|t| t.parse().ok()).collect(),
            observers: self.observers != 0,
            quorum: if self.percent != 0 { Quorum::Percent(count) } else { Quorum::Count(count) },
            notice_days: u32::try_from(self.notice_days).unwrap_or(0),
            keep_days: u32::try_from(self.keep_days).unwrap_or(0),
        }
    }
}

pub async fn get(ctx: &AppState, booking_id: i64) -> AppResult<Option<AssemblyRow>> {
    let sql = format!("SELECT {COLUMNS} FROM assemblies WHERE booking_id = $1");
    let row = sqlx::query_as(&sql).bind(booking_id).fetch_optional(&ctx.pool).await.step("read assemblies")?;
    Ok(row)
}

/// Makes the booking an assembly, or changes its rules; what was recorded stays.
pub async fn save(ctx: &AppState, booking_id: i64, rules: &Rules, by: i64) -> AppResult<()> {
    let (quorum, percent) = match rules.quorum {
        Quorum::Count(n) => (n, 0),
        Quorum::Percent(p) => (p, 1),
    };
    let tiers: Vec<String> = rules.tiers.iter().map(i64::to_string).collect();
    sqlx::query(
        "INSERT INTO assemblies (booking_id, voters, tiers, observers, quorum, percent, notice_days, keep_days,
             created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (booking_id) DO UPDATE SET voters = excluded.voters, tiers = excluded.tiers,
             observers = excluded.observers, quorum = excluded.quorum, percent = excluded.percent,
             notice_days = excluded.notice_days, keep_days = excluded.keep_days",
    )
    .bind(booking_id)
    .bind(rules.voters.as_str())
    .bind(tiers.join(","))
    .bind(i64::from(rules.observers))
    .bind(i64::from(quorum))
    .bind(percent)
    .bind(i64::from(rules.notice_days))
    .bind(i64::from(rules.keep_days))
    .bind(by)
    .bind(ctx.clock.now().secs())
    .execute(&ctx.pool)
    .await
    .step("upsert into assemblies")?;
    Ok(())
}

/// Opens the assembly once: who is entitled now, and how many make the quorum. False when it was
/// open already (its snapshot stands).
pub async fn open(ctx: &AppState, booking_id: i64, entitled: &[i64], needed: u32) -> AppResult<bool> {
    let now = ctx.clock.now().secs();
    let mut tx = crate::db::begin(&ctx.pool).await?;
    let opened = sqlx::query(
        "UPDATE assemblies SET opened_at = $1, entitled = $2, needed = $3 WHERE booking_id = $4 AND opened_at IS NULL",
    )
    .bind(now)
    .bind(entitled.len() as i64)
    .bind(i64::from(needed))
    .bind(booking_id)
    .execute(&mut *tx)
    .await
    .step("open assemblies")?;
    if opened.rows_affected() == 0 {
        return Ok(false);
    }
    for user_id in entitled {
        sqlx::query("INSERT INTO assembly_voters (booking_id, user_id) VALUES ($1, $2)")
            .bind(booking_id)
            .bind(user_id)
            .execute(&mut *tx)
            .await
            .step("insert into assembly_voters")?;
    }
    tx.commit().await?;
    Ok(true)
}

/// Someone who came in through the assembly's page, consenting to the record.
pub struct Attendee<'a> {
    pub booking_id: i64,
    pub tag: &'a str,
    pub user_id: Option<i64>,
    pub name: &'a str,
    pub voting: bool,
}

/// Keeps the attendee (once per tag) and opens an interval of presence now; returns their id.
pub async fn arrive(ctx: &AppState, who: &Attendee<'_>) -> AppResult<i64> {
    let now = ctx.clock.now().secs();
    let mut tx = crate::db::begin(&ctx.pool).await?;
    sqlx::query(
        "INSERT INTO assembly_attendees (booking_id, tag, user_id, name, voting, consented_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (booking_id, tag) DO UPDATE SET name = excluded.name, voting = excluded.voting",
    )
    .bind(who.booking_id)
    .bind(who.tag)
    .bind(who.user_id)
    .bind(who.name)
    .bind(i64::from(who.voting))
    .bind(now)
    .execute(&mut *tx)
    .await
    .step("upsert into assembly_attendees")?;
    let id: i64 = sqlx::query_scalar("SELECT id FROM assembly_attendees WHERE booking_id = $1 AND tag = $2")
        .bind(who.booking_id)
        .bind(who.tag)
        .fetch_one(&mut *tx)
        .await
        .step("read assembly_attendees")?;
    present(&mut tx, id, now, false).await?;
    tx.commit().await?;
    Ok(id)
}

/// Opens an interval for the attendee unless one is open (in this process or another); `listed`
/// when BBB's list shows them.
pub async fn present(conn: &mut AnyConnection, attendee_id: i64, now: i64, listed: bool) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO assembly_presence (attendee_id, from_at, listed) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
    )
    .bind(attendee_id)
    .bind(now)
    .bind(i64::from(listed))
    .execute(conn)
    .await
    .step("insert into assembly_presence")?;
    Ok(())
}

/// BBB's list shows the attendee in their open interval.
pub async fn listed(conn: &mut AnyConnection, attendee_id: i64) -> AppResult<()> {
    sqlx::query("UPDATE assembly_presence SET listed = 1 WHERE attendee_id = $1 AND to_at IS NULL AND listed = 0")
        .bind(attendee_id)
        .execute(conn)
        .await
        .step("update assembly_presence")?;
    Ok(())
}

/// Closes the attendee's open interval, if any, at `now`.
pub async fn absent(conn: &mut AnyConnection, attendee_id: i64, now: i64) -> AppResult<()> {
    sqlx::query("UPDATE assembly_presence SET to_at = $1 WHERE attendee_id = $2 AND to_at IS NULL")
        .bind(now)
        .bind(attendee_id)
        .execute(conn)
        .await
        .step("update assembly_presence")?;
    Ok(())
}

/// The region answered for the assembly's meeting at `now`.
pub async fn polled(conn: &mut AnyConnection, booking_id: i64, now: i64) -> AppResult<()> {
    sqlx::query("UPDATE assemblies SET polled_at = $1 WHERE booking_id = $2")
        .bind(now)
        .bind(booking_id)
        .execute(conn)
        .await
        .step("update assemblies")?;
    Ok(())
}

/// Records that the quorum was reached (or lost) with `present` voting members, once: false when
/// it already stood so.
pub async fn quorum_changed(ctx: &AppState, booking_id: i64, reached: bool, present: u32) -> AppResult<bool> {
    let now = ctx.clock.now().secs();
    let mut tx = crate::db::begin(&ctx.pool).await?;
    let changed = sqlx::query("UPDATE assemblies SET reached = $1 WHERE booking_id = $2 AND reached <> $1")
        .bind(i64::from(reached))
        .bind(booking_id)
        .execute(&mut *tx)
        .await
        .step("update assemblies")?;
    if changed.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query("INSERT INTO assembly_quorum (booking_id, at, reached, present) VALUES ($1, $2, $3, $4)")
        .bind(booking_id)
        .bind(now)
        .bind(i64::from(reached))
        .bind(i64::from(present))
        .execute(&mut *tx)
        .await
        .step("insert into assembly_quorum")?;
    tx.commit().await?;
    Ok(true)
}

/// Records that `user_id` was sent `kind` ("notice", "reminder") of the assembly, in the caller's
/// transaction with the mail; false when they already were.
pub async fn told(conn: &mut AnyConnection, booking_id: i64, user_id: i64, kind: &str, now: i64) -> AppResult<bool> {
    let inserted = sqlx::query(
        "INSERT INTO assembly_notices (booking_id, user_id, kind, sent_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (booking_id, user_id, kind) DO NOTHING",
    )
    .bind(booking_id)
    .bind(user_id)
    .bind(kind)
    .bind(now)
    .execute(conn)
    .await
    .step("insert into assembly_notices")?;
    Ok(inserted.rows_affected() == 1)
}

/// Deletes the assembly's record: who was entitled, who attended and when, the quorum's timeline.
/// Its rules stay (the page says the record is gone).
pub async fn forget(ctx: &AppState, booking_id: i64) -> AppResult<()> {
    let mut tx = crate::db::begin(&ctx.pool).await?;
    let deletes = [
        "DELETE FROM assembly_presence WHERE attendee_id IN (SELECT id FROM assembly_attendees WHERE booking_id = $1)",
        "DELETE FROM assembly_attendees WHERE booking_id = $1",
        "DELETE FROM assembly_voters WHERE booking_id = $1",
        "DELETE FROM assembly_quorum WHERE booking_id = $1",
    ];
    for sql in deletes {
        sqlx::query(sql).bind(booking_id).execute(&mut *tx).await.step("delete an assembly's record")?;
    }
    super::polls::forget(&mut tx, booking_id).await?;
    tx.commit().await?;
    Ok(())
}
