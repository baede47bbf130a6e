//! Signing out and deleting an account: accounts' actions that single sign-on and rooms take part in.
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{ByteStream, GetUrl, Streaming};

#[cfg(feature = "ssr")]
use {
    crate::accounts::service::{auth, profile},
    crate::edge::{client_address, finish},
    crate::state::state,
};

#[server(endpoint = "accounts/logout")]
pub async fn logout() -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let signed_in = crate::sso::service::identities::take_signed_in(&auth::session().await?).await?;
            auth::sign_out().await?;
            // Signed in through a provider that offers it: signed out there too, then back here.
            let there = match signed_in {
                Some(signed_in) => crate::sso::service::flow::sign_out_url(&s, signed_in).await,
                None => None,
            };
            leptos_axum::redirect(there.as_deref().unwrap_or("/"));
            Ok(())
        }
        .await,
    )
}

/// Deletes the account after the member confirms with their password: their rooms go with it, each
/// retired as the room's own delete does (meeting ended, recordings deleted on the region). A
/// region that does not answer stops it with the account intact, and a retry goes on where it
/// stopped. The last admin cannot leave.
#[server(endpoint = "accounts/delete")]
pub async fn delete_account(current_password: String) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let user = auth::require_user(&s.pool).await?;
            profile::check_deletable(&s, &user, &current_password).await?;
            for room in crate::rooms::service::store::owned_by(&s.pool, user.id).await? {
                crate::pages::room::retire(&s, &room).await?;
            }
            profile::delete(&s, &user, &client_address(&s.proxies).await).await?;
            auth::sign_out().await?;
            leptos_axum::redirect("/?deleted=1");
            Ok(())
        }
        .await,
    )
}

/// Everything the portal holds about the member, as one JSON file to download.
#[server(endpoint = "accounts/my_data.json", input = GetUrl, output = Streaming)]
pub async fn my_data() -> Result<ByteStream<AppError>, AppError> {
    finish(
        async {
            let s = state()?;
            let user = auth::require_user(&s.pool).await?;
            let data = super::data::of(&s, &user).await?;
            let body = serde_json::to_vec_pretty(&data).map_err(|e| AppError::internal(format!("own data: {e}")))?;
            crate::edge::download("application/json", "my-data.json");
            Ok(ByteStream::new(futures::stream::once(async move { Ok::<_, AppError>(body) })))
        }
        .await,
    )
}
