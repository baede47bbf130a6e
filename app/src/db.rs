//! One database code path for SQLite and PostgreSQL: `AnyPool`, `$N` placeholders, integer times.
use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, Executor};
use std::time::Duration;

pub type Pool = AnyPool;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Sqlite,
    Postgres,
}

impl Kind {
    pub fn of(url: &str) -> Option<Kind> {
        if url.starts_with("sqlite:") {
            Some(Kind::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Kind::Postgres)
        } else {
            None
        }
    }
}

/// The longest a request waits for a connection. A database that is away (restarting, unreachable)
/// makes every connection attempt wait this long before the member is told to try again; requests
/// take milliseconds, so a pool busy for longer than this is one that would not recover in time.
pub const ACQUIRE: Duration = Duration::from_secs(3);

/// Opens the pool and runs the migrations of the URL's database kind.
pub async fn connect(url: &str, max_connections: u32) -> Result<Pool, sqlx::Error> {
    install_default_drivers();
    let kind = Kind::of(url).ok_or_else(|| sqlx::Error::Configuration("unsupported database URL".into()))?;
    let mut options = AnyPoolOptions::new().max_connections(max_connections).acquire_timeout(ACQUIRE);
    if kind == Kind::Sqlite {
        // WAL lets readers run beside the one writer; the busy timeout queues writers instead of failing.
        options = options.after_connect(|conn, _| {
            Box::pin(async move {
                conn.execute("PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;")
                    .await?;
                Ok(())
            })
        });
    }
    let url = if kind == Kind::Sqlite { sqlite_creating(url) } else { url.to_string() };
    let pool = options.connect(&url).await?;
    match kind {
        Kind::Sqlite => SQLITE_MIGRATIONS.run(&pool).await?,
        Kind::Postgres => POSTGRES_MIGRATIONS.run(&pool).await?,
    }
    Ok(pool)
}

/// The SQLite URL with `mode=rwc`, so a file that does not exist yet is created, whatever mode the
/// URL asked for (`sqlite://data/quorum.db`, as the README shows it, would otherwise refuse to start).
pub fn sqlite_creating(url: &str) -> String {
    if url.contains(":memory:") || url.contains("mode=memory") {
        return url.to_string();
    }
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let mut params: Vec<&str> = query.split('&').filter(|p| !p.is_empty() && !p.starts_with("mode=")).collect();
    params.push("mode=rwc");
    format!("{base}?{}", params.join("&"))
}

/// Starts a transaction that will write. On SQLite it takes the write lock at once (`BEGIN
/// IMMEDIATE`): a deferred transaction that reads first fails with `SQLITE_BUSY_SNAPSHOT` when
/// another connection wrote meanwhile, and the busy timeout cannot save it.
pub async fn begin(pool: &Pool) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
    match Kind::of(pool.connect_options().database_url.as_str()) {
        Some(Kind::Sqlite) => pool.begin_with("BEGIN IMMEDIATE").await,
        _ => pool.begin().await,
    }
}

/// `" FOR UPDATE"` on PostgreSQL, nothing on SQLite (whose `BEGIN IMMEDIATE` already holds the
/// one write lock): appended to a `SELECT` that must lock the rows it reads until the commit.
pub fn for_update(pool: &Pool) -> &'static str {
    match Kind::of(pool.connect_options().database_url.as_str()) {
        Some(Kind::Postgres) => " FOR UPDATE",
        _ => "",
    }
}

/// True when the error is a unique-constraint violation (on either database).
pub fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}

pub async fn get_setting(pool: &Pool, key: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT value FROM settings WHERE key = $1").bind(key).fetch_optional(pool).await
}

pub async fn set_setting(pool: &Pool, key: &str, value: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(key)
    .bind(value)
    .execute(pool)
    .await?;
    Ok(())
}

/// The setting's value, storing `value` first when it has none: when several processes start
/// at once, the first one's value is every process's.
pub async fn setting_or_insert(pool: &Pool, key: &str, value: &str) -> Result<String, sqlx::Error> {
    setting_or_insert_on(&mut *pool.acquire().await?, key, value).await
}

/// [`setting_or_insert`] on a connection the caller holds (or its transaction's): on SQLite a
/// second connection would wait for the caller's own write lock.
pub async fn setting_or_insert_on(
    conn: &mut sqlx::AnyConnection,
    key: &str,
    value: &str,
) -> Result<String, sqlx::Error> {
    sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
        .bind(key)
        .bind(value)
        .execute(&mut *conn)
        .await?;
    sqlx::query_scalar("SELECT value FROM settings WHERE key = $1").bind(key).fetch_one(&mut *conn).await
}

#[cfg(test)]
mod tests {
    #[test]
    fn sqlite_files_are_created_whatever_the_url_says() {
        assert_eq!(super::sqlite_creating("sqlite://data/q.db"), "sqlite://data/q.db?mode=rwc");
        assert_eq!(super::sqlite_creating("sqlite://q.db?mode=ro&cache=shared"), "sqlite://q.db?cache=shared&mode=rwc");
        assert_eq!(super::sqlite_creating("sqlite::memory:"), "sqlite::memory:");
    }
}
