//! What the contributions pages read: a member's own list, the admins' recent list, the unmatched
//! queue, income per month, the audit log, and the treasurer's CSV export.
use super::manual;
use crate::clock::Timestamp;
use crate::contributions::model::{AuditView, ContributionView, Money, MonthIncome, Unmatched};
use crate::csv_cell::text;
use crate::error::AppResult;
use crate::error::Step;
use crate::membership::service::{standing, tiers};
use crate::state::AppState;
use crate::time_display::{Reader, local};
use std::collections::BTreeMap;

#[derive(sqlx::FromRow)]
struct Listed {
    id: i64,
    contributed_at: i64,
    amount_minor: i64,
    currency: String,
    source: String,
    frequency: String,
    external_ref: String,
    note: String,
    member: Option<String>,
    member_email: Option<String>,
}

const LISTED: &str = "SELECT c.id, c.contributed_at, c.amount_minor, c.currency, c.source, c.frequency, c.external_ref,
        c.note, u.name AS member, u.email AS member_email
    FROM contributions c LEFT JOIN users u ON u.id = c.user_id";

impl Listed {
    fn view(self, reader: &Reader) -> ContributionView {
        ContributionView {
            id: self.id,
            date: local(Timestamp::from_secs(self.contributed_at), reader),
            amount: Money { minor: self.amount_minor, currency: self.currency }.written(reader.lang),
            manual: manual::SOURCES.contains(&self.source.as_str()),
            reference: manual::shown_reference(&self.source, &self.external_ref),
            source: self.source,
            frequency: self.frequency,
            note: self.note,
            member: self.member,
        }
    }
}

/// A member's contributions, newest first.
#[tracing::instrument(name = "contributions.reports.of_member", level = "error", skip_all)]
pub async fn of_member(ctx: &AppState, user_id: i64, reader: &Reader) -> AppResult<Vec<ContributionView>> {
    let sql = format!("{LISTED} WHERE c.user_id = $1 ORDER BY c.contributed_at DESC, c.id DESC LIMIT 200");
    let rows: Vec<Listed> = sqlx::query_as(&sql).bind(user_id).fetch_all(&ctx.pool).await?;
    Ok(rows.into_iter().map(|r| r.view(reader)).collect())
}

/// The latest contributions of everybody.
#[tracing::instrument(name = "contributions.reports.recent", level = "error", skip_all)]
pub async fn recent(ctx: &AppState, reader: &Reader) -> AppResult<Vec<ContributionView>> {
    let sql = format!("{LISTED} ORDER BY c.contributed_at DESC, c.id DESC LIMIT 50");
    let rows: Vec<Listed> = sqlx::query_as(&sql).fetch_all(&ctx.pool).await?;
    Ok(rows.into_iter().map(|r| r.view(reader)).collect())
}

/// The manual contribution `id` as its correction form starts.
#[tracing::instrument(name = "contributions.reports.manual_form", level = "error", skip_all)]
pub async fn manual_form(
    ctx: &AppState,
    id: i64,
    zone: &str,
) -> AppResult<Option<crate::contributions::model::ManualForm>> {
    let sql = format!("{LISTED} WHERE c.id = $1");
    let Some(row): Option<Listed> = sqlx::query_as(&sql).bind(id).fetch_optional(&ctx.pool).await? else {
        return Ok(None);
    };
    if !manual::SOURCES.contains(&row.source.as_str()) {
        return Ok(None);
    }
    let date = crate::time_display::form_date(Timestamp::from_secs(row.contributed_at), zone);
    let amount = Money { minor: row.amount_minor, currency: row.currency.clone() }.decimal();
    Ok(Some(crate::contributions::model::ManualForm {
        id: row.id.to_string(),
        email: row.member_email.clone().unwrap_or_default(),
        amount,
        currency: row.currency,
        date,
        frequency: row.frequency,
        reference: manual::shown_reference(&row.source, &row.external_ref),
        source: row.source,
        note: row.note,
    }))
}

