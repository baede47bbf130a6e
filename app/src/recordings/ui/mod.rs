//! Recordings in pages: the part of a room's page, and the member's list of all their recordings.
mod mine;
mod room;

pub use mine::MyRecordingsPage;
pub use room::Recordings;

/// `YYYY-MM-DD` in UTC from milliseconds, without pulling a date library into the browser.
fn chrono_free_date(ms: i64) -> String {
    let days = ms.div_euclid(86_400_000);
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_from_milliseconds() {
        assert_eq!(super::chrono_free_date(0), "1970-01-01");
        assert_eq!(super::chrono_free_date(1_700_000_000_000), "2023-11-14");
        assert_eq!(super::chrono_free_date(951_782_400_000), "2000-02-29");
    }
}
