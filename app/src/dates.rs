//! Calendar dates and wall-clock times in a zone: what a form's date names, and the moment a local
//! time names. Shared by every feature that reads a date from a form (bookings, grants, manual
//! contributions), so it sits below them all.

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// A form's `YYYY-MM-DD`, within the years a booking or a record can name.
pub fn parse_date(text: &str) -> Option<Date> {
    let mut parts = text.trim().splitn(3, '-');
    let year = parts.next()?.parse().ok().filter(|y| (2000..=2100).contains(y))?;
    let month = parts.next()?.parse().ok().filter(|m| (1..=12).contains(m))?;
    let day = parts.next()?.parse().ok().filter(|d| (1..=31).contains(d))?;
    Some(Date { year, month, day })
}

#[cfg(feature = "ssr")]
mod zoned {
    use super::Date;
    use crate::clock::Timestamp;
    use chrono::{Duration, LocalResult, NaiveDate, NaiveDateTime, TimeZone};
    use chrono_tz::Tz;

    /// An IANA zone by name; an unknown name is UTC.
    pub fn zone(name: &str) -> Tz {
        name.parse().unwrap_or(chrono_tz::UTC)
    }

    pub fn naive_date(date: Date) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(date.year, date.month, date.day)
    }

    /// The moment a wall-clock time names in `tz`. A time that does not exist (skipped when clocks
    /// go forward) is taken as the same time after the jump; one that happens twice, as the first.
    pub fn moment(tz: Tz, local: NaiveDateTime) -> Timestamp {
        let resolved = match tz.from_local_datetime(&local) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t,
            LocalResult::None => match tz.from_local_datetime(&(local + Duration::hours(1))) {
                LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t,
                LocalResult::None => return Timestamp::from_secs(local.and_utc().timestamp()),
            },
        };
        Timestamp::from_secs(resolved.timestamp())
    }

    /// A form's `YYYY-MM-DDTHH:MM` (a `datetime-local` field) read in the zone named `zone`.
    pub fn form_moment(text: &str, zone_name: &str) -> Option<Timestamp> {
        let local = NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%dT%H:%M").ok()?;
        Some(moment(zone(zone_name), local))
    }

    /// A form's "from" and "until" (`starts`, `ends`, read in `zone_name`): both moments when they
    /// read and the end comes after the start, else the reason next to each field.
    pub fn form_window(
        errors: &mut crate::error::FieldErrors,
        starts: &str,
        ends: &str,
        zone_name: &str,
    ) -> Option<(Timestamp, Timestamp)> {
        use crate::error::Msg;
        let (starts, ends) = (form_moment(starts, zone_name), form_moment(ends, zone_name));
        if starts.is_none() {
            errors.add("starts", Msg::new("field.starts.invalid"));
        }
        match (starts, ends) {
            (_, None) => errors.add("ends", Msg::new("field.ends.invalid")),
            (Some(s), Some(e)) if e <= s => errors.add("ends", Msg::new("field.ends.before")),
            (Some(s), Some(e)) => return Some((s, e)),
            _ => {}
        }
        None
    }

    /// The wall-clock time of a moment in `tz`.
    pub fn local(tz: Tz, at: Timestamp) -> NaiveDateTime {
        chrono::DateTime::from_timestamp(at.secs(), 0).map(|t| t.with_timezone(&tz).naive_local()).unwrap_or_default()
    }
}
#[cfg(feature = "ssr")]
pub use zoned::{form_moment, form_window, local, moment, naive_date, zone};
