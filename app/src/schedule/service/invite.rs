//! The mails a booking sends: invitations and changes (with the iCalendar file that puts them in a
//! calendar), cancellations, reminders, and an event's news to its booker. Each is queued in the
//! caller's transaction, in the recipient's language and zone when they are a member, else the
//! booker's. The link is the room's page with the invitee's pass ([`super::pass`]); no access
//! code travels in a mail.
use super::ics::{self, Entry, Method};
use super::store::BookingRow;
use crate::accounts::service::{User, emails, users};
use crate::clock::Timestamp;
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::mail::{Attachment, Mail};
use crate::rooms::service::store::RoomRow;
use crate::state::AppState;
use crate::time_display::Reader;
use sqlx::{Any, Transaction};

/// The host part of the portal's address: the right side of every booking's UID.
pub fn host(base_url: &str) -> &str {
    let rest = base_url.split("://").nth(1).unwrap_or(base_url);
    rest.split(['/', ':']).next().unwrap_or(rest)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A new booking: "you are invited".
    Request,
    /// A changed one: the file replaces what the calendar holds (a higher SEQUENCE). The mail
    /// names the occurrence changed, at its new time.
    Update(i64),
    /// The whole booking is cancelled.
    Cancel,
    /// One occurrence of a series is cancelled.
    CancelOne(i64),
}

impl Kind {
    fn key(self) -> &'static str {
        match self {
            Kind::Request => "booking_invite",
            Kind::Update(_) => "booking_update",
            Kind::Cancel | Kind::CancelOne(_) => "booking_cancel",
        }
    }
}

/// `“Assembly”, 2026-12-01 18:00 CET`: what a mail is about, in the reader's zone.
pub fn about(row: &BookingRow, reader: &Reader) -> String {
    format!(
        "\u{201c}{}\u{201d}, {}",
        row.title,
        crate::time_display::local(Timestamp::from_secs(row.starts_at), reader)
    )
}

/// A recipient as a reader (their own language and zone when they are a member, else those of
/// `fallback`, the booking's owner) and the name to greet them by.
#[tracing::instrument(name = "schedule.invite.reader", level = "error", skip_all)]
pub async fn reader(tx: &mut Transaction<'static, Any>, email: &str, fallback: &User) -> AppResult<(Reader, String)> {
    Ok(match users::by_email(&mut **tx, email).await? {
        Some(member) => (crate::accounts::service::users::reader(&member), member.name.clone()),
        None => (crate::accounts::service::users::reader(fallback), email.to_string()),
    })
}

/// Queues `kind` about the booking `series` to every invitee, each with a calendar file naming
/// the organiser and that invitee alone.
#[tracing::instrument(name = "schedule.invite.send", level = "error", skip_all)]
pub async fn send(
    ctx: &AppState,
    tx: &mut Transaction<'static, Any>,
    kind: Kind,
    series: &[BookingRow],
    room: &RoomRow,
    owner: &User,
    invitees: &[String],
) -> AppResult<usize> {
    let Some(first) = series.iter().find(|r| r.holds()).or(series.first()) else { return Ok(0) };
    let now = ctx.clock.now();
    let entry = Entry {
        rows: series,
        invitees,
        link: format!("{}/r/{}", ctx.base_url, room.slug),
        organizer_name: &owner.name,
        organizer_email: &owner.email,
    };
    let (method, files) = match kind {
        Kind::Request | Kind::Update(_) => (Method::Request, ics::per_invitee(Method::Request, &entry, None, now)),
        Kind::Cancel => (Method::Cancel, ics::per_invitee(Method::Cancel, &entry, None, now)),
        Kind::CancelOne(id) => {
            let row = series.iter().find(|r| r.id == id).unwrap_or(first);
            (Method::Cancel, ics::per_invitee(Method::Cancel, &entry, Some(row), now))
        }
    };
    let about_row = match kind {
        Kind::CancelOne(id) | Kind::Update(id) => series.iter().find(|r| r.id == id).unwrap_or(first),
        _ => first,
    };
    // An invitation's link carries its invitee's pass past the room's access code; a
    // cancellation's does not need one.
    let key = match kind {
        Kind::Request | Kind::Update(_) => Some(super::pass::key(tx).await?),
        Kind::Cancel | Kind::CancelOne(_) => None,
    };
    for (email, file) in invitees.iter().zip(files) {
        let (reader, name) = reader(tx, email, owner).await?;
        let link = match &key {
            Some(key) => format!("{}/r/{}?invite={}", ctx.base_url, room.slug, super::pass::of(key, first, email)),
            None => format!("{}/r/{}", ctx.base_url, room.slug),
        };
        let mut mail = mail_about(reader.lang, email, &name, kind.key(), &about(about_row, &reader), &link);
        mail.attachment = Some(Attachment {
            name: "invite.ics".into(),
            content_type: format!("text/calendar; method={}; charset=UTF-8", method.as_str()),
            body: file,
        });
        crate::mail::enqueue(tx, now, &mail).await?;
    }
    Ok(invitees.len())
}

/// One booking mail: the standard shape, with what it is about in the subject and the text.
pub fn mail_about(lang: Lang, to: &str, name: &str, key: &str, about: &str, link: &str) -> Mail {
    emails::compose(lang, to, name, key, Some(link), &[("title", about.into())])
}
