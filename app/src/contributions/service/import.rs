//! Importing an Open Collective export: the whole file in one transaction, so it lands whole or
//! not at all; each transaction id once (importing the same file twice adds nothing); a row that
//! cannot be read is reported with its line and reason while the rest imports. Contributors are
//! matched to members by a link made before (remembered, or a confirmed claim) or by the export's
//! email when it is a member's verified one; the others wait in the unmatched queue for an admin to
//! link them once. Refunds are applied after every contribution of the file: the exporter lists the
//! newest first, so a refund comes before what it refunds.
use super::opencollective::{self, Entry, Refunded, Unreadable};
use super::profiles::SOURCE;
use super::store::{self, New};
use crate::contributions::model::{ImportReport, Rejected};
use crate::error::{AppError, AppResult, Msg};
use crate::state::AppState;
use sqlx::{Any, Transaction};
use std::collections::{HashMap, HashSet};

/// A refund waiting for the file's contributions to be in.
struct Refund {
    line: u64,
    id: String,
    at: crate::clock::Timestamp,
    money: crate::contributions::model::Money,
    order: Option<String>,
    refunded: Option<Refunded>,
    slug: String,
}

#[tracing::instrument(name = "contributions.import.open_collective", level = "error", skip_all)]
pub async fn open_collective(ctx: &AppState, data: &[u8]) -> AppResult<ImportReport> {
    let export = opencollective::read(data).map_err(|e| match e {
        Unreadable::NotCsv => AppError::Refused(Msg::new("contributions.file.unreadable")),
        Unreadable::Missing(columns) => {
            AppError::Refused(Msg::with("contributions.file.columns", "columns", columns.join(", ")))
        }
    })?;
    let now = ctx.clock.now();
    let mut report =
        ImportReport { notes: export.notes.iter().map(|n| n.to_string()).collect(), ..ImportReport::default() };
    let mut unmatched = HashSet::new();
    // Contributors met in this file: an export names the same few thousand again and again.
    let mut known: HashMap<String, (i64, Option<i64>)> = HashMap::new();
    let mut refunds = Vec::new();
    let mut tx = crate::db::begin(&ctx.pool).await?;
    for (line, entry) in export.lines {
        match entry {
            Err(rejected) => report.rejected.push(rejected),
            Ok(Entry::Ignored) => report.ignored += 1,
            Ok(Entry::Refund { id, at, money, order, refunded, slug }) => {
                refunds.push(Refund { line, id, at, money, order, refunded, slug })
            }
            Ok(Entry::Contribution { id, at, money, slug, name, email, order, frequency }) => {
                let (contributor, mut user) = match known.get(&slug) {
                    Some(found) => *found,
                    None => store::contributor(&mut tx, SOURCE, &slug, &name, email.as_deref(), now).await?,
                };
                if user.is_none()
                    && let Some(email) = &email
                    && let Some(member) = crate::accounts::service::users::by_email(&mut *tx, email).await?
                    // Only an address the member proved is theirs ties a profile to them.
                    && member.is_verified()
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
        }
    }
    // The oldest refund first, as they happened.
    refunds.sort_by_key(|r| (r.at.secs(), r.line));
    for refund in refunds {
        apply(&mut tx, &mut known, &mut report, refund, now).await?;
    }
    tx.commit().await?;
    report.rejected.sort_by_key(|r| r.line);
    report.unmatched = unmatched.len();
    tracing::info!(
        added = report.added,
        repeated = report.repeated,
        refunds = report.refunds,
        "contributions imported"
    );
    Ok(report)
}

/// Adds a refund pointing at what it reverses: the transaction it names, else its order's latest
/// contribution. A repeated file finds the refund already in and reverses nothing twice.
async fn apply(
    tx: &mut Transaction<'static, Any>,
    known: &mut HashMap<String, (i64, Option<i64>)>,
    report: &mut ImportReport,
    refund: Refund,
    now: crate::clock::Timestamp,
) -> AppResult<()> {
    let (contributor, user) = match known.get(&refund.slug) {
        Some(found) => *found,
        None => store::contributor(tx, SOURCE, &refund.slug, "", None, now).await?,
    };
    known.insert(refund.slug.clone(), (contributor, user));
    let mut original = match &refund.refunded {
        Some(named) => store::refunded(tx, (SOURCE, contributor), named).await?,
        None => None,
    };
    if original.is_none()
        && let Some(order) = &refund.order
    {
        original = store::refundable(tx, (SOURCE, contributor), order, refund.at).await?;
    }
    let new = New {
        contributor,
        user_id: user,
        money: &refund.money,
        at: refund.at,
        source: SOURCE,
        external_ref: &refund.id,
        order_ref: refund.order.as_deref(),
        frequency: "oneoff",
        refunds: original,
    };
    if !store::add(tx, &new, now).await? {
        report.repeated += 1;
    } else if original.is_some() {
        report.refunds += 1;
    } else {
        report.rejected.push(Rejected { line: refund.line, reason: "contributions.row.refund_unknown".into() });
    }
    Ok(())
}

/// The largest export an admin may upload.
const MOST_BYTES: usize = 64 * 1024 * 1024;

/// The file of an upload form (`file`): its name and bytes.
#[tracing::instrument(name = "contributions.import.uploaded", level = "error", skip_all)]
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
