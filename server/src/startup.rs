//! Building the application: database, sessions, mail, the router, and the background jobs.
use crate::config::Config;
use crate::sessions::Store;
use crate::{health, observability};
use app::mail::{MailConfigError, Mailer};
use app::state::AppState;
use axum::Router;
use axum::http::{HeaderName, Request};
use axum::routing::{get, post};
use axum::serve::ListenerExt;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, file_and_error_handler_with_context};
use std::net::SocketAddr;
use tokio::net::TcpListener;
use tower_http::request_id::{MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer};
use tower_http::services::ServeDir;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{ExpiredDeletion, SessionManagerLayer};

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

#[derive(Clone, Copy)]
struct UuidRequestId;

impl MakeRequestId for UuidRequestId {
    fn make_request_id<B>(&mut self, _: &Request<B>) -> Option<RequestId> {
        uuid::Uuid::new_v4().to_string().parse().ok().map(RequestId::new)
    }
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
            regions.push(demo_region().await.map_err(|e| StartError::Bind(config.bind, e))?);
        }
        let regions = std::sync::Arc::new(app::regions::service::Regions::new(regions, &clock));
        let rooms = std::sync::Arc::new(app::rooms::service::cache::RoomCache::new(&clock));
        let members = std::sync::Arc::new(app::recent::Recent::new(clock.clone()));
        let health = std::sync::Arc::new(app::recent::Recent::new(clock.clone()));
        let schedule_cache = std::sync::Arc::new(app::schedule::service::cache::ScheduleCache::new(&clock));
        let jobs = std::sync::Arc::new(crate::jobs::runner(&mailer, config));
        let sso = app::sso::service::providers::Configured { providers: config.sso_providers.clone() };
        let sso =
            std::sync::Arc::new(app::sso::service::Sso::new(sso, &clock, config.sso_timeout).map_err(StartError::Bbb)?);
        let state = AppState::new(app::state::State {
            pool,
            mailer,
            base_url,
            proxies: config.trusted_proxies.clone(),
            clock,
            sessions: config.sessions,
            password_login: config.password_login,
            monitor: config.monitor,
            outbound: config.outbound,
            monitor_webhook: config.monitor_webhook.clone(),
            schedule: config.schedule.clone(),
            membership: config.membership.clone(),
            health,
            bbb,
            regions,
            rooms,
            members,
            recordings: Default::default(),
            full_rooms: Default::default(),
            schedule_cache,
            sso,
            jobs,
        });
        if let Err(e) = app::sso::service::identities::adopt_configured(&state).await {
            // Those members are mailed a link at their next sign-in instead: no reason not to start.
            tracing::warn!(error = %e, "single sign-on: identities of configured providers keep no issuer");
        }
        let router = router(config, address, state.clone(), store.clone(), secure);
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
        let upkeep = tokio::spawn(crate::metrics::keep_up());
        let metrics = self.metrics.map(|listener| {
            let routes = Router::new().route("/metrics", get(crate::metrics::render));
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
    crate::metrics::handle()?;
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

/// The fake BBB server on a loopback port, as the default region "demo": so a newcomer can start and
/// join a meeting end to end without a BBB server. Labelled as a demo wherever regions are shown.
async fn demo_region() -> std::io::Result<app::regions::service::RegionRecord> {
    let secret = app::accounts::service::tokens::new_token();
    let api_url = crate::fake_bbb::spawn(crate::fake_bbb::Fake::new(&secret)).await?;
    tracing::warn!(%api_url, "demo region enabled: a fake BBB server with no audio or video");
    let input = app::regions::model::RegionInput {
        code: "demo".into(),
        name: "Demo (fake BBB: no audio or video)".into(),
        api_url,
        secret: secret.clone(),
        checksum: "sha256".into(),
        recording: Some("on".into()),
        enabled: Some("on".into()),
        is_default: Some("on".into()),
        ..Default::default()
    };
    app::regions::service::RegionRecord::from_input(&input, &secret)
        .map_err(|e| std::io::Error::other(format!("{e:?}")))
}

/// The plain HTTP routes beside the pages and server functions. The authorization table covers
/// each; a route added to the router is added here too.
pub const PLAIN_ROUTES: &[&str] = &[
    "/healthz",
    "/readyz",
    "/status.json",
    "/r/{slug}/join",
    "/bbb/callback/end/{slug}",
    "/bbb/callback/recording/{slug}",
    "/cal/{file}",
    "/auth/oidc/{slug}/callback",
    "/b/{slug}",
    "/{slug}",
    "/rooms/{slug}",
    "/rooms/{slug}/join",
];

fn router(config: &Config, address: SocketAddr, state: AppState, store: Store, secure: bool) -> Router {
    let site = crate::site::Site::new(config, address);
    let context = {
        let state = state.clone();
        move || {
            provide_context(state.clone());
            provide_context(app::accounts::service::auth::RequestUser::default());
        }
    };
    let sessions = SessionManagerLayer::new(store)
        .with_name("quorum_session")
        .with_secure(secure)
        .with_http_only(true)
        .with_same_site(SameSite::Lax);
    let request_id = HeaderName::from_static("x-request-id");
    let pipeline = std::sync::Arc::new(crate::pipeline::Pipeline {
        state: state.clone(),
        pages: crate::page_cache::PageCache::default(),
        own_origin: crate::csrf::origin_of(&state.base_url),
        secure,
    });
    let trace = TraceLayer::new_for_http().make_span_with(|req: &Request<_>| {
        let id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
        tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %id)
    });
    let router = crate::site::with_pages(Router::new(), &site, context.clone())
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz).with_state(state.pool.clone()))
        .route("/status.json", get(health::status_json).with_state(state.clone()))
        .route("/r/{slug}/join", get(crate::callbacks::join).with_state(state.clone()))
        .route("/bbb/callback/end/{slug}", get(crate::callbacks::ended).with_state(state.clone()))
        .route("/bbb/callback/recording/{slug}", post(crate::callbacks::recording_ready).with_state(state.clone()))
        .route("/cal/{file}", get(crate::calendar::feed).with_state(state.clone()))
        .route("/auth/oidc/{slug}/callback", get(crate::sso_callback::callback).with_state(state.clone()))
        // With no page listed, leptos_axum routes only the server functions (`/api/…`).
        .leptos_routes_with_context(&site, Vec::new(), context.clone(), || ())
        // Counts the requests that reach a route; pages answered from the page cache before
        // routing are counted there (`page_cache_hits_total`).
        .route_layer(axum::middleware::from_fn(crate::metrics::track))
        .nest_service("/pkg", ServeDir::new(config.site_root.join("pkg")))
        .fallback(file_and_error_handler_with_context::<crate::site::Site, _>(context, |options| {
            app::shell(options, app::not_found)
        }))
        .layer(axum::middleware::from_fn(move |req, next| crate::pipeline::run(pipeline.clone(), req, next)))
        .layer(sessions)
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(trace)
        .layer(SetRequestIdLayer::new(request_id, UuidRequestId))
        .with_state(site);
    crate::security_headers::add(router, secure)
}
