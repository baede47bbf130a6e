//! Building the application: database, sessions, mail, the router, and the background jobs.
mod health;
pub mod jobs;
mod observability;
mod router;
pub mod routes;

use crate::config::Config;
use crate::http::sessions::Store;
use app::mail::{MailConfigError, Mailer};
use app::state::AppState;
use axum::Router;
use axum::routing::get;
use axum::serve::ListenerExt;
use std::net::SocketAddr;
use tokio::net::TcpListener;
use tower_sessions::ExpiredDeletion;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot listen on {0}: {1}")]
    Bind(SocketAddr, std::io::Error),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("configuration key `database_url`: cannot create the folder {0} for the SQLite file: {1}")]
    DataDir(String, std::io::Error),
    #[error(transparent)]
    Mail(#[from] MailConfigError),
    #[error("HTTP client: {0}")]
    Bbb(String),
    #[error("configuration keys `files_*`: {0}")]
    Files(String),
}

pub struct Application {
    listener: TcpListener,
    router: Router,
    state: AppState,
    store: Store,
    address: SocketAddr,
    /// The internal listener for `/metrics`, when one is configured and its address was free.
    metrics: Option<TcpListener>,
}

/// Creates the folder of a SQLite file, so the default works on a fresh checkout.
fn ensure_sqlite_dir(url: &str) -> Result<(), StartError> {
    if let Some(path) = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) {
        let file = path.split('?').next().unwrap_or_default();
        if let Some(dir) = std::path::Path::new(file).parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| StartError::DataDir(dir.display().to_string(), e))?;
        }
    }
    Ok(())
}

pub async fn open_pool(config: &Config) -> Result<app::db::Pool, StartError> {
    ensure_sqlite_dir(&config.database_url)?;
    let pool = app::db::connect(&config.database_url, config.db_max_connections).await?;
    // Feed tokens stored in plain text by earlier versions become digests (SQLite has no SHA-256
    // a migration could use); the addresses members subscribed to keep working.
    app::schedule::service::store::digest_plain_feed_tokens(&pool).await?;
    Ok(pool)
}

impl Application {
    pub async fn build(config: &Config) -> Result<Application, StartError> {
        Self::build_with_clock(config, app::clock::Clock::system()).await
    }

