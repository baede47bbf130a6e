//! The current member, from the server-side session, and role checks. Every server function that
//! reads or changes anything private goes through [`require_user`] or [`require_admin`].
use crate::accounts::model::{Role, Status};
use crate::accounts::service::{User, users};
use crate::db::Pool;
use crate::error::{AppError, AppResult};
use tower_sessions::{Expiry, Session};

const USER_KEY: &str = "uid";
const EPOCH_KEY: &str = "epoch";
/// How long "remember me" keeps a member signed in.
pub const REMEMBER_DAYS: i64 = 30;

pub async fn session() -> AppResult<Session> {
    leptos_axum::extract::<Session>().await.map_err(|e| {
        tracing::error!(error = %e, "no session layer");
        AppError::Internal
    })
}

fn store_error(e: tower_sessions::session::Error) -> AppError {
    tracing::error!(error = %e, "session store");
    AppError::Internal
}

/// The member of the request being served, once looked up: a page that renders several resources
/// reads the session and the member once, not once per resource. Provided fresh for each request.
#[derive(Clone, Default)]
pub struct RequestUser(std::sync::Arc<tokio::sync::Mutex<Option<Option<User>>>>);

/// The signed-in member, or `None`. A session whose member was suspended, deleted, or signed out
/// everywhere (the epoch moved on) is destroyed here.
pub async fn current_user(pool: &Pool) -> AppResult<Option<User>> {
    let Some(cache) = leptos::prelude::use_context::<RequestUser>() else { return load_current_user(pool).await };
    let mut known = cache.0.lock().await;
    if let Some(user) = known.as_ref() {
        return Ok(user.clone());
    }
    let user = load_current_user(pool).await?;
    *known = Some(user.clone());
    Ok(user)
}

/// Forgets the request's member after signing in or out.
async fn forget_request_user() {
    if let Some(cache) = leptos::prelude::use_context::<RequestUser>() {
        *cache.0.lock().await = None;
    }
}

async fn load_current_user(pool: &Pool) -> AppResult<Option<User>> {
    let session = session().await?;
    let Some(id) = session.get::<i64>(USER_KEY).await.map_err(store_error)? else {
        return Ok(None);
    };
    let epoch = session.get::<i64>(EPOCH_KEY).await.map_err(store_error)?.unwrap_or(-1);
    let user = users::by_id(pool, id).await?;
    match user {
        Some(u) if u.status() == Status::Active && u.session_epoch == epoch => Ok(Some(u)),
        _ => {
            session.flush().await.map_err(store_error)?;
            Ok(None)
        }
    }
}

pub async fn require_user(pool: &Pool) -> AppResult<User> {
    current_user(pool).await?.ok_or(AppError::NotSignedIn)
}

pub async fn require_admin(pool: &Pool) -> AppResult<User> {
    let user = require_user(pool).await?;
    if user.role() == Role::Admin { Ok(user) } else { Err(AppError::Forbidden) }
}

/// Starts a signed-in session under a fresh id, so an id planted before login is worthless.
pub async fn sign_in(user: &User, remember: bool) -> AppResult<()> {
    forget_request_user().await;
    let session = session().await?;
    session.cycle_id().await.map_err(store_error)?;
    session.insert(USER_KEY, user.id).await.map_err(store_error)?;
    session.insert(EPOCH_KEY, user.session_epoch).await.map_err(store_error)?;
    if remember {
        use tower_sessions::cookie::time::{Duration, OffsetDateTime};
        let until = OffsetDateTime::now_utc() + Duration::days(REMEMBER_DAYS);
        session.set_expiry(Some(Expiry::AtDateTime(until)));
    }
    Ok(())
}

/// Keeps this session valid after the member's epoch moved on (e.g. they changed their password).
pub async fn keep_session(epoch: i64) -> AppResult<()> {
    session().await?.insert(EPOCH_KEY, epoch).await.map_err(store_error)
}

/// Destroys the session on the server and tells the browser to drop its cookie.
pub async fn sign_out() -> AppResult<()> {
    forget_request_user().await;
    session().await?.flush().await.map_err(store_error)
}
