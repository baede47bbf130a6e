//! Guest links' server functions: those who manage the room list, make and revoke them.
use crate::error::AppError;
use crate::rooms::model::{GuestLinkForm, GuestLinkView};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    crate::accounts::service::auth::require_user, crate::edge::finish, crate::rooms::service::guest_links as links,
    crate::state::state,
};

#[server(endpoint = "rooms/guest_links")]
pub async fn guest_links(slug: String) -> Result<Vec<GuestLinkView>, AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_user(&s.pool).await?;
            links::list(&s, &user, &slug).await
        }
        .await,
    )
}

/// Makes a named link; answers with its address (also listed on the settings page).
#[server(endpoint = "rooms/guest_link")]
pub async fn create_guest_link(slug: String, #[server(flatten)] form: GuestLinkForm) -> Result<String, AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_user(&s.pool).await?;
            let (link, new) = links::create(&s, &user, &slug, &form).await?;
            let role = if new.moderator { "moderator" } else { "participant" };
            crate::edge::audit(&s, user.id, "room.guest_link", slug.trim(), &format!("made: {} ({role})", new.name))
                .await?;
            leptos_axum::redirect(&format!("/r/{}/settings?link_made=1#guest-links", slug.trim()));
            Ok(link)
        }
        .await,
    )
}

#[server(endpoint = "rooms/revoke_guest_link")]
pub async fn revoke_guest_link(slug: String, id: i64) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_user(&s.pool).await?;
            let name = links::revoke(&s, &user, &slug, id).await?;
            crate::edge::audit(&s, user.id, "room.guest_link", slug.trim(), &format!("revoked: {name}")).await?;
            leptos_axum::redirect(&format!("/r/{}/settings?link_revoked=1#guest-links", slug.trim()));
            Ok(())
        }
        .await,
    )
}
