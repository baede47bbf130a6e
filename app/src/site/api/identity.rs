//! The identity's server functions: admins read and set the co-op's name, colour and welcome, its
//! logo, and its legal and help links; anyone reads a page the admins wrote. Each change goes to
//! the security log.
use crate::error::AppError;
use crate::site::model::identity::{Identity, IdentityForm};
use crate::site::model::links::{LegalPage, LinksForm, LinksView};
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

#[cfg(feature = "ssr")]
use {
    crate::accounts::service::auth::require_admin,
    crate::edge::{audit, finish},
    crate::site::service::identity::{self, links, logo},
    crate::state::state,
};

/// The identity as kept, for the admins' form.
#[server(endpoint = "site/identity")]
pub async fn read_identity() -> Result<Identity, AppError> {
    finish(
        async {
            let s = state()?;
            require_admin(&s.pool).await?;
            Ok(identity::current(&s).await?.identity.clone())
        }
        .await,
    )
}

/// An admin sets the name, the accent colour and the welcome.
#[server(endpoint = "site/identity_save")]
pub async fn save_identity(#[server(flatten)] form: IdentityForm) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            identity::save(&s, admin.id, &form).await?;
            audit(&s, admin.id, "site.identity", form.name.trim(), "saved").await?;
            leptos_axum::redirect("/admin/site?saved=1");
            Ok(())
        }
        .await,
    )
}

/// The form's `file`, read as a picture before it is kept.
#[server(endpoint = "site/logo_upload", input = MultipartFormData)]
pub async fn upload_logo(data: MultipartData) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            logo::upload(&s, admin.id, data).await?;
            audit(&s, admin.id, "site.identity", "logo", "uploaded").await?;
            leptos_axum::redirect("/admin/site?uploaded=1");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "site/logo_remove")]
pub async fn remove_logo() -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            logo::remove(&s, admin.id).await?;
            audit(&s, admin.id, "site.identity", "logo", "removed").await?;
            leptos_axum::redirect("/admin/site?removed=1");
            Ok(())
        }
        .await,
    )
}

/// The legal and help links and the terms' question, for the admins' form.
#[server(endpoint = "site/links")]
pub async fn read_links() -> Result<LinksView, AppError> {
    finish(
        async {
            let s = state()?;
            require_admin(&s.pool).await?;
            links::view(&s).await
        }
        .await,
    )
}

/// An admin sets the legal and help links, and whether new members accept the terms.
#[server(endpoint = "site/links_save")]
pub async fn save_links(#[server(flatten)] form: LinksForm) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            links::save(&s, admin.id, &form).await?;
            audit(&s, admin.id, "site.identity", "links", "saved").await?;
            leptos_axum::redirect("/admin/site?links=1#links");
            Ok(())
        }
        .await,
    )
}

/// A page the admins wrote (`terms`, `privacy`…), for anyone: the footer links to it.
#[server(endpoint = "site/legal")]
pub async fn legal(kind: String) -> Result<Option<LegalPage>, AppError> {
    finish(async { links::page(&state()?, kind.trim()).await }.await)
}