/// Contributors nobody is linked to, with what waits for them.
#[tracing::instrument(name = "contributions.reports.unmatched", level = "error", skip_all)]
pub async fn unmatched(ctx: &AppState, lang: crate::i18n::Lang) -> AppResult<Vec<Unmatched>> {
    let rows: Vec<(i64, String, String, String, i64, i64)> = sqlx::query_as(
        "SELECT k.id, k.name, k.external_key, c.currency, COUNT(*), CAST(SUM(c.amount_minor) AS BIGINT)
         FROM contributors k JOIN contributions c ON c.contributor_id = k.id
         WHERE k.user_id IS NULL GROUP BY k.id, k.name, k.external_key, c.currency ORDER BY k.name, k.id, c.currency",
    )
    .fetch_all(&ctx.pool)
    .await
    .step("read contributors")?;
    let mut queue: Vec<Unmatched> = Vec::new();
    for (id, name, key, currency, count, sum) in rows {
        let money = Money { minor: sum, currency }.written(lang);
        match queue.last_mut() {
            Some(last) if last.id == id => {
                last.contributions += count;
                last.total = format!("{}, {money}", last.total);
            }
            _ => queue.push(Unmatched { id, name, key, contributions: count, total: money }),
        }
    }
    Ok(queue)
}

/// The chart's currency: the free tier's, else the most used one.
async fn chart_currency(ctx: &AppState) -> AppResult<String> {
    if let Some(tier) = tiers::all(ctx).await?.into_iter().next() {
        return Ok(tier.monthly.currency);
    }
    let most: Option<String> = sqlx::query_scalar(
        "SELECT currency FROM contributions GROUP BY currency ORDER BY COUNT(*) DESC, currency LIMIT 1",
    )
    .fetch_optional(&ctx.pool)
    .await
    .step("read contributions")?;
    Ok(most.unwrap_or_else(|| "EUR".into()))
}

/// Income of the last `months` calendar months (UTC), recurring and one-off, by source, net of
/// refunds, in the chart's currency; and the currencies left out for want of a rate.
#[tracing::instrument(name = "contributions.reports.income", level = "error", skip_all)]
pub async fn income(ctx: &AppState, months: u32) -> AppResult<(String, Vec<MonthIncome>, Vec<String>)> {
    use chrono::{Datelike, Months};
    let currency = chart_currency(ctx).await?;
    let rates = tiers::rates(ctx).await?;
    let now = chrono::DateTime::from_timestamp(ctx.clock.now().secs(), 0).unwrap_or_default();
    let first = now
        .date_naive()
        .with_day(1)
        .and_then(|d| d.checked_sub_months(Months::new(months.saturating_sub(1))))
        .unwrap_or_default();
    let since = first.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc().timestamp();
    let rows: Vec<(i64, i64, String, String, String)> = sqlx::query_as(
        "SELECT contributed_at, amount_minor, currency, source, frequency FROM contributions WHERE contributed_at >= $1",
    )
    .bind(since)
    .fetch_all(&ctx.pool)
    .await.step("read contributions")?;
    let mut by_month: BTreeMap<String, MonthIncome> = (0..months)
        .filter_map(|i| first.checked_add_months(Months::new(i)))
        .map(|d| {
            let month = d.format("%Y-%m").to_string();
            (month.clone(), MonthIncome { month, recurring: 0, one_off: 0, by_source: Vec::new() })
        })
        .collect();
    let mut left_out = Vec::new();
    for (at, minor, from, source, frequency) in rows {
        let Some(value) = standing::convert(&rates, minor, &from, &currency) else {
            if !left_out.contains(&from) {
                left_out.push(from);
            }
            continue;
        };
        let month = chrono::DateTime::from_timestamp(at, 0).unwrap_or_default().format("%Y-%m").to_string();
        let Some(entry) = by_month.get_mut(&month) else { continue };
        // Saturating, as a member's month is (`standing::per_month`): never wrapped into a low sum.
        let total = if frequency == "oneoff" { &mut entry.one_off } else { &mut entry.recurring };
        *total = total.saturating_add(value);
        match entry.by_source.iter_mut().find(|(s, _)| *s == source) {
            Some((_, sum)) => *sum = sum.saturating_add(value),
            None => entry.by_source.push((source, value)),
        }
    }
    left_out.sort();
    Ok((currency, by_month.into_values().collect(), left_out))
}

