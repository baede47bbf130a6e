//! Wall-clock times in a member's zone and the moments they name. A weekly series repeats the local
//! date and time, not a number of seconds, so 10:00 in Berlin stays 10:00 when summer time starts.
use crate::clock::Timestamp;
use crate::schedule::model::{Checked, MAX_OCCURRENCES, SeriesEnd};
use chrono::{Datelike, Duration, NaiveTime, Timelike};
use chrono_tz::Tz;

pub use crate::dates::{local, moment, naive_date, zone};

/// The starts of a checked booking: one, or each occurrence of its series, in `tz`.
pub fn starts(tz: Tz, form: &Checked) -> Vec<Timestamp> {
    let Some(first) = naive_date(form.date) else { return Vec::new() };
    let time = NaiveTime::from_hms_opt(form.hour, form.minute, 0).unwrap_or_default();
    let Some((weeks, end)) = form.repeat else { return vec![moment(tz, first.and_time(time))] };
    let mut found = Vec::new();
    for n in 0..MAX_OCCURRENCES {
        let day = first + Duration::weeks(n * weeks);
        let done = match end {
            SeriesEnd::Count(count) => n >= count,
            SeriesEnd::Until(until) => naive_date(until).is_none_or(|until| day > until),
        };
        if done {
            break;
        }
        found.push(moment(tz, day.and_time(time)));
    }
    found
}

/// `2026-03-29` and `10:00` for a form, from a moment in `tz`.
pub fn form_fields(tz: Tz, at: Timestamp) -> (String, String) {
    let t = local(tz, at);
    (format!("{:04}-{:02}-{:02}", t.year(), t.month(), t.day()), format!("{:02}:{:02}", t.hour(), t.minute()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::model::{BookingForm, Date, check};
    use chrono::NaiveDate;

    fn form(date: &str, every: &str, count: &str) -> Checked {
        check(&BookingForm {
            room: "r".into(),
            title: "Weekly".into(),
            date: date.into(),
            time: "10:00".into(),
            duration: "60".into(),
            participants: "10".into(),
            every_weeks: every.into(),
            count: count.into(),
            ..Default::default()
        })
        .unwrap()
    }

    #[test]
    fn a_weekly_ten_oclock_in_berlin_stays_ten_across_the_change_to_summer_time() {
        let berlin = zone("Europe/Berlin");
        // Summer time starts on Sunday 2026-03-29.
        let starts = starts(berlin, &form("2026-03-23", "1", "3"));
        let hours: Vec<String> =
            starts.iter().map(|s| local(berlin, *s).format("%Y-%m-%d %H:%M").to_string()).collect();
        assert_eq!(hours, ["2026-03-23 10:00", "2026-03-30 10:00", "2026-04-06 10:00"]);
        // 10:00 CET is 09:00 UTC, 10:00 CEST is 08:00 UTC: a week apart is not 7 × 24 hours.
        assert_eq!(starts[1].since(starts[0]), 7 * 86_400 - 3600);
    }

    #[test]
    fn a_series_ends_at_its_count_or_its_last_date() {
        let utc = zone("UTC");
        assert_eq!(starts(utc, &form("2026-01-05", "2", "4")).len(), 4);
        let mut until = form("2026-01-05", "1", "2");
        until.repeat = Some((1, SeriesEnd::Until(Date { year: 2026, month: 1, day: 26 })));
        assert_eq!(starts(utc, &until).len(), 4, "the 5th, 12th, 19th and 26th");
        until.repeat = Some((1, SeriesEnd::Until(Date { year: 2030, month: 1, day: 1 })));
        assert_eq!(starts(utc, &until).len() as i64, MAX_OCCURRENCES);
    }

    #[test]
    fn a_time_skipped_by_the_clock_change_is_taken_after_the_jump() {
        let berlin = zone("Europe/Berlin");
        let skipped = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap().and_hms_opt(2, 30, 0).unwrap();
        assert_eq!(local(berlin, moment(berlin, skipped)).format("%H:%M").to_string(), "03:30");
        let twice = NaiveDate::from_ymd_opt(2026, 10, 25).unwrap().and_hms_opt(2, 30, 0).unwrap();
        assert_eq!(moment(berlin, twice).secs(), 1_792_888_200, "the first 02:30, still in summer time");
    }
}
