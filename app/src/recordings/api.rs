//! Recording server functions; changes are for the room's owner and co-owners.
use super::model::{MyRecordings, RecordingView};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::model::Visibility,
    super::service::mine,
    super::service::{self, Change},
    crate::accounts::service::auth::{current_user, require_user},
    crate::edge::{client_address, finish},
    crate::state::state,
};

/// A room's recordings; `access_code` opens those of a room with a viewer code to its visitors.
#[server(endpoint = "recordings/list")]
pub async fn list_recordings(slug: String, access_code: Option<String>) -> Result<Vec<RecordingView>, AppError> {
    finish(
        async {
            let s = state()?;
            let user = current_user(&s.pool).await?;
            let (code, address) = (access_code.unwrap_or_default(), client_address(&s.proxies).await);
            service::list(&s, user.as_ref(), &slug, &code, &address).await
        }
        .await,
    )
}

/// Every recording of the rooms the member owns or co-owns.
#[server(endpoint = "recordings/mine")]
pub async fn list_my_recordings() -> Result<MyRecordings, AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_user(&s.pool).await?;
            mine::list(&s, &user).await
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
async fn apply(slug: &str, record_id: &str, change: Change) -> Result<(), AppError> {
    let s = state()?;
    let user = require_user(&s.pool).await?;
    service::change(&s, &user, slug, record_id, change).await
}

#[server(endpoint = "recordings/rename")]
pub async fn rename_recording(slug: String, record_id: String, name: String) -> Result<(), AppError> {
    finish(apply(&slug, &record_id, Change::Rename(name)).await)
}

#[server(endpoint = "recordings/publish")]
pub async fn publish_recording(slug: String, record_id: String, publish: String) -> Result<(), AppError> {
    finish(apply(&slug, &record_id, Change::Publish(publish == "true")).await)
}

#[server(endpoint = "recordings/visibility")]
pub async fn set_recording_visibility(slug: String, record_id: String, visibility: String) -> Result<(), AppError> {
    let change = Visibility::parse(&visibility).map(Change::Visibility);
    finish(match change {
        Some(change) => apply(&slug, &record_id, change).await,
        None => Err(AppError::field("visibility", "field.visibility.invalid")),
    })
}

#[server(endpoint = "recordings/delete")]
pub async fn delete_recording(slug: String, record_id: String, confirm: Option<String>) -> Result<(), AppError> {
    finish(match confirm {
        Some(_) => apply(&slug, &record_id, Change::Delete).await,
        None => Err(AppError::field("confirm", "field.confirm.required")),
    })
}
