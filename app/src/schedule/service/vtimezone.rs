//! The VTIMEZONE of a zone (RFC 5545 3.6.5): its offset changes over the span a calendar covers,
//! read from chrono-tz's copy of the tz database, each change one STANDARD or DAYLIGHT observance.
//! The `icalendar` crate has no builder for this component, so it is assembled from its parser's
//! typed component (name, properties, sub-components), which the crate then writes like any other.
use crate::clock::Timestamp;
use chrono::{Offset, TimeZone};
use chrono_tz::{OffsetComponents, OffsetName, Tz};
use icalendar::parser::{Component, Property};
use icalendar::{CalendarComponent, DatePerhapsTime};

/// How far before and after the span the changes are listed: calendars look at neighbouring days.
const MARGIN: i64 = 40 * 86_400;
const HOUR: i64 = 3600;

struct Change {
    at: i64,
    from: i32,
    to: i32,
    daylight: bool,
    name: String,
}

fn offset_at(tz: Tz, at: i64) -> (i32, bool, String) {
    let offset = tz.offset_from_utc_datetime(&chrono::DateTime::from_timestamp(at, 0).unwrap_or_default().naive_utc());
    let seconds = offset.fix().local_minus_utc();
    (seconds, !offset.dst_offset().is_zero(), offset.abbreviation().unwrap_or("").to_string())
}

/// Every offset change of `tz` in `[from, to)`, found hour by hour and then to the second.
fn changes(tz: Tz, from: i64, to: i64) -> Vec<Change> {
    let mut found = Vec::new();
    let mut at = from;
    let mut before = offset_at(tz, at).0;
    while at < to {
        let next = (at + HOUR).min(to);
        let after = offset_at(tz, next).0;
        if after != before {
            let (mut low, mut high) = (at, next);
            while high - low > 1 {
                let mid = low + (high - low) / 2;
                if offset_at(tz, mid).0 == before { low = mid } else { high = mid }
            }
            let (to_offset, daylight, name) = offset_at(tz, high);
            found.push(Change { at: high, from: before, to: to_offset, daylight, name });
        }
        before = after;
        at = next;
    }
    found
}

/// `+0100`, `-0330`: a UTC offset as RFC 5545 writes it.
fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.abs() / 60;
    format!("{sign}{:02}{:02}", minutes / 60, minutes % 60)
}

fn property(name: &'static str, value: String) -> Property<'static> {
    Property { name: name.into(), val: value.into(), params: Vec::new() }
}

fn observance(change: &Change) -> Component<'static> {
    // An observance starts at the local time of the change, counted in the offset before it.
    let local = chrono::DateTime::from_timestamp(change.at + i64::from(change.from), 0).unwrap_or_default().naive_utc();
    let start = DatePerhapsTime::from(local).to_property("DTSTART").value().to_string();
    Component {
        name: if change.daylight { "DAYLIGHT" } else { "STANDARD" }.into(),
        properties: vec![
            property("DTSTART", start),
            property("TZOFFSETFROM", utc_offset(change.from)),
            property("TZOFFSETTO", utc_offset(change.to)),
            property("TZNAME", change.name.clone()),
        ],
        components: Vec::new(),
    }
}

/// The VTIMEZONE for `zone` covering `[from, to)` (Unix seconds), with a margin either side.
pub fn component(zone: &str, from: i64, to: i64) -> CalendarComponent {
    let tz = crate::schedule::service::times::zone(zone);
    let start = from - MARGIN;
    let (offset, daylight, name) = offset_at(tz, start);
    // The offset in force at the start, so a zone without changes still has one observance.
    let mut observances = vec![observance(&Change { at: start, from: offset, to: offset, daylight, name })];
    observances.extend(changes(tz, start, to + MARGIN).iter().map(observance));
    let zone_name = tz.name().to_string();
    CalendarComponent::from(Component {
        name: "VTIMEZONE".into(),
        properties: vec![property("TZID", zone_name)],
        components: observances,
    })
}

/// What RFC 5545 (3.6.5) lets a VTIMEZONE and its STANDARD and DAYLIGHT parts carry.
const ZONE_PROPERTIES: [&str; 10] =
    ["TZID", "LAST-MODIFIED", "TZURL", "DTSTART", "TZOFFSETTO", "TZOFFSETFROM", "RRULE", "RDATE", "COMMENT", "TZNAME"];

/// A written calendar without what the `icalendar` crate adds to every component it writes (a
/// DTSTAMP and a UID) where the RFC allows neither: in VTIMEZONE and its observances, where strict
/// readers refuse them. No builder of the crate leaves them out, so they are dropped from its
/// text. Lines are exact for this: a folded line's continuation starts with a space or a tab, so
/// every other line starts with its property's name (or BEGIN/END).
pub fn without_stamps(text: String) -> String {
    let mut depth = 0usize;
    let mut keeping = true;
    let mut kept = String::with_capacity(text.len());
    for line in text.split_inclusive("\r\n") {
        if !(line.starts_with(' ') || line.starts_with('\t')) {
            let name = line.split([':', ';']).next().unwrap_or_default();
            if line.starts_with("BEGIN:VTIMEZONE") || (depth > 0 && name == "BEGIN") {
                depth += 1;
                keeping = true;
            } else if depth > 0 && name == "END" {
                depth -= 1;
                keeping = true;
            } else {
                keeping = depth == 0 || ZONE_PROPERTIES.contains(&name);
            }
        }
        if keeping {
            kept.push_str(line);
        }
    }
    kept
}

/// When the zone's offset changes next after `at` (for tests and the week view's labels).
pub fn next_change(zone: &str, at: Timestamp, within: i64) -> Option<Timestamp> {
    let tz = crate::schedule::service::times::zone(zone);
    changes(tz, at.secs(), at.secs() + within).first().map(|c| Timestamp::from_secs(c.at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn berlin_changes_to_summer_time_at_one_utc_on_the_last_sunday_of_march() {
        let march = Timestamp::from_secs(1_772_323_200); // 2026-03-01 00:00 UTC
        let change = next_change("Europe/Berlin", march, 60 * 86_400).unwrap();
        assert_eq!(change.secs(), 1_774_746_000, "2026-03-29 01:00 UTC");
        assert_eq!(next_change("UTC", march, 400 * 86_400), None);
    }

    #[test]
    fn a_zone_keeps_only_what_the_rfc_allows_in_it() {
        use icalendar::Component as _;
        let mut calendar = icalendar::Calendar::empty();
        calendar.push(component("Europe/Berlin", 1_772_323_200, 1_790_000_000));
        calendar.push(icalendar::Event::new().uid("u@example.org").summary("DTSTAMP: a title").done());
        let written = without_stamps(calendar.to_string());
        let zone = &written[written.find("BEGIN:VTIMEZONE").unwrap()..written.find("END:VTIMEZONE").unwrap()];
        assert!(zone.contains("BEGIN:DAYLIGHT") && zone.contains("TZOFFSETTO:+0200"), "{zone}");
        assert!(!zone.contains("DTSTAMP") && !zone.contains("UID"), "{zone}");
        let event = &written[written.find("BEGIN:VEVENT").unwrap()..];
        assert!(event.contains("\r\nDTSTAMP:") && event.contains("UID:u@example.org"), "{event}");
    }

    #[test]
    fn offsets_are_written_as_rfc_5545_wants() {
        assert_eq!(utc_offset(3600), "+0100");
        assert_eq!(utc_offset(-12_600), "-0330");
        assert_eq!(utc_offset(0), "+0000");
    }
}
