//! Importing an Open Collective export of ROWS (100,000) transactions through the portal's own
//! service, into a fresh portal (SQLite, or `QUORUM_BENCH_DATABASE_URL`): rows/s and the process's
//! peak memory, beside the time to read the same file without importing it. Run by
//! `bench/contributions.sh`.
use std::time::Instant;

#[allow(dead_code)]
#[path = "../common/portal.rs"]
mod portal;

mod tiers;

mod export;

#[tokio::main]
async fn main() -> Result<(), String> {
    let rows = std::env::var("ROWS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let file = export::export(rows, 5_000)?;
    println!("export: {rows} rows, {:.1} MB", file.len() as f64 / 1e6);
    let started = Instant::now();
    let export = app::contributions::service::opencollective::read(&file)
        .map_err(|_| "the export lacks a column the import needs".to_string())?;
    println!(
        "reading it alone (the csv crate, by header name): {:.2} s, {} lines",
        started.elapsed().as_secs_f64(),
        export.lines.len()
    );
    let (ctx, _dir) = portal::portal(Vec::new()).await?;
    let started = Instant::now();
    let report =
        app::contributions::service::import::open_collective(&ctx, &file).await.map_err(|e| format!("{e:?}"))?;
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "imported in {seconds:.1} s: {:.0} rows/s; {} added, {} refunds, {} not member money, {} contributors unmatched, {} rejected; peak memory {}",
        rows as f64 / seconds,
        report.added,
        report.refunds,
        report.ignored,
        report.unmatched,
        report.rejected.len(),
        portal::peak_memory()
    );
    let started = Instant::now();
    let again =
        app::contributions::service::import::open_collective(&ctx, &file).await.map_err(|e| format!("{e:?}"))?;
    println!(
        "the same file again: {:.1} s, {} added, {} already in",
        started.elapsed().as_secs_f64(),
        again.added,
        again.repeated
    );
    tiers::measure(&ctx).await
}
