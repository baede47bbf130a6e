//! iCalendar (RFC 5545) objects of bookings, and their iTIP methods (RFC 5546): REQUEST for an
//! invitation or a change, CANCEL for a cancellation, PUBLISH for a member's feed. A series is one
//! event with a weekly RRULE; a cancelled occurrence is an EXDATE, a moved one an override with its
//! RECURRENCE-ID. Times carry the booker's zone (TZID) with its VTIMEZONE, so a calendar shows 10:00
//! in Berlin as 10:00 on both sides of a clock change. Written with the `icalendar` crate.
use super::store::BookingRow;
use super::{times, vtimezone};
use crate::clock::Timestamp;
use icalendar::{
    Attendee, Calendar, CalendarDateTime, Component, Event, EventLike, EventStatus, Frequency, PartStat, Property,
    RRule, Role,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Request,
    Cancel,
    Publish,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Request => "REQUEST",
            Method::Cancel => "CANCEL",
            Method::Publish => "PUBLISH",
        }
    }
}

/// One booking (every occurrence of it) and who it concerns.
pub struct Entry<'a> {
    pub rows: &'a [BookingRow],
    pub invitees: &'a [String],
    /// Where to join: the room's page.
    pub link: String,
    pub organizer_name: &'a str,
    pub organizer_email: &'a str,
}

fn at_zone(at: i64, zone: &str) -> CalendarDateTime {
    CalendarDateTime::WithTimezone {
        date_time: times::local(times::zone(zone), Timestamp::from_secs(at)),
        tzid: zone.to_string(),
    }
}

fn utc(at: Timestamp) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(at.secs(), 0).unwrap_or_default()
}

fn status(row: &BookingRow) -> EventStatus {
    match row.state.as_str() {
        "requested" => EventStatus::Tentative,
        "cancelled" | "declined" => EventStatus::Cancelled,
        _ => EventStatus::Confirmed,
    }
}

/// What every component of an entry says.
fn base(entry: &Entry, row: &BookingRow, sequence: i64, now: Timestamp) -> Event {
    let mut event = Event::new();
    event
        .uid(&row.uid)
        .timestamp(utc(now))
        .sequence(sequence.clamp(0, i64::from(u32::MAX)) as u32)
        .summary(&row.title)
        .description(&row.description)
        .location(&entry.link)
        .url(&entry.link)
        .starts(at_zone(row.starts_at, &row.time_zone))
        .ends(at_zone(row.ends_at, &row.time_zone))
        .status(status(row))
        .append_property(
            Property::new("ORGANIZER", format!("mailto:{}", entry.organizer_email))
                .add_parameter("CN", entry.organizer_name)
                .done(),
        );
    for email in entry.invitees {
        event.attendee(
            Attendee::new(format!("mailto:{email}")).role(Role::ReqParticipant).partstat(PartStat::NeedsAction),
        );
    }
    event
}

/// The components of one entry: its event, or a series' master with its overrides.
fn components(entry: &Entry, now: Timestamp) -> Vec<Event> {
    let Some(first) = entry.rows.first() else { return Vec::new() };
    let sequence = entry.rows.iter().map(|r| r.sequence).max().unwrap_or(0);
    if first.every_weeks == 0 {
        return vec![base(entry, first, sequence, now).done()];
    }
    // The master says what the series was booked as: its first place, its usual length.
    let original = |r: &BookingRow| r.original_start.unwrap_or(r.starts_at);
    let usual = entry.rows.iter().find(|r| r.starts_at == original(r)).unwrap_or(first);
    let mut master = base(entry, usual, sequence, now);
    master
        .starts(at_zone(original(first), &first.time_zone))
        .ends(at_zone(original(first) + usual.minutes() * 60, &first.time_zone))
        .status(EventStatus::Confirmed);
    let rule =
        RRule::new(Frequency::Weekly).interval(first.every_weeks.clamp(1, 52) as u16).count(entry.rows.len() as u32);
    if master.recurrence(rule).is_err() {
        tracing::warn!(uid = %first.uid, "the series' recurrence could not be written");
    }
    let mut overrides = Vec::new();
    for row in entry.rows {
        if !row.holds() {
            master.exdate(at_zone(original(row), &row.time_zone));
        } else if row.starts_at != original(row) || row.minutes() != usual.minutes() || row.title != usual.title {
            let mut moved = base(entry, row, sequence, now);
            moved.recurrence_id(at_zone(original(row), &row.time_zone));
            overrides.push(moved.done());
        }
    }
    let mut all = vec![master.done()];
    all.extend(overrides);
    all
}

