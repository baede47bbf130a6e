//! Co-owners from the legacy shared accesses, written through the rooms' own function once every
//! member and room of the run is in.
use super::import::Members;
use super::origins::{self, Known};
use super::source::Legacy;
use crate::error::AppResult;
use crate::legacy::model::{Options, Report};
use crate::rooms::service::imported;
use crate::state::AppState;
use std::collections::HashMap;

/// Co-owners, once every member and room is in: a share whose room or co-owner was not imported is
/// dropped and reported.
#[allow(clippy::too_many_arguments)]
#[tracing::instrument(name = "legacy.shares.import", level = "error", skip_all)]
pub async fn import(
    ctx: &AppState,
    options: &Options,
    source: &str,
    known: &Known,
    legacy: &Legacy,
    members: &Members,
    rooms: &HashMap<String, i64>,
    report: &mut Report,
) -> AppResult<()> {
    let now = ctx.clock.now();
    let mut tx = crate::db::begin(&ctx.pool).await?;
    for (room, user) in &legacy.shares {
        // v2 allows a share without its room or its member: it is reported as not imported.
        let (room, user) = (room.as_deref().unwrap_or(""), user.as_deref().unwrap_or(""));
        let key = format!("{room}/{user}");
        if known.get("share", &key).is_some() {
            report.already += 1;
            continue;
        }
        let (Some(room_id), Some(user_id)) = (rooms.get(room), members.get(user)) else {
            let reason = if rooms.contains_key(room) {
                "legacy.reason.coowner_not_imported"
            } else {
                "legacy.reason.room_not_imported"
            };
            report.note("share", &key, &key, "skipped", reason);
            continue;
        };
        if !options.dry_run {
            imported::share(&mut tx, *room_id, *user_id, now).await?;
        }
        origins::remember(&mut tx, source, "share", &key, *room_id, now).await?;
        report.shares += 1;
    }
    if options.dry_run {
        tx.rollback().await?
    } else {
        tx.commit().await?
    }
    imported::committed(ctx);
    Ok(())
}
