//! Single sign-on server functions: anyone reads the login page's options and starts a sign-in;
//! admins manage the providers. The provider's answer comes back to a plain route
//! (`sso::routes`).
use super::model::{LoginOptions, ProviderInput, SsoAdmin};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::service::{confirm, flow, providers},
    crate::accounts::service::auth::{self, require_admin, session},
    crate::edge::{audit, client_address, finish, set_cookie, set_language_cookie},
    crate::state::state,
};

/// The providers' buttons, and whether passwords sign in.
#[server(endpoint = "sso/options")]
pub async fn sign_in_options() -> Result<LoginOptions, AppError> {
    finish(async { providers::login_options(&state()?).await }.await)
}

/// Sends the browser to the provider (a form's button: it works without JavaScript). A signed-in
/// member who presses it links the provider to their account.
#[server(endpoint = "sso/start")]
pub async fn start(provider: String) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let member = auth::current_user(&s.pool).await?.map(|u| u.id);
            let (url, cookie) = flow::begin(&s, member, &provider, crate::i18n::use_lang()).await?;
            set_cookie(&cookie)?;
            leptos_axum::redirect(&url);
            Ok(())
        }
        .await,
    )
}

/// Follows the link mailed to an account's owner: links the provider and signs them in.
#[server(endpoint = "sso/link")]
pub async fn confirm_link(token: String) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let address = client_address(&s.proxies).await;
            let language = confirm::confirm(&s, &session().await?, &token, &address).await?;
            set_language_cookie(&language)?;
            leptos_axum::redirect("/dashboard");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "sso/admin")]
pub async fn admin() -> Result<SsoAdmin, AppError> {
    finish(
        async {
            let s = state()?;
            require_admin(&s.pool).await?;
            providers::admin(&s).await
        }
        .await,
    )
}

#[server(endpoint = "sso/save")]
pub async fn save(#[server(flatten)] input: ProviderInput, creating: Option<String>) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            providers::save(&s, &input, creating.is_some()).await?;
            audit(&s, admin.id, "sso.changed", input.slug.trim(), "saved").await?;
            leptos_axum::redirect("/admin/sign-in?saved=1");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "sso/delete")]
pub async fn delete(slug: String) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            providers::delete(&s, &slug).await?;
            audit(&s, admin.id, "sso.changed", &slug, "deleted").await?;
            leptos_axum::redirect("/admin/sign-in");
            Ok(())
        }
        .await,
    )
}

/// Turns password sign-in on (`passwords` given) or off.
#[server(endpoint = "sso/passwords")]
pub async fn set_passwords(passwords: Option<String>) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            let on = passwords.is_some();
            providers::set_passwords(&s, on).await?;
            audit(&s, admin.id, "sso.passwords", if on { "on" } else { "off" }, "").await?;
            leptos_axum::redirect("/admin/sign-in");
            Ok(())
        }
        .await,
    )
}
