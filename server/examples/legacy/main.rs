//! The legacy import at a co-op's scale, through the portal's own services: a Greenlight v3
//! database of USERS (10,000) members, two rooms each (20,000) and SHARES (5,000) co-ownerships is
//! built on the PostgreSQL server named by `QUORUM_BENCH_LEGACY_URL` (a database that may be
//! created), imported into a fresh portal (SQLite, or `QUORUM_BENCH_DATABASE_URL`), and timed, with
//! the process's peak memory; then an imported member's first sign-in (bcrypt at Greenlight's cost
//! 12, then the argon2id rehash) beside a sign-in with an argon2id hash, in the same run.
//! Run by `bench/legacy.sh`.
use app::legacy::model::{OnConflict, Options};
use sqlx::Connection;
use std::time::Instant;

// Shared with the other benchmarks; this one makes no members of its own.
#[allow(dead_code)]
#[path = "../common/portal.rs"]
mod portal;

async fn build_legacy(admin_url: &str, users: i64, shares: i64, digest: &str) -> Result<String, String> {
    let name = format!("legacy_bench_{}", std::process::id());
    let mut admin = sqlx::PgConnection::connect(admin_url).await.map_err(|e| e.to_string())?;
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name}")).execute(&mut admin).await.map_err(|e| e.to_string())?;
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut admin).await.map_err(|e| e.to_string())?;
    let url = format!("{}/{name}", admin_url.rsplit_once('/').map_or(admin_url, |(base, _)| base));
    let mut conn = sqlx::PgConnection::connect(&url).await.map_err(|e| e.to_string())?;
    let schema = format!(
        r#"
        CREATE TABLE roles (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name varchar, provider varchar);
        CREATE TABLE users (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name varchar, email varchar, external_id varchar,
            provider varchar, password_digest varchar, role_id uuid, language varchar, verified boolean, status int DEFAULT 0,
            created_at timestamp);
        CREATE TABLE rooms (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), user_id uuid, name varchar, friendly_id varchar UNIQUE,
            meeting_id varchar UNIQUE, created_at timestamp);
        CREATE TABLE meeting_options (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name varchar, default_value varchar);
        CREATE TABLE room_meeting_options (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), room_id uuid, meeting_option_id uuid, value varchar);
        CREATE TABLE shared_accesses (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), user_id uuid, room_id uuid);
        INSERT INTO roles (name, provider) VALUES ('User', 'greenlight');
        INSERT INTO meeting_options (name, default_value) VALUES ('record', 'false'), ('muteOnStart', 'false'), ('guestPolicy', 'ALWAYS_ACCEPT');
        INSERT INTO users (name, email, provider, password_digest, role_id, language, verified, created_at)
            SELECT 'Member ' || g, 'm' || g || '@legacy.coop', 'greenlight', '{digest}', (SELECT id FROM roles), 'en', true,
                   now() + g * interval '1 millisecond' FROM generate_series(1, {users}) g;
        INSERT INTO rooms (user_id, name, friendly_id, meeting_id, created_at)
            SELECT u.id, 'Room ' || k || ' of ' || u.name,
                   substr(h, 1, 3) || '-' || substr(h, 4, 3) || '-' || substr(h, 7, 3) || '-' || substr(h, 10, 3),
                   h || substr(md5(h), 1, 8), u.created_at
            FROM users u, generate_series(1, 2) k, LATERAL (SELECT md5(u.email || k) AS h) x;
        INSERT INTO room_meeting_options (room_id, meeting_option_id, value)
            SELECT r.id, o.id, 'true' FROM rooms r, meeting_options o WHERE o.name IN ('record', 'muteOnStart');
        INSERT INTO shared_accesses (user_id, room_id)
            SELECT u.id, r.id FROM (SELECT id, row_number() OVER (ORDER BY created_at) n FROM users) u
            JOIN (SELECT id, row_number() OVER (ORDER BY created_at, name) n FROM rooms) r ON r.n = u.n + 1
            WHERE u.n <= {shares};
        "#
    );
    sqlx::raw_sql(&schema).execute(&mut conn).await.map_err(|e| e.to_string())?;
    Ok(url)
}

#[tokio::main]
async fn main() -> Result<(), String> {
    let number = |name: &str, default: i64| std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default);
    let (users, shares) = (number("USERS", 10_000), number("SHARES", 5_000));
    let admin_url = std::env::var("QUORUM_BENCH_LEGACY_URL").map_err(|_| "QUORUM_BENCH_LEGACY_URL is not set")?;
    let password = "an old Greenlight password";
    let digest = bcrypt::hash(password, 12).map_err(|e| e.to_string())?.replacen("$2b$", "$2a$", 1);
    let started = Instant::now();
    let legacy = build_legacy(&admin_url, users, shares, &digest).await?;
    println!(
        "legacy v3 database: {users} members, {} rooms, {shares} co-ownerships, built in {:.1} s",
        users * 2,
        started.elapsed().as_secs_f64()
    );
    let (ctx, _dir) = portal::portal(vec![portal::region("legacy", 0)]).await?;
    let options = Options {
        region: "legacy".into(),
        dry_run: false,
        version: None,
        keep_admins: false,
        on_conflict: OnConflict::Skip,
        welcome: false,
    };
    let started = Instant::now();
    let report = app::legacy::service::import::import(&ctx, &legacy, &options).await.map_err(|e| format!("{e:?}"))?;
    let seconds = started.elapsed().as_secs_f64();
    let rows = report.users + report.rooms + report.shares;
    println!(
        "imported {} members, {} rooms, {} co-ownerships in {seconds:.1} s: {:.0} rows/s (target <= 20 s); peak memory {}",
        report.users,
        report.rooms,
        report.shares,
        rows as f64 / seconds,
        portal::peak_memory()
    );
    let login = |email: String| {
        let ctx = ctx.clone();
        async move {
            let t = Instant::now();
            app::accounts::service::login::login(&ctx.pool, &ctx.clock, &email, password, "127.0.0.1")
                .await
                .map_err(|e| format!("{e:?}"))?;
            Ok::<f64, String>(t.elapsed().as_secs_f64() * 1000.0)
        }
    };
    let mut first = Vec::new();
    let mut again = Vec::new();
    for n in 1..=5 {
        first.push(login(format!("m{n}@legacy.coop")).await?);
        again.push(login(format!("m{n}@legacy.coop")).await?);
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    println!(
        "first sign-in of an imported member (bcrypt cost 12, then argon2id rehash): {:.0} ms; a sign-in with argon2id: {:.0} ms (means of 5)",
        mean(&first),
        mean(&again)
    );
    Ok(())
}
