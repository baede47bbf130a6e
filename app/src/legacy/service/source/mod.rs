//! Reading a legacy Greenlight database, read-only, into one shape for both versions (`v2`, `v3`).
//! The facts behind each query are in ../shared/legacy-greenlight.md. Every column Greenlight's
//! schema lets be NULL is read as optional (real databases hold NULLs where the application never
//! wrote one), and a row is decoded with `try_get`, so a surprise is an error, never a panic.
use crate::legacy::model::Version;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use std::time::Duration;

// Public, hidden from the docs, for the fuzz targets (`app/fuzz/`): their pure row mappings.
#[doc(hidden)]
pub mod v2;
#[doc(hidden)]
pub mod v3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Active,
    /// Pending or denied (v2), pending or banned (v3): not imported.
    NotActive,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegacyRole {
    Member,
    Admin,
    SuperAdmin,
}

#[derive(Debug, Clone)]
pub struct LegacyUser {
    pub id: String,
    /// As the legacy instance had it (v2 allows none): the importer runs it through the name rules.
    pub name: Option<String>,
    pub email: String,
    /// The bcrypt digest of a local account; `None` for one that signed in elsewhere.
    pub digest: Option<String>,
    /// Whether the legacy instance had confirmed the email (v2 `email_verified`, v3 `verified`).
    pub verified: bool,
    pub language: String,
    pub deleted: bool,
    pub standing: Standing,
    pub role: LegacyRole,
}

/// A room's settings as Quorum keeps them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LegacySettings {
    pub mute_on_join: bool,
    pub waiting_room: bool,
    pub anyone_can_start: bool,
    pub all_moderators: bool,
    pub require_sign_in: bool,
    pub recording: bool,
    pub viewer_code: String,
    pub moderator_code: String,
}

#[derive(Debug, Clone)]
pub struct LegacyRoom {
    pub id: String,
    /// Its owner's legacy id; both versions allow a room without one.
    pub owner: Option<String>,
    pub name: Option<String>,
    /// The link id (`uid` in v2, `friendly_id` in v3), kept verbatim; v2 allows none.
    pub link_id: Option<String>,
    /// The BBB meetingID recordings hang on, kept verbatim; v2 allows none.
    pub meeting_id: Option<String>,
    pub deleted: bool,
    pub settings: LegacySettings,
}

pub struct Legacy {
    pub version: Version,
    pub users: Vec<LegacyUser>,
    pub rooms: Vec<LegacyRoom>,
    /// (room, co-owner); v2 allows either to be missing.
    pub shares: Vec<(Option<String>, Option<String>)>,
    /// Rooms' presentations: only their names are in the database, their files in Greenlight's
    /// storage, so they are reported, not imported.
    pub presentations: Vec<LegacyPresentation>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct LegacyPresentation {
    pub room: String,
    pub filename: String,
    pub bytes: i64,
}

/// A read-only connection to where `address::checked` allowed: every transaction on it refuses to write.
#[tracing::instrument(name = "legacy.source.connect", level = "error", skip_all)]
pub async fn connect(target: PgConnectOptions) -> Result<PgPool, sqlx::Error> {
    let options = target.options([("default_transaction_read_only", "on")]);
    PgPoolOptions::new().max_connections(2).acquire_timeout(Duration::from_secs(10)).connect_with(options).await
}

/// The instance's host and database, without its credentials: how its records are remembered.
pub fn source_of(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(u) => format!("{}:{}{}", u.host_str().unwrap_or(""), u.port().unwrap_or(5432), u.path()),
        Err(_) => "unknown".into(),
    }
}

#[tracing::instrument(name = "legacy.source.detect", level = "error", skip_all)]
pub async fn detect(pool: &PgPool) -> Result<Option<Version>, sqlx::Error> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema()",
    )
    .fetch_all(pool)
    .await?;
    let has = |t: &str| tables.iter().any(|x| x == t);
    Ok(if has("meeting_options") && has("rooms") {
        Some(Version::V3)
    } else if has("rooms") && has("users") && has("roles") {
        Some(Version::V2)
    } else {
        None
    })
}

/// Co-owners, in the same shape in both versions.
async fn shares(pool: &PgPool) -> Result<Vec<(Option<String>, Option<String>)>, sqlx::Error> {
    sqlx::query_as("SELECT room_id::text, user_id::text FROM shared_accesses ORDER BY room_id::text, user_id::text")
        .fetch_all(pool)
        .await
}

/// Rooms' presentations, attached through ActiveStorage in both versions (an instance without
/// its tables has none).
async fn presentations(pool: &PgPool) -> Result<Vec<LegacyPresentation>, sqlx::Error> {
    let tables: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()
         AND table_name IN ('active_storage_attachments', 'active_storage_blobs')",
    )
    .fetch_one(pool)
    .await?;
    if tables < 2 {
        return Ok(Vec::new());
    }
    sqlx::query_as(
        "SELECT a.record_id::text AS room, b.filename, COALESCE(b.byte_size, 0)::bigint AS bytes
         FROM active_storage_attachments a JOIN active_storage_blobs b ON b.id = a.blob_id
         WHERE a.record_type = 'Room' AND a.name = 'presentation' ORDER BY a.record_id::text, b.filename",
    )
    .fetch_all(pool)
    .await
}

/// Reads the whole instance; `version` as given, else from its schema.
#[tracing::instrument(name = "legacy.source.read", level = "error", skip_all)]
pub async fn read(pool: &PgPool, version: Option<Version>) -> Result<Option<Legacy>, sqlx::Error> {
    let version = match version {
        Some(v) => v,
        None => match detect(pool).await? {
            Some(v) => v,
            None => return Ok(None),
        },
    };
    Ok(Some(match version {
        Version::V2 => v2::read(pool).await?,
        Version::V3 => v3::read(pool).await?,
    }))
}
