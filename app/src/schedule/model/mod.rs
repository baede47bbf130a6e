//! Bookings as the pages see them, and the rules a booking form must pass before any capacity is
//! looked at. Times here are already in the reader's zone (formatted on the server).
use crate::error::{FieldErrors, Msg};
use serde::{Deserialize, Serialize};

mod views;
pub use views::*;

/// The longest meeting that can be booked, and the most occurrences a series may have.
pub const MAX_MINUTES: i64 = 12 * 60;
pub const MAX_OCCURRENCES: i64 = 52;
pub const MAX_PARTICIPANTS: i64 = 10_000;
/// How long before a booking a member may be reminded, in minutes (0: not at all).
pub const REMINDER_CHOICES: [i64; 5] = [0, 10, 30, 60, 1440];

/// What a member submits to book (or change) a meeting. Dates and times are in their zone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingForm {
    /// The room's link id.
    pub room: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `HH:MM`.
    pub time: String,
    /// Minutes.
    pub duration: String,
    pub participants: String,
    /// Email addresses, separated by commas, spaces or lines.
    #[serde(default)]
    pub invitees: String,
    /// Weeks between occurrences; empty or 0: once.
    #[serde(default)]
    pub every_weeks: String,
    /// How many occurrences, or until which date (`YYYY-MM-DD`): one of the two for a series.
    #[serde(default)]
    pub count: String,
    #[serde(default)]
    pub until: String,
    /// Another region than the room's, taken from a suggestion; empty: the room's.
    #[serde(default)]
    pub region: String,
}

impl BookingForm {
    /// The form's field names, as its inputs are named.
    pub const FIELDS: [&'static str; 12] = [
        "room",
        "title",
        "description",
        "date",
        "time",
        "duration",
        "participants",
        "invitees",
        "every_weeks",
        "count",
        "until",
        "region",
    ];

    fn slot(&mut self, name: &str) -> Option<&mut String> {
        Some(match name {
            "room" => &mut self.room,
            "title" => &mut self.title,
            "description" => &mut self.description,
            "date" => &mut self.date,
            "time" => &mut self.time,
            "duration" => &mut self.duration,
            "participants" => &mut self.participants,
            "invitees" => &mut self.invitees,
            "every_weeks" => &mut self.every_weeks,
            "count" => &mut self.count,
            "until" => &mut self.until,
            "region" => &mut self.region,
            _ => return None,
        })
    }

    /// The value of field `name` (empty for a name the form does not have).
    pub fn get(&self, name: &str) -> String {
        match name {
            "room" => &self.room,
            "title" => &self.title,
            "description" => &self.description,
            "date" => &self.date,
            "time" => &self.time,
            "duration" => &self.duration,
            "participants" => &self.participants,
            "invitees" => &self.invitees,
            "every_weeks" => &self.every_weeks,
            "count" => &self.count,
            "until" => &self.until,
            "region" => &self.region,
            _ => "",
        }
        .to_string()
    }

    /// The form with field `name` set to `value`.
    pub fn with(mut self, name: &str, value: String) -> BookingForm {
        if let Some(slot) = self.slot(name) {
            *slot = value;
        }
        self
    }
}

/// How a series ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesEnd {
    Count(i64),
    Until(Date),
}

pub use crate::dates::{Date, parse_date};

/// A form that passed the rules: numbers parsed, addresses split, the series understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub title: String,
    pub description: String,
    pub date: Date,
    pub hour: u32,
    pub minute: u32,
    pub minutes: i64,
    pub participants: i64,
    pub invitees: Vec<String>,
    /// Weeks between occurrences and how the series ends; `None`: once.
    pub repeat: Option<(i64, SeriesEnd)>,
}

fn parse_time(text: &str) -> Option<(u32, u32)> {
    let (h, m) = text.trim().split_once(':')?;
    let (h, m) = (h.parse().ok()?, m.get(..2).unwrap_or(m).parse().ok()?);
    (h < 24 && m < 60).then_some((h, m))
}

fn number(errors: &mut FieldErrors, field: &str, text: &str, range: std::ops::RangeInclusive<i64>, key: &str) -> i64 {
    match text.trim().parse::<i64>() {
        Ok(n) if range.contains(&n) => n,
        _ => {
            errors.add(field, Msg::with(key, "max", *range.end()));
            0
        }
    }
}

/// Checks a booking form; every bad field is named.
pub fn check(form: &BookingForm) -> Result<Checked, FieldErrors> {
    let mut errors = FieldErrors::default();
    let title = form.title.trim();
    if title.is_empty() || title.chars().count() > 120 {
        errors.add("title", Msg::new("booking.title.invalid"));
    }
    let date = parse_date(&form.date);
    if date.is_none() {
        errors.add("date", Msg::new("booking.date.invalid"));
    }
    let time = parse_time(&form.time);
    if time.is_none() {
        errors.add("time", Msg::new("booking.time.invalid"));
    }
    let minutes = number(&mut errors, "duration", &form.duration, 5..=MAX_MINUTES, "booking.duration.invalid");
    // One participant is a booking too: a rehearsal, a recording made alone.
    let participants =
        number(&mut errors, "participants", &form.participants, 1..=MAX_PARTICIPANTS, "booking.participants.invalid");
    let mut invitees: Vec<String> = Vec::new();
    for address in form.invitees.split([',', ';', ' ', '\n', '\r', '\t']).filter(|a| !a.is_empty()) {
        let address = address.trim().to_lowercase();
        if !crate::accounts::model::valid_email(&address) {
            errors.add("invitees", Msg::with("booking.invitees.invalid", "address", &address));
            break;
        }
        if !invitees.contains(&address) {
            invitees.push(address);
        }
    }
    if invitees.len() > 200 {
        errors.add("invitees", Msg::with("booking.invitees.too_many", "max", 200));
    }
    let repeat = match form.every_weeks.trim() {
        "" | "0" => None,
        weeks => {
            let weeks = number(&mut errors, "every_weeks", weeks, 1..=12, "booking.every_weeks.invalid");
            let end = match (form.count.trim(), form.until.trim()) {
                ("", "") => {
                    errors.add("count", Msg::new("booking.series_end.missing"));
                    None
                }
                ("", until) => match parse_date(until) {
                    Some(until) if date.is_none_or(|d| until > d) => Some(SeriesEnd::Until(until)),
                    _ => {
                        errors.add("until", Msg::new("booking.until.invalid"));
                        None
                    }
                },
                (count, _) => Some(SeriesEnd::Count(number(
                    &mut errors,
                    "count",
                    count,
                    2..=MAX_OCCURRENCES,
                    "booking.count.invalid",
                ))),
            };
            end.map(|end| (weeks, end))
        }
    };
    match (date, time, errors.is_empty()) {
        (Some(date), Some((hour, minute)), true) => Ok(Checked {
            title: title.to_string(),
            description: form.description.trim().chars().take(2000).collect(),
            date,
            hour,
            minute,
            minutes,
            participants,
            invitees,
            repeat,
        }),
        _ => Err(errors),
    }
}

/// The states of a booking. Requested events hold their reservation until an admin decides.
pub const HOLDING: [&str; 3] = ["booked", "requested", "approved"];

#[cfg(test)]
mod tests;
