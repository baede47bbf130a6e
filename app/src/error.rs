//! The one error type at the edge between the server and the page: every failure a member can meet,
//! as a message key the page translates, plus the HTTP status it maps to.
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// A message for a member: a translation key and the named values its text takes
/// (`Msg::with("error.rate_limited", "minutes", 3)`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Msg {
    pub key: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<(String, Arg)>,
}

/// A value in a message: a number (which chooses the plural form, and is written as the reader's
/// language writes numbers) or a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Arg {
    Number(i64),
    Text(String),
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_args!(i32, i64, u16, u32, u64, usize);

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}

impl Msg {
    pub fn new(key: &str) -> Self {
        Self { key: key.to_string(), args: Vec::new() }
    }
    /// A message with one named value.
    pub fn with(key: &str, name: &str, value: impl Into<Arg>) -> Self {
        Self::new(key).and(name, value)
    }
    /// The text value named `name`, if the message carries one.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.args.iter().find_map(|(n, v)| match v {
            Arg::Text(t) if n == name => Some(t.as_str()),
            _ => None,
        })
    }
    /// This message with another named value.
    pub fn and(mut self, name: &str, value: impl Into<Arg>) -> Self {
        self.args.push((name.to_string(), value.into()));
        self
    }
}

/// Problems with individual form fields, each shown next to its field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<(String, Msg)>);

impl FieldErrors {
    pub fn add(&mut self, field: &str, msg: Msg) {
        self.0.push((field.to_string(), msg));
    }
    pub fn get(&self, field: &str) -> Option<&Msg> {
        self.0.iter().find(|(f, _)| f == field).map(|(_, m)| m)
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// `Ok(())` when nothing was wrong, else the errors as an [`AppError`].
    pub fn into_result(self) -> Result<(), AppError> {
        if self.is_empty() { Ok(()) } else { Err(AppError::Invalid(self)) }
    }
}

/// Why something broke on our side. Never serialized: the page gets only "something went wrong".
/// Two causes compare equal, so errors still compare by what the member is told.
#[derive(Clone, Default)]
pub struct Cause(Option<std::sync::Arc<str>>);

impl std::fmt::Debug for Cause {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.as_deref().unwrap_or("unknown"))
    }
}

impl PartialEq for Cause {
    fn eq(&self, _: &Cause) -> bool {
        true
    }
}

impl Eq for Cause {}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("invalid input")]
    Invalid(FieldErrors),
    #[error("not signed in")]
    NotSignedIn,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("too many attempts; retry in {minutes} minutes")]
    RateLimited { minutes: i64 },
    /// A refusal with a reason the member can act on (e.g. "approval pending").
    #[error("refused: {0:?}")]
    Refused(Msg),
    /// Something broke on our side; its cause stays on the server (logged once, at the edge), never
    /// reaching the page.
    #[error("internal error: {0:?}")]
    Internal(#[serde(skip)] Cause),
    /// The database did not answer in time (restarting, unreachable, every connection busy): the
    /// member is told to try again in a moment; the cause stays on the server, like `Internal`'s.
    #[error("unavailable: {0:?}")]
    Unavailable(#[serde(skip)] Cause),
    /// The transport failed (network down, server unreachable).
    #[error("transport: {0}")]
    Transport(String),
}

impl AppError {
    /// Something broke on our side: `cause` says what (the operation, the room or region, the
    /// underlying error) for the server's log.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        AppError::Internal(Cause(Some(cause.to_string().into())))
    }

    /// The database did not answer: the member is told to try again; `cause` is for the log.
    pub fn unavailable(cause: impl std::fmt::Display) -> Self {
        AppError::Unavailable(Cause(Some(cause.to_string().into())))
    }

    pub fn field(field: &str, key: &str) -> Self {
        let mut e = FieldErrors::default();
        e.add(field, Msg::new(key));
        AppError::Invalid(e)
    }

    pub fn field_errors(&self) -> Option<&FieldErrors> {
        match self {
            AppError::Invalid(f) => Some(f),
            _ => None,
        }
    }

    /// The message shown above a form (field errors are shown next to their fields instead).
    pub fn message(&self) -> Msg {
        match self {
            AppError::Invalid(_) => Msg::new("error.invalid"),
            AppError::NotSignedIn => Msg::new("error.not_signed_in"),
            AppError::Forbidden => Msg::new("error.forbidden"),
            AppError::NotFound => Msg::new("error.not_found"),
            AppError::RateLimited { minutes } => Msg::with("error.rate_limited", "minutes", *minutes),
            AppError::Refused(m) => m.clone(),
            AppError::Internal(_) => Msg::new("error.internal"),
            AppError::Unavailable(_) => Msg::new("error.unavailable"),
            AppError::Transport(_) => Msg::new("error.transport"),
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            AppError::Invalid(_) => 422,
            AppError::NotSignedIn => 401,
            AppError::Forbidden | AppError::Refused(_) => 403,
            AppError::NotFound => 404,
            AppError::RateLimited { .. } => 429,
            AppError::Internal(_) => 500,
            AppError::Unavailable(_) => 503,
            AppError::Transport(_) => 502,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(e) | ServerFnErrorErr::Response(e) => AppError::Transport(e),
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                AppError::Refused(Msg::new("error.bad_request"))
            }
            other => AppError::internal(other),
        }
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    /// The status as axum's type, for plain HTTP handlers and server functions alike.
    pub fn http_status(&self) -> axum::http::StatusCode {
        axum::http::StatusCode::from_u16(self.status()).unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR)
    }
}

