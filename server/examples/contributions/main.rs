//! Importing an Open Collective export of ROWS (100,000) transactions through the portal's own
//! service, into a fresh portal (SQLite, or `QUORUM_BENCH_DATABASE_URL`): rows/s and the process's
//! peak memory, beside the time to read the same file without importing it. Run by
//! `bench/contributions.sh`.
use std::time::Instant;

#[allow(dead_code)]
#[path = "../common/portal.rs"]
mod portal;

mod tiers;

/// A realistic mix: monthly and yearly contributions from 5,000 contributors, added funds, host
/// fees and tips (not member money), and a refund now and then. Written by the `csv` crate.
fn export(rows: usize) -> Result<Vec<u8>, String> {
    let mut csv = csv::Writer::from_writer(Vec::new());
    let header =
        "datetime,id,type,kind,isRefund,amount,currency,oppositeAccountSlug,oppositeAccountName,orderId,orderFrequency";
    csv.write_record(header.split(',')).map_err(|e| e.to_string())?;
    for n in 0..rows {
        let who = n % 5_000;
        let at = format!("2026-09-{:02}T10:00:00Z", 1 + n % 28);
        let (id, slug, name) = (format!("tx-{n}"), format!("member-{who}"), format!("Member {who}"));
        let (order, yearly) = (who.to_string(), format!("y{who}"));
        // A refund of a monthly contribution made earlier in the file (its order ends in 0).
        let refunded = (who.saturating_sub(9).to_string(), format!("member-{}", who.saturating_sub(9)));
        let row: [&str; 11] = match n % 10 {
            0..=5 => [&at, &id, "CREDIT", "CONTRIBUTION", "false", "10.00", "EUR", &slug, &name, &order, "MONTHLY"],
            6 => [&at, &id, "CREDIT", "CONTRIBUTION", "false", "120.00", "EUR", &slug, &name, &yearly, "YEARLY"],
            7 => [&at, &id, "DEBIT", "HOST_FEE", "false", "-0.50", "EUR", "host", "Host", &order, "MONTHLY"],
            8 => [&at, &id, "CREDIT", "ADDED_FUNDS", "false", "50", "CAD", &slug, &name, "", ""],
            _ => [&at, &id, "DEBIT", "CONTRIBUTION", "true", "-10.00", "EUR", &refunded.1, "", &refunded.0, "MONTHLY"],
        };
        csv.write_record(row).map_err(|e| e.to_string())?;
    }
    csv.into_inner().map_err(|e| e.to_string())
}

#[tokio::main]
async fn main() -> Result<(), String> {
    let rows = std::env::var("ROWS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let file = export(rows)?;
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
