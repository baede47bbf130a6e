//! Single sign-on server functions: anyone reads the login page's options and starts a sign-in;
//! admins manage the providers. The provider's answer comes back to a plain route
//! (`server/src/sso_callback.rs`).
use super::model::{LoginOptions, ProviderInput, SsoAdmin};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::service::{flow, identities, providers},
    crate::accounts::auth::{require_admin, session},
    crate::edge::{audit, finish},
    crate::state::state,
};

/// The providers' buttons, whether passwords sign in, and the provider waiting to be linked.
#[server(endpoint = "sso/options")]
pub async fn sign_in_options() -> Result<(LoginOptions, Option<String>), AppError> {
    finish(
        async {
            let s = state()?;
            let options = providers::login_options(&s).await?;
            let waiting = identities::waiting_link(&session().await?).await?;
            let label =
                waiting.and_then(|slug| options.providers.iter().find(|p| p.slug == slug).map(|p| p.label.clone()));
            Ok((options, label))
        }
        .await,
    )
}

/// Sends the browser to the provider (a form's button: it works without JavaScript).
#[server(endpoint = "sso/start")]
pub async fn start(provider: String) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let url = flow::begin(&s, &session().await?, &provider, crate::i18n::use_lang()).await?;
            leptos_axum::redirect(&url);
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
