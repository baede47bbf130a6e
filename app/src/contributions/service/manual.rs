//! Contributions an admin enters by hand (bank transfers and the like), corrects and deletes; each
//! change is kept in the audit log with who and when, in the same transaction. Imported
//! contributions are the source's to change: only manual ones are corrected here.
use super::store::{self, Row};
use crate::accounts::service::{User, users};
use crate::contributions::model::{ManualForm, Money};
use crate::dates as times;
use crate::error::{AppError, AppResult, FieldErrors, Msg};
use crate::money::Unread;
use crate::state::AppState;

pub const SOURCES: [&str; 2] = ["bank", "manual"];
pub const FREQUENCIES: [&str; 3] = ["oneoff", "monthly", "yearly"];

/// The form as a row (id 0 for a new one), or what is wrong with each field.
async fn check(ctx: &AppState, admin: &User, form: &ManualForm) -> AppResult<Row> {
    let mut errors = FieldErrors::default();
    let member = users::by_email(&ctx.pool, form.email.trim()).await?;
    if member.is_none() {
        errors.add("email", Msg::new("contributions.manual.no_member"));
    }
    let money = Money::read(&form.amount, &form.currency);
    if crate::contributions::model::currency(&form.currency).is_none() {
        errors.add("currency", Msg::new("tier.currency.invalid"));
    } else if money == Err(Unread::Ambiguous) {
        errors.add("amount", Msg::new("contributions.amount_ambiguous"));
    } else if !money.as_ref().is_ok_and(|m| m.minor > 0) {
        errors.add("amount", Msg::new("contributions.manual.amount"));
    }
    let money = money.ok();
    let now = ctx.clock.now();
    let at = crate::dates::parse_date(&form.date)
        .and_then(times::naive_date)
        .and_then(|d| d.and_hms_opt(12, 0, 0))
        .map(|noon| times::moment(times::zone(&admin.time_zone), noon))
        .filter(|at| *at <= now.plus(86_400))
        // Noon keeps the day the admin gave in every zone's reports; a transfer entered before noon
        // of its day counts from the moment it is entered, not from hours later.
        .map(|at| at.min(now));
    if at.is_none() {
        errors.add("date", Msg::new("contributions.manual.date"));
    }
    if !FREQUENCIES.contains(&form.frequency.as_str()) {
        errors.add("frequency", Msg::new("contributions.manual.frequency"));
    }
    if !SOURCES.contains(&form.source.as_str()) {
        errors.add("source", Msg::new("contributions.manual.source"));
    }
    if form.note.chars().count() > 500 || form.reference.chars().count() > 100 {
        errors.add("note", Msg::new("contributions.manual.note_long"));
    }
    errors.into_result()?;
    let (Some(member), Some(money), Some(at)) = (member, money, at) else {
        return Err(AppError::internal("checked above"));
    };
    Ok(Row {
        id: form.id().unwrap_or(0),
        user_id: Some(member.id),
        amount_minor: money.minor,
        currency: money.currency,
        contributed_at: at.secs(),
        source: form.source.clone(),
        external_ref: form.reference.trim().to_string(),
        frequency: form.frequency.clone(),
        note: form.note.trim().to_string(),
    })
}

/// Adds a manual contribution; returns its id.
#[tracing::instrument(name = "contributions.manual.add", level = "error", skip_all)]
pub async fn add(ctx: &AppState, admin: &User, form: &ManualForm) -> AppResult<i64> {
    let row = check(ctx, admin, form).await?;
    let now = ctx.clock.now();
    let mut tx = crate::db::begin(&ctx.pool).await?;
    // A manual entry's reference need not be unique: the database's uniqueness gets a fresh one.
    let reference = format!("{}:{}", crate::accounts::service::tokens::new_token(), row.external_ref);
    let kept = Row { external_ref: reference, ..row };
    let id = store::add_manual(&mut tx, &kept, now).await?;
    let kept = Row { id, ..kept };
    store::update(&mut tx, &kept).await?;
    store::audit(&mut tx, id, "add", admin.id, None, Some(&kept), now).await?;
    tx.commit().await?;
    Ok(id)
}

/// The manual contribution `id`, or why it cannot be changed here.
async fn manual_row(tx: &mut sqlx::Transaction<'static, sqlx::Any>, id: i64) -> AppResult<Row> {
    match store::row(tx, id).await? {
        Some(row) if SOURCES.contains(&row.source.as_str()) => Ok(row),
        Some(_) => Err(AppError::Refused(Msg::new("contributions.manual.imported"))),
        None => Err(AppError::NotFound),
    }
}

#[tracing::instrument(name = "contributions.manual.correct", level = "error", skip_all)]
pub async fn correct(ctx: &AppState, admin: &User, form: &ManualForm) -> AppResult<()> {
    let id = form.id().ok_or(AppError::NotFound)?;
    let row = check(ctx, admin, form).await?;
    let now = ctx.clock.now();
    let mut tx = crate::db::begin(&ctx.pool).await?;
    let old = manual_row(&mut tx, id).await?;
    // The reference keeps its unique prefix; only what follows it is the admin's.
    let prefix = old.external_ref.split_once(':').map_or("", |(p, _)| p);
    let new = Row { id, external_ref: format!("{prefix}:{}", row.external_ref), ..row };
    store::update(&mut tx, &new).await?;
    store::audit(&mut tx, id, "correct", admin.id, Some(&old), Some(&new), now).await?;
    tx.commit().await?;
    Ok(())
}

#[tracing::instrument(name = "contributions.manual.delete", level = "error", skip_all)]
pub async fn delete(ctx: &AppState, admin: &User, id: i64) -> AppResult<()> {
    let now = ctx.clock.now();
    let mut tx = crate::db::begin(&ctx.pool).await?;
    let old = manual_row(&mut tx, id).await?;
    store::delete(&mut tx, id).await?;
    store::audit(&mut tx, id, "delete", admin.id, Some(&old), None, now).await?;
    tx.commit().await?;
    Ok(())
}

/// The reference an admin typed, without the prefix that keeps it unique.
pub fn shown_reference(source: &str, reference: &str) -> String {
    if SOURCES.contains(&source) {
        reference.split_once(':').map_or(reference, |(_, r)| r).to_string()
    } else {
        reference.to_string()
    }
}
