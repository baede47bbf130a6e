//! Reading and writing the `users` table: its one writer (creating here, every other change in
//! `changes`).
mod changes;

use crate::accounts::model::{Me, Role, Status};
use crate::db::{self, Pool};
use crate::error::Step;
use crate::error::{AppError, AppResult};
use crate::recent::Recent;
pub use changes::*;
use sqlx::{Any, Executor};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub role: String,
    pub status: String,
    pub email_verified_at: Option<i64>,
    pub language: String,
    pub time_zone: String,
    pub session_epoch: i64,
    pub created_at: i64,
}

pub const COLUMNS: &str = "id, email, name, password_hash, role, status, email_verified_at, language, \
                           time_zone, session_epoch, created_at";

impl User {
    pub fn role(&self) -> Role {
        Role::parse(&self.role).unwrap_or(Role::Member)
    }
    pub fn status(&self) -> Status {
        Status::parse(&self.status).unwrap_or(Status::Suspended)
    }
    pub fn is_verified(&self) -> bool {
        self.email_verified_at.is_some()
    }
    pub fn lang(&self) -> crate::i18n::Lang {
        crate::i18n::Lang::from_code(&self.language).unwrap_or_default()
    }
    pub fn me(&self) -> Me {
        Me {
            id: self.id,
            name: self.name.clone(),
            email: self.email.clone(),
            role: self.role(),
            language: self.language.clone(),
            time_zone: self.time_zone.clone(),
        }
    }
}

#[tracing::instrument(name = "accounts.users.by_id", level = "error", skip_all)]
pub async fn by_id<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> AppResult<Option<User>> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE id = $1");
    sqlx::query_as(&sql).bind(id).fetch_optional(ex).await.step("read users")
}

/// The member `id` as this process read them in the last second, else from the database: what
/// every page asks first. Writers of `users` call [`changed`] after their change.
#[tracing::instrument(name = "accounts.users.recent", level = "error", skip_all)]
pub async fn recent(pool: &Pool, members: &Recent<i64, User>, id: i64) -> AppResult<Option<User>> {
    if let Some(user) = members.get(&id) {
        return Ok(Some(user));
    }
    let user = by_id(pool, id).await?;
    if let Some(user) = &user {
        members.put(id, user.clone());
    }
    Ok(user)
}

/// Drops this process's copy of member `id` once their row changed (after the commit, so no page
/// keeps the old row), so the next page shows the change; other processes see it within a second.
pub fn changed(id: i64) {
    if let Ok(state) = crate::state::state() {
        state.members.forget(&id);
    }
}

#[tracing::instrument(name = "accounts.users.by_email", level = "error", skip_all)]
pub async fn by_email<'e, E: Executor<'e, Database = Any>>(ex: E, email: &str) -> AppResult<Option<User>> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE email = $1");
    sqlx::query_as(&sql)
        .bind(crate::accounts::model::normalize_email(email))
        .fetch_optional(ex)
        .await
        .step("read users")
}

pub struct NewUser<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub status: Status,
    pub verified: bool,
    pub language: &'a str,
    /// The browser's zone at sign-up, if it said; else the language's usual one is taken.
    pub time_zone: &'a str,
    pub at: crate::clock::Timestamp,
}

/// Inserts a user; a taken email is a field error on `email`, not a crash.
#[tracing::instrument(name = "accounts.users.insert", level = "error", skip_all)]
pub async fn insert<'e, E: Executor<'e, Database = Any>>(ex: E, new: NewUser<'_>) -> AppResult<i64> {
    let now = new.at.secs();
    let result = sqlx::query_scalar(
        "INSERT INTO users (email, name, password_hash, role, status, email_verified_at, language, time_zone, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(crate::accounts::model::normalize_email(new.email))
    .bind(new.name.trim())
    .bind(new.password_hash)
    .bind(new.role.as_str())
    .bind(new.status.as_str())
    .bind(new.verified.then_some(now))
    .bind(new.language)
    .bind(crate::accounts::model::starting_zone(new.time_zone, new.language))
    .bind(now)
    .fetch_one(ex)
    .await;
    match result {
        Ok(id) => Ok(id),
        Err(e) if db::is_unique_violation(&e) => Err(AppError::field("email", "field.email.taken")),
        Err(e) => Err(e.into()),
    }
}

/// Records that member `id` accepted version `version` of the co-op's terms at `at`.
pub async fn accept_terms<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, version: i64, at: i64) -> AppResult<()> {
    sqlx::query("UPDATE users SET terms_version = $1, terms_accepted_at = $2 WHERE id = $3")
        .bind(version)
        .bind(at)
        .bind(id)
        .execute(ex)
        .await
        .step("record the terms accepted")?;
    Ok(())
}

/// Ends every session of this member: each session remembers the epoch it was made in.
#[tracing::instrument(name = "accounts.users.end_all_sessions", level = "error", skip_all)]
pub async fn end_all_sessions<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> AppResult<()> {
    sqlx::query("UPDATE users SET session_epoch = session_epoch + 1 WHERE id = $1")
        .bind(id)
        .execute(ex)
        .await
        .step("update users")?;
    changed(id);
    Ok(())
}

/// Replaces an outdated password hash (a legacy bcrypt digest) by a fresh one after the member
/// signed in with it; only if it is still the one read, so two sign-ins at once change it once.
#[tracing::instrument(name = "accounts.users.replace_hash", level = "error", skip_all)]
pub async fn replace_hash(pool: &Pool, id: i64, old: &str, new: &str) -> AppResult<()> {
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2 AND password_hash = $3")
        .bind(new)
        .bind(id)
        .bind(old)
        .execute(pool)
        .await
        .step("update users")?;
    changed(id);
    Ok(())
}

/// Every account's id by its email, for an importer that meets thousands of addresses.
#[tracing::instrument(name = "accounts.users.ids_by_email", level = "error", skip_all)]
pub async fn ids_by_email(pool: &Pool) -> AppResult<std::collections::HashMap<String, i64>> {
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT email, id FROM users").fetch_all(pool).await.step("read users")?;
    Ok(rows.into_iter().collect())
}

/// Every active admin's email, name and language, for the mails admins get.
#[tracing::instrument(name = "accounts.users.active_admins", level = "error", skip_all)]
pub async fn active_admins<'e, E: Executor<'e, Database = Any>>(ex: E) -> AppResult<Vec<(String, String, String)>> {
    sqlx::query_as("SELECT email, name, language FROM users WHERE role = 'admin' AND status = 'active' ORDER BY id")
        .fetch_all(ex)
        .await
        .step("read users")
}

#[tracing::instrument(name = "accounts.users.count_admins", level = "error", skip_all)]
pub async fn count_admins(pool: &Pool) -> AppResult<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE role = 'admin' AND status = 'active'")
        .fetch_one(pool)
        .await
        .step("read users")
}

/// A member as a reader of times: in their profile's zone and language.
pub fn reader(user: &User) -> crate::time_display::Reader {
    crate::time_display::Reader::new(&user.time_zone, user.lang())
}

/// Whoever makes the request being served: the member when signed in, else a visitor in UTC and
/// the request's language.
pub fn reader_of(user: Option<&User>) -> crate::time_display::Reader {
    user.map(reader).unwrap_or_else(|| crate::time_display::Reader::new("UTC", crate::i18n::request_lang()))
}