fn calendar(method: Method) -> Calendar {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", "-//Quorum//Schedule//EN"))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("METHOD", method.as_str()));
    calendar
}

/// Each zone the entries use, with its changes over the span they cover.
fn zones(calendar: &mut Calendar, rows: &[&BookingRow]) {
    let mut zones: Vec<&str> = rows.iter().map(|r| r.time_zone.as_str()).collect();
    zones.sort_unstable();
    zones.dedup();
    for zone in zones {
        let used = rows.iter().filter(|r| r.time_zone == zone);
        let from = used.clone().map(|r| r.original_start.unwrap_or(r.starts_at).min(r.starts_at)).min().unwrap_or(0);
        let to = used.map(|r| r.ends_at).max().unwrap_or(0);
        calendar.push(vtimezone::component(zone, from, to));
    }
}

/// The events of whole entries, as `method` wants them.
fn events(method: Method, entries: &[Entry], now: Timestamp) -> Vec<Event> {
    let mut all = Vec::new();
    for entry in entries {
        for mut event in components(entry, now) {
            if method == Method::Cancel {
                event.status(EventStatus::Cancelled);
            }
            all.push(event);
        }
    }
    all
}

/// The cancellation of one occurrence of a series: the event with its RECURRENCE-ID, cancelled.
fn occurrence_cancelled(entry: &Entry, row: &BookingRow, now: Timestamp) -> Event {
    let sequence = entry.rows.iter().map(|r| r.sequence).max().unwrap_or(row.sequence);
    let mut event = base(entry, row, sequence, now);
    event
        .recurrence_id(at_zone(row.original_start.unwrap_or(row.starts_at), &row.time_zone))
        .status(EventStatus::Cancelled);
    event.done()
}

/// A calendar of whole entries: a cancellation of a whole booking (CANCEL) or a feed (PUBLISH).
pub fn document(method: Method, entries: &[Entry], now: Timestamp) -> String {
    let mut calendar = calendar(method);
    let rows: Vec<&BookingRow> = entries.iter().flat_map(|e| e.rows.iter()).collect();
    zones(&mut calendar, &rows);
    for event in events(method, entries, now) {
        calendar.push(event);
    }
    vtimezone::without_stamps(calendar.to_string())
}

/// One file per invitee of the entry, in its order, each naming the organiser and that invitee
/// alone: an invitation is no list of who else was asked. `occurrence` cancels that occurrence of
/// a series (CANCEL with its RECURRENCE-ID); `None` sends the whole booking.
pub fn per_invitee(method: Method, entry: &Entry, occurrence: Option<&BookingRow>, now: Timestamp) -> Vec<String> {
    let rows: Vec<&BookingRow> = match occurrence {
        Some(row) => vec![row],
        None => entry.rows.iter().collect(),
    };
    // The zones are worked out once: a year's series scans a year of offsets.
    let mut head = calendar(method);
    zones(&mut head, &rows);
    entry
        .invitees
        .iter()
        .map(|email| {
            let alone = Entry {
                rows: entry.rows,
                invitees: std::slice::from_ref(email),
                link: entry.link.clone(),
                organizer_name: entry.organizer_name,
                organizer_email: entry.organizer_email,
            };
            let mut calendar = head.clone();
            match occurrence {
                Some(row) => {
                    calendar.push(occurrence_cancelled(&alone, row, now));
                }
                None => {
                    for event in events(method, std::slice::from_ref(&alone), now) {
                        calendar.push(event);
                    }
                }
            }
            vtimezone::without_stamps(calendar.to_string())
        })
        .collect()
}
