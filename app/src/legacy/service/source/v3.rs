//! Greenlight v3: settings are one string row per option (`room_meeting_options`), and `provider`
//! is the tenant, so an external account is one with `external_id` set and no digest. NOT NULL in
//! its schema: users' name, email, provider and language, roles' name and provider, rooms' name,
//! friendly id and meeting id, both ids of a share. Everything else read here is optional: a room's
//! owner, a user's digest, role, `verified` and `status`, and every column of an option.
use super::{Legacy, LegacyRole, LegacyRoom, LegacySettings, LegacyUser, Standing};
use crate::legacy::model::Version;
use sqlx::Row;
use sqlx::postgres::{PgPool, PgRow};
use std::collections::HashMap;

#[doc(hidden)]
pub type Options = HashMap<String, String>;

/// A user's role by its name and tenants: the `bn` tenant is Greenlight's own super admins.
#[doc(hidden)]
pub fn role(name: &str, provider: &str, role_provider: &str) -> LegacyRole {
    if name == "SuperAdmin" || provider == "bn" || role_provider == "bn" {
        LegacyRole::SuperAdmin
    } else if name == "Administrator" {
        LegacyRole::Admin
    } else {
        LegacyRole::Member
    }
}

/// Status 0 is an active user; pending and banned ones are not imported.
#[doc(hidden)]
pub fn standing(status: i32) -> Standing {
    if status == 0 { Standing::Active } else { Standing::NotActive }
}

fn user(row: PgRow) -> Result<LegacyUser, sqlx::Error> {
    let (role_name, provider, role_provider): (String, String, String) =
        (row.try_get("role")?, row.try_get("provider")?, row.try_get("role_provider")?);
    let status: i32 = row.try_get("status")?;
    Ok(LegacyUser {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        email: row.try_get("email")?,
        digest: row.try_get("password_digest")?,
        verified: row.try_get("verified")?,
        language: row.try_get("language")?,
        deleted: false,
        standing: standing(status),
        role: role(&role_name, &provider, &role_provider),
    })
}

/// Each room's options by name. A NULL value is the option's default (`meeting_options.
/// default_value`, itself nullable: then Quorum's own); a row without a room or an option name
/// belongs to nothing and is left out.
async fn options(pool: &PgPool) -> Result<HashMap<String, Options>, sqlx::Error> {
    let rows: Vec<(Option<String>, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT o.room_id::text, m.name, COALESCE(o.value, m.default_value) FROM room_meeting_options o
         JOIN meeting_options m ON m.id = o.meeting_option_id",
    )
    .fetch_all(pool)
    .await?;
    Ok(grouped(rows))
}

/// (room, option, value) rows by room; a row missing any of the three is left out.
#[doc(hidden)]
pub fn grouped(rows: Vec<(Option<String>, Option<String>, Option<String>)>) -> HashMap<String, Options> {
    let mut options: HashMap<String, Options> = HashMap::new();
    for (room, name, value) in rows {
        if let (Some(room), Some(name), Some(value)) = (room, name, value) {
            options.entry(room).or_default().insert(name, value);
        }
    }
    options
}

/// A room's settings from its options; an option it lacks is off (or an empty code).
#[doc(hidden)]
pub fn settings(o: &Options) -> LegacySettings {
    let yes = |k: &str| o.get(k).is_some_and(|v| v == "true");
    let text = |k: &str| o.get(k).cloned().unwrap_or_default();
    LegacySettings {
        mute_on_join: yes("muteOnStart"),
        waiting_room: o.get("guestPolicy").is_some_and(|v| v == "ASK_MODERATOR"),
        anyone_can_start: yes("glAnyoneCanStart"),
        all_moderators: yes("glAnyoneJoinAsModerator"),
        require_sign_in: yes("glRequireAuthentication"),
        recording: yes("record"),
        viewer_code: text("glViewerAccessCode"),
        moderator_code: text("glModeratorAccessCode"),
    }
}

fn room(row: PgRow, o: Options) -> Result<LegacyRoom, sqlx::Error> {
    Ok(LegacyRoom {
        id: row.try_get("id")?,
        owner: row.try_get("owner")?,
        name: row.try_get("name")?,
        link_id: row.try_get("friendly_id")?,
        meeting_id: row.try_get("meeting_id")?,
        deleted: false,
        settings: settings(&o),
    })
}

#[tracing::instrument(name = "legacy.source.v3.read", level = "error", skip_all)]
pub async fn read(pool: &PgPool) -> Result<Legacy, sqlx::Error> {
    let users = sqlx::query(
        "SELECT u.id::text AS id, u.name, u.email, u.provider, u.password_digest,
                COALESCE(u.verified, false) AS verified, COALESCE(u.language, 'en') AS language,
                COALESCE(u.status, 0) AS status, COALESCE(r.name, 'User') AS role,
                COALESCE(r.provider, u.provider) AS role_provider
         FROM users u LEFT JOIN roles r ON r.id = u.role_id ORDER BY u.created_at, u.id",
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(user)
    .collect::<Result<_, _>>()?;
    let mut options = options(pool).await?;
    let rooms = sqlx::query(
        "SELECT id::text AS id, user_id::text AS owner, name, friendly_id, meeting_id FROM rooms
         ORDER BY created_at, id",
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|row| {
        let id: String = row.try_get("id")?;
        room(row, options.remove(&id).unwrap_or_default())
    })
    .collect::<Result<_, _>>()?;
    Ok(Legacy {
        version: Version::V3,
        users,
        rooms,
        shares: super::shares(pool).await?,
        presentations: super::presentations(pool).await?,
    })
}
