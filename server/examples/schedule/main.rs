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
use app::accounts::model::{Role, Status};
use app::accounts::service::{User, users};
use app::clock::{Clock, Timestamp};
use app::regions::model::RegionInput;
use app::regions::service::RegionRecord;
use app::schedule::service::{capacity, store};
use app::state::AppState;
use rand::{Rng, SeedableRng};
use std::time::{Duration, Instant};

/// Monday 2027-01-04 00:00 UTC: the simulated month starts here.
pub const MONTH_START: i64 = 1_799_020_800;

pub fn region(code: &str, capacity: i64) -> RegionRecord {
    let input = RegionInput {
        code: code.into(),
        name: code.to_uppercase(),
        api_url: "http://127.0.0.1:9/bigbluebutton/api/".into(),
        secret: "bench".into(),
        checksum: "sha256".into(),
        recording: Some("on".into()),
        capacity: capacity.to_string(),
        enabled: Some("on".into()),
        is_default: (code == "eu").then(|| "on".into()),
        ..Default::default()
    };
    RegionRecord::from_input(&input, "bench").expect("a valid region")
}

pub async fn portal(regions: Vec<RegionRecord>) -> Result<(AppState, tempdir::Dir), String> {
    let dir = tempdir::Dir::new()?;
    let url =
        std::env::var("QUORUM_BENCH_DATABASE_URL").unwrap_or_else(|_| format!("sqlite://{}/bench.db", dir.0.display()));
    let mut values = server::config::layered(None, &|_| None).map_err(|e| e.to_string())?;
    values.insert("bind".into(), "127.0.0.1:0".into());
    values.insert("metrics_bind".into(), "".into());
    values.insert("database_url".into(), url);
    values.insert("outbox_dir".into(), dir.0.join("outbox").display().to_string());
    let mut config = server::config::Config::from_values(values).map_err(|e| e.to_string())?;
    config.regions = regions;
    let clock = Clock::manual(Timestamp::from_secs(MONTH_START - 14 * 86_400));
    let app = server::startup::Application::build_with_clock(&config, clock).await.map_err(|e| e.to_string())?;
    Ok((app.state().clone(), dir))
}

mod tempdir {
    pub struct Dir(pub std::path::PathBuf);
    impl Dir {
        pub fn new() -> Result<Dir, String> {
            let path = std::env::temp_dir().join(format!("quorum-bench-{}", std::process::id()));
            std::fs::create_dir_all(&path).map_err(|e| e.to_string())?;
            Ok(Dir(path))
        }
    }
    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

/// A member with a room on `region`, in `zone`.
pub async fn member(ctx: &AppState, n: usize, region: &str, zone: &str) -> Result<(User, String), String> {
    let email = format!("member{n}@bench.coop");
    let new = users::NewUser {
        email: &email,
        name: &format!("Member {n}"),
        password_hash: "unused",
        role: Role::Member,
        status: Status::Active,
        verified: true,
        language: "en",
        at: ctx.clock.now(),
    };
    let id = users::insert(&ctx.pool, new).await.map_err(|e| format!("{e:?}"))?;
    sqlx::query("UPDATE users SET time_zone = $1 WHERE id = $2")
        .bind(zone)
        .bind(id)
        .execute(&ctx.pool)
        .await
        .map_err(|e| e.to_string())?;
    let user = users::by_id(&ctx.pool, id).await.map_err(|e| format!("{e:?}"))?.ok_or("no member")?;
    let slug =
        app::rooms::service::manage::create(ctx, &user, &format!("Room {n}")).await.map_err(|e| format!("{e:?}"))?;
    app::rooms::service::manage::move_to(ctx, &user, &slug, region).await.map_err(|e| format!("{e:?}"))?;
    Ok((user, slug))
}

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
mod simulation;

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
