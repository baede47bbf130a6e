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
