//! Assembly server functions: an admin makes one of a booking; anyone with its link reads its
//! page and, as what they may be, joins; its chair reads the quorum.
use super::model::{AdminAssemblies, AssemblyForm, AssemblyView, MinutesView, QuorumState, RulesView};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{ByteStream, GetUrl, Streaming};

#[cfg(feature = "ssr")]
use {
    super::service::{self, admin, attendance, callers, minutes, quorum},
    crate::accounts::service::auth::{current_user, require_admin, require_user, session},
    crate::edge::finish,
    crate::state::state,
};

/// Makes booking `form.booking` an assembly, or changes its rules (admins, and members they allow
/// on their own bookings).
#[server(endpoint = "assemblies/save")]
pub async fn save_assembly(#[server(flatten)] form: AssemblyForm) -> Result<i64, AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_user(&s.pool).await?;
            let id = service::save(&s, &user, &form).await?;
            leptos_axum::redirect(&format!("/assemblies/{id}?saved=1"));
            Ok(id)
        }
        .await,
    )
}

/// The rules of the assembly on booking `id`, or the usual ones for a new one (those who may call it).
#[server(endpoint = "assemblies/rules")]
pub async fn assembly_rules(id: i64) -> Result<RulesView, AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_user(&s.pool).await?;
            service::rules(&s, &user, id).await
        }
        .await,
    )
}

/// The assembly held on booking `id`, as the reader may take part.
#[server(endpoint = "assemblies/one")]
pub async fn one_assembly(id: i64) -> Result<AssemblyView, AppError> {
    finish(
        async {
            let s = state()?;
            let user = current_user(&s.pool).await?;
            service::view(&s, user.as_ref(), id).await
        }
        .await,
    )
}

/// Joins the assembly's meeting as a voting member or an observer; consenting to the attendance
/// record is required.
#[server(endpoint = "assemblies/join")]
pub async fn join_assembly(
    id: i64,
    name: Option<String>,
    attendance_consent: Option<String>,
    recording_consent: Option<String>,
) -> Result<String, AppError> {
    finish(
        async {
            let s = state()?;
            let user = current_user(&s.pool).await?;
            let assembly = service::load(&s, id).await?;
            // A guest keeps one tag per assembly, so a rejoin is the same attendee.
            let session = session().await?;
            let key = format!("assembly-guest-{id}");
            let tag = match session.get::<String>(&key).await? {
                Some(tag) => tag,
                None => {
                    use rand::Rng;
                    let tag = hex::encode(rand::thread_rng().r#gen::<[u8; 12]>());
                    session.insert(&key, &tag).await?;
                    tag
                }
            };
            let lang = crate::accounts::service::users::reader_of(user.as_ref()).lang;
            let knock = attendance::Knock {
                name: name.as_deref().unwrap_or_default(),
                attendance: attendance_consent.is_some(),
                recording: recording_consent.is_some(),
                guest_tag: &tag,
                observer: lang.t("assembly.observer_mark"),
            };
            let url = attendance::join(&s, user.as_ref(), &assembly, knock).await?;
            leptos_axum::redirect(&url);
            Ok(url)
        }
        .await,
    )
}

/// Where the quorum stands, for the assembly's chair (its organiser and the admins).
#[server(endpoint = "assemblies/quorum")]
pub async fn assembly_quorum(id: i64) -> Result<QuorumState, AppError> {
    finish(
        async {
            let s = state()?;
            let (user, assembly) = chaired(&s, id).await?;
            let reader = crate::accounts::service::users::reader_of(Some(&user));
            quorum::state(&s, &assembly, &reader).await
        }
        .await,
    )
}

/// The assembly's chair: its organiser or an admin; anyone else is refused.
#[cfg(feature = "ssr")]
async fn chaired(
    s: &crate::state::AppState,
    id: i64,
) -> Result<(crate::accounts::service::User, service::Assembly), AppError> {
    let user = require_user(&s.pool).await?;
    let assembly = service::load(s, id).await?;
    if !service::chairs(&user, &assembly.booking) {
        return Err(AppError::Forbidden);
    }
    Ok((user, assembly))
}

/// The minutes' material, for the chair.
#[server(endpoint = "assemblies/minutes")]
pub async fn assembly_minutes(id: i64) -> Result<MinutesView, AppError> {
    finish(
        async {
            let s = state()?;
            let (user, assembly) = chaired(&s, id).await?;
            let reader = crate::accounts::service::users::reader_of(Some(&user));
            minutes::read(&s, &assembly, &reader).await
        }
        .await,
    )
}

/// The attendance as a CSV file, for the chair.
#[server(endpoint = "assemblies/minutes.csv", input = GetUrl, output = Streaming)]
pub async fn assembly_minutes_csv(id: i64) -> Result<ByteStream<AppError>, AppError> {
    finish(
        async {
            let s = state()?;
            chaired(&s, id).await?;
            let body = minutes::csv(&s, id).await?;
            crate::edge::download("text/csv; charset=utf-8", "attendance.csv");
            Ok(ByteStream::new(futures::stream::once(async move { Ok::<_, AppError>(body) })))
        }
        .await,
    )
}

/// The assemblies and the members allowed to call them (admins).
#[server(endpoint = "assemblies/admin")]
pub async fn assemblies_admin() -> Result<AdminAssemblies, AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_admin(&s.pool).await?;
            admin::overview(&s, &crate::accounts::service::users::reader_of(Some(&user))).await
        }
        .await,
    )
}

/// Allows the member with `email` to call assemblies on their own bookings (admins).
#[server(endpoint = "assemblies/allow")]
pub async fn allow_caller(email: String) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_admin(&s.pool).await?;
            callers::allow(&s, &user, &email).await?;
            crate::edge::audit(&s, user.id, "assembly.callers", email.trim(), "allowed").await?;
            leptos_axum::redirect("/admin/assemblies?saved=1");
            Ok(())
        }
        .await,
    )
}

/// Withdraws member `id`'s permission to call assemblies (admins).
#[server(endpoint = "assemblies/revoke")]
pub async fn revoke_caller(id: i64) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_admin(&s.pool).await?;
            callers::revoke(&s, id).await?;
            crate::edge::audit(&s, user.id, "assembly.callers", &id.to_string(), "withdrawn").await?;
            leptos_axum::redirect("/admin/assemblies?revoked=1");
            Ok(())
        }
        .await,
    )
}
