//! Bookings as the pages see them, and the rules a booking form must pass before any capacity is
//! looked at. Times here are already in the reader's zone (formatted on the server).
use crate::error::{FieldErrors, Msg};
use serde::{Deserialize, Serialize};

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
        self.clone().slot(name).map(|v| v.clone()).unwrap_or_default()
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

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

pub fn parse_date(text: &str) -> Option<Date> {
    let mut parts = text.trim().splitn(3, '-');
    let year = parts.next()?.parse().ok().filter(|y| (2000..=2100).contains(y))?;
    let month = parts.next()?.parse().ok().filter(|m| (1..=12).contains(m))?;
    let day = parts.next()?.parse().ok().filter(|d| (1..=31).contains(d))?;
    Some(Date { year, month, day })
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
            errors.add(field, Msg::with(key, range.end()));
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
    let participants =
        number(&mut errors, "participants", &form.participants, 2..=MAX_PARTICIPANTS, "booking.participants.invalid");
    let mut invitees: Vec<String> = Vec::new();
    for address in form.invitees.split([',', ';', ' ', '\n', '\r', '\t']).filter(|a| !a.is_empty()) {
        let address = address.trim().to_lowercase();
        if !crate::accounts::model::valid_email(&address) {
            errors.add("invitees", Msg::with("booking.invitees.invalid", &address));
            break;
        }
        if !invitees.contains(&address) {
            invitees.push(address);
        }
    }
    if invitees.len() > 200 {
        errors.add("invitees", Msg::with("booking.invitees.too_many", 200));
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

/// A booking (one occurrence) as its page and lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingView {
    pub id: i64,
    pub uid: String,
    pub room_slug: String,
    pub room_name: String,
    pub region: String,
    pub title: String,
    pub description: String,
    /// In the reader's zone, named.
    pub starts: String,
    pub ends: String,
    /// For the week view: day of the week (0 = Monday) and minutes after midnight, in the reader's zone.
    pub weekday: u32,
    pub start_minute: u32,
    pub minutes: i64,
    pub participants: i64,
    pub state: String,
    pub series: bool,
    pub invitees: Vec<String>,
    /// The reader may change it (owner of the booking, or a manager of the room).
    pub manages: bool,
    pub note: String,
}

/// Another start that fits, in the booker's zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeOption {
    pub date: String,
    pub time: String,
    pub label: String,
}

/// Another region with room at the asked time, and what it offers less than the room's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionOption {
    pub code: String,
    pub name: String,
    pub lacks_recording: bool,
    /// Its largest meeting when smaller than the booking; 0: no smaller.
    pub smaller_meetings: i64,
}

/// What a refused booking could do instead.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestions {
    pub times: Vec<TimeOption>,
    pub regions: Vec<RegionOption>,
}

/// The member's schedule page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchedulePage {
    pub upcoming: Vec<BookingView>,
    pub past: Vec<BookingView>,
    /// The shown week's bookings, and its days' names (Monday first) in the member's zone.
    pub week: Vec<BookingView>,
    pub days: Vec<String>,
    /// Weeks from this one (negative: past weeks).
    pub week_offset: i64,
    /// The private feed's address.
    pub feed: String,
    pub remind_minutes: i64,
    pub zone: String,
}

/// The booking form's page: the rooms the member may book in and where the form starts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormPage {
    pub rooms: Vec<(String, String)>,
    pub zone: String,
    pub values: BookingForm,
}

/// A provisioning call about an event, as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallView {
    pub phase: String,
    pub sent: bool,
    pub attempts: i64,
    pub error: Option<String>,
    pub at: String,
}

/// One booking's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingDetail {
    pub booking: BookingView,
    pub series: Vec<BookingView>,
    pub calls: Vec<CallView>,
    /// The edit form's values, in the booker's zone.
    pub form: BookingForm,
}

/// Reserved capacity on a region over the coming weeks, hour by hour, for the admins' chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CapacityChart {
    pub code: String,
    pub name: String,
    pub capacity: i64,
    pub bookable: i64,
    /// The most reserved in each hour from the start of today (in the admin's zone).
    pub hours: Vec<i64>,
    /// The first day's date and each following day's, to label the axis.
    pub days: Vec<String>,
    /// Events on the chart: the hour they start at (index into `hours`), title, participants, state.
    pub events: Vec<(i64, String, i64, String)>,
}

/// The admins' schedule page: events waiting for a decision, and each region's capacity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminSchedule {
    pub waiting: Vec<BookingView>,
    pub charts: Vec<CapacityChart>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> BookingForm {
        BookingForm {
            room: "abc".into(),
            title: "Assembly".into(),
            date: "2026-12-01".into(),
            time: "18:30".into(),
            duration: "90".into(),
            participants: "120".into(),
            invitees: "Ann@Example.org, bob@example.org\nann@example.org".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_good_form_is_read_whole() {
        let checked = check(&form()).unwrap();
        assert_eq!((checked.hour, checked.minute, checked.minutes, checked.participants), (18, 30, 90, 120));
        assert_eq!(checked.invitees, ["ann@example.org", "bob@example.org"], "lower-cased, once each");
        assert_eq!(checked.repeat, None);
        let series = check(&form().with("every_weeks", "2".into()).with("count", "5".into())).unwrap();
        assert_eq!(series.repeat, Some((2, SeriesEnd::Count(5))));
        let until = check(&form().with("every_weeks", "1".into()).with("until", "2027-01-31".into())).unwrap();
        assert_eq!(until.repeat, Some((1, SeriesEnd::Until(Date { year: 2027, month: 1, day: 31 }))));
    }

    #[test]
    fn each_bad_field_is_named() {
        let cases = [
            ("title", " ", "booking.title.invalid"),
            ("date", "1/12/2026", "booking.date.invalid"),
            ("time", "25:00", "booking.time.invalid"),
            ("duration", "721", "booking.duration.invalid"),
            ("participants", "1", "booking.participants.invalid"),
            ("invitees", "ann@example.org, not-an-address", "booking.invitees.invalid"),
            ("every_weeks", "13", "booking.every_weeks.invalid"),
        ];
        for (field, value, key) in cases {
            let errors = check(&form().with(field, value.into()).with("count", "3".into())).unwrap_err();
            assert_eq!(errors.get(field).map(|m| m.key.as_str()), Some(key), "{field}");
        }
        let no_end = check(&form().with("every_weeks", "1".into())).unwrap_err();
        assert_eq!(no_end.get("count").map(|m| m.key.as_str()), Some("booking.series_end.missing"));
        let before = check(&form().with("every_weeks", "1".into()).with("until", "2026-11-01".into())).unwrap_err();
        assert_eq!(before.get("until").map(|m| m.key.as_str()), Some("booking.until.invalid"));
    }

    #[test]
    fn fields_are_read_and_written_by_name() {
        for name in BookingForm::FIELDS {
            assert_eq!(BookingForm::default().with(name, "x".into()).get(name), "x", "{name}");
        }
        assert_eq!(form().get("nope"), "");
    }
}
