//! Times as a reader sees them: in their own time zone (an IANA name from their profile; UTC for
//! visitors without one), with the zone named, so "23:30 in Berlin" is not shown as the next day's
//! UTC date. Computed on the server with chrono-tz, so no calendar code reaches the browser.
use crate::clock::Timestamp;

/// `2026-11-25 23:30 CET`: the moment in `zone`, or in UTC when `zone` is not a known zone.
pub fn local(at: Timestamp, zone: &str) -> String {
    let tz: chrono_tz::Tz = zone.parse().unwrap_or(chrono_tz::UTC);
    chrono::DateTime::from_timestamp(at.secs(), 0)
        .map(|t| t.with_timezone(&tz).format("%Y-%m-%d %H:%M %Z").to_string())
        .unwrap_or_default()
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
        assert_eq!(local(evening, "Europe/Berlin"), "2026-03-10 23:30 CET");
        assert_eq!(local(evening.plus(3600), "Europe/Berlin"), "2026-03-11 00:30 CET");
        assert_eq!(local(evening, "America/New_York"), "2026-03-10 18:30 EDT");
        assert_eq!(local(evening, "Not/AZone"), "2026-03-10 22:30 UTC");
    }
}
