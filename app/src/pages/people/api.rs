//! One member, for the admins: their account and rooms, and deleting it (the same deletion a
//! member can do, rooms and recordings with it), which reaches past accounts.
use crate::accounts::model::admin::AccountRow;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    crate::accounts::service::{auth::require_admin, profile, users},
    crate::edge::{client_address, finish},
    crate::state::state,
};

/// A member as the admins' page shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonView {
    pub account: AccountRow,
    pub rooms: Vec<String>,
}

#[server(endpoint = "admin/account")]
pub async fn read_person(id: i64) -> Result<PersonView, AppError> {
    finish(
        async {
            let s = state()?;
            require_admin(&s.pool).await?;
            let user = users::by_id(&s.pool, id).await?.ok_or(AppError::NotFound)?;
            let rooms = crate::rooms::service::store::owned_by(&s.pool, id).await?;
            Ok(PersonView {
                account: AccountRow {
                    id: user.id,
                    name: user.name,
                    email: user.email,
                    role: user.role,
                    status: user.status,
                    email_verified_at: user.email_verified_at,
                    created_at: user.created_at,
                },
                rooms: rooms.into_iter().map(|r| r.name).collect(),
            })
        }
        .await,
    )
}

/// Deletes member `id`'s account once the admin typed its address: their rooms are retired as a
/// room's own delete does, then the account goes. The last admin cannot be deleted.
#[server(endpoint = "admin/account_delete")]
pub async fn delete_person(id: i64, confirm_email: String) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            let user = users::by_id(&s.pool, id).await?.ok_or(AppError::NotFound)?;
            if crate::accounts::model::normalize_email(&confirm_email) != user.email {
                return Err(AppError::field("confirm_email", "field.confirm_email.mismatch"));
            }
            profile::check_removable(&s, &user).await?;
            for room in crate::rooms::service::store::owned_by(&s.pool, user.id).await? {
                crate::pages::room::retire(&s, &room).await?;
            }
            let address = format!("{} (by {})", client_address(&s.proxies).await, admin.email);
            profile::delete(&s, &user, &address).await?;
            leptos_axum::redirect("/admin/accounts?done=deleted");
            Ok(())
        }
        .await,
    )
}
