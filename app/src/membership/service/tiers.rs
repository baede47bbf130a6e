//! The only writer of `tiers` and `currency_rates`. Tiers are kept in the order of their minimum
//! (then their id): the first is the free tier, each later one is "higher".
use crate::error::Step;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::membership::model::{Limits, Tier, TierForm};
use crate::money::Unread;
use crate::money::{Money, currency};
use crate::state::AppState;
use std::collections::HashMap;

#[derive(sqlx::FromRow)]
struct TierRow {
    id: i64,
    name: String,
    monthly_minor: i64,
    currency: String,
    max_rooms: Option<i64>,
    max_minutes: Option<i64>,
    max_participants: Option<i64>,
    recording: i64,
    events: i64,
    retention_days: Option<i64>,
    keep_recordings: i64,
}

impl From<TierRow> for Tier {
    fn from(r: TierRow) -> Tier {
        Tier {
            id: r.id,
            name: r.name,
            monthly: Money { minor: r.monthly_minor, currency: r.currency },
            limits: Limits {
                rooms: r.max_rooms,
                minutes: r.max_minutes,
                participants: r.max_participants,
                recording: r.recording != 0,
                events: r.events != 0,
                retention_days: r.retention_days,
                keep_recordings: r.keep_recordings != 0,
            },
        }
    }
}

/// Every tier, lowest first; empty when the co-op has none (then nothing is limited).
#[tracing::instrument(name = "membership.tiers.all", level = "error", skip_all)]
pub async fn all(ctx: &AppState) -> AppResult<Vec<Tier>> {
    let rows: Vec<TierRow> = sqlx::query_as(
        "SELECT id, name, monthly_minor, currency, max_rooms, max_minutes, max_participants, recording, events,
             retention_days, keep_recordings
         FROM tiers ORDER BY monthly_minor, id",
    )
    .fetch_all(&ctx.pool)
    .await
    .step("read tiers")?;
    Ok(rows.into_iter().map(Tier::from).collect())
}

/// An empty field is unlimited; otherwise a positive whole number.
fn limit(errors: &mut FieldErrors, field: &str, text: &str) -> Option<i64> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match text.parse::<i64>() {
        Ok(n) if n >= 0 => Some(n),
        _ => {
            errors.add(field, crate::error::Msg::new("tier.limit.invalid"));
            None
        }
    }
}

/// The form as a tier, or what is wrong with each field.
pub fn check(form: &TierForm) -> Result<(String, Money, Limits), FieldErrors> {
    let mut errors = FieldErrors::default();
    let name = form.name.trim().to_string();
    if name.is_empty() || name.chars().count() > 60 {
        errors.add("name", crate::error::Msg::new("tier.name.invalid"));
    }
    let code = currency(&form.currency);
    if code.is_none() {
        errors.add("currency", crate::error::Msg::new("tier.currency.invalid"));
    }
    let read = code.as_deref().map(|c| Money::read(&form.monthly, c));
    let ambiguous = matches!(read, Some(Err(Unread::Ambiguous)));
    let monthly = read.and_then(Result::ok).filter(|m| m.minor >= 0);
    if ambiguous {
        errors.add("monthly", crate::error::Msg::new("contributions.amount_ambiguous"));
    } else if code.is_some() && monthly.is_none() {
        errors.add("monthly", crate::error::Msg::new("tier.monthly.invalid"));
    }
    let limits = Limits {
        rooms: limit(&mut errors, "rooms", &form.rooms),
        minutes: limit(&mut errors, "minutes", &form.minutes),
        participants: limit(&mut errors, "participants", &form.participants),
        recording: form.recording.is_some(),
        events: form.events.is_some(),
        retention_days: limit(&mut errors, "retention_days", &form.retention_days),
        keep_recordings: form.keep_recordings.is_some(),
    };
    if limits.retention_days == Some(0) {
        errors.add("retention_days", crate::error::Msg::new("tier.retention_days.zero"));
    }
    match monthly {
        Some(monthly) if errors.is_empty() => Ok((name, monthly, limits)),
        _ => Err(errors),
    }
}

