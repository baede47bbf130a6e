//! Every import run in the security log (`legacy.import`): who started it (an admin on the page,
//! from their address, or the command line), which instance (its host and database, never the
//! credentials), a dry run or not, whether legacy admins stay admins, and what it did or why not.
use crate::error::AppResult;
use crate::legacy::model::{OnConflict, Options, Report};
use crate::security_log::{self, Event};
use crate::state::AppState;

/// Who started a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Starter {
    /// The admin, when started from the page.
    pub admin_id: Option<i64>,
    /// Their client address, or `command line`.
    pub address: String,
}

impl Starter {
    pub fn command_line() -> Self {
        Starter { admin_id: None, address: "command line".into() }
    }
}

/// What the log says of a run: its options, then its counts or the key of its error.
pub fn detail(options: &Options, outcome: Result<&Report, &str>) -> String {
    let conflict = match options.on_conflict {
        OnConflict::Skip => "skip",
        OnConflict::Attach => "attach",
    };
    let asked = format!(
        "region={} dry_run={} keep_admins={} on_conflict={conflict} welcome={}",
        options.region.trim(),
        options.dry_run,
        options.keep_admins,
        options.welcome
    );
    match outcome {
        Ok(r) => format!(
            "{asked} members={} rooms={} co_owners={} already={} skipped={} conflicts={}",
            r.users,
            r.rooms,
            r.shares,
            r.already,
            r.lines.iter().filter(|l| l.outcome == "skipped").count(),
            r.lines.iter().filter(|l| l.outcome == "conflict").count()
        ),
        Err(key) => format!("{asked} error={key}"),
    }
}

/// Writes the run's entry; `source` is the instance as [`super::source::source_of`] names it.
#[tracing::instrument(name = "legacy.audit.record", level = "error", skip_all)]
pub async fn record(
    ctx: &AppState,
    by: &Starter,
    source: &str,
    options: &Options,
    result: &AppResult<Report>,
) -> AppResult<()> {
    let detail = match result {
        Ok(report) => detail(options, Ok(report)),
        Err(e) => detail(options, Err(e.message().key.as_str())),
    };
    let event =
        Event { kind: "legacy.import", actor_id: by.admin_id, subject: source, address: &by.address, detail: &detail };
    security_log::record(&ctx.pool, &ctx.clock, event).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_detail_names_the_choices_and_the_counts() {
        let options = Options {
            region: "hypha".into(),
            dry_run: true,
            version: None,
            keep_admins: true,
            on_conflict: OnConflict::Attach,
            welcome: false,
        };
        let report = Report { users: 4, rooms: 2, shares: 1, ..Default::default() };
        assert_eq!(
            detail(&options, Ok(&report)),
            "region=hypha dry_run=true keep_admins=true on_conflict=attach welcome=false \
             members=4 rooms=2 co_owners=1 already=0 skipped=0 conflicts=0"
        );
        assert!(detail(&options, Err("legacy.unreachable")).ends_with("error=legacy.unreachable"));
    }
}
