//! The schedule's benchmarks, through the portal's own services on a real database (SQLite, or
//! PostgreSQL when `QUORUM_BENCH_DATABASE_URL` names one). Run by `bench/schedule.sh`.
//!
//! `schedule capacity [BOOKINGS] [CHECKS]`: BOOKINGS (100,000) bookings on one region, then CHECKS
//! (2,000) capacity checks as a booking makes them (transaction, the region's lock, the reservations
//! overlapping the window, the sweep), beside as many plain primary-key lookups of a booking.
//!
//! `schedule simulate [ATTEMPTS]`: a month of ATTEMPTS (5,000) booking attempts on three regions the
//! way members book (office hours in their own zones, weekly series, a few large events, edits and
//! cancellations), each refused one retried with the first alternative the portal suggests; then
//! every minute of the month is checked against each region's bookable share.
use app::clock::Timestamp;
use app::schedule::service::{capacity, store};
use rand::{Rng, SeedableRng};
use std::time::{Duration, Instant};

/// Monday 2027-01-04 00:00 UTC: the simulated month starts here.
pub const MONTH_START: i64 = 1_799_020_800;

pub fn summary(label: &str, mut times: Vec<Duration>) -> String {
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)].as_secs_f64() * 1000.0;
    format!("{label:<44} p50 {:>7.3} ms   p99 {:>7.3} ms   ({} runs)", at(0.5), at(0.99), times.len())
}

async fn capacity_bench(bookings: usize, checks: usize) -> Result<(), String> {
    let (ctx, _dir) = portal(vec![region("eu", 1_000_000)]).await?;
    let (owner, slug) = member(&ctx, 0, "eu", "UTC").await?;
    let room = app::rooms::service::store::by_slug(&ctx.pool, &slug).await.map_err(|e| format!("{e:?}"))?;
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    // Two years of bookings, a quarter-hour grid, through the schedule's own insert.
    let span = 730 * 86_400;
    let mut starts: Vec<Timestamp> =
        (0..bookings).map(|_| Timestamp::from_secs(MONTH_START + rng.gen_range(0..span / 900) * 900)).collect();
    starts.sort();
    let started = Instant::now();
    let mut tx = app::db::begin(&ctx.pool).await.map_err(|e| e.to_string())?;
    for (n, chunk) in starts.chunks(1000).enumerate() {
        let new = store::New {
            uid: &format!("bench-{n}@bench"),
            room_id: room.id,
            region: "eu",
            owner_id: owner.id,
            title: "Bench",
            description: "",
            time_zone: "UTC",
            minutes: 30 + (n as i64 % 4) * 30,
            participants: 1 + (n as i64 % 10),
            state: "booked",
            every_weeks: 0,
        };
        store::insert(&mut tx, &new, chunk, ctx.clock.now()).await.map_err(|e| format!("{e:?}"))?;
    }
    tx.commit().await.map_err(|e| e.to_string())?;
    println!("{bookings} bookings on one region over two years, inserted in {:.1} s", started.elapsed().as_secs_f64());
    let ids: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM bookings").fetch_all(&ctx.pool).await.map_err(|e| e.to_string())?;
    let mut lookups = Vec::with_capacity(checks);
    let mut check_times = Vec::with_capacity(checks);
    let mut overlapping = 0usize;
    for _ in 0..checks {
        let id = ids[rng.gen_range(0..ids.len())];
        let t = Instant::now();
        let mut conn = ctx.pool.acquire().await.map_err(|e| e.to_string())?;
        store::by_id(&mut conn, id).await.map_err(|e| format!("{e:?}"))?;
        drop(conn);
        lookups.push(t.elapsed());
        let from = MONTH_START + rng.gen_range(0..span / 900) * 900 - capacity::LEAD;
        let to = from + capacity::LEAD + 60 * 60;
        let t = Instant::now();
        let mut tx = app::db::begin(&ctx.pool).await.map_err(|e| e.to_string())?;
        capacity::lock(&mut tx, "eu").await.map_err(|e| format!("{e:?}"))?;
        let existing = capacity::reserved(&mut tx, "eu", from, to, None).await.map_err(|e| format!("{e:?}"))?;
        let clashes = capacity::collisions(&existing, from, to, 10, 800_000);
        tx.rollback().await.map_err(|e| e.to_string())?;
        check_times.push(t.elapsed());
        overlapping += existing.len() + clashes.len();
    }
    println!("{}", summary("plain indexed lookup (a booking by its id)", lookups));
    println!("{}", summary("capacity check (lock, overlapping, sweep)", check_times));
    println!(
        "reservations overlapping a checked window: {:.1} on average (target p99 <= 2 ms)",
        overlapping as f64 / checks as f64
    );
    Ok(())
}

mod live;
// Shared with the other benchmarks; not every helper is used by each.
#[allow(dead_code)]
#[path = "../common/portal.rs"]
mod portal;
mod simulation;

pub use portal::{member, portal, region};

#[tokio::main]
async fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |i: usize, default: usize| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    match args.first().map(String::as_str) {
        Some("capacity") => capacity_bench(number(1, 100_000), number(2, 2_000)).await,
        Some("simulate") => simulation::simulate(number(1, 5_000)).await,
        _ => Err("usage: schedule capacity [BOOKINGS] [CHECKS] | schedule simulate [ATTEMPTS]".into()),
    }
}