/// The operation under way: the innermost span, which every service entry point opens with its
/// name (`rooms.manage.create`). Those spans are at the error level so that they exist whenever an
/// error can be logged, whatever the filter.
#[cfg(feature = "ssr")]
pub fn operation() -> &'static str {
    tracing::Span::current().metadata().map(|m| m.name()).unwrap_or("(outside a service)")
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        database(format_args!("{}: database: {e}", operation()), &e)
    }
}

/// A database error as the member meets it: a database that is away (no connection within the
/// pool's wait, or the connection lost) is "try again in a moment", anything else ours to fix.
#[cfg(feature = "ssr")]
fn database(cause: impl std::fmt::Display, e: &sqlx::Error) -> AppError {
    // PostgreSQL says it is shutting down or starting (57P01-57P03) or the connection failed
    // (class 08) while it restarts.
    let restarting = |code: &str| code.starts_with("57P0") || code.starts_with("08");
    match e {
        sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => AppError::unavailable(cause),
        sqlx::Error::Database(db) if db.code().is_some_and(|c| restarting(&c)) => AppError::unavailable(cause),
        _ => AppError::internal(cause),
    }
}

/// A session store's error: the store is the database, and its errors reach us as text, so a
/// database that is away is known by sqlx's words for it (as in [`database`]).
#[cfg(feature = "ssr")]
impl From<tower_sessions::session::Error> for AppError {
    fn from(e: tower_sessions::session::Error) -> Self {
        const AWAY: [&str; 3] = ["pool timed out", "closed pool", "error communicating with database"];
        let cause = format!("{}: session store: {e}", operation());
        if AWAY.iter().any(|words| cause.contains(words)) {
            AppError::unavailable(cause)
        } else {
            AppError::internal(cause)
        }
    }
}

/// What a failed statement was doing, kept with its cause for the log: `.step("insert into rooms")?`
/// gives `rooms.manage.create: insert into rooms: database: <error>`.
#[cfg(feature = "ssr")]
pub trait Step<T> {
    fn step(self, what: &'static str) -> AppResult<T>;
}

#[cfg(feature = "ssr")]
impl<T> Step<T> for Result<T, sqlx::Error> {
    fn step(self, what: &'static str) -> AppResult<T> {
        self.map_err(|e| database(format_args!("{}: {what}: database: {e}", operation()), &e))
    }
}

/// What a member (or, for configuration problems, an admin) is told when a region fails.
#[cfg(feature = "ssr")]
pub fn bbb_message(e: &crate::bbb::error::BbbError) -> Msg {
    use crate::bbb::error::BbbError;
    match e {
        BbbError::Dns(_) => Msg::new("bbb.dns"),
        BbbError::Connect(_) => Msg::new("bbb.connect"),
        BbbError::Tls(_) => Msg::new("bbb.tls"),
        BbbError::Timeout => Msg::new("bbb.timeout"),
        BbbError::Status(code) => Msg::with("bbb.status", "status", code.to_string()),
        BbbError::Malformed(_) => Msg::new("bbb.malformed"),
        BbbError::Failed { key, .. } => match key.as_str() {
            "checksumError" => Msg::new("bbb.checksum"),
            "maxParticipantsReached" => Msg::new("bbb.full"),
            "notFound" | "invalidMeetingIdentifier" => Msg::new("bbb.not_running"),
            "serverTagUnavailable" => Msg::new("bbb.tag_unavailable"),
            other => Msg::with("bbb.failed", "reason", other),
        },
    }
}

pub type AppResult<T> = Result<T, AppError>;