/// Creates the tier, or changes it when the form names one.
#[tracing::instrument(name = "membership.tiers.save", level = "error", skip_all)]
pub async fn save(ctx: &AppState, form: &TierForm) -> AppResult<i64> {
    let (name, monthly, l) = check(form).map_err(AppError::Invalid)?;
    let mut tx = crate::db::begin(&ctx.pool).await?;
    let id = match form.id() {
        Some(id) => id,
        // A new tier is made, then given its values as a change would, in one transaction.
        None => sqlx::query_scalar(
            "INSERT INTO tiers (name, monthly_minor, currency, created_at) VALUES ($1, 0, '', $2) RETURNING id",
        )
        .bind(&name)
        .bind(ctx.clock.now().secs())
        .fetch_one(&mut *tx)
        .await
        .map_err(taken)?,
    };
    let done = sqlx::query(
        "UPDATE tiers SET name = $1, monthly_minor = $2, currency = $3, max_rooms = $4, max_minutes = $5,
             max_participants = $6, recording = $7, events = $8, retention_days = $9, keep_recordings = $10
         WHERE id = $11",
    )
    .bind(&name)
    .bind(monthly.minor)
    .bind(&monthly.currency)
    .bind(l.rooms)
    .bind(l.minutes)
    .bind(l.participants)
    .bind(l.recording as i64)
    .bind(l.events as i64)
    .bind(l.retention_days)
    .bind(l.keep_recordings as i64)
    .bind(id)
    .execute(&mut *tx)
    .await
    .map_err(taken)?;
    if done.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    Ok(id)
}

fn taken(e: sqlx::Error) -> AppError {
    if crate::db::is_unique_violation(&e) { AppError::field("name", "tier.name.taken") } else { e.into() }
}

/// Deletes a tier; its grants go with it, and its members fall to the tier their contributions reach.
/// Returns its name, for the security log.
#[tracing::instrument(name = "membership.tiers.delete", level = "error", skip_all)]
pub async fn delete(ctx: &AppState, id: i64) -> AppResult<String> {
    let mut tx = crate::db::begin(&ctx.pool).await?;
    let name: String = sqlx::query_scalar("SELECT name FROM tiers WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await
        .step("read tiers")?
        .ok_or(AppError::NotFound)?;
    super::grants::end_all_of_tier(&mut tx, id).await?;
    sqlx::query("DELETE FROM tiers WHERE id = $1").bind(id).execute(&mut *tx).await.step("delete from tiers")?;
    tx.commit().await?;
    Ok(name)
}

/// Conversion rates between currencies: (from, to) → millionths of `to` per unit of `from`.
pub type Rates = HashMap<(String, String), i64>;

#[tracing::instrument(name = "membership.tiers.rates", level = "error", skip_all)]
pub async fn rates(ctx: &AppState) -> AppResult<Rates> {
    let rows: Vec<(String, String, i64)> =
        sqlx::query_as("SELECT from_currency, to_currency, rate_micros FROM currency_rates ORDER BY 1, 2")
            .fetch_all(&ctx.pool)
            .await
            .step("read currency_rates")?;
    Ok(rows.into_iter().map(|(from, to, rate)| ((from, to), rate)).collect())
}

/// Reads `0.68` as 680000 millionths, exactly (at most six decimals, more than zero).
pub fn parse_rate(text: &str) -> Option<i64> {
    let text = text.trim();
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || fraction.len() > 6 || !digits(whole) || !digits(fraction) {
        return None;
    }
    let micros =
        whole.parse::<i64>().ok()?.checked_mul(1_000_000)?.checked_add(format!("{fraction:0<6}").parse().ok()?)?;
    (micros > 0).then_some(micros)
}

/// Shows millionths as the admin typed them: 680000 → `0.68`.
pub fn rate_text(micros: i64) -> String {
    let text = format!("{}.{:06}", micros / 1_000_000, micros % 1_000_000);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Sets (or with an empty rate, removes) what one `from` counts as in `to`.
#[tracing::instrument(name = "membership.tiers.set_rate", level = "error", skip_all)]
pub async fn set_rate(ctx: &AppState, from: &str, to: &str, rate: &str) -> AppResult<()> {
    let mut errors = FieldErrors::default();
    let (from_code, to_code) = (currency(from), currency(to));
    if from_code.is_none() {
        errors.add("from", crate::error::Msg::new("tier.currency.invalid"));
    }
    if to_code.is_none() || to_code == from_code {
        errors.add("to", crate::error::Msg::new("tier.currency.invalid"));
    }
    let micros = parse_rate(rate);
    if !rate.trim().is_empty() && micros.is_none() {
        errors.add("rate", crate::error::Msg::new("tier.rate.invalid"));
    }
    errors.into_result()?;
    let (from, to) = (from_code.unwrap_or_default(), to_code.unwrap_or_default());
    let mut tx = crate::db::begin(&ctx.pool).await?;
    sqlx::query("DELETE FROM currency_rates WHERE from_currency = $1 AND to_currency = $2")
        .bind(&from)
        .bind(&to)
        .execute(&mut *tx)
        .await
        .step("delete from currency_rates")?;
    if let Some(micros) = micros {
        sqlx::query(
            "INSERT INTO currency_rates (from_currency, to_currency, rate_micros, updated_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(&from)
        .bind(&to)
        .bind(micros)
        .bind(ctx.clock.now().secs())
        .execute(&mut *tx)
        .await
        .step("insert into currency_rates")?;
    }
    tx.commit().await?;
    Ok(())
}
