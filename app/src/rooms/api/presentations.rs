//! Presentations' server functions: those who manage the room upload, order, choose and delete.
use crate::error::AppError;
use crate::rooms::model::PresentationView;
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

#[cfg(feature = "ssr")]
use {
    crate::accounts::service::auth::require_user,
    crate::edge::finish,
    crate::rooms::service::presentations::{self as deck, upload},
    crate::state::state,
};

#[server(endpoint = "rooms/presentations")]
pub async fn presentations(slug: String) -> Result<Vec<PresentationView>, AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_user(&s.pool).await?;
            deck::list(&s, &user, &slug).await
        }
        .await,
    )
}

/// The form (`slug`, then `file`), streamed to the file store.
#[server(endpoint = "rooms/presentation_upload", input = MultipartFormData)]
pub async fn upload_presentation(data: MultipartData) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_user(&s.pool).await?;
            let slug = upload::upload(&s, &user, data).await?;
            crate::edge::audit(&s, user.id, "room.presentation", &slug, "uploaded").await?;
            leptos_axum::redirect(&format!("/r/{slug}/settings?uploaded=1#presentations"));
            Ok(())
        }
        .await,
    )
}

/// `action`: `default` (shown first), `up`, `down` or `delete`.
#[server(endpoint = "rooms/presentation")]
pub async fn change_presentation(slug: String, id: i64, action: String) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_user(&s.pool).await?;
            match action.as_str() {
                "default" => deck::make_default(&s, &user, &slug, id).await?,
                "up" | "down" => deck::shift(&s, &user, &slug, id, action == "up").await?,
                "delete" => {
                    let name = deck::delete(&s, &user, &slug, id).await?;
                    crate::edge::audit(&s, user.id, "room.presentation", slug.trim(), &format!("deleted: {name}"))
                        .await?;
                }
                _ => return Err(AppError::field("action", "field.choice.invalid")),
            }
            leptos_axum::redirect(&format!("/r/{}/settings?arranged=1#presentations", slug.trim()));
            Ok(())
        }
        .await,
    )
}
