//! The contributions pages' server functions: the admins' page, the upload of an export, manual
//! contributions, linking a contributor, the CSV export (admins); a member's own list and profile.
use super::model::{AdminPage, ManualForm, MemberPage};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{ByteStream, GetUrl, MultipartData, MultipartFormData, Streaming};

#[cfg(feature = "ssr")]
use {
    super::service::{import, manual, profiles, reports, store},
    crate::accounts::service::auth::{require_admin, require_user},
    crate::edge::finish,
    crate::state::state,
};

#[server(endpoint = "contributions/admin")]
pub async fn contributions_admin(import: Option<i64>, edit: Option<i64>) -> Result<AdminPage, AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            let reader = crate::accounts::service::users::reader(&admin);
            let (currency, income, left_out) = reports::income(&s, 12).await?;
            let editing = match edit {
                Some(id) => reports::manual_form(&s, id, &admin.time_zone).await?,
                None => None,
            };
            let last_import = match import {
                Some(id) => reports::import_report(&s, id).await?,
                None => None,
            };
            let (unmatched, claims) = (reports::unmatched(&s, reader.lang).await?, profiles::queue(&s).await?);
            let (recent, audit) = (reports::recent(&s, &reader).await?, reports::audit_log(&s, &reader).await?);
            Ok(AdminPage { currency, income, left_out, unmatched, claims, recent, audit, last_import, editing })
        }
        .await,
    )
}

/// Imports the uploaded Open Collective export, then shows its report.
#[server(endpoint = "contributions/upload", input = MultipartFormData)]
pub async fn upload_contributions(data: MultipartData) -> Result<i64, AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            let (name, bytes) = import::uploaded(data).await?;
            let report = import::open_collective(&s, &bytes).await?;
            let id = store::record_import(&s.pool, admin.id, &name, &report, s.clock.now()).await?;
            let detail = format!("added {}, refunds {}", report.added, report.refunds);
            crate::edge::audit(&s, admin.id, "contributions.imported", &name, &detail).await?;
            leptos_axum::redirect(&format!("/admin/contributions?import={id}"));
            Ok(id)
        }
        .await,
    )
}

/// Adds a manual contribution, or corrects the one the form names.
#[server(endpoint = "contributions/save")]
pub async fn save_contribution(#[server(flatten)] form: ManualForm) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            let (id, done) = match form.id() {
                Some(id) => (manual::correct(&s, &admin, &form).await.map(|_| id)?, "corrected"),
                None => (manual::add(&s, &admin, &form).await?, "added"),
            };
            crate::edge::audit(&s, admin.id, "contribution.changed", &format!("#{id}"), done).await?;
            leptos_axum::redirect("/admin/contributions?saved=1");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "contributions/delete")]
pub async fn delete_contribution(id: i64) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            manual::delete(&s, &admin, id).await?;
            crate::edge::audit(&s, admin.id, "contribution.changed", &format!("#{id}"), "deleted").await?;
            leptos_axum::redirect("/admin/contributions");
            Ok(())
        }
        .await,
    )
}

/// Links an unmatched contributor to the member with `email`, for every import to come.
#[server(endpoint = "contributions/link")]
pub async fn link_contributor(contributor: i64, email: String) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            let profile = profiles::link_by_email(&s, contributor, &email).await?;
            crate::edge::audit(&s, admin.id, "contributor.linked", email.trim(), &profile).await?;
            leptos_axum::redirect("/admin/contributions?linked=1");
            Ok(())
        }
        .await,
    )
}

/// Every contribution as a CSV file.
#[server(endpoint = "contributions/export.csv", input = GetUrl, output = Streaming)]
pub async fn export_contributions() -> Result<ByteStream<AppError>, AppError> {
    finish(
        async {
            let s = state()?;
            require_admin(&s.pool).await?;
            let body = reports::csv_export(&s).await?;
            crate::edge::download("text/csv; charset=utf-8", "contributions.csv");
            Ok(ByteStream::new(futures::stream::once(async move { Ok::<_, AppError>(body) })))
        }
        .await,
    )
}

#[server(endpoint = "contributions/mine")]
pub async fn my_contributions() -> Result<MemberPage, AppError> {
    finish(
        async {
            let s = state()?;
            let me = require_user(&s.pool).await?;
            Ok(MemberPage {
                contributions: reports::of_member(&s, me.id, &crate::accounts::service::users::reader(&me)).await?,
                profile: reports::profile(&s, me.id).await?,
                waiting: store::claims::waiting(&s.pool, me.id, profiles::SOURCE).await?,
                contribute_url: s.membership.contribute_url.clone(),
            })
        }
        .await,
    )
}

/// The member claims an Open Collective profile; its contributions count for them once it is
/// confirmed. The answer is the same whoever holds the profile.
#[server(endpoint = "contributions/profile")]
pub async fn claim_profile(slug: String) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let me = require_user(&s.pool).await?;
            profiles::claim(&s, &me, &slug).await?;
            leptos_axum::redirect("/membership?claimed=1");
            Ok(())
        }
        .await,
    )
}

/// An admin confirms a member's claim on a profile: its contributions count for them.
#[server(endpoint = "contributions/confirm_claim")]
pub async fn confirm_claim(claim: i64) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            let (member, profile) = profiles::confirm(&s, claim).await?;
            crate::edge::audit(&s, admin.id, "contributor.linked", &member, &format!("{profile} (claim)")).await?;
            leptos_axum::redirect("/admin/contributions?linked=1");
            Ok(())
        }
        .await,
    )
}

/// An admin refuses a member's claim on a profile: nothing moved, the claim is forgotten.
#[server(endpoint = "contributions/refuse_claim")]
pub async fn refuse_claim(claim: i64) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            require_admin(&s.pool).await?;
            profiles::refuse(&s, claim).await?;
            leptos_axum::redirect("/admin/contributions");
            Ok(())
        }
        .await,
    )
}
