//! Sessions live in the database, so any portal process can serve any request. The store crate
//! needs a typed pool, so this opens a small one beside the main `AnyPool` and picks the store by
//! the URL's kind. A session read in the last second is served from memory (every page reads its
//! session first); this process's own changes replace or drop the kept copy as they are written, so
//! a sign-out here holds at once, and one made by another process within a second.
use app::recent::Recent;
use async_trait::async_trait;
use std::sync::Arc;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

#[derive(Clone)]
pub struct Store {
    backend: Backend,
    recent: Arc<Recent<Id, Record>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("backend", &self.backend).finish_non_exhaustive()
    }
}

#[derive(Debug, Clone)]
enum Backend {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

impl Store {
    pub async fn open(database_url: &str, clock: &app::clock::Clock) -> Result<Store, sqlx::Error> {
        let backend = match app::db::Kind::of(database_url) {
            Some(app::db::Kind::Postgres) => {
                let pool = sqlx::postgres::PgPoolOptions::new()
                    .max_connections(4)
                    .acquire_timeout(app::db::ACQUIRE)
                    .connect(database_url)
                    .await?;
                Backend::Postgres(PostgresStore::new(pool))
            }
            _ => {
                let options: sqlx::sqlite::SqliteConnectOptions = database_url.parse()?;
                let options = options
                    .create_if_missing(true)
                    .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
                    .busy_timeout(std::time::Duration::from_secs(5));
                let pool = sqlx::sqlite::SqlitePoolOptions::new()
                    .max_connections(4)
                    .acquire_timeout(app::db::ACQUIRE)
                    .connect_with(options)
                    .await?;
                Backend::Sqlite(SqliteStore::new(pool))
            }
        };
        match &backend {
            Backend::Sqlite(s) => s.migrate().await?,
            Backend::Postgres(s) => s.migrate().await?,
        }
        Ok(Store { backend, recent: Arc::new(Recent::new(clock.clone())) })
    }
}

#[async_trait]
impl SessionStore for Store {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match &self.backend {
            Backend::Sqlite(s) => s.create(record).await?,
            Backend::Postgres(s) => s.create(record).await?,
        }
        self.recent.put(record.id, record.clone());
        Ok(())
    }
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        self.recent.forget(&record.id);
        match &self.backend {
            Backend::Sqlite(s) => s.save(record).await?,
            Backend::Postgres(s) => s.save(record).await?,
        }
        self.recent.put(record.id, record.clone());
        Ok(())
    }
    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        if let Some(record) = self.recent.get(id) {
            return Ok(Some(record));
        }
        let record = match &self.backend {
            Backend::Sqlite(s) => s.load(id).await?,
            Backend::Postgres(s) => s.load(id).await?,
        };
        if let Some(record) = &record {
            self.recent.put(*id, record.clone());
        }
        Ok(record)
    }
    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.recent.forget(id);
        match &self.backend {
            Backend::Sqlite(s) => s.delete(id).await,
            Backend::Postgres(s) => s.delete(id).await,
        }
    }
}

#[async_trait]
impl ExpiredDeletion for Store {
    async fn delete_expired(&self) -> session_store::Result<()> {
        match &self.backend {
            Backend::Sqlite(s) => s.delete_expired().await,
            Backend::Postgres(s) => s.delete_expired().await,
        }
    }
}
