//! Reading a legacy Greenlight database, read-only, into one shape for both versions. The facts
//! behind each query are in ../shared/legacy-greenlight.md: v2 keeps room settings as a JSON
//! string and roles by name; v3 keeps settings as one string row per option, and its `provider`
//! is the tenant, so an external account is one with `external_id` set and no digest.
use crate::legacy::model::Version;
use sqlx::Row;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use std::collections::HashMap;
use std::str::FromStr;
use std::time::Duration;

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
    pub name: String,
    pub email: String,
    /// The bcrypt digest of a local account; `None` for one that signed in elsewhere.
    pub digest: Option<String>,
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
    pub owner: String,
    pub name: String,
    /// The link id (`uid` in v2, `friendly_id` in v3), kept verbatim.
    pub link_id: String,
    /// The BBB meetingID recordings hang on, kept verbatim.
    pub meeting_id: String,
    pub deleted: bool,
    pub settings: LegacySettings,
}

pub struct Legacy {
    pub version: Version,
    pub users: Vec<LegacyUser>,
    pub rooms: Vec<LegacyRoom>,
    /// (room, co-owner)
    pub shares: Vec<(String, String)>,
}

/// A read-only connection: every transaction on it refuses to write.
pub async fn connect(url: &str) -> Result<PgPool, sqlx::Error> {
    let options = PgConnectOptions::from_str(url)?.options([("default_transaction_read_only", "on")]);
    PgPoolOptions::new().max_connections(2).acquire_timeout(Duration::from_secs(10)).connect_with(options).await
}

/// The instance's host and database, without its credentials: how its records are remembered.
pub fn source_of(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(u) => format!("{}:{}{}", u.host_str().unwrap_or(""), u.port().unwrap_or(5432), u.path()),
        Err(_) => "unknown".into(),
    }
}

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

fn flag(value: Option<&serde_json::Value>) -> bool {
    matches!(value, Some(serde_json::Value::Bool(true)))
        || matches!(value, Some(serde_json::Value::String(s)) if s == "true")
}

async fn read_v2(pool: &PgPool) -> Result<Legacy, sqlx::Error> {
    let users = sqlx::query(
        "SELECT u.id::text AS id, u.name, COALESCE(u.email, '') AS email, u.provider, u.password_digest,
                COALESCE(u.language, 'default') AS language, COALESCE(u.deleted, false) AS deleted,
                COALESCE(r.name, 'user') AS role
         FROM users u LEFT JOIN roles r ON r.id = u.role_id ORDER BY u.id",
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|row| {
        let role: String = row.get("role");
        let provider: String = row.get("provider");
        LegacyUser {
            id: row.get("id"),
            name: row.get("name"),
            email: row.get("email"),
            digest: if provider == "greenlight" { row.get("password_digest") } else { None },
            language: row.get("language"),
            deleted: row.get("deleted"),
            standing: if matches!(role.as_str(), "pending" | "denied") {
                Standing::NotActive
            } else {
                Standing::Active
            },
            role: match role.as_str() {
                "super_admin" => LegacyRole::SuperAdmin,
                "admin" => LegacyRole::Admin,
                _ => LegacyRole::Member,
            },
        }
    })
    .collect();
    let rooms = sqlx::query(
        "SELECT id::text AS id, user_id::text AS owner, name, uid, bbb_id, COALESCE(room_settings, '{}') AS settings,
                COALESCE(access_code, '') AS viewer, COALESCE(moderator_access_code, '') AS moderator,
                COALESCE(deleted, false) AS deleted
         FROM rooms ORDER BY id",
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|row| {
        let text: String = row.get("settings");
        let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        LegacyRoom {
            id: row.get("id"),
            owner: row.get("owner"),
            name: row.get("name"),
            link_id: row.get("uid"),
            meeting_id: row.get("bbb_id"),
            deleted: row.get("deleted"),
            settings: LegacySettings {
                mute_on_join: flag(json.get("muteOnStart")),
                waiting_room: flag(json.get("requireModeratorApproval")),
                anyone_can_start: flag(json.get("anyoneCanStart")),
                all_moderators: flag(json.get("joinModerator")),
                require_sign_in: false,
                recording: flag(json.get("recording")),
                viewer_code: row.get("viewer"),
                moderator_code: row.get("moderator"),
            },
        }
    })
    .collect();
    Ok(Legacy { version: Version::V2, users, rooms, shares: shares(pool).await? })
}

