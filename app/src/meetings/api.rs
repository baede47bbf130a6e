//! Meeting server functions. Each answers with a redirect: to the meeting, or to the waiting page.
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::service::{self, Destination, waiting::ADMISSION_KEY},
    crate::accounts::service::auth::{current_user, require_user},
    crate::edge::{client_address, finish},
    crate::state::state,
};

/// Owners, co-owners and admins start the meeting and join as moderators.
#[server(endpoint = "meetings/start")]
pub async fn start_meeting(
    slug: String,
    recording_consent: Option<String>,
    list_me: Option<String>,
) -> Result<String, AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_user(&s.pool).await?;
            let ticks = service::Ticks { recording: recording_consent.is_some(), listed: list_me.is_some() };
            let url = service::start(&s, &user, &slug, ticks).await?;
            leptos_axum::redirect(&url);
            Ok(url)
        }
        .await,
    )
}

/// Everyone else comes in through the room's link. When the meeting is not running yet (and they
/// may not start it), the admission waits in the session and the waiting page lets them in later.
#[server(endpoint = "meetings/join")]
pub async fn join_meeting(
    slug: String,
    name: Option<String>,
    access_code: Option<String>,
    invite: Option<String>,
    guest: Option<String>,
    recording_consent: Option<String>,
    list_me: Option<String>,
) -> Result<String, AppError> {
    finish(
        async {
            let s = state()?;
            let user = current_user(&s.pool).await?;
            let address = client_address(&s.proxies).await;
            let room = s.rooms.room(&s.pool, &slug).await?;
            let (name, code, pass) =
                (name.unwrap_or_default(), access_code.unwrap_or_default(), invite.unwrap_or_default());
            let (link, consent) = (guest.unwrap_or_default(), recording_consent.is_some());
            let knock = service::admission::Knock {
                name: &name,
                code: &code,
                pass: &pass,
                link: &link,
                address: &address,
                consent,
            };
            let mut who = service::admit(&s, &room, user.as_ref(), knock).await?;
            who.listed = list_me.is_some() && user.is_some();
            let target = match service::destination(&s, &who, room).await? {
                Destination::Meeting(url) => url,
                waiting => {
                    let session = crate::accounts::service::auth::session().await?;
                    if user.is_none() {
                        // A guest's session holds only this admission: it ends two hours after
                        // their last visit, not after the two weeks a session lasts by default,
                        // so a crowd of guests does not fill the sessions table for weeks.
                        let idle = tower_sessions::cookie::time::Duration::hours(2);
                        session.set_expiry(Some(tower_sessions::Expiry::OnInactivity(idle)));
                    }
                    session.insert(ADMISSION_KEY, &who).await?;
                    waiting.waiting_page(&who.slug)
                }
            };
            leptos_axum::redirect(&target);
            Ok(target)
        }
        .await,
    )
}

/// The waiting page asks whether its visitor may go in now: the meeting's join address when they
/// may (their admission is used up), the room's page when they must be asked again, else nothing.
#[server(endpoint = "meetings/enter")]
pub async fn enter_meeting(slug: String) -> Result<Option<String>, AppError> {
    finish(
        async {
            let s = state()?;
            match service::waiting::next(&s, &crate::accounts::service::auth::session().await?, &slug).await? {
                service::waiting::Next::Meeting(url) => Ok(Some(url)),
                service::waiting::Next::AskAgain => Ok(Some(format!("/r/{slug}"))),
                service::waiting::Next::NotAdmitted => Err(AppError::Forbidden),
                service::waiting::Next::Wait(_) => Ok(None),
            }
        }
        .await,
    )
}
