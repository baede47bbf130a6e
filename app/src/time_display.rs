//! Times as a reader sees them: in their own time zone (an IANA name from their profile; UTC for
//! visitors without one), with the zone named, so "23:30 in Berlin" is not shown as the next day's
//! UTC date, and written as their language writes dates (CLDR's patterns through ICU4X's
//! `icu_datetime`: "10 Mar 2026, 23:30" in English, "10.03.2026, 23:30" in German). Computed on
//! the server with chrono-tz, so no calendar code reaches the browser.
use crate::clock::Timestamp;
use crate::i18n::Lang;
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::{DE, YMD, YMDE, YMDT};
use icu_datetime::input::{Date, DateTime, Time};
use std::sync::OnceLock;

use icu_calendar::Gregorian;

/// Who reads a time: the zone it is shown in and the language it is written in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reader {
    pub zone: String,
    pub lang: Lang,
}

impl Reader {
    /// `zone` is an IANA name; an empty or unknown one reads as UTC.
    pub fn new(zone: &str, lang: Lang) -> Reader {
        Reader { zone: zone_of(Some(zone)).to_string(), lang }
    }
}

fn zoned(at: Timestamp, zone: &str) -> Option<chrono::DateTime<chrono_tz::Tz>> {
    let tz: chrono_tz::Tz = zone.parse().unwrap_or(chrono_tz::UTC);
    chrono::DateTime::from_timestamp(at.secs(), 0).map(|t| t.with_timezone(&tz))
}

fn date_of<T: chrono::Datelike>(t: &T) -> Option<Date<Gregorian>> {
    Date::try_new_gregorian(t.year(), u8::try_from(t.month()).ok()?, u8::try_from(t.day()).ok()?).ok()
}

fn prefs(lang: Lang) -> icu_datetime::DateTimeFormatterPreferences {
    (&crate::i18n::numbers::locale(lang)).into()
}

/// One formatter per language and field set, made on first use and kept.
macro_rules! formatter {
    ($name:ident, $set:ty, $make:expr) => {
        fn $name(lang: Lang) -> Option<&'static FixedCalendarDateTimeFormatter<Gregorian, $set>> {
            static FORMATTERS: [OnceLock<Option<FixedCalendarDateTimeFormatter<Gregorian, $set>>>; 4] =
                [OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new()];
            FORMATTERS[lang as usize]
                .get_or_init(|| FixedCalendarDateTimeFormatter::try_new(prefs(lang), $make).ok())
                .as_ref()
        }
    };
}
formatter!(date_time_formatter, YMDT, YMD::medium().with_time_hm());
formatter!(date_formatter, YMD, YMD::medium());
formatter!(weekday_date_formatter, YMDE, YMDE::medium());
formatter!(weekday_day_formatter, DE, DE::short());

/// The moment in the reader's zone and language, the zone named: `10 Mar 2026, 23:30 CET`.
pub fn local(at: Timestamp, reader: &Reader) -> String {
    let Some(t) = zoned(at, &reader.zone) else { return String::new() };
    use chrono::Timelike;
    let written =
        date_of(&t).zip(Time::try_new(t.hour() as u8, t.minute() as u8, 0, 0).ok()).and_then(|(date, time)| {
            date_time_formatter(reader.lang).map(|f| f.format(&DateTime { date, time }).to_string())
        });
    let written = written.unwrap_or_else(|| t.format("%Y-%m-%d %H:%M").to_string());
    format!("{written} {}", t.format("%Z"))
}

/// The day of the moment in the reader's zone and language: `10 Mar 2026`.
pub fn day(at: Timestamp, reader: &Reader) -> String {
    let Some(t) = zoned(at, &reader.zone) else { return String::new() };
    date_of(&t)
        .and_then(|date| date_formatter(reader.lang).map(|f| f.format(&date).to_string()))
        .unwrap_or_else(|| t.format("%Y-%m-%d").to_string())
}

/// A calendar day with its weekday, as the reader's language writes it: `Tue, 1 Dec 2026`.
pub fn weekday_date(day: chrono::NaiveDate, lang: Lang) -> String {
    date_of(&day)
        .and_then(|date| weekday_date_formatter(lang).map(|f| f.format(&date).to_string()))
        .unwrap_or_else(|| day.format("%a %Y-%m-%d").to_string())
}

/// A day of the month with its weekday, short: `Tue 1`.
pub fn weekday_day(day: chrono::NaiveDate, lang: Lang) -> String {
    date_of(&day)
        .and_then(|date| weekday_day_formatter(lang).map(|f| f.format(&date).to_string()))
        .unwrap_or_else(|| day.format("%a %d").to_string())
}

/// The day in `zone` as a date field holds it (`2026-12-01`), whatever the reader's language.
pub fn form_date(at: Timestamp, zone: &str) -> String {
    zoned(at, zone).map(|t| t.format("%Y-%m-%d").to_string()).unwrap_or_default()
}

/// The zone of a reader: theirs when signed in, else UTC.
pub fn zone_of(time_zone: Option<&str>) -> &str {
    time_zone.filter(|z| !z.is_empty()).unwrap_or("UTC")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_late_evening_in_berlin_keeps_its_date() {
        // 2026-03-10 22:30 UTC is 23:30 the same day in Berlin; 23:30 UTC is already the 11th there.
        let evening = Timestamp::from_secs(1_773_181_800);
        let en = |zone: &str| Reader::new(zone, Lang::En);
        assert_eq!(local(evening, &en("Europe/Berlin")), "10 Mar 2026, 23:30 CET");
        assert_eq!(local(evening.plus(3600), &en("Europe/Berlin")), "11 Mar 2026, 00:30 CET");
        assert_eq!(local(evening, &en("America/New_York")), "10 Mar 2026, 18:30 EDT");
        assert_eq!(local(evening, &en("Not/AZone")), "10 Mar 2026, 22:30 UTC");
    }

    /// A recording's date as each reader expects it.
    #[test]
    fn each_language_writes_dates_its_way() {
        let at = Timestamp::from_secs(1_796_135_400); // 2026-12-01 14:30 UTC
        let written: Vec<String> = Lang::ALL.iter().map(|l| local(at, &Reader::new("Europe/Berlin", *l))).collect();
        assert_eq!(
            written,
            ["1 Dec 2026, 15:30 CET", "1 déc. 2026, 15:30 CET", "01.12.2026, 15:30 CET", "1 dic 2026, 15:30 CET"]
        );
        assert_eq!(day(at, &Reader::new("UTC", Lang::De)), "01.12.2026");
        let tuesday = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(weekday_date(tuesday, Lang::De), "Di., 01.12.2026");
        assert_eq!(weekday_date(tuesday, Lang::En), "Tue, 1 Dec 2026");
        assert_eq!(weekday_day(tuesday, Lang::Fr), "mar. 1");
    }
}
