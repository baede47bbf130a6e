//! Admin server functions: each checks that the caller is an admin before anything else.
use crate::accounts::model::RegistrationMode;
use crate::accounts::model::admin::{AccountAction, AccountRow};
use crate::error::AppError;
use crate::security_log::Entry as SecurityEntry;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    crate::accounts::model::Status, crate::accounts::service::auth::require_admin,
    crate::accounts::service::registration, crate::edge::finish, crate::state::state,
};

#[server(endpoint = "admin/accounts")]
pub async fn list_accounts(query: String, status: String, page: i64) -> Result<Vec<AccountRow>, AppError> {
    finish(
        async {
            let pool = state()?.pool.clone();
            require_admin(&pool).await?;
            crate::accounts::service::admin::list(&pool, &query, Status::parse(&status), page).await
        }
        .await,
    )
}

#[server(endpoint = "admin/account_action")]
pub async fn apply_account_action(id: i64, action: AccountAction) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            crate::accounts::service::admin::apply(&s, &admin, id, action).await?;
            s.mailer.wake();
            // The page confirms what was done (`accounts::ui::admin`).
            leptos_axum::redirect(&format!("/admin/accounts?done={}", action.as_str()));
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "admin/invite")]
pub async fn invite(email: String) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            registration::invite(&s, &admin, &email).await?;
            s.mailer.wake();
            leptos_axum::redirect("/admin/accounts?done=invite");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "admin/registration_mode")]
pub async fn set_registration_mode(mode: RegistrationMode) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            registration::set_mode(&s.pool, mode).await?;
            crate::edge::audit(&s, admin.id, "registration.mode", mode.as_str(), "").await?;
            leptos_axum::redirect("/admin/accounts?done=mode");
            Ok(())
        }
        .await,
    )
}

/// An admin makes an account; the person is mailed a link to choose a password.
#[server(endpoint = "admin/account_create")]
pub async fn create_account(name: String, email: String, language: String) -> Result<i64, AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            let lang = crate::i18n::Lang::from_code(language.trim()).unwrap_or_else(crate::i18n::request_lang);
            let id = crate::accounts::service::people::create(&s, &admin, &name, &email, lang).await?;
            leptos_axum::redirect("/admin/accounts?done=created");
            Ok(id)
        }
        .await,
    )
}

/// An admin changes member `id`'s name, and (confirmed from the new inbox) their address.
#[server(endpoint = "admin/account_edit")]
pub async fn edit_account(id: i64, name: String, email: String) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            let mailed = crate::accounts::service::people::edit(&s, &admin, id, &name, &email).await?;
            let flag = if mailed { "email" } else { "saved" };
            leptos_axum::redirect(&format!("/admin/accounts/{id}?{flag}=1"));
            Ok(())
        }
        .await,
    )
}

/// The domains whose addresses sign up without approval or invitation, for the admins' form.
#[server(endpoint = "admin/registration_domains")]
pub async fn registration_domains() -> Result<Vec<String>, AppError> {
    finish(
        async {
            let s = state()?;
            require_admin(&s.pool).await?;
            crate::accounts::service::domains::listed(&s.pool).await
        }
        .await,
    )
}

/// An admin sets those domains (one a line; empty for none).
#[server(endpoint = "admin/registration_domains_save")]
pub async fn set_registration_domains(domains: String) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            let kept = crate::accounts::service::domains::set(&s.pool, &domains).await?;
            crate::edge::audit(&s, admin.id, "registration.mode", "domains", &kept.join(" ")).await?;
            leptos_axum::redirect("/admin/accounts?done=domains");
            Ok(())
        }
        .await,
    )
}

/// The security log, newest first; `kind` and `query` narrow it.
#[server(endpoint = "admin/security_log")]
pub async fn security_log(kind: String, query: String, page: i64) -> Result<Vec<SecurityEntry>, AppError> {
    finish(
        async {
            let pool = state()?.pool.clone();
            let admin = require_admin(&pool).await?;
            let entries = crate::security_log::search(&pool, &kind, &query, page).await?;
            Ok(crate::security_log::in_zone(entries, &crate::accounts::service::users::reader(&admin)))
        }
        .await,
    )
}
