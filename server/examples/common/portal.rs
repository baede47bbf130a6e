//! A portal built in the process for the benchmarks in `server/examples/`: its state on a real
//! database (a temporary SQLite file, or `QUORUM_BENCH_DATABASE_URL`), regions from the
//! configuration, members with rooms made through the services. Used with `#[path]`.
use app::accounts::model::{Role, Status};
use app::accounts::service::{User, users};
use app::clock::{Clock, Timestamp};
use app::regions::model::RegionInput;
use app::regions::service::RegionRecord;
use app::state::AppState;

/// Where a bench's clock starts: Monday 2026-12-21 00:00 UTC, two weeks before the simulated month.
const START: i64 = 1_797_811_200;

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
    let clock = Clock::manual(Timestamp::from_secs(START));
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

/// An active, verified member without a password, as the benchmarks make them by the thousand.
pub fn new_member<'a>(email: &'a str, name: &'a str, at: app::clock::Timestamp) -> users::NewUser<'a> {
    users::NewUser {
        email,
        name,
        password_hash: "unused",
        role: Role::Member,
        status: Status::Active,
        verified: true,
        language: "en",
        time_zone: "UTC",
        at,
    }
}

/// A member with a room on `region`, in `zone`.
pub async fn member(ctx: &AppState, n: usize, region: &str, zone: &str) -> Result<(User, String), String> {
    let (email, name) = (format!("member{n}@bench.coop"), format!("Member {n}"));
    let id =
        users::insert(&ctx.pool, new_member(&email, &name, ctx.clock.now())).await.map_err(|e| format!("{e:?}"))?;
    sqlx::query("UPDATE users SET time_zone = $1 WHERE id = $2")
        .bind(zone)
        .bind(id)
        .execute(&ctx.pool)
        .await
        .map_err(|e| e.to_string())?;
    let user = users::by_id(&ctx.pool, id).await.map_err(|e| format!("{e:?}"))?.ok_or("no member")?;
    let slug = app::rooms::service::manage::create(ctx, &user, &format!("Room {n}"), "")
        .await
        .map_err(|e| format!("{e:?}"))?;
    app::rooms::service::manage::move_to(ctx, &user, &slug, region).await.map_err(|e| format!("{e:?}"))?;
    Ok((user, slug))
}

/// The process's peak resident memory, as the kernel counts it.
pub fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(|l| l.split_whitespace().skip(1).collect::<Vec<_>>().join(" "))
        })
        .unwrap_or_default()
}
