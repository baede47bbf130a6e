//! Imports started from the admin page (`legacy_runs`, written only here): one row per run, its
//! progress as it goes and its report at the end, so the admin can leave the page and come back.
use super::audit::Starter;
use crate::error::Step;
use crate::error::{AppError, AppResult, Msg};
use crate::legacy::model::{Options, Report, RunView};
use crate::state::AppState;

/// How long a new run may take to take the import's lease before it counts as stopped.
const STARTING_SECONDS: i64 = 30;

/// Starts an import in the background; returns its run's id at once.
#[tracing::instrument(name = "legacy.runs.start", level = "error", skip_all)]
pub async fn start(ctx: &AppState, by: Starter, url: String, options: Options) -> AppResult<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO legacy_runs (started_by, started_at, dry_run, region) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(by.admin_id)
    .bind(ctx.clock.now().secs())
    .bind(options.dry_run as i64)
    .bind(&options.region)
    .fetch_one(&ctx.pool)
    .await
    .step("insert into legacy_runs")?;
    let ctx = ctx.clone();
    tokio::spawn(async move {
        let result = super::import::import_with_progress(&ctx, &url, &options, &by, Some(id)).await;
        if let Err(e) = finish(&ctx, id, result).await {
            crate::edge::log_internal(&e);
        }
    });
    Ok(id)
}

/// Notes how far the run is: `done` of `total` legacy members looked at.
#[tracing::instrument(name = "legacy.runs.progress", level = "error", skip_all)]
pub async fn progress(ctx: &AppState, id: i64, done: usize, total: usize) -> AppResult<()> {
    sqlx::query("UPDATE legacy_runs SET done = $1, total = $2 WHERE id = $3")
        .bind(done as i64)
        .bind(total as i64)
        .bind(id)
        .execute(&ctx.pool)
        .await
        .step("update legacy_runs")?;
    Ok(())
}

async fn finish(ctx: &AppState, id: i64, result: AppResult<Report>) -> AppResult<()> {
    let (report, error) = match result {
        Ok(report) => (Some(serde_json::to_string(&report).map_err(AppError::internal)?), None),
        Err(e) => {
            crate::edge::log_internal(&e);
            (None, Some(e.message().key))
        }
    };
    sqlx::query("UPDATE legacy_runs SET finished_at = $1, report = $2, error = $3, done = total WHERE id = $4")
        .bind(ctx.clock.now().secs())
        .bind(report)
        .bind(error)
        .bind(id)
        .execute(&ctx.pool)
        .await
        .step("update legacy_runs")?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    started_at: i64,
    finished_at: Option<i64>,
    dry_run: i64,
    region: String,
    total: i64,
    done: i64,
    report: Option<String>,
    error: Option<String>,
}

/// The latest runs, newest first, with their times for `reader`.
#[tracing::instrument(name = "legacy.runs.recent", level = "error", skip_all)]
pub async fn recent(ctx: &AppState, reader: &crate::time_display::Reader) -> AppResult<Vec<RunView>> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, started_at, finished_at, dry_run, region, total, done, report, error FROM legacy_runs
         ORDER BY id DESC LIMIT 5",
    )
    .fetch_all(&ctx.pool)
    .await
    .step("read legacy_runs")?;
    // The database address is never kept, so a run whose process stopped cannot go on by itself: it
    // is shown as stopped once nobody holds the import's lease, and started again resumes it.
    let now = ctx.clock.now().secs();
    let running = crate::jobs::lease::holder_of(&ctx.pool, &ctx.clock, super::import::LEASE).await?.is_some();
    let stopped = |r: &Row| r.finished_at.is_none() && !running && r.started_at + STARTING_SECONDS < now;
    let lang = crate::i18n::Lang::En;
    rows.into_iter()
        .map(|r| {
            let report: Option<Report> =
                r.report.as_deref().map(serde_json::from_str).transpose().map_err(AppError::internal)?;
            let csv =
                report.as_ref().map(|rep| super::report::csv(rep, lang)).transpose().map_err(AppError::internal)?;
            let interrupted = stopped(&r);
            Ok(RunView {
                id: r.id,
                started: crate::time_display::local(crate::clock::Timestamp::from_secs(r.started_at), reader),
                finished: r.finished_at.is_some() || interrupted,
                dry_run: r.dry_run != 0,
                region: r.region,
                total: r.total,
                done: r.done,
                report,
                csv,
                error: if interrupted {
                    Some(Msg::new("legacy.interrupted"))
                } else {
                    r.error.map(|key| Msg::new(&key))
                },
            })
        })
        .collect()
}
