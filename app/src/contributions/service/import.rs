//! Importing an Open Collective export: the whole file in one transaction, so it lands whole or
//! not at all; each transaction id once (importing the same file twice adds nothing); a row that
//! cannot be read is reported with its line and reason while the rest imports. Contributors are
//! matched to members by a link made before (remembered) or by the export's email; the others wait
//! in the unmatched queue for an admin to link them once.
use super::opencollective::{self, Entry};
use super::store::{self, New};
use crate::contributions::model::{ImportReport, Rejected};
use crate::error::{AppError, AppResult, Msg};
use crate::state::AppState;
use std::collections::{HashMap, HashSet};

const SOURCE: &str = "opencollective";

pub async fn open_collective(ctx: &AppState, data: &[u8]) -> AppResult<ImportReport> {
    let entries =
        opencollective::read(data).map_err(|_| AppError::Refused(Msg::new("contributions.file.unreadable")))?;
    let now = ctx.clock.now();
    let mut report = ImportReport::default();
    let mut unmatched = HashSet::new();
    // Contributors met in this file: an export names the same few thousand again and again.
    let mut known: HashMap<String, (i64, Option<i64>)> = HashMap::new();
    let mut tx = crate::db::begin(&ctx.pool).await?;
    for (line, entry) in entries {
        match entry {
            Err(rejected) => report.rejected.push(rejected),
            Ok(Entry::Ignored) => report.ignored += 1,
            Ok(Entry::Contribution { id, at, money, slug, name, email, order, frequency }) => {
                let (contributor, mut user) = match known.get(&slug) {
                    Some(found) => *found,
                    None => store::contributor(&mut tx, SOURCE, &slug, &name, now).await?,
                };
                if user.is_none()
                    && let Some(email) = &email
                    && let Some(member) = crate::accounts::service::users::by_email(&mut *tx, email).await?
                {
                    store::link(&mut tx, contributor, member.id).await?;
                    user = Some(member.id);
                }
                known.insert(slug.clone(), (contributor, user));
                if user.is_none() {
                    unmatched.insert(contributor);
                }
                let new = New {
                    contributor,
                    user_id: user,
                    money: &money,
                    at,
                    source: SOURCE,
                    external_ref: &id,
                    order_ref: order.as_deref(),
                    frequency,
                    refunds: None,
                };
                if store::add(&mut tx, &new, now).await? { report.added += 1 } else { report.repeated += 1 }
            }
            Ok(Entry::Refund { id, at, money, order, slug }) => {
                let (contributor, user) = match known.get(&slug) {
                    Some(found) => *found,
                    None => store::contributor(&mut tx, SOURCE, &slug, "", now).await?,
                };
                known.insert(slug.clone(), (contributor, user));
                // The original first, so the refund row points at it; a repeated file finds the
                // refund already in and reverses nothing twice.
                let original = store::refundable(&mut tx, SOURCE, &order).await?;
                let new = New {
                    contributor,
                    user_id: user,
                    money: &money,
                    at,
                    source: SOURCE,
                    external_ref: &id,
                    order_ref: Some(&order),
                    frequency: "oneoff",
                    refunds: original,
                };
                if !store::add(&mut tx, &new, now).await? {
                    report.repeated += 1;
                } else if original.is_some() {
                    report.refunds += 1;
                } else {
                    report.rejected.push(Rejected { line, reason: "contributions.row.refund_unknown".into() });
                }
            }
        }
    }
    tx.commit().await?;
    report.unmatched = unmatched.len();
    tracing::info!(
        added = report.added,
        repeated = report.repeated,
        refunds = report.refunds,
        "contributions imported"
    );
    Ok(report)
}

/// The largest export an admin may upload.
const MOST_BYTES: usize = 64 * 1024 * 1024;

/// The file of an upload form (`file`): its name and bytes.
pub async fn uploaded(data: leptos::server_fn::codec::MultipartData) -> AppResult<(String, Vec<u8>)> {
    let unreadable = || AppError::field("file", "contributions.file.unreadable");
    let mut form = data.into_inner().ok_or_else(unreadable)?;
    while let Some(mut field) = form.next_field().await.map_err(|_| unreadable())? {
        if field.name() != Some("file") {
            continue;
        }
        let name = field.file_name().unwrap_or_default().to_string();
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(|_| unreadable())? {
            if bytes.len() + chunk.len() > MOST_BYTES {
                return Err(AppError::field("file", "contributions.file.too_large"));
            }
            bytes.extend_from_slice(&chunk);
        }
        if bytes.is_empty() {
            return Err(AppError::field("file", "contributions.file.empty"));
        }
        return Ok((name, bytes));
    }
    Err(AppError::field("file", "contributions.file.empty"))
}

/// An admin links contributor `id` to the member with `email`: their waiting contributions and every
/// later import count for that member.
pub async fn link_by_email(ctx: &AppState, id: i64, email: &str) -> AppResult<()> {
    let member = crate::accounts::service::users::by_email(&ctx.pool, email.trim())
        .await?
        .ok_or_else(|| AppError::field("email", "contributions.manual.no_member"))?;
    let mut tx = crate::db::begin(&ctx.pool).await?;
    store::link(&mut tx, id, member.id).await?;
    tx.commit().await?;
    Ok(())
}

/// A member names their Open Collective profile (its slug, or its address).
pub async fn claim(ctx: &AppState, user_id: i64, profile: &str) -> AppResult<()> {
    let slug = profile.trim().trim_end_matches('/').rsplit('/').next().unwrap_or_default().to_ascii_lowercase();
    if slug.is_empty() || slug.len() > 100 || !slug.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(AppError::field("slug", "contributions.profile.invalid"));
    }
    let mut tx = crate::db::begin(&ctx.pool).await?;
    if !store::claim(&mut tx, SOURCE, &slug, user_id, ctx.clock.now()).await? {
        return Err(AppError::field("slug", "contributions.profile.taken"));
    }
    tx.commit().await?;
    Ok(())
}
