//! The minutes' material: who attended (voting members with the day they became members, and
//! observers), each interval of presence, and the quorum's timeline; as a printable page and as
//! CSV. Kept for the assembly's `keep_days` after it ends, then deleted by the `assembly_records`
//! job (the join form says so).
use super::{Assembly, quorum};
use super::{polls, store};
use crate::assemblies::model::{MinutesLine, MinutesView, PollLine};
use crate::clock::Timestamp;
use crate::error::{AppError, AppResult, Step};
use crate::state::AppState;
use crate::time_display::{Reader, day, local};

/// An attendee, and each of their intervals (from, to) in seconds.
struct Attended {
    name: String,
    voting: bool,
    member_since: Option<i64>,
    intervals: Vec<(i64, Option<i64>)>,
}

async fn attended(ctx: &AppState, booking_id: i64) -> AppResult<Vec<Attended>> {
    let people: Vec<(i64, String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT a.id, a.name, a.voting, u.created_at FROM assembly_attendees a LEFT JOIN users u ON u.id = a.user_id
         WHERE a.booking_id = $1 ORDER BY a.voting DESC, a.name, a.id",
    )
    .bind(booking_id)
    .fetch_all(&ctx.pool)
    .await
    .step("read assembly_attendees")?;
    let intervals: Vec<(i64, i64, Option<i64>)> = sqlx::query_as(
        "SELECT p.attendee_id, p.from_at, p.to_at FROM assembly_presence p
         JOIN assembly_attendees a ON a.id = p.attendee_id WHERE a.booking_id = $1 ORDER BY p.from_at",
    )
    .bind(booking_id)
    .fetch_all(&ctx.pool)
    .await
    .step("read assembly_presence")?;
    Ok(people
        .into_iter()
        .map(|(id, name, voting, member_since)| Attended {
            name,
            voting: voting != 0,
            member_since,
            intervals: intervals.iter().filter(|(a, _, _)| *a == id).map(|(_, from, to)| (*from, *to)).collect(),
        })
        .collect())
}

/// The minutes as the chair reads them, in their zone and language.
#[tracing::instrument(name = "assemblies.minutes.read", level = "error", skip_all)]
pub async fn read(ctx: &AppState, assembly: &Assembly, reader: &Reader) -> AppResult<MinutesView> {
    let at = |secs: i64| local(Timestamp::from_secs(secs), reader);
    let row = store::get(ctx, assembly.row.booking_id).await?.ok_or(AppError::NotFound)?;
    let attendees = attended(ctx, row.booking_id)
        .await?
        .into_iter()
        .map(|a| MinutesLine {
            minutes: a.intervals.iter().map(|(from, to)| to.map_or(0, |to| (to - from) / 60)).sum::<i64>() as u32,
            present: a.intervals.iter().map(|(from, to)| (at(*from), to.map(at))).collect(),
            member_since: a.member_since.map(|s| day(Timestamp::from_secs(s), reader)),
            name: a.name,
            voting: a.voting,
        })
        .collect();
    let state = quorum::state(ctx, assembly, reader).await?;
    let polls = polls::of(ctx, row.booking_id)
        .await?
        .into_iter()
        .map(|p| PollLine {
            question: p.question,
            at: p.started_at.map(at),
            published: p.published,
            results: p.results,
        })
        .collect();
    let kept_until = assembly.booking.ends_at + i64::from(assembly.row.rules().keep_days) * 86_400;
    Ok(MinutesView {
        title: assembly.booking.title.clone(),
        when: at(assembly.booking.starts_at),
        entitled: state.entitled,
        needed: state.needed,
        attendees,
        changes: state.changes,
        polls,
        kept_until: day(Timestamp::from_secs(kept_until), reader),
    })
}

/// The attendance as CSV, one line per interval: times in UTC (RFC 3339); names as text a
/// spreadsheet never reads as a formula.
pub async fn csv(ctx: &AppState, booking_id: i64) -> AppResult<Vec<u8>> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let failed = |e: csv::Error| AppError::internal(format_args!("writing the minutes' CSV: {e}"));
    let utc = |secs: i64| chrono::DateTime::from_timestamp(secs, 0).unwrap_or_default().to_rfc3339();
    out.write_record(["name", "role", "member_since", "from", "to"]).map_err(failed)?;
    for a in attended(ctx, booking_id).await? {
        let role = if a.voting { "voting member" } else { "observer" };
        let since = a.member_since.map(|s| utc(s)[..10].to_string()).unwrap_or_default();
        for (from, to) in &a.intervals {
            let to = to.map(utc).unwrap_or_default();
            let name = crate::csv_cell::text(&a.name);
            out.write_record([name.as_ref(), role, &since, &utc(*from), &to]).map_err(failed)?;
        }
    }
    out.into_inner().map_err(|e| AppError::internal(format_args!("writing the minutes' CSV: {e}")))
}

/// The `assembly_records` job: the record of each assembly ended longer ago than its period is
/// deleted (who was entitled, who attended, when, the quorum's timeline). Returns the assemblies.
#[tracing::instrument(name = "assemblies.minutes.forget_due", level = "error", skip_all)]
pub async fn forget_due(ctx: &AppState) -> AppResult<usize> {
    let now = ctx.clock.now().secs();
    let due: Vec<i64> = sqlx::query_scalar(
        "SELECT a.booking_id FROM assemblies a JOIN bookings b ON b.id = a.booking_id
         WHERE b.ends_at + a.keep_days * 86400 < $1
           AND (EXISTS (SELECT 1 FROM assembly_attendees t WHERE t.booking_id = a.booking_id)
                OR EXISTS (SELECT 1 FROM assembly_voters v WHERE v.booking_id = a.booking_id)
                OR EXISTS (SELECT 1 FROM assembly_polls p WHERE p.booking_id = a.booking_id))",
    )
    .bind(now)
    .fetch_all(&ctx.pool)
    .await
    .step("read assemblies past their record's period")?;
    for id in &due {
        store::forget(ctx, *id).await?;
    }
    Ok(due.len())
}
