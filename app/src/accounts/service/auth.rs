//! The current member, from the server-side session, and role checks. Every server function that
//! reads or changes anything private goes through [`require_user`] or [`require_admin`].
use crate::accounts::model::{Role, Status};
use crate::accounts::service::{User, users};
use crate::db::Pool;
use crate::error::{AppError, AppResult};
use tower_sessions::{Expiry, Session};

const USER_KEY: &str = "uid";
const EPOCH_KEY: &str = "epoch";
/// When the member signed in, and when the session was last used (Unix seconds, by the clock).
const SINCE_KEY: &str = "since";
const SEEN_KEY: &str = "seen";
const REMEMBER_KEY: &str = "remember";
/// How long "remember me" keeps a member signed in, used or not.
pub const REMEMBER_DAYS: i64 = 30;
/// "Last used" is written at most this often, so a busy member costs one session write a minute.
const SEEN_EVERY: i64 = 60;

/// How long a session lasts: it ends after `idle` seconds unused, and `max` seconds after sign-in
/// whatever happens. A "remember me" session lasts [`REMEMBER_DAYS`] either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionPolicy {
    pub idle: i64,
    pub max: i64,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        SessionPolicy { idle: 2 * 3600, max: 24 * 3600 }
    }
}

impl SessionPolicy {
    fn limits(self, remembered: bool) -> (i64, i64) {
        if remembered { (REMEMBER_DAYS * 86400, REMEMBER_DAYS * 86400) } else { (self.idle, self.max) }
    }
}

/// The request's session, as the session layer put it in the request (read in place: extracting
/// it through `leptos_axum::extract` would copy the whole request head first).
#[tracing::instrument(name = "accounts.auth.session", level = "error", skip_all)]
pub async fn session() -> AppResult<Session> {
    crate::edge::with_parts(|p| p.extensions.get::<Session>().cloned())
        .flatten()
        .ok_or_else(|| AppError::internal("no session layer"))
}

/// The member of the request being served, once looked up: a page that renders several resources
/// reads the session and the member once, not once per resource. Provided fresh for each request.
#[derive(Clone, Default)]
pub struct RequestUser(std::sync::Arc<tokio::sync::Mutex<Option<AppResult<Option<User>>>>>);

/// The signed-in member, or `None`. A session whose member was suspended, deleted, or signed out
/// everywhere (the epoch moved on) is destroyed here.
#[tracing::instrument(name = "accounts.auth.current_user", level = "error", skip_all)]
pub async fn current_user(pool: &Pool) -> AppResult<Option<User>> {
    let Some(cache) = leptos::prelude::use_context::<RequestUser>() else { return load_current_user(pool).await };
    let mut known = cache.0.lock().await;
    if let Some(user) = known.as_ref() {
        return user.clone();
    }
    let user = load_current_user(pool).await;
    // A database that is away stays away for the rest of this request: its other parts are told
    // at once rather than each waiting for the pool again.
    if matches!(user, Ok(_) | Err(AppError::Unavailable(_))) {
        *known = Some(user.clone());
    }
    user
}

/// Forgets the request's member after signing in or out.
async fn forget_request_user() {
    if let Some(cache) = leptos::prelude::use_context::<RequestUser>() {
        *cache.0.lock().await = None;
    }
}

async fn load_current_user(pool: &Pool) -> AppResult<Option<User>> {
    member_in(pool, &crate::state::state()?, &session().await?).await
}

/// The member signed in to `session`, or `None` (a handler that holds the session itself: the
/// single sign-on callback). A session whose member was suspended, deleted, or signed out
/// everywhere (the epoch moved on) is destroyed here.
#[tracing::instrument(name = "accounts.auth.member_of", level = "error", skip_all)]
pub async fn member_of(state: &crate::state::AppState, session: &Session) -> AppResult<Option<User>> {
    member_in(&state.pool, state, session).await
}

