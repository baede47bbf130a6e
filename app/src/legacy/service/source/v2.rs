//! Greenlight v2: settings are a JSON string per room, roles are read by name. In its schema only
//! the ids, `deleted` and the timestamps are NOT NULL: every other column read here is optional.
use super::{Legacy, LegacyRole, LegacyRoom, LegacySettings, LegacyUser, Standing};
use crate::legacy::model::Version;
use sqlx::Row;
use sqlx::postgres::{PgPool, PgRow};

fn flag(value: Option<&serde_json::Value>) -> bool {
    matches!(value, Some(serde_json::Value::Bool(true)))
        || matches!(value, Some(serde_json::Value::String(s)) if s == "true")
}

/// A role's name as v2 has it: whether the member is active, and their role.
#[doc(hidden)]
pub fn role(name: &str) -> (Standing, LegacyRole) {
    let standing = if matches!(name, "pending" | "denied") { Standing::NotActive } else { Standing::Active };
    let role = match name {
        "super_admin" => LegacyRole::SuperAdmin,
        "admin" => LegacyRole::Admin,
        _ => LegacyRole::Member,
    };
    (standing, role)
}

/// Only a local account's digest is its password; a missing provider is not a local account.
#[doc(hidden)]
pub fn is_local(provider: Option<&str>) -> bool {
    provider == Some("greenlight")
}

/// A room's settings from its JSON text (anything unreadable: every option off) and access codes.
#[doc(hidden)]
pub fn settings(text: &str, viewer_code: String, moderator_code: String) -> LegacySettings {
    let json: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
    LegacySettings {
        mute_on_join: flag(json.get("muteOnStart")),
        waiting_room: flag(json.get("requireModeratorApproval")),
        anyone_can_start: flag(json.get("anyoneCanStart")),
        all_moderators: flag(json.get("joinModerator")),
        require_sign_in: false,
        recording: flag(json.get("recording")),
        viewer_code,
        moderator_code,
    }
}

fn user(row: PgRow) -> Result<LegacyUser, sqlx::Error> {
    let role_name: String = row.try_get("role")?;
    let provider: Option<String> = row.try_get("provider")?;
    let (standing, role) = role(&role_name);
    Ok(LegacyUser {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        email: row.try_get("email")?,
        digest: if is_local(provider.as_deref()) { row.try_get("password_digest")? } else { None },
        verified: row.try_get("verified")?,
        language: row.try_get("language")?,
        deleted: row.try_get("deleted")?,
        standing,
        role,
    })
}

fn room(row: PgRow) -> Result<LegacyRoom, sqlx::Error> {
    let text: String = row.try_get("settings")?;
    Ok(LegacyRoom {
        id: row.try_get("id")?,
        owner: row.try_get("owner")?,
        name: row.try_get("name")?,
        link_id: row.try_get("uid")?,
        meeting_id: row.try_get("bbb_id")?,
        deleted: row.try_get("deleted")?,
        settings: settings(&text, row.try_get("viewer")?, row.try_get("moderator")?),
    })
}

#[tracing::instrument(name = "legacy.source.v2.read", level = "error", skip_all)]
pub async fn read(pool: &PgPool) -> Result<Legacy, sqlx::Error> {
    let users = sqlx::query(
        "SELECT u.id::text AS id, u.name, COALESCE(u.email, '') AS email, u.provider, u.password_digest,
                COALESCE(u.email_verified, false) AS verified, COALESCE(u.language, 'default') AS language,
                COALESCE(u.deleted, false) AS deleted, COALESCE(r.name, 'user') AS role
         FROM users u LEFT JOIN roles r ON r.id = u.role_id ORDER BY u.id",
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(user)
    .collect::<Result<_, _>>()?;
    let rooms = sqlx::query(
        "SELECT id::text AS id, user_id::text AS owner, name, uid, bbb_id, COALESCE(room_settings, '{}') AS settings,
                COALESCE(access_code, '') AS viewer, COALESCE(moderator_access_code, '') AS moderator,
                COALESCE(deleted, false) AS deleted
         FROM rooms ORDER BY id",
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(room)
    .collect::<Result<_, _>>()?;
    Ok(Legacy {
        version: Version::V2,
        users,
        rooms,
        shares: super::shares(pool).await?,
        presentations: super::presentations(pool).await?,
    })
}