    /// As [`Application::build`], reading time from `clock` (tests hold a manual one).
    pub async fn build_with_clock(config: &Config, clock: app::clock::Clock) -> Result<Application, StartError> {
        observability::init(config.log_format);
        let listener = TcpListener::bind(config.bind).await.map_err(|e| StartError::Bind(config.bind, e))?;
        let address = listener.local_addr().map_err(|e| StartError::Bind(config.bind, e))?;
        let base_url = config.public_url(address);
        let pool = open_pool(config).await?;
        let store = Store::open(&config.database_url, &clock).await?;
        let mailer = match &config.smtp_url {
            Some(url) => Mailer::smtp(url, &config.mail_from)?,
            None => Mailer::folder(&config.outbox_dir, &config.mail_from)?,
        };
        let secure = base_url.starts_with("https://");
        let bbb = app::bbb::client::Client::new(config.bbb_connect_timeout, config.bbb_timeout)
            .map_err(|e| StartError::Bbb(e.to_string()))?;
        let mut regions = config.regions.clone();
        if config.demo_region {
            regions.push(crate::fake_bbb::demo::region().await.map_err(|e| StartError::Bind(config.bind, e))?);
        }
        let regions = std::sync::Arc::new(app::regions::service::Regions::new(regions, &clock));
        let rooms = std::sync::Arc::new(app::rooms::service::cache::RoomCache::new(&clock));
        let members = std::sync::Arc::new(app::recent::Recent::new(clock.clone()));
        let health = std::sync::Arc::new(app::recent::Recent::new(clock.clone()));
        let announcements = std::sync::Arc::new(app::recent::Recent::new(clock.clone()));
        let identity = std::sync::Arc::new(app::recent::Recent::new(clock.clone()));
        let maintenance = std::sync::Arc::new(app::recent::Recent::new(clock.clone()));
        let schedule_cache = std::sync::Arc::new(app::schedule::service::cache::ScheduleCache::new(&clock));
        let jobs = std::sync::Arc::new(crate::startup::jobs::runner(&mailer, config));
        let sso = app::sso::service::providers::Configured { providers: config.sso_providers.clone() };
        let sso =
            std::sync::Arc::new(app::sso::service::Sso::new(sso, &clock, config.sso_timeout).map_err(StartError::Bbb)?);
        let files = app::files::Files::open(&config.files, config.files_timeout).map_err(StartError::Files)?;
        let state = AppState::new(app::state::State {
            pool,
            files,
            mailer,
            base_url,
            proxies: config.trusted_proxies.clone(),
            clock,
            sessions: config.sessions,
            password_login: config.password_login,
            recording_visibility: config.recording_visibility,
            monitor: config.monitor,
            outbound: config.outbound,
            monitor_webhook: config.monitor_webhook.clone(),
            schedule: config.schedule.clone(),
            membership: config.membership.clone(),
            health,
            announcements,
            identity,
            maintenance,
            bbb,
            regions,
            rooms,
            members,
            recordings: Default::default(),
            overview: Default::default(),
            full_rooms: Default::default(),
            schedule_cache,
            sso,
            jobs,
        });
        if let Err(e) = app::sso::service::identities::adopt_configured(&state).await {
            // Those members are mailed a link at their next sign-in instead: no reason not to start.
            tracing::warn!(error = %e, "single sign-on: identities of configured providers keep no issuer");
        }
        let router = router::router(config, address, state.clone(), store.clone(), secure);
        let metrics = metrics_listener(config.metrics_bind).await;
        Ok(Application { listener, router, state, store, address, metrics })
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Where `/metrics` answers, if it does.
    pub fn metrics_address(&self) -> Option<SocketAddr> {
        self.metrics.as_ref().and_then(|l| l.local_addr().ok())
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until the process is told to stop (Ctrl-C, or SIGTERM as `docker stop` sends), running
    /// the background jobs beside. Stopping drains: requests under way are answered, then each job
    /// finishes the pass it is in.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        // Listening for the signals starts here, before the first request is served: a SIGTERM
        // that comes early still drains instead of killing the process.
        let stop_signal = shutdown_signal()?;
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let jobs = tokio::spawn(self.state.jobs.clone().run_until_stopped(self.state.clone(), stopped));
        let sweeper =
            tokio::spawn(self.store.clone().continuously_delete_expired(tokio::time::Duration::from_secs(3600)));
        let upkeep = tokio::spawn(crate::http::metrics::keep_up());
        let metrics = self.metrics.map(|listener| {
            let routes = Router::new().route("/metrics", get(crate::http::metrics::render));
            tokio::spawn(async move { axum::serve(listener, routes).await })
        });
        tracing::info!(address = %self.address, url = %self.state.base_url, "Quorum is listening");
        // Pages stream in several writes; without TCP_NODELAY, Nagle's algorithm holds each later
        // write until the client's delayed ACK, adding ~40 ms to every page.
        let listener = self.listener.tap_io(|tcp| {
            if let Err(e) = tcp.set_nodelay(true) {
                tracing::warn!(error = %e, "cannot set TCP_NODELAY");
            }
        });
        axum::serve(listener, self.router.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(stop_signal)
            .await?;
        tracing::info!("requests drained; stopping background jobs");
        let _ = stop.send(true);
        sweeper.abort();
        upkeep.abort();
        if let Some(metrics) = metrics {
            metrics.abort();
        }
        if tokio::time::timeout(std::time::Duration::from_secs(30), jobs).await.is_err() {
            tracing::warn!("the background jobs did not stop within 30 seconds");
        }
        tracing::info!("Quorum stopped");
        Ok(())
    }
}

/// The metrics listener: a busy address is a warning, not a reason to keep members out.
async fn metrics_listener(bind: Option<SocketAddr>) -> Option<TcpListener> {
    let bind = bind?;
    crate::http::metrics::handle()?;
    match TcpListener::bind(bind).await {
        Ok(listener) => Some(listener),
        Err(e) => {
            tracing::warn!(address = %bind, error = %e, "metrics are not served: the address is taken");
            None
        }
    }
}

/// Ctrl-C, or SIGTERM (what `docker stop` and systemd send): registered when called, resolved
/// when one arrives.
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{SignalKind, signal};
    let (mut terminate, mut interrupt) = (signal(SignalKind::terminate())?, signal(SignalKind::interrupt())?);
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = terminate.recv() => {}
        }
        tracing::info!("stopping: draining requests");
    })
}