/// The latest admin changes to contributions.
#[tracing::instrument(name = "contributions.reports.audit_log", level = "error", skip_all)]
pub async fn audit_log(ctx: &AppState, reader: &Reader) -> AppResult<Vec<AuditView>> {
    let rows: Vec<(i64, Option<String>, String, i64, String, String)> = sqlx::query_as(
        "SELECT a.at, u.name, a.action, a.contribution_id, a.old_value, a.new_value
         FROM contribution_audit a LEFT JOIN users u ON u.id = a.actor_id ORDER BY a.at DESC, a.id DESC LIMIT 50",
    )
    .fetch_all(&ctx.pool)
    .await
    .step("read contribution_audit")?;
    Ok(rows
        .into_iter()
        .map(|(at, actor, action, contribution, old_value, new_value)| AuditView {
            at: local(Timestamp::from_secs(at), reader),
            actor: actor.unwrap_or_default(),
            action,
            contribution,
            old_value,
            new_value,
        })
        .collect())
}

/// Every contribution as CSV for the treasurer, written by the `csv` crate: dates in UTC (RFC 3339),
/// amounts as decimal text of their currency, never floating point.
#[tracing::instrument(name = "contributions.reports.csv_export", level = "error", skip_all)]
pub async fn csv_export(ctx: &AppState) -> AppResult<Vec<u8>> {
    let rows: Vec<Listed> =
        sqlx::query_as(&format!("{LISTED} ORDER BY c.contributed_at, c.id")).fetch_all(&ctx.pool).await?;
    let mut out = csv::Writer::from_writer(Vec::new());
    let header =
        ["date", "amount", "currency", "amount_minor", "source", "frequency", "reference", "member", "email", "note"];
    let failed = |e: csv::Error| crate::error::AppError::internal(format_args!("writing the CSV: {e}"));
    out.write_record(header).map_err(failed)?;
    for r in rows {
        let date = chrono::DateTime::from_timestamp(r.contributed_at, 0).unwrap_or_default().to_rfc3339();
        let amount = Money { minor: r.amount_minor, currency: r.currency.clone() }.decimal();
        let reference = manual::shown_reference(&r.source, &r.external_ref);
        let minor = r.amount_minor.to_string();
        // What people typed (names, emails, references, notes) is written as text, never a formula.
        let record = [
            date.as_str(),
            &amount,
            &r.currency,
            &minor,
            &r.source,
            &r.frequency,
            &text(&reference),
            &text(r.member.as_deref().unwrap_or("")),
            &text(r.member_email.as_deref().unwrap_or("")),
            &text(&r.note),
        ];
        out.write_record(record).map_err(failed)?;
    }
    out.into_inner().map_err(|e| crate::error::AppError::internal(format_args!("writing the CSV: {e}")))
}

/// What the import `id` did, as its upload's redirect shows it.
#[tracing::instrument(name = "contributions.reports.import_report", level = "error", skip_all)]
pub async fn import_report(ctx: &AppState, id: i64) -> AppResult<Option<crate::contributions::model::ImportReport>> {
    let report: Option<String> = sqlx::query_scalar("SELECT report FROM contribution_imports WHERE id = $1")
        .bind(id)
        .fetch_optional(&ctx.pool)
        .await
        .step("read contribution_imports")?;
    Ok(report.and_then(|r| serde_json::from_str(&r).ok()))
}

/// The Open Collective profile a member is linked to, if any.
#[tracing::instrument(name = "contributions.reports.profile", level = "error", skip_all)]
pub async fn profile(ctx: &AppState, user_id: i64) -> AppResult<Option<String>> {
    sqlx::query_scalar(
        "SELECT external_key FROM contributors WHERE source = 'opencollective' AND user_id = $1 ORDER BY id LIMIT 1",
    )
    .bind(user_id)
    .fetch_optional(&ctx.pool)
    .await
    .step("read contributors")
}