async fn member_in(pool: &Pool, state: &crate::state::AppState, session: &Session) -> AppResult<Option<User>> {
    let Some(id) = session.get::<i64>(USER_KEY).await? else {
        return Ok(None);
    };
    if !still_fresh(state, session).await? {
        session.flush().await?;
        return Ok(None);
    }
    let epoch = session.get::<i64>(EPOCH_KEY).await?.unwrap_or(-1);
    let user = users::recent(pool, &state.members, id).await?;
    match user {
        Some(u) if u.status() == Status::Active && u.session_epoch == epoch => Ok(Some(u)),
        _ => {
            session.flush().await?;
            Ok(None)
        }
    }
}

/// False when the session sat unused too long or outlived its cap; else notes that it was used.
async fn still_fresh(state: &crate::state::AppState, session: &Session) -> AppResult<bool> {
    let now = state.clock.now().secs();
    let get = |key: &'static str| async move { session.get::<i64>(key).await.map_err(AppError::from) };
    let (Some(since), Some(seen)) = (get(SINCE_KEY).await?, get(SEEN_KEY).await?) else { return Ok(false) };
    let remembered = session.get::<bool>(REMEMBER_KEY).await?.unwrap_or(false);
    let (idle, max) = state.sessions.limits(remembered);
    if now - seen > idle || now - since > max {
        return Ok(false);
    }
    if now - seen >= SEEN_EVERY {
        session.insert(SEEN_KEY, now).await?;
    }
    Ok(true)
}

#[tracing::instrument(name = "accounts.auth.require_user", level = "error", skip_all)]
pub async fn require_user(pool: &Pool) -> AppResult<User> {
    current_user(pool).await?.ok_or(AppError::NotSignedIn)
}

#[tracing::instrument(name = "accounts.auth.require_admin", level = "error", skip_all)]
pub async fn require_admin(pool: &Pool) -> AppResult<User> {
    let user = require_user(pool).await?;
    if user.role() == Role::Admin { Ok(user) } else { Err(AppError::Forbidden) }
}

/// Starts a signed-in session under a fresh id, so an id planted before login is worthless.
#[tracing::instrument(name = "accounts.auth.sign_in", level = "error", skip_all)]
pub async fn sign_in(user: &User, remember: bool) -> AppResult<()> {
    forget_request_user().await;
    let now = crate::state::state()?.clock.now();
    sign_in_to(&session().await?, user, remember, now).await
}

/// [`sign_in`] for a handler that holds the session itself (the single sign-on callback).
#[tracing::instrument(name = "accounts.auth.sign_in_to", level = "error", skip_all)]
pub async fn sign_in_to(session: &Session, user: &User, remember: bool, now: crate::clock::Timestamp) -> AppResult<()> {
    session.cycle_id().await?;
    session.insert(USER_KEY, user.id).await?;
    session.insert(EPOCH_KEY, user.session_epoch).await?;
    session.insert(SINCE_KEY, now.secs()).await?;
    session.insert(SEEN_KEY, now.secs()).await?;
    session.insert(REMEMBER_KEY, remember).await?;
    if remember {
        use tower_sessions::cookie::time::{Duration, OffsetDateTime};
        let until = OffsetDateTime::now_utc() + Duration::days(REMEMBER_DAYS);
        session.set_expiry(Some(Expiry::AtDateTime(until)));
    }
    Ok(())
}

/// Keeps this session valid after the member's epoch moved on (they changed their password), under
/// a new id: whoever held the old id is signed out with every other session.
#[tracing::instrument(name = "accounts.auth.keep_session", level = "error", skip_all)]
pub async fn keep_session(epoch: i64) -> AppResult<()> {
    let session = session().await?;
    session.cycle_id().await?;
    session.insert(EPOCH_KEY, epoch).await.map_err(AppError::from)
}

/// Destroys the session on the server and tells the browser to drop its cookie.
#[tracing::instrument(name = "accounts.auth.sign_out", level = "error", skip_all)]
pub async fn sign_out() -> AppResult<()> {
    forget_request_user().await;
    session().await?.flush().await.map_err(AppError::from)
}