async fn shares(pool: &PgPool) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT room_id::text, user_id::text FROM shared_accesses ORDER BY room_id::text, user_id::text")
        .fetch_all(pool)
        .await
}

async fn read_v3(pool: &PgPool) -> Result<Legacy, sqlx::Error> {
    let users = sqlx::query(
        "SELECT u.id::text AS id, u.name, u.email, u.provider, u.external_id, u.password_digest,
                COALESCE(u.language, 'en') AS language, COALESCE(u.status, 0) AS status,
                COALESCE(r.name, 'User') AS role, COALESCE(r.provider, u.provider) AS role_provider
         FROM users u LEFT JOIN roles r ON r.id = u.role_id ORDER BY u.created_at, u.id",
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|row| {
        let (role, provider, role_provider): (String, String, String) =
            (row.get("role"), row.get("provider"), row.get("role_provider"));
        let status: i32 = row.get("status");
        LegacyUser {
            id: row.get("id"),
            name: row.get("name"),
            email: row.get("email"),
            digest: row.get("password_digest"),
            language: row.get("language"),
            deleted: false,
            standing: if status == 0 { Standing::Active } else { Standing::NotActive },
            role: if role == "SuperAdmin" || provider == "bn" || role_provider == "bn" {
                LegacyRole::SuperAdmin
            } else if role == "Administrator" {
                LegacyRole::Admin
            } else {
                LegacyRole::Member
            },
        }
    })
    .collect();
    let mut options: HashMap<String, HashMap<String, String>> = HashMap::new();
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT o.room_id::text, m.name, o.value FROM room_meeting_options o
         JOIN meeting_options m ON m.id = o.meeting_option_id",
    )
    .fetch_all(pool)
    .await?;
    for (room, name, value) in rows {
        options.entry(room).or_default().insert(name, value);
    }
    let rooms = sqlx::query("SELECT id::text AS id, user_id::text AS owner, name, friendly_id, meeting_id FROM rooms ORDER BY created_at, id")
        .fetch_all(pool)
        .await?
        .into_iter()
        .map(|row| {
            let id: String = row.get("id");
            let o = options.remove(&id).unwrap_or_default();
            let yes = |k: &str| o.get(k).is_some_and(|v| v == "true");
            let text = |k: &str| o.get(k).cloned().unwrap_or_default();
            LegacyRoom {
                owner: row.get("owner"),
                name: row.get("name"),
                link_id: row.get("friendly_id"),
                meeting_id: row.get("meeting_id"),
                deleted: false,
                settings: LegacySettings {
                    mute_on_join: yes("muteOnStart"),
                    waiting_room: o.get("guestPolicy").is_some_and(|v| v == "ASK_MODERATOR"),
                    anyone_can_start: yes("glAnyoneCanStart"),
                    all_moderators: yes("glAnyoneJoinAsModerator"),
                    require_sign_in: yes("glRequireAuthentication"),
                    recording: yes("record"),
                    viewer_code: text("glViewerAccessCode"),
                    moderator_code: text("glModeratorAccessCode"),
                },
                id,
            }
        })
        .collect();
    Ok(Legacy { version: Version::V3, users, rooms, shares: shares(pool).await? })
}

/// Reads the whole instance; `version` as given, else from its schema.
pub async fn read(pool: &PgPool, version: Option<Version>) -> Result<Option<Legacy>, sqlx::Error> {
    let version = match version {
        Some(v) => v,
        None => match detect(pool).await? {
            Some(v) => v,
            None => return Ok(None),
        },
    };
    Ok(Some(match version {
        Version::V2 => read_v2(pool).await?,
        Version::V3 => read_v3(pool).await?,
    }))
}
