//! A visitor waiting in their session for the meeting: whether they may go in now. Asked by the
//! waiting page's island every few seconds and by `GET /r/{slug}/join` (the page without
//! JavaScript, and its "check again" link), so both follow the same rules.
use super::admission::Admission;
use super::{Destination, destination};
use crate::error::AppResult;
use crate::state::AppState;
use tower_sessions::Session;

/// The session key of an admission waiting for its meeting.
pub const ADMISSION_KEY: &str = "admission";

/// Where the visitor goes next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    /// Into the meeting: its join address (the admission is used up).
    Meeting(String),
    /// Keep waiting, on this page (`/r/{slug}/wait`, saying why).
    Wait(String),
    /// Back to the room's page to be asked again: the room's codes or rules changed since the
    /// admission was given.
    AskAgain,
    /// This session holds no admission to the room.
    NotAdmitted,
}

#[tracing::instrument(name = "meetings.waiting.next", level = "error", skip_all)]
pub async fn next(ctx: &AppState, session: &Session, slug: &str) -> AppResult<Next> {
    let admission: Option<Admission> = session.get(ADMISSION_KEY).await?;
    let Some(who) = admission.filter(|a| a.slug == slug) else { return Ok(Next::NotAdmitted) };
    let room = crate::rooms::service::store::by_slug(&ctx.pool, slug).await?;
    if !who.still_valid(&room) {
        session.remove::<Admission>(ADMISSION_KEY).await?;
        return Ok(Next::AskAgain);
    }
    match destination(ctx, &who, room).await? {
        Destination::Meeting(url) => {
            session.remove::<Admission>(ADMISSION_KEY).await?;
            Ok(Next::Meeting(url))
        }
        waiting => Ok(Next::Wait(waiting.waiting_page(slug))),
    }
}
