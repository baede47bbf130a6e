//! Recording server functions; changes are for the room's owner and co-owners.
mod admin;
pub use admin::*;

use super::model::{ManagedRecording, MyRecordings, RoomRecordings};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::model::Visibility,
    super::service::mine,
    super::service::sight::kept_code_key,
    super::service::{self, Change},
    crate::accounts::service::auth::{current_user, require_user, session},
    crate::edge::{client_address, finish},
    crate::state::state,
};

/// A room's recordings; `access_code` opens those of a room with a viewer code to its visitors.
/// Without one, the code this session gave the room through `recordings/open` is used. `page`
/// counts from 1 (the newest).
#[server(endpoint = "recordings/list")]
pub async fn list_recordings(
    slug: String,
    access_code: Option<String>,
    page: Option<usize>,
) -> Result<RoomRecordings, AppError> {
    finish(
        async {
            let s = state()?;
            let user = current_user(&s.pool).await?;
            let address = client_address(&s.proxies).await;
            let (given, page) = (access_code.unwrap_or_default(), page.unwrap_or(1));
            if !given.trim().is_empty() {
                return service::list(&s, user.as_ref(), &slug, &given, &address, page).await;
            }
            let session = session().await?;
            let key = kept_code_key(&slug);
            let kept: Option<String> = session.get(&key).await?;
            let listed =
                service::list(&s, user.as_ref(), &slug, kept.as_deref().unwrap_or_default(), &address, page).await;
            // A kept code the room no longer takes (its owner changed it) is dropped, so the page
            // asks for the new one instead of counting the old one as a wrong guess at every view.
            if kept.is_some() && listed.as_ref().is_err_and(|e| e.field_errors().is_some()) {
                session.remove::<String>(&key).await?;
            }
            listed
        }
        .await,
    )
}

/// A visitor opens the recordings of a room with a viewer code from the room page's plain form, so
/// it works without JavaScript. The code is checked and counted as `recordings/list` does, then
/// kept in this session, on the server, for this room: the room's page lists them from then on, and
/// the code never travels in an address.
#[server(endpoint = "recordings/open")]
pub async fn open_recordings(slug: String, access_code: String) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let user = current_user(&s.pool).await?;
            let (code, address) = (access_code.trim(), client_address(&s.proxies).await);
            // The same gates as the list; it also fills the cache the page reads next.
            service::list(&s, user.as_ref(), &slug, code, &address, 1).await?;
            // A room without a viewer code lets the empty code through: nothing to keep then.
            if !code.is_empty() {
                session().await?.insert(&kept_code_key(&slug), code).await?;
            }
            // The room exists under this slug (the list found it), so it is a safe address.
            leptos_axum::redirect(&format!("/r/{}#recordings", slug.trim().to_lowercase()));
            Ok(())
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

/// One recording of a room the member manages, for the page where they change it.
#[server(endpoint = "recordings/one")]
pub async fn one_recording(slug: String, record_id: String) -> Result<ManagedRecording, AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_user(&s.pool).await?;
            service::one(&s, &user, &slug, &record_id).await
        }
        .await,
    )
}

/// A change, then (for all but a deletion) back to the recording's page, which says it is saved.
#[cfg(feature = "ssr")]
async fn apply(slug: &str, record_id: &str, change: Change) -> Result<(), AppError> {
    let s = state()?;
    let user = require_user(&s.pool).await?;
    let deleting = matches!(change, Change::Delete);
    service::change(&s, &user, slug, record_id, change).await?;
    // The room and the recording exist under these (the change found them): a safe address.
    if !deleting {
        let slug = slug.trim().to_lowercase();
        let id: String = url::form_urlencoded::byte_serialize(record_id.as_bytes()).collect();
        leptos_axum::redirect(&format!("/r/{slug}/recordings/{id}?saved=1"));
    }
    Ok(())
}

/// Keeps the recording past its owner's retention period (`keep` "true"), or lets it go again.
#[server(endpoint = "recordings/keep")]
pub async fn keep_recording(slug: String, record_id: String, keep: String) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_user(&s.pool).await?;
            service::keep(&s, &user, &slug, &record_id, keep == "true").await?;
            let (slug, id): (String, String) =
                (slug.trim().to_lowercase(), url::form_urlencoded::byte_serialize(record_id.as_bytes()).collect());
            leptos_axum::redirect(&format!("/r/{slug}/recordings/{id}?saved=1"));
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "recordings/rename")]
pub async fn rename_recording(slug: String, record_id: String, name: String) -> Result<(), AppError> {
    finish(apply(&slug, &record_id, Change::Rename(name)).await)
}

/// Sets the recording's description (an empty one removes it).
#[server(endpoint = "recordings/describe")]
pub async fn describe_recording(slug: String, record_id: String, description: String) -> Result<(), AppError> {
    finish(apply(&slug, &record_id, Change::Describe(description)).await)
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
    let deleted = match crate::edge::confirmed(&confirm) {
        Ok(()) => apply(&slug, &record_id, Change::Delete).await,
        Err(e) => Err(e),
    };
    // Its own page is gone: back to the room's list, which says so. The room exists under this
    // slug (the change found it), so it is a safe address.
    if deleted.is_ok() {
        leptos_axum::redirect(&format!("/r/{}?recording_deleted=1#recordings", slug.trim().to_lowercase()));
    }
    finish(deleted)
}
